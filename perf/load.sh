#!/usr/bin/env bash
# The 60-second mixed load (issue "production"): starts the Release build with its real configuration on 127.0.0.1,
# once on SQLite (a file in a temporary folder) and once on PostgreSQL (a temporary cluster on loopback, started and
# stopped here), each from a fresh database holding the reference cases, and runs perf/AccountabilityTracker.LoadClient
# against it: signed-in page reads and API creates and edits for LOAD_SECONDS (60) on LOAD_CONNECTIONS (16)
# connections, then every acknowledged write read back. Fails on any 5xx or lost write. Writes the table into
# docs/performance.md between the "load" markers.
#
# Usage: perf/load.sh [sqlite] [postgres]          LOAD_SECONDS=20 perf/load.sh sqlite
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then providers=("$@"); else providers=(sqlite postgres); fi
seconds=${LOAD_SECONDS:-60}; connections=${LOAD_CONNECTIONS:-16}
port=5298; base="http://127.0.0.1:$port"; app=""; work=$(mktemp -d); pg_bin=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null; wait 2>/dev/null
  [ -f "$work/pg/data/postmaster.pid" ] && as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build -c Release src/AccountabilityTracker.Web -v q -nologo >/dev/null
dotnet build -c Release perf/AccountabilityTracker.LoadClient -v q -nologo >/dev/null
results="$work/results.tsv"; : > "$results"

for provider in "${providers[@]}"; do
  settings=(ConnectionStrings__Tracker="Data Source=$work/tracker.db")
  if [ "$provider" = postgres ]; then
    mkdir -p "$work/pg"; chmod 711 "$work"; [ "$(id -u)" -eq 0 ] && chown postgres "$work/pg"
    pg_port=56500; while (: </dev/tcp/127.0.0.1/$pg_port) 2>/dev/null; do pg_port=$((pg_port + 1)); done
    as_pg "$pg_bin/initdb" -D "$work/pg/data" -A trust -U tracker -E UTF8 --locale=C.UTF-8 >/dev/null
    as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1" -l "$work/pg/log" -w start >/dev/null
    settings=(Database__Provider=PostgreSql ConnectionStrings__Tracker="Host=127.0.0.1;Port=$pg_port;Username=tracker;Database=tracker")
  fi

  env "${settings[@]}" ASPNETCORE_ENVIRONMENT=Production App__DataFolder="$work" \
    Security__CookieSecurePolicy=SameAsRequest Security__HttpsRedirection=false Security__AllowUnprotectedKeys=true \
    Bootstrap__AdminEmail=load@example.org Bootstrap__AdminPassword='load test passphrase' \
    Serilog__MinimumLevel__Default=Warning Security__SignInAttemptsPerMinute=1000 \
    dotnet src/AccountabilityTracker.Web/bin/Release/net10.0/AccountabilityTracker.Web.dll \
      --contentRoot "$PWD/src/AccountabilityTracker.Web" --urls "$base" >"$work/app-$provider.log" 2>&1 &
  app=$!
  until curl -fs -o /dev/null "$base/health/ready"; do
    kill -0 "$app" 2>/dev/null || { cat "$work/app-$provider.log"; exit 1; }; sleep 0.2
  done

  echo "== $provider: $seconds s, $connections connections"
  status=0
  dotnet perf/AccountabilityTracker.LoadClient/bin/Release/net10.0/AccountabilityTracker.LoadClient.dll \
    "$base" load@example.org 'load test passphrase' "$seconds" "$connections" > "$work/$provider.json" || status=$?
  cat "$work/$provider.json"
  python3 - "$work/$provider.json" "$provider" >> "$results" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
kinds = ", ".join(f"{k} {v['p50Ms']:.0f}/{v['p99Ms']:.0f}" for k, v in r["byKind"].items())
print("\t".join(str(x) for x in [sys.argv[2], r["seconds"], r["connections"], r["requests"], r["requestsPerSecond"], r["p50Ms"], r["p99Ms"],
      r["serverErrors"], r["casesCreated"], r["editsAcknowledged"], r["lostWrites"], kinds]))
PY
  kill "$app"; wait "$app" 2>/dev/null || true; app=""
  [ "$status" -eq 0 ] || { echo "$provider: server errors or lost writes (see above); log in $work/app-$provider.log"; tail -50 "$work/app-$provider.log"; exit 1; }
done

machine="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr)"
machine="$machine; load average $(cut -d" " -f1-3 /proc/loadavg) when the run ended (other work shares the machine)"
table=$(awk -F'\t' 'BEGIN {print "| database | seconds | connections | requests | requests/s | median ms | p99 ms | 5xx | cases created | edits acknowledged | lost writes | median/p99 ms by kind |"; print "|---|---|---|---|---|---|---|---|---|---|---|---|"} {printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12}' "$results")
python3 - "$table" "$machine" "$(date -u +%Y-%m-%d)" <<'EOF'
import re, sys
table, machine, day = sys.argv[1:]
path = "docs/performance.md"
text = open(path, encoding="utf-8").read()
block = (f"<!-- load:start -->\nMeasured {day} on {machine} by `perf/load.sh` (Release build, Production settings, one instance on "
         f"127.0.0.1, fresh database with the reference cases; each connection repeats five page reads, one API create and one API "
         f"edit of a case it created; afterwards every acknowledged write is read back).\n\n{table}\n<!-- load:end -->")
text = re.sub(r"<!-- load:start -->.*<!-- load:end -->", lambda _: block, text, flags=re.S) if "<!-- load:start -->" in text else text.rstrip() + "\n\n## Mixed load, 60 seconds\n\n" + block + "\n"
open(path, "w", encoding="utf-8").write(text)
EOF
echo "written to docs/performance.md"
