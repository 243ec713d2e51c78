#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into a database, replacing what is there, in one
# transaction (a failed restore leaves the database as it was). Stop the portal first.
#
#   scripts/restore.sh "<connection>" <file>
#
# With Docker Compose: docker compose stop web && docker compose exec -T db pg_restore --clean --if-exists \
#   --no-owner --single-transaction -U childcare -d childcare < childcare.dump && docker compose start web
set -euo pipefail
db=${1:?"usage: scripts/restore.sh <connection> <file>"}
file=${2:?"usage: scripts/restore.sh <connection> <file>"}
bin() { command -v "$1" 2>/dev/null || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -1; }
pg_restore=$(bin pg_restore)
[ -n "$pg_restore" ] || { echo "pg_restore not found: install postgresql-client" >&2; exit 1; }
"$pg_restore" --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error --dbname="$db" "$file"
echo "restored $file"
