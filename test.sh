#!/usr/bin/env bash
# The one test command (README, .ci/run). Installs what the tests need (as root, through apt; otherwise it says what
# to install), starts PostgreSQL 15 on 127.0.0.1 in a temporary folder, runs every test project on SQLite, then the
# Application and Web suites again on PostgreSQL, stops PostgreSQL, and prints the totals alone on the last line as
# "N passed, N failed" (summed over every TRX report). Exits non-zero on any failure. An SMTP server (aiosmtpd) runs on
# 127.0.0.1 beside PostgreSQL for the digest tests (TRACKER_TEST_SMTP, TRACKER_TEST_SMTP_MAILDIR).
# With TRACKER_TEST_SQLSERVER set to a SQL Server connection string (a login allowed to create databases), the
# Application and Web suites run a third time, on that server.
set -uo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
unset TRACKER_TEST_POSTGRES
sqlserver="${TRACKER_TEST_SQLSERVER:-}"
unset TRACKER_TEST_SQLSERVER
pg_bin=/usr/lib/postgresql/15/bin

give_up() { echo "$1" >&2; echo "0 passed, 1 failed"; exit 1; }

# Chromium for the browser tests, PostgreSQL for the server-database runs, aiosmtpd (Debian's python) for mail tests.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x "$pg_bin/pg_ctl" ] || missing+=(postgresql)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing ${missing[*]} through apt"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null; } ||
      give_up "could not install ${missing[*]}"
  else
    give_up "Missing packages: ${missing[*]}. Install them, then run ./test.sh again:
    sudo apt-get install -y ${missing[*]}"
  fi
fi

# PostgreSQL in a temporary folder on a free loopback port. initdb and pg_ctl refuse to run as root: as root they run
# as the postgres user that Debian's package creates, otherwise as the current user.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_dir="$(mktemp -d)"
results="$(mktemp -d)"
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
smtp_pid=""
stop_services() {
  if [ -n "$smtp_pid" ]; then kill "$smtp_pid" 2>/dev/null; wait "$smtp_pid" 2>/dev/null; fi
  if [ -f "$pg_dir/data/postmaster.pid" ]; then as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1; fi
  rm -rf "$pg_dir"
}
trap stop_services EXIT

pg_port=55432
while (: </dev/tcp/127.0.0.1/$pg_port) 2>/dev/null; do pg_port=$((pg_port + 1)); done
# UTF-8 with the C.UTF-8 locale: byte-order collation like SQLite's, whatever the machine's locale is.
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U tracker -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 ||
  give_up "initdb failed: $(cat "$pg_dir/initdb.log")"
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300" \
  -l "$pg_dir/log" -w start >/dev/null || give_up "PostgreSQL did not start: $(cat "$pg_dir/log")"
postgres="Host=127.0.0.1;Port=$pg_port;Username=tracker"
echo "PostgreSQL 15 on 127.0.0.1:$pg_port (data in $pg_dir)"

# A real SMTP server on 127.0.0.1 for the digest tests: aiosmtpd writes every message it receives into a Maildir.
smtp_port=2525
while (: </dev/tcp/127.0.0.1/$smtp_port) 2>/dev/null; do smtp_port=$((smtp_port + 1)); done
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$pg_dir/mail" >"$results/smtp.log" 2>&1 &
smtp_pid=$!
for _ in $(seq 1 100); do (: </dev/tcp/127.0.0.1/$smtp_port) 2>/dev/null && break; sleep 0.1; done
(: </dev/tcp/127.0.0.1/$smtp_port) 2>/dev/null || give_up "aiosmtpd did not start: $(cat "$results/smtp.log")"
export TRACKER_TEST_SMTP="127.0.0.1:$smtp_port" TRACKER_TEST_SMTP_MAILDIR="$pg_dir/mail"
echo "SMTP (aiosmtpd) on 127.0.0.1:$smtp_port"

dotnet tool restore >/dev/null
status=0
dotnet build AccountabilityTracker.sln 2>&1 | tee "$results/build.log" | grep -E "error|Warn|Build succeeded"
if [ "${PIPESTATUS[0]}" -ne 0 ]; then
  status=1
else
  # Every project on SQLite (what a plain `dotnet test` runs), then the suites that touch the database on PostgreSQL.
  echo "== every test project on SQLite"
  dotnet test AccountabilityTracker.sln --no-build --logger "trx;LogFilePrefix=sqlite" --results-directory "$results" 2>&1 |
    tee "$results/test-sqlite.log" | grep -E "^(Passed!|Failed!)|\[FAIL\]"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  # The two PostgreSQL runs go side by side (each test class has its own database): they mostly wait on the server.
  echo "== Application and Web tests on PostgreSQL"
  pids=()
  for project in Application Web; do
    TRACKER_TEST_POSTGRES="$postgres" dotnet test "tests/AccountabilityTracker.$project.Tests" --no-build \
      --logger "trx;LogFilePrefix=postgres-$project" --results-directory "$results" >"$results/test-postgres-$project.log" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || status=1; done
  grep -hE "^(Passed!|Failed!)|\[FAIL\]" "$results"/test-postgres-*.log
  if [ -n "$sqlserver" ]; then
    echo "== Application and Web tests on SQL Server (TRACKER_TEST_SQLSERVER)"
    for project in Application Web; do
      TRACKER_TEST_SQLSERVER="$sqlserver" dotnet test "tests/AccountabilityTracker.$project.Tests" --no-build \
        --logger "trx;LogFilePrefix=sqlserver-$project" --results-directory "$results" 2>&1 |
        tee "$results/test-sqlserver-$project.log" | grep -E "^(Passed!|Failed!)|\[FAIL\]"
      [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
    done
  else
    echo "== SQL Server: TRACKER_TEST_SQLSERVER is not set, so the suites do not run on SQL Server here (docs/operations.md)"
  fi
fi

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  p=$(grep -o '<Counters [^>]*' "$trx" | grep -o 'passed="[0-9]*"' | grep -o '[0-9]*')
  f=$(grep -o '<Counters [^>]*' "$trx" | grep -o 'failed="[0-9]*"' | grep -o '[0-9]*')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
# Why each failed test failed, from the TRX reports (the console shows only the names).
if [ "$failed" -gt 0 ] && command -v python3 >/dev/null; then
  python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for trx in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    for result in ET.parse(trx).getroot().iterfind(".//t:UnitTestResult[@outcome='Failed']", ns):
        message = result.findtext(".//t:ErrorInfo/t:Message", default="", namespaces=ns).strip()
        stack = result.findtext(".//t:ErrorInfo/t:StackTrace", default="", namespaces=ns).strip().splitlines()
        print(f"FAILED {trx.rsplit('/', 1)[-1]}: {result.get('testName')}\n  {message[:1500]}")
        for line in [l for l in stack if "AccountabilityTracker" in l][:6]:
            print("  " + line.strip()[:300])
PY
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the build or a test host failed before any test could report
fi
echo "Logs and TRX reports: $results"
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
