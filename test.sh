#!/usr/bin/env bash
# Runs every test of the portal: static checks, unit, integration (real PostgreSQL) and
# end-to-end (real Chromium). Installs what is missing first (Chromium, PostgreSQL, fonts) when
# it can (nginx too). Prints "N passed, N failed" last and exits non-zero on any failure.
#
#   CHILDCARE_CHROMIUM   path of the Chromium to drive (default Debian's headless shell, else /usr/bin/chromium)
#   CHILDCARE_TEST_PG    a PostgreSQL connection string (no database) to use instead of a private cluster
set -uo pipefail
cd "$(dirname "$0")"

# Each stage's time, printed at the end: what costs what, run after run.
stage_names=(); stage_times=(); stage_start=$SECONDS; stage_name=""
stage_close() { if [ -n "$stage_name" ]; then stage_names+=("$stage_name"); stage_times+=($((SECONDS - stage_start))); fi; }
say() {
  stage_close
  stage_name=$*; stage_start=$SECONDS
  printf '\n==> %s\n' "$*"
}
stage_report() {
  stage_close
  echo
  echo "Stage times:"
  for i in "${!stage_names[@]}"; do printf '  %5d s  %s\n' "${stage_times[$i]}" "${stage_names[$i]}"; done
  printf '  %5d s  total\n' "$SECONDS"
}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

missing=()
# Chromium's headless shell (the old headless mode; what Playwright itself runs headless): the same journeys in about a
# quarter less CPU than the full browser's new headless mode (ADR 0018). The full browser when the shell is not to be had.
chromium="${CHILDCARE_CHROMIUM:-/usr/bin/chromium-headless-shell}"
[ -x "$chromium" ] || missing+=(chromium-headless-shell)
if [ -z "${CHILDCARE_TEST_PG:-}" ] && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && ! command -v pg_ctl >/dev/null; then
  missing+=(postgresql)
fi
# nginx in front of two portals for the scale-out drills (the same configuration as compose: deploy/nginx/)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=(nginx-light)
# (grep without -q: -q stops reading early, fc-list dies of SIGPIPE and pipefail would call the fonts missing every run)
fc-list 2>/dev/null | grep -i "liberation serif" >/dev/null || missing+=(fonts-liberation2)
# poppler's pdfsig checks the PDFs the portal signs from outside; certutil/pk12util (NSS) give it a trusted test CA
command -v pdfsig >/dev/null || missing+=(poppler-utils)
command -v certutil >/dev/null || missing+=(libnss3-tools)
# SoftHSM is the PKCS#11 token the seal-key tests sign with; pkcs11-tool (OpenSC) puts a certificate on it
command -v softhsm2-util >/dev/null || missing+=(softhsm2)
command -v pkcs11-tool >/dev/null || missing+=(opensc)
# npx runs the OpenAPI lint (@redocly/cli)
command -v npx >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing ${missing[*]}"
  if command -v apt-get >/dev/null; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # All at once; when apt refuses the set (one package it cannot have), one by one, so the rest still come.
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; then
      for package in "${missing[@]}"; do
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null 2>&1 ||
          echo "Could not install $package; install it yourself (see README)." >&2
      done
    fi
  else
    echo "Please install: ${missing[*]} (see README)." >&2
  fi
fi

if [ ! -x "$chromium" ] && [ -z "${CHILDCARE_CHROMIUM:-}" ] && [ -x /usr/bin/chromium ]; then chromium=/usr/bin/chromium; fi

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"
passed=0
failed=0
check() { # name, command...: a static check counts as one test
  local name=$1; shift
  if "$@" > "$results/$name.log" 2>&1; then passed=$((passed + 1)); echo "  ok    $name"
  else failed=$((failed + 1)); echo "  FAIL  $name (see $results/$name.log)"; tail -20 "$results/$name.log"; fi
}
# A check that needs no test's database or browser runs beside the next stage, so the stages do not wait for it;
# check_collect counts it when it has finished.
background=()
check_beside() { # name, command...
  local name=$1; shift
  ( "$@" > "$results/$name.log" 2>&1; echo $? > "$results/$name.rc" ) &
  background+=("$name:$!")
}
check_collect() {
  local entry name
  for entry in "${background[@]}"; do
    name=${entry%%:*}
    wait "${entry##*:}"
    if [ "$(cat "$results/$name.rc" 2>/dev/null)" = 0 ]; then passed=$((passed + 1)); echo "  ok    $name"
    else failed=$((failed + 1)); echo "  FAIL  $name (see $results/$name.log)"; tail -20 "$results/$name.log"; fi
  done
  background=()
}

say "Restoring tools and building"
dotnet tool restore >/dev/null || { echo "dotnet tool restore failed"; echo "0 passed, 1 failed"; exit 1; }
# Style (the IDE rules .editorconfig sets to warning) in this build, as errors: 12 s more than a plain build, where
# `dotnet format style` afterwards took 27 s to load the solution again.
if ! dotnet build ChildCare.sln -nologo -v:q -clp:ErrorsOnly -p:ChildCareStyleInBuild=true; then
  echo "0 passed, 1 failed"
  exit 1
fi

say "ChildCare.UnitTests and ChildCare.ComponentTests (static checks beside them and the integration tests)"
# Whitespace (not a build rule); style and the analyzers already ran in the build, warnings as errors.
check_beside format-whitespace dotnet format whitespace ChildCare.sln --verify-no-changes
check_beside migrations dotnet ef migrations has-pending-model-changes --project src/ChildCare.Core --startup-project src/ChildCare.Core --no-build

# smtp4dev (a dotnet tool in the manifest): a real SMTP server that keeps what it receives, for the e-mail tests, which
# read it through its API (each test empties it first). Loopback only, in-memory; stopped when this script ends.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
trap 'kill $(cat "$results/smtp4dev.pids" 2>/dev/null) 2>/dev/null' EXIT
start_smtp4dev() { # name: prints the CHILDCARE_SMTP4DEV value, or nothing when it did not start
  local smtp_port web_port
  smtp_port=$(free_port) && web_port=$(free_port)
  dotnet smtp4dev --smtpport="$smtp_port" --imapport=0 --pop3port=0 --bindaddress=127.0.0.1 --urls="http://127.0.0.1:$web_port" \
    --db= --nousersettings > "$results/smtp4dev-$1.log" 2>&1 &
  echo $! >> "$results/smtp4dev.pids"
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$web_port/api/messages" >/dev/null 2>&1 && break; sleep 0.5; done
  if curl -sf "http://127.0.0.1:$web_port/api/messages" >/dev/null 2>&1; then
    echo "  smtp4dev ($1): SMTP 127.0.0.1:$smtp_port, messages at http://127.0.0.1:$web_port" >&2
    echo "127.0.0.1:$smtp_port|http://127.0.0.1:$web_port"
  else
    echo "  FAIL  smtp4dev ($1) did not start (see $results/smtp4dev-$1.log): its e-mail tests fall back to an in-process SMTP server" >&2
  fi
}

count() { # project: adds its trx counters to passed/failed
  local trx="$results/$1.trx" counters p f t e
  if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
    e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
    # a test that did not run (crash, timeout, skip) is a failure, not a pass
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0} + ${t:-0} - ${e:-0}))
  else
    echo "  no results from $1: counted as one failure"
    failed=$((failed + 1))
  fi
}

run_tests() { # project
  CHILDCARE_CHROMIUM="$chromium" dotnet test "tests/$1" --no-build -nologo \
    --logger "trx;LogFileName=$1.trx" --logger "console;verbosity=minimal" --results-directory "$results"
}

run_tests ChildCare.UnitTests
count ChildCare.UnitTests
run_tests ChildCare.ComponentTests
count ChildCare.ComponentTests
# The format and migrations checks are collected after the integration stage: they finish during its start-up.

# One project after the other, browser tests one at a time. (Side by side, integration and browser tests took 15 min
# instead of 17, but each slowed the other enough that a browser step now and then missed its 15 s: see ADR 0018.)
# Inside the integration project, the drills whose portals run in processes of their own run beside the in-process
# tests: two collections, two tests at a time (its xunit.runner.json). The suite is CPU-bound on two cores, so this
# is about as fast as one after the other (ADR 0018), not faster.
mail=$(start_smtp4dev tests)
[ -n "$mail" ] || failed=$((failed + 1))
export CHILDCARE_SMTP4DEV="$mail"

say "ChildCare.IntegrationTests"
run_tests ChildCare.IntegrationTests
count ChildCare.IntegrationTests
check_collect
# The document an integration test wrote (artifacts/openapi/v1.json), linted with redocly's recommended rules: 0 errors wanted.
check_beside openapi-lint npx --yes @redocly/cli@2.77.0 lint artifacts/openapi/v1.json --format=summary

say "ChildCare.EndToEndTests"
run_tests ChildCare.EndToEndTests
count ChildCare.EndToEndTests
check_collect

stage_report
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
