#!/usr/bin/env bash
# Backs up the whole ChildCare database — reports, their history and evidence files, export files,
# users, audit — into one file in pg_dump's custom format (compressed, restorable table by table).
#
#   scripts/backup.sh "<connection>" [file]
#
# <connection> is a libpq connection string or URI, e.g.
#   "host=127.0.0.1 port=5432 user=childcare password=... dbname=childcare"
#   postgresql://childcare:...@db:5432/childcare
# With Docker Compose: docker compose exec -T db pg_dump -Fc -U childcare childcare > childcare.dump
set -euo pipefail
db=${1:?"usage: scripts/backup.sh <connection> [file]"}
file=${2:-childcare-$(date +%Y%m%d-%H%M%S).dump}
bin() { command -v "$1" 2>/dev/null || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -1; }
pg_dump=$(bin pg_dump)
pg_restore=$(bin pg_restore)
[ -n "$pg_dump" ] || { echo "pg_dump not found: install postgresql-client" >&2; exit 1; }
"$pg_dump" --format=custom --compress=6 --no-owner --no-privileges --dbname="$db" --file="$file"
# A backup that cannot be read is no backup: list its contents before saying it is done.
"$pg_restore" --list "$file" > /dev/null
echo "$file ($(du -h "$file" | cut -f1))"
