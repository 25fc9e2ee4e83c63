#!/usr/bin/env bash
# One-shot runs end to end (process start to exit): `serialcluster run hashchain --set steps=1000 --json` against the
# local cluster `serialcluster up` started, and the same command on its own embedded cluster (--embedded), N times each,
# alternating, with the medians and the machine's load before and after. Issue 22, item 2: the target is <= 0.5 s.
#
#   benchmarks/oneshot-run.sh                      builds Release, 5 runs each
#   RUNS=9 benchmarks/oneshot-run.sh               more runs
#   CLI_DLL=out/cli/serialcluster.dll benchmarks/oneshot-run.sh
#                                                  another build of the CLI, e.g. one published with ReadyToRun:
#                                                  dotnet publish src/SerialCluster.Cli -c Release -r linux-x64 \
#                                                    --self-contained false -p:PublishReadyToRun=true -o out/cli
#
# The local cluster runs in a state directory of its own (SERIALCLUSTER_STATE_DIR), never the user's, and is stopped
# at the end. The first job of a fresh cluster is run once before timing (a one-shot run against a running cluster
# is never its first job).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${RUNS:-5}"
if [ -z "${CLI_DLL:-}" ]; then
  dotnet build "$ROOT/src/SerialCluster.Cli" -c Release -v q -nologo >/dev/null
  CLI_DLL="$ROOT/src/SerialCluster.Cli/bin/Release/net10.0/serialcluster.dll"
fi
SERIALCLUSTER_STATE_DIR="$(mktemp -d)"
export SERIALCLUSTER_STATE_DIR
cli() { dotnet "$CLI_DLL" "$@"; }
trap 'cli down >/dev/null 2>&1 || true; rm -rf "$SERIALCLUSTER_STATE_DIR"' EXIT

# Milliseconds that one command takes from process start to exit.
timed() {
  local start end
  start=$(date +%s%N)
  cli "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

cli up >/dev/null
cli run hashchain --set steps=1000 --json >/dev/null 2>&1
echo "cli: $CLI_DLL"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
local_ms=()
embedded_ms=()
for _ in $(seq "$RUNS"); do
  local_ms+=("$(timed run hashchain --set steps=1000 --json)")
  embedded_ms+=("$(timed run hashchain --set steps=1000 --json --embedded)")
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "local cluster:    ${local_ms[*]} ms; median $(printf '%s\n' "${local_ms[@]}" | median) ms"
echo "embedded cluster: ${embedded_ms[*]} ms; median $(printf '%s\n' "${embedded_ms[@]}" | median) ms"
