#!/usr/bin/env bash
# whatif's heterogeneous-core model against a really slowed silo, end to end (docs/ANALYSIS.md, "Heterogeneous cores"):
# runs WhatIfSlowedSiloMeasurement (tests/SerialCluster.Integration.Tests/Analysis): a redis-server, a fast silo pinned
# to one CPU, a slow silo pinned to another CPU shared with 2 busy shells; a 32-task amdahl f = 0 job at P = 1 on the
# fast silo alone and at P = 2 over both; whatif's prediction for P = 2 on cores [1, s], s from the silos' calibrated
# single-thread scores, against the measured median. Prints the figures (lines "WHATIF …") and the load average.
#
#   scripts/whatif-slowed.sh              # build the integration tests, then about a minute on 2 cores
#   scripts/whatif-slowed.sh --no-build
#
# Needs redis-server (Debian package redis-server), taskset (util-linux) and 2 CPUs; the test skips, saying which, without.
# It times jobs: run it on a machine that is otherwise quiet (the test skips above a load average of cores − 1), and
# quote the load average it prints with the figures.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOG="${WHATIF_SLOWED_LOG:-$ROOT/.local/whatif-slowed.log}"
BUILD=1
for argument in "$@"; do
  case "$argument" in
    --no-build) BUILD=0 ;;
    *) echo "unknown argument '$argument'; allowed: --no-build" >&2; exit 2 ;;
  esac
done

mkdir -p "$(dirname "$LOG")"
if [[ "$BUILD" == 1 ]]; then
  dotnet build "$ROOT/tests/SerialCluster.Integration.Tests" -v q -nologo >&2
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
set +e
SERIALCLUSTER_MEASURE=1 dotnet test "$ROOT/tests/SerialCluster.Integration.Tests" --no-build \
  --filter "FullyQualifiedName~WhatIfSlowedSiloMeasurement" \
  --logger "console;verbosity=detailed" >"$LOG" 2>&1
status=$?
set -e
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# The console logger repeats the test's output; keep each figure line once.
figures="$(sed -n 's/^ *WHATIF \(.*\)$/\1/p' "$LOG" | awk '!seen[$0]++')"
summary="$(grep -E '^(Passed!|Failed!|Total tests|     Passed|     Failed|     Skipped)' "$LOG" | tr -s ' ' | paste -sd ' ' -)"
if [[ -z "$figures" ]]; then
  echo "no figures in $LOG (skipped? redis-server and taskset installed, 2 CPUs?):" >&2
  grep -A1 -F '[SKIP]' "$LOG" | head -n 4 >&2 || true
  exit 1
fi

echo "measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores; test: ${summary:-see $LOG}"
echo "$figures"
exit "$status"
