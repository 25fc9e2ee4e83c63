#!/usr/bin/env bash
# A Docker engine for CI and for trying the compose stack on a machine without one (Debian, as root):
#   deploy/ci/docker-engine.sh install   docker.io, mmdebstrap and the Compose v2 plugin (trixie's static binary)
#   deploy/ci/docker-engine.sh start     dockerd on its own socket and state folders; prints `export DOCKER_HOST=…`
#   deploy/ci/docker-engine.sh stop      stops that dockerd by its PID, removes its bridge and iptables chains
# The engine is this script's own: its PID, socket and folders live under STATE (default /run/serialcluster-docker
# and /var/lib/serialcluster-docker), so an engine already on the machine is never touched. Images stay in the
# data root between runs; `stop --purge` removes them too.
set -euo pipefail

RUN_DIR=${SERIALCLUSTER_DOCKER_RUN:-/run/serialcluster-docker}
DATA_DIR=${SERIALCLUSTER_DOCKER_DATA:-/var/lib/serialcluster-docker}
SOCKET="$RUN_DIR/docker.sock"
PIDFILE="$RUN_DIR/dockerd.pid"
LOG="$RUN_DIR/dockerd.log"
PLUGINS="${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins"

die() { echo "docker-engine: $*" >&2; exit 1; }

install_engine() {
  [ "$(id -u)" -eq 0 ] || die "install needs root (apt-get)"
  if ! command -v dockerd >/dev/null || ! command -v mmdebstrap >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      docker.io mmdebstrap iptables uidmap ca-certificates >/dev/null
  fi
  if docker compose version >/dev/null 2>&1; then
    return
  fi
  # Compose v2 is not packaged for bookworm; trixie's package is one static Go binary. It is fetched with a
  # sources list of its own, so the system's apt sources stay as they are.
  local tmp
  tmp=$(mktemp -d)
  mkdir -p "$tmp/sources" "$tmp/state/lists/partial" "$tmp/cache/archives/partial"
  printf 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: trixie\nComponents: main\nSigned-By: %s\n' \
    /usr/share/keyrings/debian-archive-keyring.gpg >"$tmp/sources/trixie.sources"
  local apt=(apt-get -qq -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$tmp/sources"
    -o Dir::State="$tmp/state" -o Dir::Cache="$tmp/cache" -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
  "${apt[@]}" update
  (cd "$tmp" && "${apt[@]}" download docker-compose)
  dpkg -x "$tmp"/docker-compose_*.deb "$tmp/unpacked"
  mkdir -p "$PLUGINS"
  install -m 0755 "$tmp/unpacked/usr/libexec/docker/cli-plugins/docker-compose" "$PLUGINS/docker-compose"
  rm -rf "$tmp"
  docker compose version >/dev/null || die "the Compose v2 plugin in $PLUGINS does not run"
}

start_engine() {
  [ "$(id -u)" -eq 0 ] || die "start needs root (dockerd)"
  command -v dockerd >/dev/null || die "no dockerd: run '$0 install' first"
  if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    echo "export DOCKER_HOST=unix://$SOCKET"
    return
  fi
  mkdir -p "$RUN_DIR" "$DATA_DIR"
  # dockerd turns IP forwarding on for its bridge; stop puts back what was there.
  sysctl -n net.ipv4.ip_forward >"$RUN_DIR/ip_forward.before"
  dockerd --data-root "$DATA_DIR" --exec-root "$RUN_DIR/exec" -H "unix://$SOCKET" --pidfile "$RUN_DIR/dockerd.pidfile" \
    >"$LOG" 2>&1 &
  echo $! >"$PIDFILE"
  local deadline=$((SECONDS + 60))
  until DOCKER_HOST="unix://$SOCKET" docker info >/dev/null 2>&1; do
    kill -0 "$(cat "$PIDFILE")" 2>/dev/null || { tail -n 20 "$LOG" >&2; die "dockerd exited; its log is above"; }
    [ "$SECONDS" -lt "$deadline" ] || { tail -n 20 "$LOG" >&2; die "dockerd did not answer on $SOCKET within 60 s"; }
    sleep 0.5
  done
  echo "export DOCKER_HOST=unix://$SOCKET"
}

stop_engine() {
  if [ -f "$PIDFILE" ]; then
    local pid
    pid=$(cat "$PIDFILE")
    if kill -0 "$pid" 2>/dev/null; then
      DOCKER_HOST="unix://$SOCKET" docker ps -q | xargs -r env DOCKER_HOST="unix://$SOCKET" docker rm -f >/dev/null 2>&1 || true
      kill "$pid"
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -f "$PIDFILE"
  fi
  # What dockerd leaves behind when it stops: its bridge and its iptables chains.
  ip link del docker0 2>/dev/null || true
  for table in filter nat; do
    iptables -t "$table" -S 2>/dev/null | grep -E '^-A .*(DOCKER|docker0)' | sed 's/^-A /-D /' |
      while read -r rule; do eval "iptables -t $table $rule" 2>/dev/null || true; done
    for chain in DOCKER DOCKER-ISOLATION-STAGE-1 DOCKER-ISOLATION-STAGE-2 DOCKER-USER; do
      iptables -t "$table" -F "$chain" 2>/dev/null || true
      iptables -t "$table" -X "$chain" 2>/dev/null || true
    done
  done
  if [ -f "$RUN_DIR/ip_forward.before" ]; then
    sysctl -qw "net.ipv4.ip_forward=$(cat "$RUN_DIR/ip_forward.before")"
    rm -f "$RUN_DIR/ip_forward.before"
  fi
  if [ "${1:-}" = "--purge" ]; then
    rm -rf "$DATA_DIR"
  fi
}

case "${1:-}" in
  install) install_engine ;;
  start) start_engine ;;
  stop) shift; stop_engine "$@" ;;
  *) die "usage: $0 install|start|stop [--purge]" ;;
esac
