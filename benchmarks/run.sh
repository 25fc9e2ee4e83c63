#!/usr/bin/env bash
# Measures every kernel and prints one Markdown table: units/s per core, the issue's target, and the C baselines
# measured in the same run (OpenSSL SHA-256 loop, bit-parallel rule 110 loop).
#
#   benchmarks/run.sh             # the full suite, a few minutes
#   benchmarks/run.sh --quick     # shorter C runs and BenchmarkDotNet iterations: a smoke run, not numbers to quote
#   benchmarks/run.sh -- --filter '*Eca*'   # anything after -- goes to BenchmarkDotNet
#
# Outputs (all under BenchmarkDotNet.Artifacts/, which git ignores): baselines/ (C binaries and baselines.txt),
# results/ (BenchmarkDotNet's CSV, Markdown and HTML reports), kernel-table.md (the table printed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "run.sh: $*" >&2
  exit 1
}

quick=0
bdn_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --) shift; bdn_args=("$@"); break ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown option '$1' (allowed: --quick, --help, -- followed by BenchmarkDotNet options)" ;;
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
rm -f "$baselines" "$report"

echo "== machine"
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)
echo "cpu: ${cpu:-unknown}, $(nproc) logical cores"
echo "load at start: $(uptime | sed 's/.*load average: //')"

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

echo "== BenchmarkDotNet suite (Release)"
dotnet_args=(--baselines "$baselines" --report "$report")
if [ "$quick" -eq 1 ]; then
  dotnet_args+=(--quick)
fi
status=0
dotnet run -c Release --project benchmarks/SerialCluster.Benchmarks -- "${dotnet_args[@]}" "${bdn_args[@]}" || status=$?

echo "load at end: $(uptime | sed 's/.*load average: //')"
if [ ! -s "$report" ]; then
  fail "the benchmark run wrote no kernel table (exit status $status); see $artifacts/*.log"
fi
echo
echo "== kernel table ($report)"
cat "$report"
if [ "$status" -ne 0 ]; then
  fail "some benchmarks failed (exit status $status): their rows say 'failed'; see $artifacts/*.log"
fi
