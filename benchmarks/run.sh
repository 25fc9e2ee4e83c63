#!/usr/bin/env bash
# One run, every target of the performance issue side by side: builds and runs the C baselines (OpenSSL SHA-256
# loop, bit-parallel rule 110 loop), then `serialcluster bench` (an embedded 2-silo cluster against bare loops in
# the same process: serial overhead, kernels vs C, parallel efficiency and dispatch cost, hops, the parable, scale,
# and target 7: the same fan-out on Dask's LocalCluster through src/SerialCluster.Cli/Bench/dask_fanout.py, skipped where no Python
# imports dask.distributed — apt-get install -y python3-distributed), then the BenchmarkDotNet kernel suite;
# prints the machine, its load before and after, and the tables.
#
#   benchmarks/run.sh             # everything, ~6-8 minutes on 2 idle cores
#   benchmarks/run.sh --quick     # tiny sizes everywhere: a smoke run, not numbers to quote (~1-2 minutes)
#   benchmarks/run.sh --no-kernels   # C baselines + the cluster bench only (~2-3 minutes)
#   benchmarks/run.sh -- --filter '*Eca*'   # anything after -- goes to BenchmarkDotNet
#
# Outputs (all under BenchmarkDotNet.Artifacts/, which git ignores): baselines/ (C binaries and baselines.txt),
# cluster-bench.md and cluster-bench.json (the targets table and its details), results/ (BenchmarkDotNet's reports),
# kernel-table.md (the per-kernel table), bench-report.md (all of it, as docs/BENCHMARKS.md quotes it).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "run.sh: $*" >&2
  exit 1
}

quick=0
kernels=1
bdn_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-kernels) kernels=0 ;;
    --) shift; bdn_args=("$@"); break ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown option '$1' (allowed: --quick, --no-kernels, --help, -- followed by BenchmarkDotNet options)" ;;
  esac
  shift
done
if [ "${#bdn_args[@]}" -eq 0 ]; then
  bdn_args=(--filter '*')
fi

command -v gcc >/dev/null || fail "gcc not found: install it (apt-get install -y gcc)"
command -v dotnet >/dev/null || fail "dotnet not found: install the .NET 10 SDK (global.json pins the band)"
if ! echo '#include <openssl/sha.h>' | gcc -E -x c - >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "run.sh: OpenSSL headers missing, installing libssl-dev" >&2
    apt-get install -y libssl-dev >/dev/null || { apt-get update >/dev/null && apt-get install -y libssl-dev >/dev/null; } \
      || fail "could not install libssl-dev (needed for the OpenSSL SHA-256 baseline)"
  else
    fail "openssl/sha.h not found: install OpenSSL's development headers (Debian/Ubuntu: libssl-dev)"
  fi
fi

artifacts=BenchmarkDotNet.Artifacts
out="$artifacts/baselines"
mkdir -p "$out"
baselines="$out/baselines.txt"
report="$artifacts/kernel-table.md"
cluster_report="$artifacts/cluster-bench.md"
cluster_json="$artifacts/cluster-bench.json"
combined="$artifacts/bench-report.md"
rm -f "$baselines" "$report" "$cluster_report" "$cluster_json" "$combined"
started=$(date +%s)

echo "== machine"
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)
echo "cpu: ${cpu:-unknown}, $(nproc) logical cores"
load_start=$(uptime | sed 's/.*load average: //')
echo "load at start: $load_start"

echo "== C baselines (gcc -O3 -march=native)"
gcc -O3 -march=native -Wall -Wextra -Werror -o "$out/sha256_loop" benchmarks/baselines/sha256_loop.c -lcrypto \
  || fail "could not compile benchmarks/baselines/sha256_loop.c"
gcc -O3 -march=native -Wall -Wextra -Werror -o "$out/eca_loop" benchmarks/baselines/eca_loop.c \
  || fail "could not compile benchmarks/baselines/eca_loop.c"
if [ "$quick" -eq 1 ]; then
  sha_args=(1000000 3)
  eca_args=(500000 3)
else
  sha_args=(5000000 7)
  eca_args=(2000000 7)
fi
for run in "sha256_loop ${sha_args[*]}" "eca_loop ${eca_args[*]}"; do
  # shellcheck disable=SC2086 # the words are the binary and its numeric arguments
  line=$("$out"/$run) || fail "baseline '$run' failed"
  case "$line" in
    baseline=*units_per_s=*) echo "$line" | tee -a "$baselines" ;;
    *) fail "baseline '$run' printed no 'baseline=… units_per_s=…' line: $line" ;;
  esac
done

echo "== cluster bench (serialcluster bench, Release)"
dotnet build -c Release src/SerialCluster.Cli -v quiet -nologo >/dev/null || fail "could not build src/SerialCluster.Cli"
bench_args=(bench --baselines "$baselines" --report "$cluster_report" --json)
if [ "$quick" -eq 1 ]; then
  bench_args+=(--quick)
fi
cluster_status=0
dotnet src/SerialCluster.Cli/bin/Release/net10.0/serialcluster.dll "${bench_args[@]}" >"$cluster_json" || cluster_status=$?
if [ "$cluster_status" -ne 0 ] || [ ! -s "$cluster_report" ]; then
  fail "serialcluster bench failed (exit status $cluster_status); rerun it alone with --verbose: dotnet src/SerialCluster.Cli/bin/Release/net10.0/serialcluster.dll ${bench_args[*]} --verbose"
fi

status=0
if [ "$kernels" -eq 1 ]; then
  echo "== BenchmarkDotNet suite (Release)"
  dotnet_args=(--baselines "$baselines" --report "$report")
  if [ "$quick" -eq 1 ]; then
    dotnet_args+=(--quick)
  fi
  dotnet run -c Release --project benchmarks/SerialCluster.Benchmarks -- "${dotnet_args[@]}" "${bdn_args[@]}" || status=$?
  if [ ! -s "$report" ]; then
    fail "the benchmark run wrote no kernel table (exit status $status); see $artifacts/*.log"
  fi
fi

load_end=$(uptime | sed 's/.*load average: //')
echo "load at end: $load_end"
{
  invocation="benchmarks/run.sh"
  [ "$quick" -eq 1 ] && invocation="$invocation --quick"
  [ "$kernels" -eq 0 ] && invocation="$invocation --no-kernels"
  echo "# Bench report ($(date -u '+%Y-%m-%d %H:%M UTC'), $(( $(date +%s) - started )) s: $invocation)"
  echo
  echo "- cpu: ${cpu:-unknown}, $(nproc) logical cores"
  echo "- load average at the start of run.sh: $load_start; at its end: $load_end"
  echo
  sed 's/^## /## /' "$cluster_report"
  if [ -s "$report" ]; then
    echo
    echo "## Kernels (BenchmarkDotNet, one core)"
    echo
    cat "$report"
  fi
} >"$combined"
echo
echo "== report ($combined)"
cat "$combined"
if [ "$status" -ne 0 ]; then
  fail "some benchmarks failed (exit status $status): their rows say 'failed'; see $artifacts/*.log"
fi
