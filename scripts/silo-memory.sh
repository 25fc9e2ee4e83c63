#!/usr/bin/env bash
# Resident memory of real silo processes before, during and after a burst of large jobs (docs/RELIABILITY.md, R-mem).
#   scripts/silo-memory.sh BIN_DIR [JOBS] [SILOS]
# BIN_DIR holds SerialCluster.Silo.dll and serialcluster.dll (e.g. tests/SerialCluster.Integration.Tests/bin/Debug/net10.0).
# Starts its own redis-server and silos on free loopback ports, submits JOBS cvp jobs at once, each with a generated
# ~16.7 MB .bench circuit (the largest a parameter may hold) STAGGER seconds apart (4), and prints each silo's VmRSS every 5 s until 60 s after the
# last job ended. Every process it started is stopped by its PID at the end.
set -euo pipefail
BIN=$(cd "${1:?BIN_DIR}" && pwd); JOBS=${2:-10}; SILOS=${3:-3}
WORK=$(mktemp -d /tmp/silo-memory.XXXXXX); PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
python3 - "$WORK/circuit.bench" <<'PY'
import random, sys
random.seed(7); width = 256; out = []; size = 0; limit = 16 * 1024 * 1024 - 65536
prev = [f"i{k}" for k in range(width)]
out += [f"INPUT({p})" for p in prev]; size = sum(len(l) + 1 for l in out); layer = 0
while True:
    cur = []
    for k in range(width):
        name = f"g{layer}_{k}"; line = f"{name} = NAND({random.choice(prev)}, {random.choice(prev)})"
        if size + len(line) + 1 + 64 > limit: break
        out.append(line); size += len(line) + 1; cur.append(name)
    if len(cur) < width: break
    prev = cur; layer += 1
out += [f"OUTPUT({p})" for p in prev]
open(sys.argv[1], "w").write("\n".join(out) + "\n")
PY
echo "circuit: $(wc -c < "$WORK/circuit.bench") bytes"
REDIS=$(port); redis-server --bind 127.0.0.1 --port "$REDIS" --save '' --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 & PIDS+=($!)
CLUSTER=mem-$RANDOM; SILO_PIDS=()
for i in $(seq 0 $((SILOS - 1))); do
  dotnet "$BIN/SerialCluster.Silo.dll" --SerialCluster:Silo:Name=silo-$i --SerialCluster:Silo:ClusterId=$CLUSTER \
    --SerialCluster:Silo:Clustering=redis --SerialCluster:Silo:RedisConnectionString=127.0.0.1:$REDIS \
    --SerialCluster:Silo:AdvertisedIPAddress=127.0.0.1 --SerialCluster:Silo:SiloPort="$(port)" \
    --SerialCluster:Silo:GatewayPort="$(port)" --SerialCluster:Silo:MetricsPort=0 >"$WORK/silo-$i.log" 2>&1 & PIDS+=($!); SILO_PIDS+=($!)
done
for i in $(seq 0 $((SILOS - 1))); do
  for _ in $(seq 1 600); do grep -qs "is active in cluster" "$WORK/silo-$i.log" && break; sleep 0.2; done
done
rss() { for p in "${SILO_PIDS[@]}"; do awk '/VmRSS/ {printf "%d ", $2 / 1024}' "/proc/$p/status"; done; }
echo "ready: RSS MB per silo: $(rss)"
START=$(date +%s); CLI_PIDS=()
for j in $(seq 1 "$JOBS"); do
  dotnet "$BIN/serialcluster.dll" run cvp --redis "127.0.0.1:$REDIS" --cluster-id "$CLUSTER" --set "circuit=@$WORK/circuit.bench" \
    --set tasks=4 >"$WORK/job-$j.log" 2>&1 & CLI_PIDS+=($!)
  # Staggered: ten clients starting at once on a small machine miss their connect timeout (a client matter, not the silos').
  sleep "${STAGGER:-4}"
done
PEAK=""; while kill -0 "${CLI_PIDS[@]}" 2>/dev/null; do R=$(rss); PEAK="$PEAK|$R"; echo "t=$(( $(date +%s) - START )) s RSS MB: $R"; sleep 5; done
OK=0; REFUSED=0; FAILED=(); for j in $(seq 1 "$JOBS"); do
  if wait "${CLI_PIDS[$((j - 1))]}"; then OK=$((OK + 1))
  elif grep -q "limit of this silo" "$WORK/job-$j.log"; then REFUSED=$((REFUSED + 1))
  else FAILED+=("$j"); fi
done
END=$(date +%s); echo "jobs: $JOBS submitted, $OK completed, $REFUSED refused by the silo bound, $((JOBS - OK - REFUSED)) failed otherwise; $((END - START)) s"
grep -h "limit of this silo" "$WORK"/job-*.log | head -1 || true
for j in "${FAILED[@]}"; do tail -n 2 "$WORK/job-$j.log" | sed "s/^/job $j failed: /"; done
for t in $(seq 0 5 60); do echo "after end +$t s RSS MB: $(rss)"; sleep 5; done
