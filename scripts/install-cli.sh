#!/usr/bin/env bash
# Installs the `serialcluster` command from this checkout: a Release build published with ReadyToRun, so the code every
# command runs at start (Orleans, hosting, the CLI) is compiled ahead of time instead of by the JIT in each process.
# By default it is self-contained with one composite ReadyToRun image of the runtime's libraries and the CLI's (~220 MB,
# ~3 min to build): code across assemblies — generic instantiations, inlining — is compiled too, which a per-assembly
# image leaves to the JIT. SerialCluster.Workloads (the kernels) is left to the JIT either way, which compiles each
# kernel fully optimised at its first call (quick JIT for loops is off), so kernels are the same code as in `dotnet run`.
#
#   scripts/install-cli.sh                 installs into ~/.local: ~/.local/lib/serialcluster/ and ~/.local/bin/serialcluster
#   PREFIX=/opt/sc scripts/install-cli.sh  installs elsewhere
#   COMPOSITE=0 scripts/install-cli.sh     per-assembly ReadyToRun on the machine's shared .NET runtime (~1 min, smaller, slower start)
#   OUT=out/cli scripts/install-cli.sh     only publishes into OUT (bench target 8 compares such builds)
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
if [ "${COMPOSITE:-1}" = 0 ]; then
  dotnet publish "$ROOT/src/SerialCluster.Cli" -c Release -r "$RID" --self-contained false -p:PublishReadyToRun=true -o "$LIB" -v q -nologo
  launch="exec dotnet \"$LIB/serialcluster.dll\""
else
  dotnet publish "$ROOT/src/SerialCluster.Cli" -c Release -r "$RID" --self-contained true -p:PublishReadyToRun=true \
    -p:PublishReadyToRunComposite=true -o "$LIB" -v q -nologo
  launch="exec \"$LIB/serialcluster\""
fi
if [ -n "${OUT:-}" ]; then
  echo "published: $LIB (run: ${launch#exec })"
  exit 0
fi

mkdir -p "$PREFIX/bin"
cat > "$PREFIX/bin/serialcluster" <<SCRIPT
#!/bin/sh
$launch "\$@"
SCRIPT
chmod +x "$PREFIX/bin/serialcluster"
echo "installed: $PREFIX/bin/serialcluster (ReadyToRun build in $LIB)"
case ":$PATH:" in
  *":$PREFIX/bin:"*) ;;
  *) echo "add $PREFIX/bin to PATH to run it as serialcluster" ;;
esac
