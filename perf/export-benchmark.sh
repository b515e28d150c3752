#!/usr/bin/env bash
# Measures the stage export on a generated dataset over real HTTP (Kestrel on 127.0.0.1):
# time to first byte, total time, size, and the app's peak resident memory before and after.
# Usage: perf/export-benchmark.sh [cases] [stagesPerCase] [runs]     (default 20000 x 5 = 100,000 stages, 3 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-20000}; stages=${2:-5}; runs=${3:-3}
work=$(mktemp -d); port=5087; base="http://127.0.0.1:$port"; app=""
trap '[ -n "$app" ] && kill $app 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build -c Release src/AccountabilityTracker.Web >/dev/null
dotnet build -c Release src/AccountabilityTracker.DataGenerator >/dev/null
dotnet run -c Release --no-build --project src/AccountabilityTracker.DataGenerator -- sqlite "$work/tracker.db" "$cases" "$stages"

ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Tracker="Data Source=$work/tracker.db" App__DataFolder="$work" \
Security__CookieSecurePolicy=SameAsRequest Security__HttpsRedirection=false Security__AllowUnprotectedKeys=true \
Bootstrap__AdminEmail=bench@example.org Bootstrap__AdminPassword='benchmark passphrase' \
Serilog__MinimumLevel__Default=Warning \
  dotnet src/AccountabilityTracker.Web/bin/Release/net10.0/AccountabilityTracker.Web.dll --urls "$base" >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do curl -fs "$base/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done

jar="$work/cookies"
token=$(curl -s -c "$jar" -b "$jar" "$base/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" \
  --data-urlencode "Email=bench@example.org" --data-urlencode "Password=benchmark passphrase" "$base/account/login"
curl -s -o /dev/null -b "$jar" "$base/reports/durations"   # warm-up

kb() { grep "$1" /proc/$app/status | awk '{print $2}'; }
echo "dataset: $cases cases x $stages stages = $((cases * stages)) stages"
echo "app RSS before exports: $(( $(kb VmRSS) / 1024 )) MB, peak so far: $(( $(kb VmHWM) / 1024 )) MB"
for format in csv xlsx json; do
  for run in $(seq 1 "$runs"); do
    hwm_before=$(kb VmHWM)
    curl -s -o "$work/export.$format" -b "$jar" -w "$format run $run: first byte %{time_starttransfer}s, total %{time_total}s, %{size_download} bytes" "$base/reports/stages.$format"
    echo ", peak RSS growth $(( ($(kb VmHWM) - hwm_before) / 1024 )) MB (peak now $(( $(kb VmHWM) / 1024 )) MB)"
  done
done
for run in $(seq 1 "$runs"); do
  curl -s -o /dev/null -b "$jar" -w "report page run $run: %{time_total}s\n" "$base/reports/durations"
done
