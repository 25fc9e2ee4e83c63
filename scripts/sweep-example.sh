#!/usr/bin/env bash
# The README's "Reading the numbers" example: a serial workload (hashchain) and a parallel one (montecarlo) of about
# the same single-core time (about 3 s), swept at P = 1, 2, 4 (k = 5 runs each after a warm-up round) on the embedded 2-silo
# cluster; writes their JSON, CSV and HTML under docs/examples/ and the speedup charts as PNG under docs/images/,
# plus a report and a whatif of each workload's P = 1 job, and a report (timeline, parallelism charts) of one montecarlo
# job at P = 2. Records the machine's load average beside the numbers.
#
#   scripts/sweep-example.sh            # build, then ~4 minutes on an idle 2-core machine
#   scripts/sweep-example.sh --no-build
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLI="$ROOT/src/SerialCluster.Cli/bin/Debug/net10.0/serialcluster.dll"
OUT="$ROOT/docs/examples"
IMAGES="$ROOT/docs/images"
PS="${SWEEP_PARALLELISM:-1,2,4}"
REPEAT="${SWEEP_REPEAT:-5}"
mkdir -p "$OUT" "$IMAGES"

if [[ "${1:-}" != "--no-build" ]]; then
  dotnet build "$ROOT/src/SerialCluster.Cli" -v q -nologo >&2
fi

sweep() { # name workload parameters...
  local name=$1 workload=$2
  shift 2
  local sets=()
  for p in "$@"; do sets+=(--set "$p"); done
  echo "load average before $name: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/$name.load.txt" >&2
  dotnet "$CLI" sweep "$workload" "${sets[@]}" --parallelism "$PS" --repeat "$REPEAT" \
    --csv "$OUT/$name.csv" --html "$OUT/$name.html" --json > "$OUT/$name.json"
  echo "load average after $name: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/$name.load.txt" >&2
  # The sweep's charts, as PNG files (the HTML embeds them as data URIs).
  python3 - "$OUT/$name.html" "$IMAGES/$name" <<'PY'
import base64, re, sys
html, prefix = sys.argv[1], sys.argv[2]
for i, data in enumerate(re.findall(r'data:image/png;base64,([A-Za-z0-9+/=]+)', open(html).read())):
    open(f"{prefix}-{['speedup', 'time'][i] if i < 2 else i}.png", 'wb').write(base64.b64decode(data))
PY
  # The P = 1 job through report and whatif.
  python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["baseline"]))' "$OUT/$name.json" > "$OUT/$name.p1-run.json"
  dotnet "$CLI" report --from "$OUT/$name.p1-run.json" > "$OUT/$name.p1-report.txt"
  dotnet "$CLI" whatif --from "$OUT/$name.json" --cores 1,2,4,8 --speed 1,2 > "$OUT/$name.whatif.txt"
}

sweep hashchain hashchain "${HASHCHAIN_PARAMS:-steps=10000000}"
sweep montecarlo montecarlo "${MONTECARLO_PARAMS:-samples=300000000}" tasks=16
# One parallel job at P = 2 through report: its timeline and parallelism profile as PNG.
dotnet "$CLI" run montecarlo --set "${MONTECARLO_PARAMS:-samples=300000000}" --set tasks=16 --parallelism 2 --json > "$OUT/montecarlo.p2-run.json"
dotnet "$CLI" report --from "$OUT/montecarlo.p2-run.json" --html "$OUT/montecarlo.p2-report.html" > "$OUT/montecarlo.p2-report.txt"
python3 - "$OUT/montecarlo.p2-report.html" "$IMAGES/montecarlo-p2" <<'PY'
import base64, re, sys
html, prefix = sys.argv[1], sys.argv[2]
for name, data in zip(['timeline', 'parallelism'], re.findall(r'data:image/png;base64,([A-Za-z0-9+/=]+)', open(html).read())):
    open(f"{prefix}-{name}.png", 'wb').write(base64.b64decode(data))
PY
echo "wrote $OUT and $IMAGES" >&2
