#!/usr/bin/env bash
# "Faster core or more cores?", measured on real silos (docs/PAPER.md, "Faster core or more cores, measured"): runs
# FasterCoreMeasurement (tests/SerialCluster.Integration.Tests/Analysis). For K = 0 … 3 busy shells sharing one CPU, a
# fresh silo pinned there calibrates and runs the same pinned hashchain; then the chain scattered over 1 and 2 silos.
# Writes docs/examples/faster-core.{json,md,svg}: the table (K, calibrated score, chain seconds, steps/s, seconds ×
# score ÷ steps) and chain time against score with the ideal steps/score curve. Prints the load average before/after.
#
#   scripts/faster-core.sh                      # build the integration tests, then ~2 minutes on 2 cores
#   scripts/faster-core.sh --no-build
#   FASTER_CORE_OUT_DIR=/tmp/x scripts/faster-core.sh --no-build    # a trial run that leaves docs/ alone
#
# Needs redis-server, taskset (util-linux), python3 and 2 CPUs; the test skips, saying which, without. It times
# chains: run it on a quiet machine and quote the load average it prints.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${FASTER_CORE_OUT_DIR:-$ROOT/docs/examples}"
LOG="$ROOT/.local/faster-core.log"
BUILD=1
for argument in "$@"; do
  case "$argument" in
    --no-build) BUILD=0 ;;
    *) echo "unknown argument '$argument'; allowed: --no-build" >&2; exit 2 ;;
  esac
done

mkdir -p "$OUT" "$(dirname "$LOG")"
if [[ "$BUILD" == 1 ]]; then
  dotnet build "$ROOT/tests/SerialCluster.Integration.Tests" -v q -nologo >&2
fi

before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "load average before: $before on $(nproc) cores" >&2
set +e
FASTER_CORE_OUT="$OUT/faster-core.json" FASTER_CORE_SECONDS="${FASTER_CORE_SECONDS:-3}" FASTER_CORE_REPEAT="${FASTER_CORE_REPEAT:-3}" \
  dotnet test "$ROOT/tests/SerialCluster.Integration.Tests" --no-build \
  --filter "FullyQualifiedName~FasterCoreMeasurement" --logger "console;verbosity=detailed" >"$LOG" 2>&1
status=$?
set -e
after="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "load average after: $after" >&2
if [[ ! -s "$OUT/faster-core.json" ]]; then
  echo "no figures from the test (skipped or failed; see $LOG):" >&2
  grep -E -A2 -F '[SKIP]' "$LOG" | head -n 4 >&2 || grep -E 'Failed|Assert' "$LOG" | head -n 8 >&2 || true
  exit 1
fi

python3 - "$OUT" "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(nproc)" "$before" "$after" <<'PY'
import json, os, sys
out, when, cores, before, after = sys.argv[1:6]
rows = json.load(open(os.path.join(out, "faster-core.json")))
pinned = [r for r in rows if r["Mode"] == "pinned"]
steps = rows[0]["Steps"]
md = [f"Measured {when} on {cores} cores, load average {before} before, {after} after; hashchain of {steps:,} steps, "
      f"median of {len(rows[0]['ChainSeconds'])} runs.", "",
      "| mode | busy shells K | silos | P | calibrated score (steps/s) | chain seconds | steps/s | seconds × score ÷ steps |",
      "|---|---|---|---|---|---|---|---|"]
for r in rows:
    score = f"{r['Score']:,.0f}" if r["Score"] else "—"
    product = f"{r['ScoreProduct']:.3f}" if r["Score"] else "—"
    md.append(f"| {r['Mode']} | {r['Busy']} | {r['Silos']} | {r['Parallelism']} | {score} | {r['Seconds']:.3f} | "
              f"{r['StepsPerSecond']:,.0f} | {product} |")
open(os.path.join(out, "faster-core.md"), "w").write("\n".join(md) + "\n")
print("\n".join(md))

# Chain seconds against calibrated score, with the ideal steps / score curve through none of the points.
W, H, L, R, T, B = 640, 420, 70, 20, 40, 50
xmax = max(r["Score"] for r in pinned) * 1.1
ymax = max(r["Seconds"] for r in pinned + rows) * 1.15
xmin = min(r["Score"] for r in pinned) * 0.8
X = lambda s: L + (s - 0) / xmax * (W - L - R)
Y = lambda t: H - B - t / ymax * (H - T - B)
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<text x="{W/2}" y="20" text-anchor="middle" font-size="14">hashchain, {steps:,} steps: chain time against the silo\'s calibrated score</text>',
       f'<line x1="{L}" y1="{H-B}" x2="{W-R}" y2="{H-B}" stroke="black"/><line x1="{L}" y1="{T}" x2="{L}" y2="{H-B}" stroke="black"/>',
       f'<text x="{(L+W-R)/2}" y="{H-12}" text-anchor="middle">calibrated single-thread score (SHA-256 chain steps/s)</text>',
       f'<text x="16" y="{(T+H-B)/2}" text-anchor="middle" transform="rotate(-90 16 {(T+H-B)/2})">chain seconds</text>']
for i in range(6):
    s, t = xmax * i / 5, ymax * i / 5
    svg.append(f'<text x="{X(s)}" y="{H-B+16}" text-anchor="middle">{s/1e6:.1f}M</text>')
    svg.append(f'<text x="{L-6}" y="{Y(t)+4}" text-anchor="end">{t:.1f}</text>')
curve = " ".join(f"{X(s):.1f},{Y(steps/s):.1f}" for s in [xmin + (xmax - xmin) * i / 100 for i in range(101)] if steps / s <= ymax)
svg.append(f'<polyline points="{curve}" fill="none" stroke="#888" stroke-dasharray="5,4"/>')
svg.append(f'<text x="{W-R-4}" y="{Y(steps/xmax)-8}" text-anchor="end" fill="#666">ideal: steps ÷ score</text>')
for r in pinned:
    svg.append(f'<circle cx="{X(r["Score"]):.1f}" cy="{Y(r["Seconds"]):.1f}" r="5" fill="#c0392b"/>')
    svg.append(f'<text x="{X(r["Score"])+8:.1f}" y="{Y(r["Seconds"])-6:.1f}">K = {r["Busy"]}</text>')
fast = pinned[0]
for r in [r for r in rows if r["Mode"] == "scattered"]:
    svg.append(f'<rect x="{X(fast["Score"])-5+ (12 if r["Silos"] == 2 else 0):.1f}" y="{Y(r["Seconds"])-5:.1f}" width="10" height="10" fill="#2471a3"/>')
svg.append(f'<text x="{X(fast["Score"])-10:.1f}" y="{Y(fast["Seconds"])+22:.1f}" text-anchor="end" fill="#2471a3">'
           f'■ scattered, 1 and 2 silos</text>')
svg.append(f'<text x="{L+8}" y="{T+12}">load average {before} → {after}, {cores} cores; {when}</text>')
svg.append("</svg>")
open(os.path.join(out, "faster-core.svg"), "w").write("\n".join(svg) + "\n")
PY
exit "$status"
