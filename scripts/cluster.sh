#!/usr/bin/env bash
# The compose topology without Docker, on this machine: PostgreSQL, two portal instances on two ports, and
# Debian's nginx in front with the repo's configuration (deploy/nginx/childcare.conf: sticky by client address,
# WebSockets, forwarded headers). For drills, load tests and anyone without Docker.
#
#   scripts/cluster.sh up        build, start everything, wait until nginx answers /health; prints the address
#   scripts/cluster.sh down      stop nginx, the portals and the private PostgreSQL
#   scripts/cluster.sh status    what is running
#   scripts/cluster.sh restart N stop and start portal N (1 or 2)
#   scripts/cluster.sh roll      rolling restart of both portals under traffic through nginx; prints requests and failures
#
# Settings (environment):
#   CHILDCARE_CONNECTION   an existing database (Npgsql connection string); without it a private PostgreSQL cluster
#                          is created under the cluster folder from the binaries in /usr/lib/postgresql/*/bin
#   CHILDCARE_CLUSTER_DIR  where pids, logs and the private cluster live (default /var/tmp/childcare-cluster-$USER)
#   CHILDCARE_PORT         nginx's port (default 5200); the portals listen on PORT+1 and PORT+2, PostgreSQL on PORT+39
#   CHILDCARE_ENVIRONMENT  ASP.NET Core environment of the portals (default Development: demo accounts and data)
#   CHILDCARE_CONFIGURATION the build the portals run (default Debug; scripts/load.sh uses Release)
# Other settings reach the portals as environment variables (e.g. Serilog__MinimumLevel__Default=Warning).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dir=${CHILDCARE_CLUSTER_DIR:-/var/tmp/childcare-cluster-${USER:-$(id -un)}}
port=${CHILDCARE_PORT:-5200}
pgport=$((port + 39))
env_name=${CHILDCARE_ENVIRONMENT:-Development}
configuration=${CHILDCARE_CONFIGURATION:-Debug}
dll="$root/src/ChildCare.Web/bin/$configuration/net10.0/ChildCare.Web.dll"
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

connection() {
  if [ -n "${CHILDCARE_CONNECTION:-}" ]; then echo "$CHILDCARE_CONNECTION"
  else echo "Host=127.0.0.1;Port=$pgport;Database=childcare;Username=postgres;Pooling=true;Maximum Pool Size=40"; fi
}

start_postgres() {
  [ -n "${CHILDCARE_CONNECTION:-}" ] && return
  [ -n "$pgbin" ] || { echo "PostgreSQL binaries not found under /usr/lib/postgresql" >&2; exit 1; }
  mkdir -p "$dir/pg"
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir/pg"; chmod 0700 "$dir/pg"; fi
  if [ ! -f "$dir/pg/PG_VERSION" ]; then
    as_postgres "$pgbin/initdb" -D "$dir/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log"
  fi
  if ! as_postgres "$pgbin/pg_ctl" -D "$dir/pg" status > /dev/null 2>&1; then
    as_postgres "$pgbin/pg_ctl" -D "$dir/pg" -l "$dir/pg/postgres.log" -w \
      -o "-p $pgport -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200" start > /dev/null
  fi
}

start_portal() {
  local n=$1 p=$((port + $1))
  [ -f "$dir/portal$n.pid" ] && kill -0 "$(cat "$dir/portal$n.pid")" 2> /dev/null && return
  # `cd; cmd &` (not `cd && cmd &`): the pid saved is dotnet's own, not a subshell's.
  (cd "$root/src/ChildCare.Web"
    ASPNETCORE_ENVIRONMENT="$env_name" ConnectionStrings__ChildCare="$(connection)" \
    ForwardedHeaders__KnownProxies=127.0.0.1 Logging__File__Path="$dir/logs/portal$n-.log" \
    nohup dotnet "$dll" --urls "http://127.0.0.1:$p" >> "$dir/logs/portal$n.out" 2>&1 & echo $! > "$dir/portal$n.pid")
}

wait_healthy() {
  local url=$1 i
  for i in $(seq 1 240); do
    curl -fsS -o /dev/null "$url/health" 2> /dev/null && return 0
    sleep 0.5
  done
  echo "$url did not become healthy; see $dir/logs" >&2; return 1
}

start_nginx() {
  command -v nginx > /dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx not found: apt-get install nginx-light" >&2; exit 1; }
  mkdir -p "$dir/nginx/logs" "$dir/nginx/tmp"
  local servers
  servers=$(printf '    server 127.0.0.1:%s max_fails=2 fail_timeout=5s;\n' $((port + 1)) $((port + 2)))
  { echo "worker_processes 2; pid $dir/nginx/nginx.pid; error_log $dir/nginx/logs/error.log warn;"
    echo "events { worker_connections 4096; }"
    echo "http { access_log $dir/nginx/logs/access.log; client_body_temp_path $dir/nginx/tmp; proxy_temp_path $dir/nginx/tmp;"
    sed -e "s/__LISTEN__/127.0.0.1:$port/" -e "/^__UPSTREAM_SERVERS__$/{
r /dev/stdin
d
}" "$root/deploy/nginx/childcare.conf" <<< "$servers"
    echo "}"; } > "$dir/nginx/nginx.conf"
  local bin; bin=$(command -v nginx || echo /usr/sbin/nginx)
  "$bin" -t -c "$dir/nginx/nginx.conf" -p "$dir/nginx" 2> "$dir/nginx/test.log" || { cat "$dir/nginx/test.log" >&2; exit 1; }
  if [ -f "$dir/nginx/nginx.pid" ] && kill -0 "$(cat "$dir/nginx/nginx.pid")" 2> /dev/null; then "$bin" -s reload -c "$dir/nginx/nginx.conf" -p "$dir/nginx"
  else "$bin" -c "$dir/nginx/nginx.conf" -p "$dir/nginx" < /dev/null > /dev/null 2>&1; fi
}

# SIGTERM (Kestrel drains its requests), then wait until the process is gone so its port is free; SIGKILL after 30 s.
stop_pid() {
  [ -f "$1" ] || return 0
  local pid i; pid=$(cat "$1")
  kill "$pid" 2> /dev/null || true
  for i in $(seq 1 60); do kill -0 "$pid" 2> /dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2> /dev/null || true
  rm -f "$1"
}

case "${1:-up}" in
  up)
    mkdir -p "$dir/logs"
    [ -f "$dll" ] || dotnet build "$root/src/ChildCare.Web" -c "$configuration" -v q -nologo > "$dir/logs/build.log"
    start_postgres
    # Both start at once on purpose: migrations and seeding run under an advisory lock (one copy of the seed).
    start_portal 1; start_portal 2
    wait_healthy "http://127.0.0.1:$((port + 1))"; wait_healthy "http://127.0.0.1:$((port + 2))"
    start_nginx
    wait_healthy "http://127.0.0.1:$port"
    echo "http://127.0.0.1:$port (portals :$((port + 1)) :$((port + 2)), database: $(connection | sed 's/Password=[^;]*/Password=…/'))"
    ;;
  restart)
    n=${2:?"usage: scripts/cluster.sh restart 1|2"}
    stop_pid "$dir/portal$n.pid"; start_portal "$n"; wait_healthy "http://127.0.0.1:$((port + n))"
    ;;
  roll)
    # Requests through nginx the whole time (a sign-in page: a real render, no session needed) while portal 1 and
    # then portal 2 stop (SIGTERM: Kestrel drains) and start again. nginx passes a refused request to the other.
    url="http://127.0.0.1:$port/account/login"
    rm -f "$dir/roll.stop"; : > "$dir/roll.codes"
    ( while [ ! -f "$dir/roll.stop" ]; do curl -s -o /dev/null -w '%{http_code}\n' --max-time 10 "$url" >> "$dir/roll.codes" || echo 000 >> "$dir/roll.codes"; done ) &
    loop=$!
    for n in 1 2; do
      stop_pid "$dir/portal$n.pid"; start_portal "$n"; wait_healthy "http://127.0.0.1:$((port + n))"; sleep 6 # > nginx fail_timeout (5 s)
    done
    touch "$dir/roll.stop"; wait "$loop" || true; rm -f "$dir/roll.stop"
    total=$(wc -l < "$dir/roll.codes"); failed=$(grep -vc '^200$' "$dir/roll.codes" || true)
    echo "rolling restart of 2 portals: $total requests through nginx, $failed failed"
    ;;
  down)
    [ -f "$dir/nginx/nginx.pid" ] && { $(command -v nginx || echo /usr/sbin/nginx) -s quit -c "$dir/nginx/nginx.conf" -p "$dir/nginx" || true; }
    stop_pid "$dir/portal1.pid"; stop_pid "$dir/portal2.pid"
    if [ -z "${CHILDCARE_CONNECTION:-}" ] && [ -f "$dir/pg/PG_VERSION" ]; then as_postgres "$pgbin/pg_ctl" -D "$dir/pg" -m fast stop > /dev/null 2>&1 || true; fi
    ;;
  status)
    for n in 1 2; do
      if [ -f "$dir/portal$n.pid" ] && kill -0 "$(cat "$dir/portal$n.pid")" 2> /dev/null; then echo "portal $n: running (:$((port + n)))"; else echo "portal $n: stopped"; fi
    done
    if [ -f "$dir/nginx/nginx.pid" ] && kill -0 "$(cat "$dir/nginx/nginx.pid")" 2> /dev/null; then echo "nginx: running (:$port)"; else echo "nginx: stopped"; fi
    ;;
  *) echo "usage: scripts/cluster.sh up|down|status|restart N" >&2; exit 2 ;;
esac
