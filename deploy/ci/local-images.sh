#!/usr/bin/env bash
# Builds, without any image registry, stand-ins for the images docker-compose.yml pulls, and prints the variables
# that make compose use them:
#   eval "$(deploy/ci/local-images.sh)"   # then: docker compose -f docker-compose.yml -f deploy/ci/no-ui.yml up …
# - a Debian bookworm root made by mmdebstrap from Debian's archive (ICU, OpenSSL, zlib, tzdata: what .NET needs;
#   redis-server and prometheus from Debian's packages; wget for Prometheus' health check), imported once;
# - the .NET SDK and runtime images from the SDK installed on this machine (same paths, user `app` = 1654 and
#   APP_UID as the official images); the SDK image restores from a local folder feed of exactly the packages the
#   silo and the CLI need (copied from this machine's NuGet global packages folder), since its containers have no
#   internet (and checks package signatures' revocation offline, for the same reason); users' builds keep
#   restoring from nuget.org;
# - Redis and Prometheus with the official images' users, data folders and entry points.
# Grafana and Jaeger have no Debian package: the stack runs without them here (deploy/ci/no-ui.yml).
# Images that exist are kept: a tag names what it was built from (SDK and runtime versions, the feed's hash).
set -euo pipefail
cd "$(dirname "$0")/../.."

log() { echo "local-images: $*" >&2; }
die() { log "$*"; exit 1; }
for tool in docker mmdebstrap dotnet python3; do
  command -v "$tool" >/dev/null || die "needs $tool (deploy/ci/docker-engine.sh install; python3 from Debian)"
done

SUITE=bookworm
PACKAGES=ca-certificates,libicu72,libssl3,zlib1g,libstdc++6,tzdata,redis-server,prometheus,wget
# Tags name their recipe: the base its package list, the others this script's text (and the SDK its feed).
BASE=serialcluster-ci/debian-base:$SUITE-$(echo "$PACKAGES" | sha256sum | cut -c1-8)
recipe=$(sha256sum "$0" | cut -c1-8)
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
sdk_version=$(dotnet --version)
runtime_version=$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v }')
[ -n "$runtime_version" ] || die "no Microsoft.NETCore.App runtime in $dotnet_root"

exists() { docker image inspect "$1" >/dev/null 2>&1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
context=$work/context
mkdir -p "$context"

# One root for every stand-in: one mmdebstrap run instead of four.
if ! exists "$BASE"; then
  log "making $BASE with mmdebstrap (Debian $SUITE, minbase)"
  mmdebstrap --quiet --variant=minbase --aptopt='APT::Install-Recommends "false"' \
    --include="$PACKAGES" \
    "$SUITE" - | docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$BASE" >/dev/null
fi

# The packages the silo's and the CLI's restore resolve, as a folder feed in the global-packages layout.
dotnet restore src/SerialCluster.Silo/SerialCluster.Silo.csproj -v q >/dev/null
dotnet restore src/SerialCluster.Cli/SerialCluster.Cli.csproj -v q >/dev/null
packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
# Every project's assets: analyzers of referenced projects (PrivateAssets) are not in the silo's or the CLI's own.
python3 - "$packages" src/*/obj/project.assets.json \
  >"$work/packages.txt" <<'PY'
import json, sys
root, *assets = sys.argv[1:]
wanted = set()
for path in assets:
    with open(path) as f:
        libraries = json.load(f)["libraries"]
    wanted.update(v["path"] for v in libraries.values() if v["type"] == "package")
print("\n".join(sorted(wanted)))
PY
feed_hash=$(sha256sum "$work/packages.txt" | cut -c1-12)
SDK_IMAGE=serialcluster-ci/dotnet-sdk:$sdk_version-$recipe-$feed_hash
RUNTIME_IMAGE=serialcluster-ci/dotnet-runtime:$runtime_version-$recipe
REDIS_IMAGE=serialcluster-ci/redis:$SUITE-$recipe
PROMETHEUS_IMAGE=serialcluster-ci/prometheus:$SUITE-$recipe

build() { # build TAG: the Dockerfile and files are in $context
  log "building $1"
  # The classic builder: Debian's engine has no BuildKit; its deprecation notice is noise here.
  DOCKER_BUILDKIT=0 docker build -q -t "$1" "$context" >/dev/null 2>"$work/build.log" || { cat "$work/build.log" >&2; die "could not build $1"; }
  rm -rf "${context:?}"/*
}

if ! exists "$RUNTIME_IMAGE"; then
  mkdir -p "$context/dotnet/shared"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$dotnet_root/LICENSE.txt" "$context/dotnet/" 2>/dev/null || true
  cp -a "$dotnet_root/shared/Microsoft.NETCore.App" "$context/dotnet/shared/"
  cat >"$context/Dockerfile" <<DOCKERFILE
FROM $BASE
COPY dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet && groupadd -g 1654 app && useradd -u 1654 -g app -M -d /home/app app
ENV APP_UID=1654 DOTNET_VERSION=$runtime_version DOTNET_RUNNING_IN_CONTAINER=true
DOCKERFILE
  build "$RUNTIME_IMAGE"
fi

if ! exists "$SDK_IMAGE"; then
  cp -a "$dotnet_root" "$context/dotnet"
  mkdir -p "$context/feed"
  while read -r package; do
    mkdir -p "$context/feed/$package"
    cp -a "$packages/$package/." "$context/feed/$package/"
  done <"$work/packages.txt"
  cat >"$context/NuGet.Config" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="/nuget-feed" />
  </packageSources>
</configuration>
XML
  cat >"$context/Dockerfile" <<DOCKERFILE
FROM $BASE
COPY dotnet /usr/share/dotnet
COPY feed /nuget-feed
COPY NuGet.Config /root/.nuget/NuGet/NuGet.Config
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet && groupadd -g 1654 app && useradd -u 1654 -g app -M -d /home/app app
ENV APP_UID=1654 DOTNET_SDK_VERSION=$sdk_version DOTNET_RUNNING_IN_CONTAINER=true DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 NUGET_XMLDOC_MODE=skip NUGET_CERT_REVOCATION_MODE=offline
DOCKERFILE
  build "$SDK_IMAGE"
fi

if ! exists "$REDIS_IMAGE"; then
  # As redis:7-alpine: the data folder /data belongs to uid 999 / gid 1000, redis-cli is there for the health check,
  # and protected mode is off (the official image builds Redis so; the compose network is its only access).
  cat >"$context/entrypoint.sh" <<'SH'
#!/bin/sh
if [ "${1:-}" = "redis-server" ]; then
  exec "$@" --protected-mode no
fi
exec "$@"
SH
  chmod +x "$context/entrypoint.sh"
  cat >"$context/Dockerfile" <<DOCKERFILE
FROM $BASE
RUN mkdir -p /data && chown 999:1000 /data
COPY entrypoint.sh /usr/local/bin/docker-entrypoint.sh
WORKDIR /data
EXPOSE 6379
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
CMD ["redis-server"]
DOCKERFILE
  build "$REDIS_IMAGE"
fi

if ! exists "$PROMETHEUS_IMAGE"; then
  # As prom/prometheus: the binary is the entry point, data in /prometheus owned by nobody (65534).
  cat >"$context/Dockerfile" <<DOCKERFILE
FROM $BASE
RUN mkdir -p /prometheus /etc/prometheus && chown 65534:65534 /prometheus
WORKDIR /prometheus
EXPOSE 9090
ENTRYPOINT ["/usr/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]
DOCKERFILE
  build "$PROMETHEUS_IMAGE"
fi

echo "export DOTNET_SDK_IMAGE=$SDK_IMAGE"
echo "export DOTNET_RUNTIME_IMAGE=$RUNTIME_IMAGE"
echo "export REDIS_IMAGE=$REDIS_IMAGE"
echo "export PROMETHEUS_IMAGE=$PROMETHEUS_IMAGE"
