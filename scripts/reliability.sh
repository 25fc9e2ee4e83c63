#!/usr/bin/env bash
# Reruns the fault tests R1 onwards (real silo processes, a real redis-server, kill -9 / SIGTERM / SIGSTOP by PID) and
# the checkpoint-overhead measurement, and writes the figures they print into docs/RELIABILITY.md, between the
# "figures:begin" and "figures:end" markers, with the date and the machine.
#
#   scripts/reliability.sh              # the CI variants (R3 chaos for 30 s) and the measurement, ~8 minutes on 2 cores
#   scripts/reliability.sh --long       # R3 as documented: 180 s of chaos, a fault every ~20 s
#   scripts/reliability.sh --no-build   # (either) skip the build
#
# Needs redis-server (Debian package redis-server) and kill (procps); the tests skip, saying so, without redis-server.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOC="${RELIABILITY_DOC:-$ROOT/docs/RELIABILITY.md}"
LOG="${RELIABILITY_LOG:-$ROOT/.local/reliability.log}"
BUILD=1
VARIANT="CI variant: R3 chaos 30 s, a fault every 10 s"
export SERIALCLUSTER_MEASURE=1
for argument in "$@"; do
  case "$argument" in
    --long)
      export SERIALCLUSTER_CHAOS_SECONDS=180 SERIALCLUSTER_CHAOS_INTERVAL=20
      VARIANT="long variant: R3 chaos 180 s, a fault every 20 s"
      ;;
    --no-build) BUILD=0 ;;
    *) echo "unknown argument '$argument'; allowed: --long, --no-build" >&2; exit 2 ;;
  esac
done

mkdir -p "$(dirname "$LOG")"
if [[ "$BUILD" == 1 ]]; then
  dotnet build "$ROOT/tests/SerialCluster.Integration.Tests" -v q -nologo >&2
fi

set +e
dotnet test "$ROOT/tests/SerialCluster.Integration.Tests" --no-build \
  --filter "Category=Reliability|Category=Measurement" \
  --logger "console;verbosity=detailed" >"$LOG" 2>&1
status=$?
set -e

# Each test prints its figures on lines starting "R1 " … "R14 ", "CKPT " or "CLI "; the console logger repeats them.
figures="$(sed -n 's/^ *\(R[1-9][0-9]* .*\|CKPT .*\|CLI .*\)$/\1/p' "$LOG" | awk '!seen[$0]++')"
summary="$(grep -E '^(Passed!|Failed!|Total tests|     Passed|     Failed|     Skipped)' "$LOG" | tr -s ' ' | paste -sd ' ' -)"
if [[ -z "$figures" ]]; then
  echo "no figures in $LOG (did the tests run? redis-server installed?)" >&2
  exit 1
fi

cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)"
block="$(mktemp)"
{
  echo "<!-- figures:begin (written by scripts/reliability.sh; do not edit by hand) -->"
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores (${cpu:-unknown CPU}), ${VARIANT}; tests: ${summary:-see $LOG}."
  echo
  echo '```'
  echo "$figures"
  echo '```'
  echo "<!-- figures:end -->"
} >"$block"

if grep -q 'figures:begin' "$DOC"; then
  awk -v block="$block" '
    /figures:begin/ { while ((getline line < block) > 0) print line; skip = 1; next }
    /figures:end/ { skip = 0; next }
    !skip { print }
  ' "$DOC" >"$DOC.tmp" && mv "$DOC.tmp" "$DOC"
else
  cat "$block" >>"$DOC"
fi
rm -f "$block"
echo "$figures"
echo "figures written to $DOC; the full log is $LOG" >&2
exit "$status"
