#!/usr/bin/env bash
# Measures the figures docs/PAPER.md quotes, in one command, on the embedded 2-silo cluster (run it on an idle machine):
#   docs/examples/contrast.{json,md,html}       serialcluster contrast: every pair, pinned and scattered, span series
#   docs/examples/eca110-sweep.{json,csv,html}  Rule 110 swept at P = 1, 2 against its pinned baseline (absolute speedup)
#   docs/examples/montecarlo-sweep.{json,...}   the same sweep of montecarlo, for contrast
#   docs/examples/do1-sweep.{json,csv,html}     do1 (Appendix G): regret against agent depth, swept at P = 1, 2 (PAPER.md's do1 row)
#   docs/examples/span-*.json                   sweep --size: Rule 110 stepwise, Rule 90's jump, the S5 tree, cvp's depth
# and the machine's load average before and after each (docs/examples/paper-figures.load.txt).
#
#   scripts/paper-figures.sh              # Release build, then ~7 minutes on an idle 2-core machine (contrast: 3 rounds)
#   scripts/paper-figures.sh --no-build
#   PAPER_OUT=/tmp/x scripts/paper-figures.sh --no-build    # a trial run that leaves docs/ alone
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLI="$ROOT/src/SerialCluster.Cli/bin/Release/net10.0/serialcluster.dll"
OUT="${PAPER_OUT:-$ROOT/docs/examples}"
SECONDS_PER_PAIR="${CONTRAST_SECONDS:-1.5}"
ROUNDS="${CONTRAST_REPEAT:-3}"
mkdir -p "$OUT"
LOAD="$OUT/paper-figures.load.txt"
: > "$LOAD"

if [[ "${1:-}" != "--no-build" ]]; then
  dotnet build -c Release "$ROOT/src/SerialCluster.Cli" -v q -nologo >&2
fi

load() { echo "$(date -u +%FT%TZ) load average $1: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$LOAD" >&2; }
cli() { dotnet "$CLI" "$@"; }

load "before contrast"
cli contrast --seconds "$SECONDS_PER_PAIR" --repeat "$ROUNDS" --markdown "$OUT/contrast.md" --html "$OUT/contrast.html" --json > "$OUT/contrast.json"
load "after contrast"

load "before the eca and montecarlo sweeps"
cli sweep eca --set rule=110 --set width=65536 --set steps=4000000 --set init=random --parallelism 1,2 --repeat 3 \
  --csv "$OUT/eca110-sweep.csv" --html "$OUT/eca110-sweep.html" --json > "$OUT/eca110-sweep.json"
cli sweep montecarlo --set samples=3e8 --set tasks=16 --parallelism 1,2 --repeat 3 \
  --csv "$OUT/montecarlo-sweep.csv" --html "$OUT/montecarlo-sweep.html" --json > "$OUT/montecarlo-sweep.json"
cli sweep do1 --set layers=48 --set width=64 --set instances=64 --set tasks=16 --parallelism 1,2 --repeat 3 \
  --csv "$OUT/do1-sweep.csv" --html "$OUT/do1-sweep.html" --json > "$OUT/do1-sweep.json"
load "after the sweeps"

cli sweep eca --set rule=110 --set width=65536 --set init=random --size steps=1e3,1e4,1e5,1e6 --repeat 1 --json > "$OUT/span-eca110.json"
cli sweep eca --set rule=90 --set shortcut=true --set width=65536 --set init=random --size steps=1e3,1e4,1e5,1e6,1e7 --repeat 1 --json > "$OUT/span-eca90-shortcut.json"
cli sweep s5 --set method=tree --size length=1e5,1e6,1e7,1e8 --size tasks=2,16,153,1526 --repeat 1 --json > "$OUT/span-s5-tree.json"
cli sweep cvp --set width=256 --size layers=64,512,4096,32768 --repeat 1 --json > "$OUT/span-cvp-depth.json"
load "after the span sweeps"

python3 - "$OUT" <<'PY'
import json, sys, os
out = sys.argv[1]
for name in ["span-eca110", "span-eca90-shortcut", "span-s5-tree", "span-cvp-depth"]:
    d = json.load(open(os.path.join(out, name + ".json")))
    s = d["slopes"]
    print(f"{name}: span slope {s['spanUnits']['slope']:.2f} in units, {s['spanSeconds']['slope']:.2f} in seconds — {s['reading']}")
for name in ["eca110-sweep", "montecarlo-sweep", "do1-sweep"]:
    d = json.load(open(os.path.join(out, name + ".json")))
    p2 = [p for p in d["points"] if p["p"] == 2][0]
    print(f"{name}: T_serial {d['baselineSeconds']:.3f} s, P=2 {p2['seconds']:.3f} s, speedup {p2['speedup']:.2f}x (relative {p2['relativeSpeedup']:.2f}x); {d['verdict']}")
PY
