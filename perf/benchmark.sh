#!/usr/bin/env bash
# The page benchmark (issue "due dates as data"): generates datasets of 1,000, 10,000 and 100,000 cases (5 stages each,
# with open and closed pauses, extensions, month-, year-precision and unknown dates), starts the Release build with
# its real configuration (appsettings.json, limit rules enabled) on 127.0.0.1, signs in as an administrator, and
# measures every main page with wrk, bounded in time; then the full CSV export of all stages beside sqlite3's own
# time for the same rows. Writes the table into docs/performance.md between the "benchmark" markers.
#
# Usage: perf/benchmark.sh [sizes...]        (default: 1000 10000 100000; datasets are cached in perf/.data)
#        WRK_SECONDS=8 WRK_CONNECTIONS=16 perf/benchmark.sh 1000
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(1000 10000 100000); fi
seconds=${WRK_SECONDS:-8}; connections=${WRK_CONNECTIONS:-16}
data=perf/.data; mkdir -p "$data"
port=5297; base="http://127.0.0.1:$port"; app=""; work=$(mktemp -d)
trap '[ -n "$app" ] && kill "$app" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

need() { command -v "$1" >/dev/null 2>&1 || { [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; } || { echo "install $2 first"; exit 1; }; }
need wrk wrk; need sqlite3 sqlite3; need curl curl

dotnet build -c Release src/AccountabilityTracker.Web -v q -nologo >/dev/null
dotnet build -c Release src/AccountabilityTracker.DataGenerator -v q -nologo >/dev/null

results="$work/results.tsv"; : > "$results"
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$results"; echo "  $*"; }

measure() { # size name path -> wrk requests/s, p99 and median latency; plus the median of 5 single requests
  local size=$1 name=$2 path=$3 out single code
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$path")
  [ "$code" = 200 ] || { echo "$name ($path) answered $code, not 200"; exit 1; }
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency -H "Cookie: $cookie" "$base$path" 2>&1)
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $4}' <<<"$out"); [ -n "$non2xx" ] && { echo "$name answered $non2xx non-2xx responses"; exit 1; }
  # Cold: after a change to the data (the data version moves, as after any edit), nothing is served from the read cache.
  single=$(for _ in 1 2 3 4 5; do
    sqlite3 -cmd ".timeout 5000" "$work/tracker.db" "INSERT INTO DataChanges DEFAULT VALUES" >/dev/null
    curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: $cookie" "$base$path"
  done | sort -n | sed -n 3p)
  row "$size" "$name" "$rps" "$p50" "$p99" "$(awk -v s="$single" 'BEGIN {printf "%.0f ms", s * 1000}')"
}

for size in "${sizes[@]}"; do
  db="$data/tracker-$size.db"
  if [ ! -f "$db" ]; then
    echo "generating $size cases"
    dotnet run -c Release --no-build --project src/AccountabilityTracker.DataGenerator -- sqlite "$db.tmp" "$size" 5 && mv "$db.tmp" "$db"
  fi
  cp "$db" "$work/tracker.db"; rm -f "$work"/tracker.db-*

  started=$(date +%s.%N)
  ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Tracker="Data Source=$work/tracker.db" App__DataFolder="$work" \
  Security__CookieSecurePolicy=SameAsRequest Security__HttpsRedirection=false Security__AllowUnprotectedKeys=true Bootstrap__AdminEmail=bench@example.org Bootstrap__AdminPassword='benchmark passphrase' \
  Serilog__MinimumLevel__Default=Warning Security__SignInAttemptsPerMinute=1000 \
    dotnet src/AccountabilityTracker.Web/bin/Release/net10.0/AccountabilityTracker.Web.dll \
      --contentRoot "$PWD/src/AccountabilityTracker.Web" --urls "$base" >"$work/app.log" 2>&1 &
  app=$!
  until curl -fs -o /dev/null "$base/health/ready"; do
    kill -0 "$app" 2>/dev/null || { cat "$work/app.log"; exit 1; }; sleep 0.2
  done
  ready=$(date +%s.%N)
  if grep -q "rules.*Enabled.*0\|configuration defaults" "$work/app.log"; then echo "limit rules are not enabled"; exit 1; fi

  jar="$work/cookies"; rm -f "$jar"
  token=$(curl -s -c "$jar" -b "$jar" "$base/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Email=bench@example.org" --data-urlencode "Password=benchmark passphrase" "$base/account/login"
  cookie=$(awk '!/^#/ && NF >= 7 {printf "%s%s=%s", sep, $6, $7; sep="; "} /^#HttpOnly_/ {printf "%s%s=%s", sep, $6, $7; sep="; "}' "$jar")
  first=$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" "$base/cases")
  row "$size" "start-up to ready, then first /cases" "-" "-" "-" "$(awk -v a="$started" -v b="$ready" -v f="$first" 'BEGIN {printf "%.1f s + %.0f ms", b - a, f * 1000}')"

  kaba=$(sqlite3 "$work/tracker.db" "SELECT Id FROM Cases WHERE Title LIKE '%Kaba%'")
  baker=$(sqlite3 "$work/tracker.db" "SELECT Id FROM Cases WHERE Title LIKE '%Baker%'")
  force=$(sqlite3 "$work/tracker.db" "SELECT Force FROM Cases GROUP BY Force ORDER BY COUNT(*) DESC LIMIT 1"); force=${force// /%20}
  measure "$size" "/health/live (signed in)" "/health/live"
  measure "$size" "case list, first page" "/cases"
  measure "$size" "case list, force + sort by title, page 3 of 10 rows" "/cases?force=$force&sort=Title&page=3&pageSize=10"
  measure "$size" "case list, clock status Overdue" "/cases?clockStatus=Overdue"
  measure "$size" "case page (Kaba)" "/cases/$kaba"
  measure "$size" "Overdue page" "/overdue"
  measure "$size" "duration report" "/reports/durations"
  measure "$size" "compare Kaba and Baker" "/compare?ids=$kaba&ids=$baker"

  # A limit scenario (issue 16): IOPC 12 months, CPS 3 months and a 5-year overall cap, over every case.
  scenario=$(sqlite3 -cmd ".timeout 5000" "$work/tracker.db" "INSERT INTO LimitScenarios (Name, OverallCapMonths, CreatedBy, CreatedAtUtc, UpdatedBy, UpdatedAtUtc, IsArchived, Version) VALUES ('IOPC 12 months, CPS 3 months, 5 years overall', 60, 'bench', '2026-01-01 00:00:00', 'bench', '2026-01-01 00:00:00', 0, '6F9619FF-8B86-D011-B42D-00C04FD430C8');
    INSERT INTO ScenarioLimits (ScenarioId, Kind, Amount, Unit) VALUES ((SELECT MAX(Id) FROM LimitScenarios), 'IopcInvestigation', 12, 'Months'), ((SELECT MAX(Id) FROM LimitScenarios), 'CpsDecision', 3, 'Months');
    SELECT MAX(Id) FROM LimitScenarios;")
  measure "$size" "limit scenario (IOPC 12 m, CPS 3 m, 5-year cap)" "/analysis/scenarios/$scenario"
  measure "$size" "limit scenario, JSON API" "/api/v1/analysis/scenarios/$scenario"

  # The full export of every stage, beside sqlite3 writing the same rows as CSV: the floor.
  kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$app/status"; }
  rss_before=$(kb VmRSS)
  export_time=$(curl -s -o "$work/stages.csv" -w '%{time_total}' -H "Cookie: $cookie" "$base/reports/stages.csv")
  growth=$(( ($(kb VmHWM) - rss_before) / 1024 ))
  floor=$( { TIMEFORMAT=%R; time sqlite3 -csv "$work/tracker.db" "SELECT c.Reference, c.Title, c.Force, c.IncidentOn, c.Category, s.Kind, s.Label, s.StartOn, s.StartPrecision, s.EndOn, s.EndPrecision, s.Outcome, s.Clock_Phase, s.Clock_DueLatest, s.Clock_FinalStatus FROM Stages s JOIN Cases c ON c.Id = s.CaseId WHERE c.IsArchived = 0 ORDER BY c.Reference, s.StartOn, s.Id" > "$work/floor.csv"; } 2>&1 )
  row "$size" "CSV export of all stages ($(($(wc -l < "$work/stages.csv") - 1)) rows)" "-" "-" "-" \
    "$(awk -v e="$export_time" -v f="$floor" -v g="$growth" 'BEGIN {printf "%.2f s; sqlite3 -csv %.2f s (%.1fx); peak RSS +%d MB", e, f, e / f, g}')"

  kill "$app"; wait "$app" 2>/dev/null || true; app=""
done

machine="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr)"
table=$(awk -F'\t' 'BEGIN {print "| cases | page | requests/s | median | p99 | one request after a data change (median of 5) |"; print "|---|---|---|---|---|---|"} {printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6}' "$results")
python3 - "$table" "$machine" "$(date -u +%Y-%m-%d)" "$seconds" "$connections" <<'EOF'
import re, sys
table, machine, day, seconds, connections = sys.argv[1:]
path = "docs/performance.md"
text = open(path, encoding="utf-8").read()
block = (f"<!-- benchmark:start -->\nMeasured {day} on {machine} by `perf/benchmark.sh` (wrk, 2 threads, {connections} connections, "
         f"{seconds} s per page, signed in as an administrator; Release build, SQLite, limit rules from appsettings.json).\n\n{table}\n<!-- benchmark:end -->")
text = re.sub(r"<!-- benchmark:start -->.*<!-- benchmark:end -->", lambda _: block, text, flags=re.S) if "<!-- benchmark:start -->" in text else text.rstrip() + "\n\n" + block + "\n"
open(path, "w", encoding="utf-8").write(text)
EOF
echo "written to docs/performance.md"
