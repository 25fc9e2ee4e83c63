#!/usr/bin/env bash
# The figures of docs/SCALING.md: speedup to P = 8 on a cluster of eight slow silos, a quarter core each, on a
# 2-core machine. Starts the cluster (deploy/local-cluster.sh, SILOS=8 CPU_QUOTA=0.25, its own ports and state
# directory), runs the sweeps and the paired controls against it, writes every output to OUT, stops the cluster.
#
#   scripts/scaling-figures.sh                    # everything: amdahl at five f, the pairs, a stepped workload
#   scripts/scaling-figures.sh amdahl pairs       # some of it (amdahl, pairs, stepped)
#   AMDAHL_RUNS=3 AMDAHL_FRACTIONS="0.1 0.25 0.5" scripts/scaling-figures.sh amdahl   # the done-when check
#
# Settings: OUT (docs/examples/scaling), SILOS (8), CPU_QUOTA (0.25), REPEAT (3 rounds per sweep), AMDAHL_WORK
# (3e7 SHA-256 steps: ~11 s on one quarter-core silo, in 16 chunks), AMDAHL_RUNS (1), AMDAHL_FRACTIONS ("0 0.1 0.25 0.5 0.75"),
# PAIR_SECONDS (2: each pair sized to about that on one silo), KEEP_CLUSTER=1 (leave it up), NO_BUILD=1.
# Each output has a .load.txt beside it: the load average before and after (a busy machine makes verdicts inconclusive).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${OUT:-$ROOT/docs/examples/scaling}"
CLI="$ROOT/src/SerialCluster.Cli/bin/Release/net10.0/serialcluster.dll"
REPEAT="${REPEAT:-3}"
AMDAHL_WORK="${AMDAHL_WORK:-30000000}"
AMDAHL_RUNS="${AMDAHL_RUNS:-1}"
AMDAHL_FRACTIONS="${AMDAHL_FRACTIONS:-0 0.1 0.25 0.5 0.75}"
PAIR_SECONDS="${PAIR_SECONDS:-2}"
export SILOS="${SILOS:-8}" CPU_QUOTA="${CPU_QUOTA:-0.25}"
export CLUSTER_ID="${CLUSTER_ID:-scaling}" REDIS_PORT="${REDIS_PORT:-6391}" SILO_PORT_BASE="${SILO_PORT_BASE:-21211}"
export GATEWAY_PORT_BASE="${GATEWAY_PORT_BASE:-31100}" METRICS_PORT_BASE="${METRICS_PORT_BASE:-0}" READY_TIMEOUT="${READY_TIMEOUT:-300}"
export STATE_DIR="${STATE_DIR:-$ROOT/.local/scaling-cluster}"
CONNECT=(--redis "127.0.0.1:$REDIS_PORT" --cluster-id "$CLUSTER_ID")
mkdir -p "$OUT"
parts=("$@")
[ "${#parts[@]}" -eq 0 ] && parts=(amdahl pairs stepped)

if [ -z "${NO_BUILD:-}" ]; then
  dotnet build -c Release "$ROOT/src/SerialCluster.Silo" -v q -nologo >&2
  dotnet build -c Release "$ROOT/src/SerialCluster.Cli" -v q -nologo >&2
fi
export SILO_DLL="$ROOT/src/SerialCluster.Silo/bin/Release/net10.0/SerialCluster.Silo.dll"

if ! bash "$ROOT/deploy/local-cluster.sh" status >/dev/null 2>&1; then
  bash "$ROOT/deploy/local-cluster.sh" up
fi
[ -n "${KEEP_CLUSTER:-}" ] || trap 'bash "$ROOT/deploy/local-cluster.sh" down' EXIT
dotnet "$CLI" cluster "${CONNECT[@]}" >"$OUT/cluster.txt" 2>&1 || true

load() { echo "load average $1: $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%H:%M:%S) UTC" | tee -a "$OUT/$2.load.txt" >&2; }

sweep() { # name workload [sweep arguments]...
  local name=$1 workload=$2
  shift 2
  : >"$OUT/$name.load.txt"
  load before "$name"
  dotnet "$CLI" sweep "$workload" "$@" --repeat "$REPEAT" --warmup 1 --capacity-control on "${CONNECT[@]}" \
    --csv "$OUT/$name.csv" --html "$OUT/$name.html" --json >"$OUT/$name.json" 2>"$OUT/$name.log"
  load after "$name"
}

for part in "${parts[@]}"; do
  case "$part" in
    amdahl)
      for f in $AMDAHL_FRACTIONS; do
        for ((run = 1; run <= AMDAHL_RUNS; run++)); do
          sweep "amdahl-f$f-run$run" amdahl --set "serialFraction=$f" --set "work=$AMDAHL_WORK" --set tasks=16 --parallelism 1,2,4,8
        done
      done
      ;;
    pairs)
      : >"$OUT/contrast.load.txt"
      load before contrast
      dotnet "$CLI" contrast --pairs hash-mc,eca,s5 --parallelism 1,2,4,8 --seconds "$PAIR_SECONDS" --span off "${CONNECT[@]}" \
        --markdown "$OUT/contrast.md" --html "$OUT/contrast.html" --json >"$OUT/contrast.json" 2>"$OUT/contrast.log"
      load after contrast
      ;;
    stepped)
      # Rule 110 scattered: one barrier per batch of rows, so every step waits for the slowest silo.
      sweep eca110-stepped eca --set rule=110 --set width=65536 --set steps=2000000 --set init=random --mode scatter --parallelism 1,2,4,8
      ;;
    *) echo "unknown part '$part'; allowed: amdahl, pairs, stepped" >&2; exit 2 ;;
  esac
done
python3 "$ROOT/scripts/scaling-table.py" "$OUT"
