#!/usr/bin/env bash
# A SerialCluster of real processes on this machine, without Docker: one redis-server on loopback for
# membership and job storage, N silo processes joined through it, each serving /metrics, and optionally
# Prometheus scraping them with docker-compose.yml's own config (deploy/prometheus/prometheus.yml, its DNS
# discovery replaced by a targets file carrying the same labels).
#
#   deploy/local-cluster.sh up                 build, start redis-server, the silos (and prometheus), wait until ready
#   deploy/local-cluster.sh status             each process (alive or not) and the cluster's silos
#   deploy/local-cluster.sh redis-up           start redis-server alone again (after it crashed), same settings and data
#   deploy/local-cluster.sh down               stop exactly the processes `up` started (SIGTERM, wait, then SIGKILL)
#   deploy/local-cluster.sh prometheus-config  write STATE_DIR/prometheus.yml and its targets file, print the path
#
# Jobs survive `down` and `up`: redis-server keeps an append-only file (fsync every second, as docker-compose.yml
# runs it) in STATE_DIR/redis-data; delete that directory for an empty cluster. A silo that exits while the cluster
# is up (declared dead after a freeze, or stopped to rejoin after Redis came back empty) is started again, as
# compose's restart policy does; each silo's supervisor shell has its pid in silo-N.supervisor.pid.
#
#   TOPOLOGY=compose deploy/local-cluster.sh up   the compose file's topology: silo-0 serial on CPU 0, silo-1 and
#                                                 silo-2 parallel on CPU 1, Prometheus on 127.0.0.1:9090
#
# Settings (environment variables; `up` records them, `status` and `down` read them back):
#   TOPOLOGY=compose            defaults for the settings below as docker-compose.yml runs them (explicit ones win)
#   SILOS=3                     number of silo processes
#   ROLES="serial,parallel"     role per silo (any|serial|parallel), comma-separated; missing entries are "any"
#   CPUS="0,1,1"                taskset CPU list per silo (e.g. 0 or 0-1), comma-separated; empty = not pinned
#   SCORES="2e6,,"              SingleThreadScoreOverride per silo, comma-separated; empty = measured
#   BUSY="0:2"                  CPU:COUNT,… spinning shells pinned to a CPU, started before the silos (a silo
#                               pinned to that CPU measures slower: docs/HETEROGENEITY.md)
#   CLUSTER_ID=serialcluster-local
#   REDIS_PORT=6380             redis-server listens on 127.0.0.1:REDIS_PORT
#   SILO_PORT_BASE=11111        silo i listens on SILO_PORT_BASE+i (silo-to-silo)
#   GATEWAY_PORT_BASE=30000     silo i listens on GATEWAY_PORT_BASE+i (clients)
#   METRICS_PORT_BASE=9400      silo i serves http://127.0.0.1:(METRICS_PORT_BASE+i)/metrics; 0 = no metrics
#   PROMETHEUS_PORT=            start prometheus on 127.0.0.1:PROMETHEUS_PORT scraping every silo (empty = none;
#                               9090 with TOPOLOGY=compose); needs apt-get install -y prometheus
#   STATE_DIR=.local/cluster    pid files, logs and the recorded settings
#   CONFIGURATION=Release       build configuration; SILO_DLL=path skips the build and runs that dll
#   READY_TIMEOUT=90            seconds `up` waits for every silo to report itself active
#   STOP_TIMEOUT=30             seconds `down` waits after SIGTERM before SIGKILL
#   SILO_ARGS="…"               extra arguments for every silo, e.g. --SerialCluster:Silo:CalibrationInterval=00:01:00
#   CPU_QUOTA=0.25              CPU quota per silo in cores (a fraction of a core, or more): each silo process runs in a
#                               control group of its own, CGROUP_ROOT/serialcluster-CLUSTER_ID/silo-N, with that share of
#                               every CPU_PERIOD_US; `down` (and a failed `up`) removes them; needs root and the cgroup cpu
#                               controller (v1 cpu.cfs_quota_us or v2 cpu.max). Empty = no quota. docs/SCALING.md
#   CPU_PERIOD_US=10000         the quota's period in µs (1000 to 1000000); short, so a silo runs little and often
#   CGROUP_ROOT=                where the groups go; empty = found: /sys/fs/cgroup/cpu (v1) or /sys/fs/cgroup (v2)
#
#   SILOS=8 CPU_QUOTA=0.25 deploy/local-cluster.sh up   eight slow silos, a quarter core each: speedup to P = 8 on 2 cores
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="${STATE_DIR:-$ROOT/.local/cluster}"
mkdir -p "$STATE_DIR"
STATE_DIR="$(cd "$STATE_DIR" && pwd)"
SETTINGS_FILE="$STATE_DIR/cluster.env"

say() { printf '%s\n' "$*" >&2; }
die() { say "local-cluster: $*"; exit 1; }

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# `up` takes settings from the environment; `status` and `down` from what `up` recorded.
load_settings() {
  if [ "${1:-}" = recorded ] && [ -f "$SETTINGS_FILE" ]; then
    # shellcheck disable=SC1090
    source "$SETTINGS_FILE"
  fi
  TOPOLOGY="${TOPOLOGY:-}"
  if [ "$TOPOLOGY" = compose ]; then
    # docker-compose.yml with SERIAL_CPUSET=0 SILO_CPUSET=1: silo-serial (role serial), silo scaled to 2 (role parallel), prometheus.
    SILOS="${SILOS:-3}"
    ROLES="${ROLES:-serial,parallel,parallel}"
    if [ "$(nproc 2>/dev/null || echo 1)" -ge 2 ]; then CPUS="${CPUS:-0,1,1}"; fi
    PROMETHEUS_PORT="${PROMETHEUS_PORT-9090}"
  fi
  SILOS="${SILOS:-3}"
  ROLES="${ROLES:-}"
  CPUS="${CPUS:-}"
  SCORES="${SCORES:-}"
  BUSY="${BUSY:-}"
  CLUSTER_ID="${CLUSTER_ID:-serialcluster-local}"
  REDIS_PORT="${REDIS_PORT:-6380}"
  SILO_PORT_BASE="${SILO_PORT_BASE:-11111}"
  GATEWAY_PORT_BASE="${GATEWAY_PORT_BASE:-30000}"
  METRICS_PORT_BASE="${METRICS_PORT_BASE:-9400}"
  PROMETHEUS_PORT="${PROMETHEUS_PORT:-}"
  CONFIGURATION="${CONFIGURATION:-Release}"
  BUILD_SILO=$([ -z "${SILO_DLL:-}" ] && echo yes || echo no)
  SILO_DLL="${SILO_DLL:-$ROOT/src/SerialCluster.Silo/bin/$CONFIGURATION/net10.0/SerialCluster.Silo.dll}"
  CLI_DLL="${CLI_DLL:-$ROOT/src/SerialCluster.Cli/bin/$CONFIGURATION/net10.0/serialcluster.dll}"
  READY_TIMEOUT="${READY_TIMEOUT:-90}"
  STOP_TIMEOUT="${STOP_TIMEOUT:-30}"
  SILO_ARGS="${SILO_ARGS:-}"
  CPU_QUOTA="${CPU_QUOTA:-}"
  CPU_PERIOD_US="${CPU_PERIOD_US:-10000}"
  CGROUP_ROOT="${CGROUP_ROOT:-}"
  CGROUP_DIR="${CGROUP_DIR:-}"
  CGROUP_VERSION="${CGROUP_VERSION:-}"
}

save_settings() {
  {
    for name in TOPOLOGY SILOS ROLES CPUS SCORES BUSY CLUSTER_ID REDIS_PORT SILO_PORT_BASE GATEWAY_PORT_BASE METRICS_PORT_BASE PROMETHEUS_PORT CONFIGURATION SILO_DLL CLI_DLL SILO_ARGS \
    CPU_QUOTA CPU_PERIOD_US CGROUP_ROOT CGROUP_DIR CGROUP_VERSION; do
      printf '%s=%q\n' "$name" "${!name}"
    done
  } >"$SETTINGS_FILE"
}

# The i-th entry of a comma-separated list, empty when absent.
nth() {
  local list="$1" index="$2" entries
  IFS=',' read -r -a entries <<<"$list"
  printf '%s' "${entries[$index]:-}"
}

# Is PID alive and still the program we started (guards against a recycled PID)?
is_ours() {
  local pid="$1" program="$2"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$program"
}

pid_of() { if [ -f "$1" ]; then cat "$1"; fi; }

redis_ping() {
  if command -v redis-cli >/dev/null; then
    [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT" && printf 'PING\r\n' >&3 && read -r -t 2 reply <&3 && [[ "$reply" == +PONG* ]]) 2>/dev/null
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

silo_name() { printf 'silo-%d' "$1"; }

any_running() {
  local i
  is_ours "$(pid_of "$STATE_DIR/redis.pid")" redis-server && return 0
  is_ours "$(pid_of "$STATE_DIR/prometheus.pid")" prometheus && return 0
  for f in "$STATE_DIR"/busy-*.pid; do
    [ -f "$f" ] && is_ours "$(pid_of "$f")" "while :" && return 0
  done
  for ((i = 0; i < SILOS; i++)); do
    is_ours "$(pid_of "$STATE_DIR/$(silo_name "$i").pid")" SerialCluster.Silo && return 0
    is_ours "$(pid_of "$STATE_DIR/$(silo_name "$i").supervisor.pid")" local-cluster.sh && return 0
  done
  return 1
}

validate() {
  [[ "$SILOS" =~ ^[1-9][0-9]?$ ]] || die "SILOS=$SILOS is not a count from 1 to 99"
  [[ -z "$TOPOLOGY" || "$TOPOLOGY" = compose ]] || die "TOPOLOGY=$TOPOLOGY is not known; allowed: compose (or empty)"
  [[ "$METRICS_PORT_BASE" =~ ^[0-9]+$ && "$METRICS_PORT_BASE" -le $((65535 - SILOS)) ]] || die "METRICS_PORT_BASE=$METRICS_PORT_BASE is not a port (0 = no metrics)"
  [[ -z "$PROMETHEUS_PORT" || ( "$PROMETHEUS_PORT" =~ ^[0-9]+$ && "$PROMETHEUS_PORT" -ge 1 && "$PROMETHEUS_PORT" -le 65535 ) ]] ||
    die "PROMETHEUS_PORT=$PROMETHEUS_PORT is not a port from 1 to 65535 (empty = no prometheus)"
  if [ -n "$PROMETHEUS_PORT" ] && [ "$METRICS_PORT_BASE" = 0 ]; then
    die "PROMETHEUS_PORT needs the silos' metrics; METRICS_PORT_BASE=0 turns them off"
  fi
  local i role cpus score
  for ((i = 0; i < SILOS; i++)); do
    role="$(nth "$ROLES" "$i")"
    [[ -z "$role" || "$role" =~ ^(any|serial|parallel)$ ]] || die "ROLES entry $i is '$role'; allowed: any, serial, parallel"
    cpus="$(nth "$CPUS" "$i")"
    [[ -z "$cpus" || "$cpus" =~ ^[0-9]+(-[0-9]+)?$ ]] || die "CPUS entry $i is '$cpus'; give a CPU (0) or a range (0-3)"
    score="$(nth "$SCORES" "$i")"
    [[ -z "$score" || "$score" =~ ^[0-9.]+([eE][0-9]+)?$ ]] || die "SCORES entry $i is '$score'; give a positive number"
  done
  local entry
  for entry in ${BUSY//,/ }; do
    [[ "$entry" =~ ^[0-9]+:[1-9][0-9]?$ ]] || die "BUSY entry '$entry' is not CPU:COUNT (e.g. 0:2)"
  done
  if [ -n "$CPUS$BUSY" ]; then
    command -v taskset >/dev/null || die "CPUS and BUSY need taskset: apt-get install -y util-linux"
  fi
  validate_quota
}

# ---- CPU quotas: one control group per silo, under a directory of this cluster's own ----

# CPU_QUOTA (cores per silo) and CPU_PERIOD_US checked; QUOTA_US is the quota per period in µs.
validate_quota() {
  QUOTA_US="" CGROUP_DIR="" CGROUP_VERSION=""
  [ -z "$CPU_QUOTA" ] && return 0
  [[ "$CPU_QUOTA" =~ ^([0-9]+(\.[0-9]*)?|\.[0-9]+)$ ]] || die "CPU_QUOTA=$CPU_QUOTA is not a number of cores; allowed: e.g. 0.25, 0.5, 1.5 (empty = no quota)"
  [[ "$CPU_PERIOD_US" =~ ^[0-9]+$ && "$CPU_PERIOD_US" -ge 1000 && "$CPU_PERIOD_US" -le 1000000 ]] ||
    die "CPU_PERIOD_US=$CPU_PERIOD_US is not a period in µs; allowed: 1000 to 1000000"
  local processors
  processors="$(nproc 2>/dev/null || echo 1)"
  QUOTA_US="$(awk -v q="$CPU_QUOTA" -v p="$CPU_PERIOD_US" 'BEGIN { printf "%d", q * p + 0.5 }')"
  [ "$QUOTA_US" -ge 1000 ] || die "CPU_QUOTA=$CPU_QUOTA gives $QUOTA_US µs per $CPU_PERIOD_US µs period; the kernel's least quota is 1000 µs"
  awk -v q="$CPU_QUOTA" -v n="$processors" 'BEGIN { exit !(q > 0 && q <= n) }' ||
    die "CPU_QUOTA=$CPU_QUOTA is outside (0, $processors]: a silo cannot use more than this machine's $processors CPUs"
  [ "$(id -u)" = 0 ] || die "CPU_QUOTA=$CPU_QUOTA needs root: control groups are created under /sys/fs/cgroup"
  find_cgroup_root
  CGROUP_DIR="$CGROUP_ROOT/$(cgroup_name)"
}

# CGROUP_VERSION (v1|v2) and CGROUP_ROOT: the hierarchy holding the cpu controller, as given or as mounted.
find_cgroup_root() {
  local dir
  if [ -n "$CGROUP_ROOT" ]; then
    [ -d "$CGROUP_ROOT" ] || die "CGROUP_ROOT=$CGROUP_ROOT is not a directory"
    if [ -f "$CGROUP_ROOT/cpu.cfs_quota_us" ]; then
      CGROUP_VERSION=v1
    elif [ -f "$CGROUP_ROOT/cgroup.controllers" ] && grep -qw cpu "$CGROUP_ROOT/cgroup.controllers"; then
      CGROUP_VERSION=v2
    else
      die "CGROUP_ROOT=$CGROUP_ROOT has no cpu controller (no cpu.cfs_quota_us, no cpu in cgroup.controllers)"
    fi
    return 0
  fi
  for dir in /sys/fs/cgroup/cpu /sys/fs/cgroup/cpu,cpuacct /sys/fs/cgroup/cpuacct,cpu; do
    if [ -f "$dir/cpu.cfs_quota_us" ]; then
      CGROUP_ROOT="$dir" CGROUP_VERSION=v1
      return 0
    fi
  done
  if [ -f /sys/fs/cgroup/cgroup.controllers ] && grep -qw cpu /sys/fs/cgroup/cgroup.controllers; then
    CGROUP_ROOT=/sys/fs/cgroup CGROUP_VERSION=v2
    return 0
  fi
  die "CPU_QUOTA=$CPU_QUOTA needs the cgroup cpu controller: no /sys/fs/cgroup/cpu/cpu.cfs_quota_us (v1), no cpu in /sys/fs/cgroup/cgroup.controllers (v2)"
}

# The cluster's own directory of groups: serialcluster-CLUSTER_ID (the id alone when it already starts so).
cgroup_name() {
  case "$CLUSTER_ID" in
    serialcluster*) printf '%s' "$CLUSTER_ID" ;;
    *) printf 'serialcluster-%s' "$CLUSTER_ID" ;;
  esac
}

# CGROUP_DIR/silo-N for every silo, each with QUOTA_US per CPU_PERIOD_US, read back to check the kernel took it.
create_cgroups() {
  local i group
  if [ -d "$CGROUP_DIR" ]; then
    remove_cgroups || die "control group $CGROUP_DIR is left from another start and still holds processes; stop them first"
  fi
  mkdir "$CGROUP_DIR" || die "cannot create control group $CGROUP_DIR"
  if [ "$CGROUP_VERSION" = v2 ]; then
    grep -qw cpu "$CGROUP_ROOT/cgroup.subtree_control" || echo +cpu >"$CGROUP_ROOT/cgroup.subtree_control" ||
      die "cannot enable the cpu controller in $CGROUP_ROOT/cgroup.subtree_control"
    echo +cpu >"$CGROUP_DIR/cgroup.subtree_control" || die "cannot enable the cpu controller in $CGROUP_DIR"
  fi
  for ((i = 0; i < SILOS; i++)); do
    group="$CGROUP_DIR/$(silo_name "$i")"
    mkdir "$group" || die "cannot create control group $group"
    if [ "$CGROUP_VERSION" = v1 ]; then
      echo "$CPU_PERIOD_US" >"$group/cpu.cfs_period_us"
      echo "$QUOTA_US" >"$group/cpu.cfs_quota_us"
    else
      echo "$QUOTA_US $CPU_PERIOD_US" >"$group/cpu.max"
    fi
    [ "$(cgroup_quota "$group")" = "$QUOTA_US $CPU_PERIOD_US" ] ||
      die "control group $group did not take the quota $QUOTA_US µs per $CPU_PERIOD_US µs (it reads '$(cgroup_quota "$group")')"
  done
  say "control groups $CGROUP_DIR/silo-0…$((SILOS - 1)) ($CGROUP_VERSION): $QUOTA_US µs of CPU per $CPU_PERIOD_US µs each (CPU_QUOTA=$CPU_QUOTA core)"
}

# "QUOTA PERIOD" in µs of a group, as the kernel reports it.
cgroup_quota() {
  if [ -f "$1/cpu.max" ]; then
    cat "$1/cpu.max"
  else
    printf '%s %s\n' "$(cat "$1/cpu.cfs_quota_us")" "$(cat "$1/cpu.cfs_period_us")"
  fi
}

# "T of N periods" from a group's cpu.stat (nr_throttled of nr_periods).
throttled_periods() {
  awk '$1 == "nr_periods" { n = $2 } $1 == "nr_throttled" { t = $2 } END { printf "%d of %d periods", t, n }' "$1/cpu.stat"
}

# Removes this cluster's groups (only silo-N under CGROUP_DIR, then CGROUP_DIR); fails naming any that still hold a process.
remove_cgroups() {
  [ -n "${CGROUP_DIR:-}" ] && [ -d "$CGROUP_DIR" ] || return 0
  [[ "$(basename "$CGROUP_DIR")" == serialcluster* ]] || die "refusing to remove $CGROUP_DIR: not a serialcluster control group"
  local group left=0
  for group in "$CGROUP_DIR"/silo-*; do
    [ -d "$group" ] || continue
    if [ -s "$group/cgroup.procs" ]; then
      say "control group $group still holds pid(s) $(tr '\n' ' ' <"$group/cgroup.procs"); not removed"
      left=1
    else
      rmdir "$group" || left=1
    fi
  done
  if [ "$left" = 0 ]; then
    rmdir "$CGROUP_DIR" && say "removed control groups $CGROUP_DIR" || left=1
  fi
  [ "$left" = 0 ]
}

# The spinning shells BUSY asks for, pinned with taskset; each one's pid in busy-CPU-K.pid.
start_busy() {
  local entry cpu count k
  for entry in ${BUSY//,/ }; do
    cpu="${entry%%:*}"
    count="${entry##*:}"
    for ((k = 0; k < count; k++)); do
      (exec taskset -c "$cpu" sh -c 'while :; do :; done' </dev/null >/dev/null 2>&1) &
      echo $! >"$STATE_DIR/busy-$cpu-$k.pid"
      say "busy process pid $! spinning on cpu $cpu"
    done
  done
}

cmd_up() {
  load_settings
  validate
  if any_running; then
    die "a cluster from $STATE_DIR is already running; 'deploy/local-cluster.sh down' first"
  fi
  command -v redis-server >/dev/null || die "redis-server not found: apt-get install -y redis-server"
  command -v dotnet >/dev/null || die "dotnet not found"
  port_in_use "$REDIS_PORT" && die "port $REDIS_PORT is taken; set REDIS_PORT"
  local i
  for ((i = 0; i < SILOS; i++)); do
    port_in_use $((SILO_PORT_BASE + i)) && die "silo port $((SILO_PORT_BASE + i)) is taken; set SILO_PORT_BASE"
    port_in_use $((GATEWAY_PORT_BASE + i)) && die "gateway port $((GATEWAY_PORT_BASE + i)) is taken; set GATEWAY_PORT_BASE"
    if [ "$METRICS_PORT_BASE" != 0 ]; then
      port_in_use $((METRICS_PORT_BASE + i)) && die "metrics port $((METRICS_PORT_BASE + i)) is taken; set METRICS_PORT_BASE"
    fi
  done
  if [ -n "$PROMETHEUS_PORT" ]; then
    command -v prometheus >/dev/null || die "prometheus not found: apt-get install -y prometheus (or leave PROMETHEUS_PORT empty)"
    port_in_use "$PROMETHEUS_PORT" && die "port $PROMETHEUS_PORT is taken; set PROMETHEUS_PORT"
  fi

  if [ "$BUILD_SILO" = yes ]; then
    say "building the silo and the CLI ($CONFIGURATION)…"
    dotnet build "$ROOT/src/SerialCluster.Silo" -c "$CONFIGURATION" --nologo -v quiet -clp:NoSummary >"$STATE_DIR/build.log" 2>&1 ||
      { tail -n 30 "$STATE_DIR/build.log" >&2; die "build failed (log: $STATE_DIR/build.log)"; }
    dotnet build "$ROOT/src/SerialCluster.Cli" -c "$CONFIGURATION" --nologo -v quiet -clp:NoSummary >>"$STATE_DIR/build.log" 2>&1 ||
      { tail -n 30 "$STATE_DIR/build.log" >&2; die "build failed (log: $STATE_DIR/build.log)"; }
  fi
  [ -f "$SILO_DLL" ] || die "no silo at $SILO_DLL"
  save_settings
  rm -f "$STATE_DIR"/*.pid "$STATE_DIR"/*.log.old "$STATE_DIR"/*.stop
  for f in "$STATE_DIR"/*.log; do [ -f "$f" ] && [ "$f" != "$STATE_DIR/build.log" ] && mv "$f" "$f.old"; done

  # A failed `up` (die, or any failing command under set -e) stops whatever it had started.
  trap 'rc=$?; if [ "$rc" -ne 0 ]; then say "local-cluster: up failed; stopping what it started"; cmd_down >/dev/null 2>&1 || true; fi' EXIT
  # A signal ends `up` through exit, so the trap above cleans up after Ctrl+C and SIGTERM too.
  trap 'exit 130' INT
  trap 'exit 143' TERM

  start_redis

  start_busy

  if [ -n "$CPU_QUOTA" ]; then
    create_cgroups
  fi

  local start name role cpus score
  start=$(date +%s.%N)
  for ((i = 0; i < SILOS; i++)); do
    name="$(silo_name "$i")"
    role="$(nth "$ROLES" "$i")"
    cpus="$(nth "$CPUS" "$i")"
    score="$(nth "$SCORES" "$i")"
    local -a command=()
    [ -n "$cpus" ] && command+=(taskset -c "$cpus")
    command+=(dotnet "$SILO_DLL"
      "--SerialCluster:Silo:Name=$name"
      "--SerialCluster:Silo:ClusterId=$CLUSTER_ID"
      "--SerialCluster:Silo:Clustering=redis"
      "--SerialCluster:Silo:RedisConnectionString=127.0.0.1:$REDIS_PORT"
      "--SerialCluster:Silo:AdvertisedIPAddress=127.0.0.1"
      "--SerialCluster:Silo:SiloPort=$((SILO_PORT_BASE + i))"
      "--SerialCluster:Silo:GatewayPort=$((GATEWAY_PORT_BASE + i))"
      "--SerialCluster:Silo:MetricsPort=$(metrics_port "$i")"
      "--SerialCluster:Silo:MetricsHost=127.0.0.1"
      "--SerialCluster:Silo:Role=${role:-any}")
    [ -n "$score" ] && command+=("--SerialCluster:Silo:SingleThreadScoreOverride=$score")
    # shellcheck disable=SC2206
    [ -n "$SILO_ARGS" ] && command+=($SILO_ARGS)
    : >"$STATE_DIR/$name.log"
    local group=""
    [ -n "$CPU_QUOTA" ] && group="$CGROUP_DIR/$name"
    # Below one core a silo's thread pool spinning for work (sched_yield) spends the quota its tasks need: no spinning
    # there, unless the caller set the knob itself (docs/SCALING.md).
    if [ -n "$group" ] && awk -v q="$CPU_QUOTA" 'BEGIN { exit !(q < 1) }'; then
      command=(env "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=${DOTNET_ThreadPool_UnfairSemaphoreSpinLimit:-0}" "${command[@]}")
    fi
    # A fresh bash, not a subshell: a subshell would keep bash's saved copies of this script's stdout open.
    STATE_DIR="$STATE_DIR" SILO_DLL="$SILO_DLL" SILO_CGROUP="$group" nohup bash "${BASH_SOURCE[0]}" supervise "$name" "${command[@]}" </dev/null >/dev/null 2>&1 &
    echo $! >"$STATE_DIR/$name.supervisor.pid"
    wait_for "$name's process to start" 10 silo_started "$name"
    say "$name pid $(pid_of "$STATE_DIR/$name.pid") role ${role:-any}${cpus:+ cpus $cpus}${score:+ score $score}${group:+ quota $CPU_QUOTA core}: silo port $((SILO_PORT_BASE + i)), gateway $((GATEWAY_PORT_BASE + i)), log $STATE_DIR/$name.log"
  done

  wait_for "every silo to report itself active" "$READY_TIMEOUT" all_silos_active
  if [ -n "$PROMETHEUS_PORT" ]; then
    start_prometheus
  fi
  trap - EXIT INT TERM
  say "cluster '$CLUSTER_ID' of $SILOS silo(s) active after $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }") s"
  say "run a job:  dotnet $CLI_DLL run montecarlo --mode scatter --redis 127.0.0.1:$REDIS_PORT --cluster-id $CLUSTER_ID"
  say "or:         export SERIALCLUSTER_REDIS=127.0.0.1:$REDIS_PORT  (and --cluster-id $CLUSTER_ID)"
  if [ -n "$PROMETHEUS_PORT" ]; then
    say "prometheus: http://127.0.0.1:$PROMETHEUS_PORT (dashboards/: import into any Grafana with this Prometheus as datasource)"
  fi
}

# redis-server with an append-only file in STATE_DIR/redis-data (fsync every second, as docker-compose.yml runs it):
# what it acknowledged survives a restart of Redis or of the whole cluster.
start_redis() {
  mkdir -p "$STATE_DIR/redis-data"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly yes --appendfsync everysec \
    --daemonize yes --pidfile "$STATE_DIR/redis.pid" --logfile "$STATE_DIR/redis.log" --dir "$STATE_DIR/redis-data"
  wait_for "redis-server on 127.0.0.1:$REDIS_PORT to answer PING" 30 redis_ping
  say "redis-server pid $(pid_of "$STATE_DIR/redis.pid") on 127.0.0.1:$REDIS_PORT"
}

# Starts redis-server alone again (after it crashed or was killed) with the recorded settings and the same data.
cmd_redis_up() {
  load_settings recorded
  [ -f "$SETTINGS_FILE" ] || die "no cluster recorded in $STATE_DIR ('deploy/local-cluster.sh up' starts one)"
  is_ours "$(pid_of "$STATE_DIR/redis.pid")" redis-server && die "redis-server (pid $(pid_of "$STATE_DIR/redis.pid")) is already running"
  port_in_use "$REDIS_PORT" && die "port $REDIS_PORT is taken"
  rm -f "$STATE_DIR/redis.pid"
  start_redis
}

silo_started() { [ -s "$STATE_DIR/$1.pid" ]; }

# supervise NAME COMMAND…: runs the silo and starts it again whenever it exits, until `down` leaves NAME.stop (or
# the silo refuses its configuration, status 2); the silo's own pid is in NAME.pid, its output appended to NAME.log.
supervise() {
  local name="$1" child rc
  shift
  while :; do
    # taskset execs the program, so $! is the silo's own PID. It joins its control group before the exec, so the silo
    # runs under its quota from its first instruction; a group it cannot join stops it for good (status 2).
    (
      if [ -n "${SILO_CGROUP:-}" ] && ! echo "$BASHPID" >"$SILO_CGROUP/cgroup.procs"; then
        echo "local-cluster: $name cannot join its control group $SILO_CGROUP" >>"$STATE_DIR/$name.log"
        exit 2
      fi
      cd "$(dirname "$SILO_DLL")" && exec "$@" >>"$STATE_DIR/$name.log" 2>&1 </dev/null
    ) &
    child=$!
    echo "$child" >"$STATE_DIR/$name.pid"
    rc=0
    wait "$child" || rc=$?
    [ -f "$STATE_DIR/$name.stop" ] && return 0
    [ "$rc" -eq 2 ] && { echo "local-cluster: $name refused its configuration or control group (status 2); not restarting it" >>"$STATE_DIR/$name.log"; return 1; }
    echo "local-cluster: $name (pid $child) exited with status $rc; starting it again" >>"$STATE_DIR/$name.log"
    sleep 1
  done
}

metrics_port() {
  if [ "$METRICS_PORT_BASE" = 0 ]; then echo 0; else echo $((METRICS_PORT_BASE + $1)); fi
}

# The compose service a silo plays, as Prometheus' relabelling names it: the serial silo is silo-serial, the rest silo.
compose_service() {
  if [ "$(nth "$ROLES" "$1")" = serial ]; then echo silo-serial; else echo silo; fi
}

# deploy/prometheus/prometheus.yml with its DNS discovery replaced by a targets file that gives each silo the
# __meta_dns_name its compose service would resolve under (so the same relabelling applies), its rule files
# by absolute path, and Prometheus' own address.
write_prometheus_config() {
  local source="$ROOT/deploy/prometheus/prometheus.yml" targets="$STATE_DIR/silo-targets.json" i first=1
  [ -f "$source" ] || die "no $source"
  {
    printf '['
    for service in silo-serial silo; do
      local list=""
      for ((i = 0; i < SILOS; i++)); do
        [ "$(compose_service "$i")" = "$service" ] && list="$list${list:+, }\"127.0.0.1:$(metrics_port "$i")\""
      done
      [ -z "$list" ] && continue
      [ "$first" = 1 ] || printf ','
      first=0
      printf '\n  {"targets": [%s], "labels": {"__meta_dns_name": "%s"}}' "$list" "$service"
    done
    printf '\n]\n'
  } >"$targets"
  awk -v rules="$ROOT/deploy/prometheus/rules/" -v targets="$targets" -v self="127.0.0.1:$PROMETHEUS_PORT" '
    /^ *dns_sd_configs:/ { print "    file_sd_configs:"; print "      - files: [" targets "]"; print "        refresh_interval: 5s"; skip = 1; next }
    skip && /^    [a-z_]+:/ { skip = 0 }
    skip { next }
    { sub(/^  - rules\//, "  - " rules); sub(/localhost:9090/, self); print }
  ' "$source" >"$STATE_DIR/prometheus.yml"
}

start_prometheus() {
  write_prometheus_config
  mkdir -p "$STATE_DIR/prometheus-data"
  (exec nohup prometheus --config.file="$STATE_DIR/prometheus.yml" --storage.tsdb.path="$STATE_DIR/prometheus-data" \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" >"$STATE_DIR/prometheus.log" 2>&1 </dev/null) &
  echo $! >"$STATE_DIR/prometheus.pid"
  say "prometheus pid $! on 127.0.0.1:$PROMETHEUS_PORT, config $STATE_DIR/prometheus.yml, log $STATE_DIR/prometheus.log"
  wait_for "prometheus on 127.0.0.1:$PROMETHEUS_PORT to be ready" 30 prometheus_ready
}

prometheus_ready() {
  is_ours "$(pid_of "$STATE_DIR/prometheus.pid")" prometheus || { tail -n 20 "$STATE_DIR/prometheus.log" >&2; return 2; }
  (exec 3<>"/dev/tcp/127.0.0.1/$PROMETHEUS_PORT" && printf 'GET /-/ready HTTP/1.0\r\n\r\n' >&3 && read -r -t 2 status <&3 && [[ "$status" == *" 200 "* ]]) 2>/dev/null
}

all_silos_active() {
  local i name pid
  for ((i = 0; i < SILOS; i++)); do
    name="$(silo_name "$i")"
    pid="$(pid_of "$STATE_DIR/$name.pid")"
    if ! is_ours "$pid" SerialCluster.Silo; then
      say "$name (pid $pid) exited; the end of its log:"
      tail -n 20 "$STATE_DIR/$name.log" >&2 || true
      return 2
    fi
    grep -q "Silo $name is active" "$STATE_DIR/$name.log" 2>/dev/null || return 1
  done
}

# wait_for WHAT SECONDS CHECK [ARG…]: polls CHECK ARG… every 0.2 s; CHECK returning 2 is a failure that will not heal.
wait_for() {
  local what="$1" seconds="$2" check="$3" deadline rc
  shift 3
  deadline=$(($(date +%s) + seconds))
  while true; do
    rc=0
    "$check" "$@" || rc=$?
    [ "$rc" -eq 0 ] && return 0
    [ "$rc" -eq 2 ] && die "gave up waiting for $what"
    [ "$(date +%s)" -ge "$deadline" ] && die "timed out after $seconds s waiting for $what"
    sleep 0.2
  done
}

# Sends SIGTERM to each pid, waits up to STOP_TIMEOUT for all of them, then SIGKILLs the rest.
stop_pids() {
  local program="$1"
  shift
  local -a live=()
  local pid
  for pid in "$@"; do
    if is_ours "$pid" "$program"; then
      kill -TERM "$pid" 2>/dev/null || true
      live+=("$pid")
    fi
  done
  [ "${#live[@]}" -eq 0 ] && return 0
  local deadline=$(($(date +%s) + STOP_TIMEOUT))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    local -a still=()
    for pid in "${live[@]}"; do
      kill -0 "$pid" 2>/dev/null && still+=("$pid")
    done
    [ "${#still[@]}" -eq 0 ] && return 0
    sleep 0.2
  done
  for pid in "${live[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      say "pid $pid did not stop within $STOP_TIMEOUT s; SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

cmd_down() {
  load_settings recorded
  local i pid
  local -a silos=()
  # Supervisors first stop restarting; then every silo pid file, whatever SILOS says now.
  local -a supervisors=()
  for f in "$STATE_DIR"/silo-*.supervisor.pid; do
    [ -f "$f" ] || continue
    touch "${f%.supervisor.pid}.stop"
    pid="$(pid_of "$f")"
    is_ours "$pid" local-cluster.sh && supervisors+=("$pid")
  done
  for f in "$STATE_DIR"/silo-*.pid; do
    [ -f "$f" ] || continue
    [[ "$f" == *.supervisor.pid ]] && continue
    pid="$(pid_of "$f")"
    is_ours "$pid" SerialCluster.Silo && silos+=("$pid") && say "stopping $(basename "$f" .pid) (pid $pid)"
  done
  # Silos first, while Redis is still there for them to leave membership cleanly.
  stop_pids SerialCluster.Silo "${silos[@]}"
  stop_pids local-cluster.sh "${supervisors[@]}"
  pid="$(pid_of "$STATE_DIR/prometheus.pid")"
  if is_ours "$pid" prometheus; then
    say "stopping prometheus (pid $pid)"
    stop_pids prometheus "$pid"
  fi
  local -a busy=()
  for f in "$STATE_DIR"/busy-*.pid; do
    [ -f "$f" ] || continue
    pid="$(pid_of "$f")"
    is_ours "$pid" "while :" && busy+=("$pid") && say "stopping $(basename "$f" .pid) (pid $pid)"
  done
  stop_pids "while :" "${busy[@]}"
  pid="$(pid_of "$STATE_DIR/redis.pid")"
  if is_ours "$pid" redis-server; then
    say "stopping redis-server (pid $pid)"
    stop_pids redis-server "$pid"
  fi
  rm -f "$STATE_DIR"/*.pid
  local rc=0
  remove_cgroups || rc=1
  say "stopped; logs stay in $STATE_DIR"
  return "$rc"
}

cmd_status() {
  load_settings recorded
  [ -f "$SETTINGS_FILE" ] || { say "no cluster recorded in $STATE_DIR ('deploy/local-cluster.sh up' starts one)"; return 3; }
  local pid alive name i up=0
  pid="$(pid_of "$STATE_DIR/redis.pid")"
  alive=dead
  if is_ours "$pid" redis-server; then alive=alive; redis_ping && alive="alive, answers PING"; fi
  printf '%-10s pid %-8s %-22s 127.0.0.1:%s\n' redis-server "${pid:--}" "$alive" "$REDIS_PORT"
  if [ -n "$PROMETHEUS_PORT" ]; then
    pid="$(pid_of "$STATE_DIR/prometheus.pid")"
    alive=dead
    if is_ours "$pid" prometheus; then alive=alive; prometheus_ready && alive="alive, ready"; fi
    printf '%-10s pid %-8s %-22s http://127.0.0.1:%s\n' prometheus "${pid:--}" "$alive" "$PROMETHEUS_PORT"
  fi
  for ((i = 0; i < SILOS; i++)); do
    name="$(silo_name "$i")"
    pid="$(pid_of "$STATE_DIR/$name.pid")"
    alive=dead
    if is_ours "$pid" SerialCluster.Silo; then alive=alive; up=$((up + 1)); fi
    local role cpus
    role="$(nth "$ROLES" "$i")"
    cpus="$(nth "$CPUS" "$i")"
    local quota=""
    if [ -n "$CGROUP_DIR" ] && [ -d "$CGROUP_DIR/$name" ]; then
      quota=" quota $(cgroup_quota "$CGROUP_DIR/$name" | awk '{ printf "%g", $1 / $2 }') core, throttled in $(throttled_periods "$CGROUP_DIR/$name")"
    fi
    printf '%-10s pid %-8s %-22s silo %s gateway %s metrics %s role %s%s%s\n' "$name" "${pid:--}" "$alive" \
      $((SILO_PORT_BASE + i)) $((GATEWAY_PORT_BASE + i)) "$(metrics_port "$i")" "${role:-any}" "${cpus:+ cpus $cpus}" "$quota"
  done
  for f in "$STATE_DIR"/busy-*.pid; do
    [ -f "$f" ] || continue
    pid="$(pid_of "$f")"
    alive=dead
    is_ours "$pid" "while :" && alive=alive
    printf '%-10s pid %-8s %-22s spinning on cpu %s\n' "$(basename "$f" .pid)" "$pid" "$alive" "$(basename "$f" .pid | cut -d- -f2)"
  done
  echo
  if [ "$up" -eq 0 ]; then
    echo "no silo is running"
    return 1
  fi
  # The cluster's own view: `serialcluster cluster --json` where the CLI has it, else Redis' membership table.
  if [ -f "$CLI_DLL" ] && dotnet "$CLI_DLL" cluster --help >/dev/null 2>&1; then
    if dotnet "$CLI_DLL" cluster --json --redis "127.0.0.1:$REDIS_PORT" --cluster-id "$CLUSTER_ID"; then
      [ "$up" -eq "$SILOS" ]
      return
    fi
    say "(serialcluster cluster failed; showing Redis' membership table instead)"
  fi
  membership
  # Exit status: 0 when every silo `up` started is alive.
  [ "$up" -eq "$SILOS" ]
}

# Orleans keeps membership in the hash {ServiceId}/members/{ClusterId}, one JSON entry per silo.
membership() {
  if ! command -v redis-cli >/dev/null || ! redis_ping; then
    say "membership: Redis is not answering; the silos' own lines from their logs:"
    grep -h "is active in cluster" "$STATE_DIR"/silo-*.log 2>/dev/null || say "(none)"
    return 0
  fi
  local -a status_names=(None Created Joining Active ShuttingDown Stopping Dead)
  echo "membership of cluster '$CLUSTER_ID' in Redis:"
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" --raw hgetall "serialcluster/members/$CLUSTER_ID" | while read -r key && read -r value; do
    [ "$key" = Version ] && continue
    local silo_name status address
    silo_name="$(grep -o '"SiloName":"[^"]*"' <<<"$value" | cut -d'"' -f4)"
    status="$(grep -o '"Status":[0-9]*' <<<"$value" | head -n 1 | cut -d: -f2)"
    address="$(grep -o '"SiloAddress":"[^"]*"' <<<"$value" | head -n 1 | cut -d'"' -f4)"
    printf '  %-10s %-28s %s\n' "$silo_name" "$address" "${status_names[$status]:-$status}"
  done
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  redis-up) cmd_redis_up ;;
  status) cmd_status ;;
  supervise)
    shift
    SILO_DLL="${SILO_DLL:?}"
    supervise "$@"
    ;;
  prometheus-config)
    load_settings
    validate
    PROMETHEUS_PORT="${PROMETHEUS_PORT:-9090}"
    write_prometheus_config
    echo "$STATE_DIR/prometheus.yml"
    ;;
  *) usage ;;
esac
