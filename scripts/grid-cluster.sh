#!/usr/bin/env bash
# Starts (up) or stops (down) the small multi-process cluster the auto-mode grid runs on: N silo processes of
# SerialCluster.Silo on loopback with localhost clustering (the first silo holds membership), logs and pids in
# $GRID_DIR. Stops exactly the processes it started (by the pids it recorded).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GRID_DIR="${GRID_DIR:-$ROOT/.local/grid-cluster}"
SILOS="${GRID_SILOS:-3}"
SILO_PORT="${GRID_SILO_PORT:-21111}"
GATEWAY_PORT="${GRID_GATEWAY_PORT:-32000}"
CLUSTER_ID="${GRID_CLUSTER_ID:-autogrid}"
SILO_DLL="$ROOT/src/SerialCluster.Silo/bin/Debug/net10.0/SerialCluster.Silo.dll"

up() {
  mkdir -p "$GRID_DIR"
  if [[ -s "$GRID_DIR/pids" ]]; then
    echo "grid-cluster: already up (pids in $GRID_DIR/pids); run '$0 down' first" >&2
    exit 1
  fi
  [[ -f "$SILO_DLL" ]] || dotnet build "$ROOT/src/SerialCluster.Silo" -v q -nologo >&2
  : > "$GRID_DIR/pids"
  for ((i = 0; i < SILOS; i++)); do
    dotnet "$SILO_DLL" \
      --SerialCluster:Silo:Name="grid-$i" \
      --SerialCluster:Silo:ClusterId="$CLUSTER_ID" \
      --SerialCluster:Silo:SiloPort=$((SILO_PORT + i)) \
      --SerialCluster:Silo:GatewayPort=$((GATEWAY_PORT + i)) \
      --SerialCluster:Silo:PrimarySiloPort="$SILO_PORT" \
      --SerialCluster:Silo:MetricsPort="${GRID_METRICS_PORT:-0}" \
      --Logging:LogLevel:SerialCluster.Grains.Jobs="${GRID_COST_LOG_LEVEL:-Debug}" \
      >"$GRID_DIR/silo-$i.log" 2>&1 &
    echo $! >> "$GRID_DIR/pids"
    # The primary must be listening before the others look for it.
    if ((i == 0)); then
      for _ in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$GATEWAY_PORT") 2>/dev/null && break
        sleep 0.2
      done
    fi
  done
  echo "127.0.0.1:$GATEWAY_PORT"
}

down() {
  [[ -f "$GRID_DIR/pids" ]] || { echo "grid-cluster: not up" >&2; return 0; }
  while read -r pid; do
    kill -TERM "$pid" 2>/dev/null || true
  done < "$GRID_DIR/pids"
  while read -r pid; do
    for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done < "$GRID_DIR/pids"
  rm -f "$GRID_DIR/pids"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
