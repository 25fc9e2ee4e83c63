#!/usr/bin/env bash
# Runtime levers for the hops (bench target 4) or the fan-out (target 3), measured A/B: each arm is a fresh
# `serialcluster bench` process with the lever's environment (the runtime reads these at process start), the arms
# alternating round by round so load that comes and goes falls on every arm alike. Prints one line per run and the
# medians per arm, with the load average before each run. The table in docs/BENCHMARKS.md ("Hops and fan-out: the
# levers tried") came from these arms.
#
#   benchmarks/levers.sh                         # target 4, 3 rounds, the default arms below
#   benchmarks/levers.sh --target 3 --rounds 2   # the fan-out instead
#   benchmarks/levers.sh -- "spin0:DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0"   # arms of your own (NAME:VAR=V ...)
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "levers.sh: $*" >&2
  exit 1
}

target=4
rounds=3
arms=(
  "default:SERIALCLUSTER_LEVER=none"
  "inline-completions:DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1"
  "spin-limit-0:DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0"
  "max-workers-4:DOTNET_ThreadPool_ForceMaxWorkerThreads=4"
  "min-workers-8:DOTNET_ThreadPool_ForceMinWorkerThreads=8"
)
while [ $# -gt 0 ]; do
  case "$1" in
    --target) shift; target=${1:-}; [[ "$target" =~ ^[34]$ ]] || fail "--target '$target': allowed: 3 (fan-out) or 4 (hops)" ;;
    --rounds) shift; rounds=${1:-}; [[ "$rounds" =~ ^[1-9][0-9]?$ ]] || fail "--rounds '$rounds': allowed: 1 to 99" ;;
    --) shift; [ $# -gt 0 ] || fail "-- needs at least one arm NAME:VAR=VALUE"; arms=("default:SERIALCLUSTER_LEVER=none" "$@"); break ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown option '$1' (allowed: --target 3|4, --rounds N, --help, -- followed by arms NAME:VAR=VALUE)" ;;
  esac
  shift
done

out=BenchmarkDotNet.Artifacts/levers
mkdir -p "$out"
dotnet build -c Release src/SerialCluster.Cli -v quiet -nologo >/dev/null || fail "could not build src/SerialCluster.Cli"
dll=src/SerialCluster.Cli/bin/Release/net10.0/serialcluster.dll
for round in $(seq 1 "$rounds"); do
  for arm in "${arms[@]}"; do
    name=${arm%%:*}
    read -r -a variables <<<"${arm#*:}"
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    env "${variables[@]}" dotnet "$dll" bench --targets "$target" --json >"$out/t$target-$name-$round.json" 2>"$out/t$target-$name-$round.err" ||
      fail "arm $name, round $round failed: see $out/t$target-$name-$round.err"
    echo "$name round $round: load before $load"
  done
done
python3 - "$out" "$target" <<'PY'
import glob, json, re, statistics, sys
out, target = sys.argv[1], sys.argv[2]
arms = {}
for path in sorted(glob.glob(f"{out}/t{target}-*.json")):
    name = re.match(rf".*/t{target}-(.+)-\d+\.json", path).group(1)
    document = json.load(open(path))
    if target == "4":
        hops = document["details"]["4. Hops"]
        cross = max(p["benchP50Microseconds"] for p in hops["pairs"] if p["from"] != p["to"])
        local = max(p["benchP50Microseconds"] for p in hops["pairs"] if p["from"] == p["to"])
        figures = (cross, local, cross / hops["tcpFloorP50Microseconds"], hops.get("crossDispatchesPerCall") or 0,
                   hops.get("crossCpuMicrosecondsPerCall") or 0)
    else:
        fan = document["details"]["3. Parallel efficiency"]
        figures = (fan["efficiency"], fan["bareParallelWallSeconds"] / fan["clusterBestWallSeconds"],
                   fan["workSeconds"] / (2 * fan["wallSeconds"]), fan["dispatchSecondsPerTask"] * 1e6)
    arms.setdefault(name, []).append(figures)
labels = (["cross-silo p50 µs", "local p50 µs", "cross ÷ TCP", "dispatches/call", "CPU µs/call"] if target == "4"
          else ["(T1/2) ÷ wall", "bare 2 threads ÷ cluster", "kernel ÷ P·wall", "dispatch µs/task"])
print("medians per arm: " + ", ".join(labels))
for name, runs in arms.items():
    print(f"{name} ({len(runs)} runs): " + ", ".join(f"{statistics.median(r[i] for r in runs):.2f}" for i in range(len(labels))))
PY
