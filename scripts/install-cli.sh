#!/usr/bin/env bash
# Installs the `serialcluster` command from this checkout: a Release build published with ReadyToRun, so the code every
# command runs at start (Orleans, hosting, the CLI) is compiled ahead of time instead of by the JIT in each process.
# SerialCluster.Workloads (the kernels) is left to the JIT, which compiles each kernel fully optimised at its first call
# (the CLI's project turns quick JIT for loops off), so a measurement's kernels are the same code as in `dotnet run`.
#
#   scripts/install-cli.sh                 installs into ~/.local: ~/.local/lib/serialcluster/ and ~/.local/bin/serialcluster
#   PREFIX=/opt/sc scripts/install-cli.sh  installs elsewhere
#   OUT=out/cli scripts/install-cli.sh     only publishes into OUT (benchmarks/oneshot-run.sh compares such builds)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "$(uname -m)" in
  x86_64) RID=linux-x64 ;;
  aarch64 | arm64) RID=linux-arm64 ;;
  *) echo "install-cli.sh: no ReadyToRun target for $(uname -m); run the CLI with dotnet run instead" >&2; exit 2 ;;
esac

PREFIX="${PREFIX:-$HOME/.local}"
LIB="${OUT:-$PREFIX/lib/serialcluster}"
rm -rf "$LIB"
dotnet publish "$ROOT/src/SerialCluster.Cli" -c Release -r "$RID" --self-contained false -p:PublishReadyToRun=true -o "$LIB" -v q -nologo
if [ -n "${OUT:-}" ]; then
  echo "published: $LIB/serialcluster.dll"
  exit 0
fi

mkdir -p "$PREFIX/bin"
cat > "$PREFIX/bin/serialcluster" <<SCRIPT
#!/bin/sh
exec dotnet "$LIB/serialcluster.dll" "\$@"
SCRIPT
chmod +x "$PREFIX/bin/serialcluster"
echo "installed: $PREFIX/bin/serialcluster (ReadyToRun build in $LIB)"
case ":$PATH:" in
  *":$PREFIX/bin:"*) ;;
  *) echo "add $PREFIX/bin to PATH to run it as serialcluster" ;;
esac
