#!/usr/bin/env bash
# connection-storm.sh: connection set-up latency and memory per idle connection, Tusk (each backend
# launcher) against PostgreSQL 15, measured in one run on this machine. See benchmarks/README.md.
#
#   benchmarks/connection-storm.sh [--connections N] [--threads T] [--warmup W] [--rounds R]
#                                  [--serial N] [--idle N] [--launchers "thread virtual-thread"]
#                                  [--time-limit S] [--keep DIR]
#
# Needs root (PostgreSQL runs as "postgres", Tusk as "tusk"), PostgreSQL 15 under $PG_BIN
# (default /usr/lib/postgresql/15/bin) and a built Tusk installation under $TUSK_DIST (default
# distribution/target/tusk; built with ./mvnw install -DskipTests when missing). Loopback only.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
DRIVER_DIR=$HERE/connection-storm
DRIVER_JAR=$DRIVER_DIR/target/connection-storm.jar
TUSK_DIST=${TUSK_DIST:-$ROOT/distribution/target/tusk}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
STUB_DIR=${STUB_DIR:-/tmp/stub}

CONNECTIONS=2000
THREADS=8
WARMUP=200
ROUNDS=3
IDLE=500
SERIAL=500
LAUNCHERS="thread virtual-thread"
TIME_LIMIT=1200
KEEP=
MAX_CONNECTIONS=2100

usage() { sed -n '2,11s/^# \{0,1\}//p' "$0"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --connections) CONNECTIONS=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        --idle) IDLE=$2; shift 2 ;;
        --serial) SERIAL=$2; shift 2 ;;
        --launchers) LAUNCHERS=$2; shift 2 ;;
        --time-limit) TIME_LIMIT=$2; shift 2 ;;
        --keep) KEEP=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "connection-storm.sh: unknown option $1" >&2; usage >&2; exit 64 ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "connection-storm.sh: run as root (servers run as postgres and tusk)" >&2; exit 1; }
[ -x "$PG_BIN/postgres" ] || { echo "connection-storm.sh: no PostgreSQL 15 at $PG_BIN" >&2; exit 1; }
if [ "$IDLE" -ge "$MAX_CONNECTIONS" ] || [ "$THREADS" -ge "$MAX_CONNECTIONS" ]; then
    echo "connection-storm.sh: --idle and --threads must stay below max_connections ($MAX_CONNECTIONS)" >&2; exit 64
fi

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# ---- build ------------------------------------------------------------------------------------------
. "$ROOT/.mvn/find-jdk25.sh"
tusk_find_jdk25
JAVA=$JAVA_HOME/bin/java
JCMD=$JAVA_HOME/bin/jcmd

if [ ! -x "$TUSK_DIST/bin/tusk" ]; then
    log "building Tusk (no installation at $TUSK_DIST)"
    (cd "$ROOT" && timeout 900 ./mvnw -q -B install -DskipTests) || die "Tusk build"
fi
if [ ! -f "$DRIVER_JAR" ] || [ -n "$(find "$DRIVER_DIR/src" "$DRIVER_DIR/pom.xml" -newer "$DRIVER_JAR" -print -quit)" ]; then
    log "building the driver"
    (cd "$ROOT" && timeout 600 ./mvnw -q -B -f benchmarks/connection-storm/pom.xml package) || die "driver build"
fi
# The SQL engine bundle may not be part of the installation yet; without one no session is served.
NEED_STUB=
if ! ls "$TUSK_DIST"/bundles/tusk-sql-*.jar >/dev/null 2>&1; then
    NEED_STUB=$STUB_DIR/target/tusk-stubengine-0.1.0-SNAPSHOT.jar
    if [ ! -f "$NEED_STUB" ]; then
        [ -f "$STUB_DIR/pom.xml" ] || die "no SQL engine in $TUSK_DIST/bundles and no stub engine at $STUB_DIR"
        (cd "$ROOT" && timeout 600 ./mvnw -q -B -f "$STUB_DIR/pom.xml" package) || die "stub engine build"
    fi
    log "no tusk-sql bundle in the installation: using the stub engine $NEED_STUB"
fi

# ---- clean-up and time bound --------------------------------------------------------------------------
WORK=$(mktemp -d /tmp/connection-storm.XXXXXX)
chmod 755 "$WORK"
PG_DATA=
TUSK_DATA=()
IDLE_PID=
WATCHDOG=

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    [ -n "$WATCHDOG" ] && kill "$WATCHDOG" 2>/dev/null || true
    if [ -n "$IDLE_PID" ]; then kill "$IDLE_PID" 2>/dev/null || true; wait "$IDLE_PID" 2>/dev/null || true; fi
    exec 7>&- 2>/dev/null || true
    for d in "${TUSK_DATA[@]}"; do
        [ -f "$d/postmaster.pid" ] || continue
        local pid
        pid=$(head -1 "$d/postmaster.pid" 2>/dev/null || true)
        timeout 60 "$(dirname "$d")/tusk/bin/tusk" stop -D "$d" -m fast -s >/dev/null 2>&1 || true
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            log "Tusk $pid did not stop; killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    if [ -n "$PG_DATA" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
        timeout 60 runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -s stop >/dev/null 2>&1 || true
    fi
    if [ -n "$KEEP" ]; then
        mkdir -p "$KEEP"
        cp -r "$WORK"/results "$KEEP"/ 2>/dev/null || true
        for f in "$WORK"/pg/log "$WORK"/tusk-*/data/log; do
            [ -f "$f" ] && cp "$f" "$KEEP/$(echo "${f#"$WORK"/}" | tr / _)"
        done
        log "results and server logs kept in $KEEP"
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
watchdog() {
    local s
    sleep "$TIME_LIMIT" </dev/null >/dev/null 2>&1 &
    s=$!
    trap 'kill $s 2>/dev/null; exit 0' TERM
    wait "$s"
    echo "connection-storm.sh: time limit of ${TIME_LIMIT}s reached" >&2
    kill -TERM $$
}
watchdog </dev/null >/dev/null &
WATCHDOG=$!
mkdir "$WORK/results"

free_port() {
    local p i
    for i in $(seq 1 200); do
        p=$((15000 + RANDOM % 15000)) # below the ephemeral range
        if [ -z "$(ss -Htan "( sport = :$p )")" ]; then echo "$p"; return 0; fi
    done
    return 1
}

# ---- servers ------------------------------------------------------------------------------------------
declare -A PORT PID
SERVERS=(postgresql)

start_postgresql() {
    mkdir "$WORK/pg" && chown postgres: "$WORK/pg"
    PG_DATA=$WORK/pg/data
    timeout 120 runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -N >"$WORK/pg/initdb.log" 2>&1 \
        || { cat "$WORK/pg/initdb.log" >&2; die "PostgreSQL initdb"; }
    PORT[postgresql]=$(free_port)
    timeout 120 runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg/log" -w -t 60 -s \
        -o "-p ${PORT[postgresql]} -c listen_addresses=127.0.0.1 -k $WORK/pg -c max_connections=$MAX_CONNECTIONS" start \
        || { cat "$WORK/pg/log" >&2; die "PostgreSQL start"; }
    PID[postgresql]=$(head -1 "$PG_DATA/postmaster.pid")
    log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port ${PORT[postgresql]} (postmaster ${PID[postgresql]})"
}

start_tusk() {
    local launcher=$1 name=tusk-$1 home=$WORK/tusk-$1
    mkdir "$home"
    # A private copy of the installation, so the build output is never modified.
    cp -a "$TUSK_DIST" "$home/tusk"
    rm -f "$home/tusk/plugins/"*
    [ -n "$NEED_STUB" ] && cp "$NEED_STUB" "$home/tusk/plugins/"
    if [ "$launcher" != thread ]; then
        cp "$home/tusk/samples/tusk-launcher-$launcher"-*.jar "$home/tusk/plugins/" 2>/dev/null \
            || die "no sample plugin for launcher $launcher"
    fi
    chmod -R a+rX "$home"
    local data=$home/data
    # The driver speaks trust authentication only: ask for it where initdb knows -A.
    local auth=()
    if timeout 60 "$home/tusk/bin/tusk" initdb --help 2>&1 | grep -q -- '--auth='; then auth=(-A trust); fi
    timeout 120 "$home/tusk/bin/tusk" initdb -D "$data" -U postgres "${auth[@]}" >"$home/initdb.log" 2>&1 \
        || { cat "$home/initdb.log" >&2; die "Tusk initdb ($launcher)"; }
    TUSK_DATA+=("$data")
    PORT[$name]=$(free_port)
    # FileInstall unpacks into java.io.tmpdir (a fileinstall-* directory, left behind when a server is
    # killed): keep it inside the work directory, which is removed.
    mkdir "$home/tmp" && chown tusk: "$home/tmp"
    TUSK_JAVA_OPTS="-Djava.io.tmpdir=$home/tmp" timeout 120 "$home/tusk/bin/tusk" start -D "$data" -l "$data/log" -t 60 -s \
        -o "-p ${PORT[$name]} -h 127.0.0.1 -c unix_socket_directories=$data -c backend_launcher=$launcher -c max_connections=$MAX_CONNECTIONS" \
        || { cat "$data/log" >&2 2>/dev/null; die "Tusk start ($launcher)"; }
    PID[$name]=$(head -1 "$data/postmaster.pid")
    # A plugin launcher is installed by FileInstall shortly after start: wait until it is registered.
    local i
    for i in $(seq 1 60); do
        grep -q "backend launcher \"$launcher\" registered" "$data/log" && break
        sleep 0.5
    done
    grep -q "backend launcher \"$launcher\" registered" "$data/log" || { cat "$data/log" >&2; die "launcher $launcher not registered"; }
    SERVERS+=("$name")
    log "Tusk, launcher $launcher, on port ${PORT[$name]} (JVM ${PID[$name]})"
}

driver() {
    # The same client JVM settings against every server.
    "$JAVA" -XX:+UseSerialGC -Xms64m -Xmx512m -jar "$DRIVER_JAR" "$@"
}

# ---- memory ------------------------------------------------------------------------------------------
# Tusk: heap used after a full GC (kB), and the JVM's resident set (kB).
tusk_heap_kb() {
    local pid=$1
    timeout 60 runuser -u tusk -- "$JCMD" "$pid" GC.run >/dev/null
    timeout 60 runuser -u tusk -- "$JCMD" "$pid" GC.heap_info | awk '
        /Metaspace/ { exit }
        { while (match($0, /used [0-9]+[KMG]/)) {
              v = substr($0, RSTART + 5, RLENGTH - 6); u = substr($0, RSTART + RLENGTH - 1, 1)
              kb += v * (u == "G" ? 1048576 : u == "M" ? 1024 : 1); $0 = substr($0, RSTART + RLENGTH) } }
        END { print kb + 0 }'
}
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
# Platform threads named "backend N" in the JVM: one per connection under the thread launcher, none
# under virtual threads (their carriers are "ForkJoinPool-..." threads).
tusk_backend_threads() {
    timeout 60 runuser -u tusk -- "$JCMD" "$1" Thread.print | grep -c '^"backend [0-9]' || true
}
# PostgreSQL: Pss (kB) summed over the postmaster and all its children.
pg_pss_kb() {
    local pm=$1 total=0 p v
    for p in "$pm" $(ps -o pid= --ppid "$pm"); do
        v=$(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null || true)
        total=$((total + ${v:-0}))
    done
    echo "$total"
}
# CPU time (clock ticks) the server has used: the JVM's own; for PostgreSQL the postmaster's plus that
# of its exited children (backends end when their connection closes, so they are in cutime/cstime).
server_cpu_ticks() {
    awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat"
}
pg_backends() { ps -o cmd= --ppid "$1" | grep -c 'postgres: postgres postgres' || true; }

# Opens $IDLE connections and holds them while $1 (a function) measures.
hold_idle() {
    local server=$1 measure=$2
    rm -f "$WORK/hold"; mkfifo "$WORK/hold"
    timeout 900 "$JAVA" -XX:+UseSerialGC -Xms64m -Xmx512m -jar "$DRIVER_JAR" idle --port "${PORT[$server]}" \
        --connections "$IDLE" --threads "$THREADS" --hold-seconds 600 <"$WORK/hold" >"$WORK/results/idle-$server.out" 2>&1 &
    IDLE_PID=$!
    exec 7>"$WORK/hold"
    local i
    for i in $(seq 1 240); do
        grep -q '^READY' "$WORK/results/idle-$server.out" && break
        kill -0 "$IDLE_PID" 2>/dev/null || break
        sleep 0.5
    done
    grep -q '^READY' "$WORK/results/idle-$server.out" || { cat "$WORK/results/idle-$server.out" >&2; die "idle connections to $server"; }
    sleep 2 # let the backends settle into their idle read
    $measure "$server"
    echo release >&7
    exec 7>&-
    wait "$IDLE_PID" || { cat "$WORK/results/idle-$server.out" >&2; die "idle connections to $server were not all alive"; }
    IDLE_PID=
    grep '^READY\|^RELEASING' "$WORK/results/idle-$server.out" | sed 's/^/    /' >&2
}

declare -A HEAP_BEFORE HEAP_AFTER RSS_BEFORE RSS_AFTER EXTRA
measure_tusk_after() {
    local s=$1
    HEAP_AFTER[$s]=$(tusk_heap_kb "${PID[$s]}")
    RSS_AFTER[$s]=$(rss_kb "${PID[$s]}")
    EXTRA[$s]="$(tusk_backend_threads "${PID[$s]}") backend platform threads"
    timeout 60 runuser -u tusk -- "$JCMD" "${PID[$s]}" GC.class_histogram >"$WORK/results/histogram-$s-held.txt" 2>&1 || true
}
measure_pg_after() {
    local s=$1
    RSS_AFTER[$s]=$(pg_pss_kb "${PID[$s]}")
    EXTRA[$s]="$(pg_backends "${PID[$s]}") backend processes"
}

# ---- run -------------------------------------------------------------------------------------------------
log "work directory $WORK; $CONNECTIONS connections x $ROUNDS rounds, $THREADS client threads, $WARMUP warm-up; $SERIAL serial; $IDLE idle"
start_postgresql
for l in $LAUNCHERS; do start_tusk "$l"; done

declare -A MEDIANS P99S RATES CPUS SMEDIANS SP99S
TICKS=$(getconf CLK_TCK)
for r in $(seq 1 "$ROUNDS"); do
    order=("${SERVERS[@]}")
    if [ $((r % 2)) = 0 ]; then # every other round in reverse, so no server always goes first
        order=(); for ((i = ${#SERVERS[@]} - 1; i >= 0; i--)); do order+=("${SERVERS[$i]}"); done
    fi
    for s in "${order[@]}"; do
        out=$WORK/results/storm-$s-$r.out
        cpu0=$(server_cpu_ticks "${PID[$s]}")
        timeout 600 "$JAVA" -XX:+UseSerialGC -Xms64m -Xmx512m -jar "$DRIVER_JAR" storm --port "${PORT[$s]}" \
            --connections "$CONNECTIONS" --threads "$THREADS" --warmup "$WARMUP" >"$out" 2>&1 \
            || { cat "$out" >&2; die "storm against $s (round $r)"; }
        cpu1=$(server_cpu_ticks "${PID[$s]}")
        line=$(grep '^RESULT' "$out")
        log "round $r  $(printf '%-20s' "$s") $(grep -v '^RESULT' "$out" | sed 's/^[^ ]*  //')"
        get() { echo "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
        if [ "$SERIAL" -gt 0 ]; then
            # The same server unloaded: one client thread, one connection at a time.
            sout=$WORK/results/serial-$s-$r.out
            timeout 600 "$JAVA" -XX:+UseSerialGC -Xms64m -Xmx512m -jar "$DRIVER_JAR" storm --port "${PORT[$s]}" \
                --connections "$SERIAL" --threads 1 --warmup 50 >"$sout" 2>&1 \
                || { cat "$sout" >&2; die "serial connections to $s (round $r)"; }
            sline=$(grep '^RESULT' "$sout")
            SMEDIANS[$s]="${SMEDIANS[$s]:-} $(echo "$sline" | tr ' ' '\n' | sed -n 's/^median_us=//p')"
            SP99S[$s]="${SP99S[$s]:-} $(echo "$sline" | tr ' ' '\n' | sed -n 's/^p99_us=//p')"
        fi
        MEDIANS[$s]="${MEDIANS[$s]:-} $(get median_us)"
        P99S[$s]="${P99S[$s]:-} $(get p99_us)"
        RATES[$s]="${RATES[$s]:-} $(get conn_per_s)"
        CPUS[$s]="${CPUS[$s]:-} $(( (cpu1 - cpu0) * 1000000 / TICKS / (CONNECTIONS + WARMUP) ))"
    done
done

log "idle connections: $IDLE held per server"
for s in "${SERVERS[@]}"; do
    if [ "$s" = postgresql ]; then
        RSS_BEFORE[$s]=$(pg_pss_kb "${PID[$s]}")
        hold_idle "$s" measure_pg_after
    else
        HEAP_BEFORE[$s]=$(tusk_heap_kb "${PID[$s]}")
        RSS_BEFORE[$s]=$(rss_kb "${PID[$s]}")
        timeout 60 runuser -u tusk -- "$JCMD" "${PID[$s]}" GC.class_histogram >"$WORK/results/histogram-$s-before.txt" 2>&1 || true
        hold_idle "$s" measure_tusk_after
    fi
    log "$s: ${EXTRA[$s]} while held"
done

# ---- report ---------------------------------------------------------------------------------------------
median_of() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
PG_MED=$(echo "${MEDIANS[postgresql]}" | median_of)
PG_P99=$(echo "${P99S[postgresql]}" | median_of)

{
echo
echo "Connection storm: $CONNECTIONS connections per round (after $WARMUP warm-up), $THREADS client threads, $ROUNDS rounds"
echo "(figures are the median over rounds); idle memory: $IDLE connections held; $(nproc) CPUs; $(date -u +%F)"
echo
printf '%-22s %9s %9s %8s %11s %11s %11s %12s %15s\n' server "median ms" "p99 ms" "conn/s" "CPU us/conn" "PG/x median" "PG/x p99" "heap B/conn" "RSS|Pss B/conn"
for s in "${SERVERS[@]}"; do
    med=$(echo "${MEDIANS[$s]}" | median_of); p99=$(echo "${P99S[$s]}" | median_of); rate=$(echo "${RATES[$s]}" | median_of)
    cpu=$(echo "${CPUS[$s]}" | median_of)
    heap=-
    if [ "$s" != postgresql ]; then
        heap=$(( (HEAP_AFTER[$s] - HEAP_BEFORE[$s]) * 1024 / IDLE ))
    fi
    mem=$(( (RSS_AFTER[$s] - RSS_BEFORE[$s]) * 1024 / IDLE ))
    awk -v s="$s" -v m="$med" -v p="$p99" -v r="$rate" -v c="$cpu" -v pm="$PG_MED" -v pp="$PG_P99" -v h="$heap" -v mem="$mem" 'BEGIN {
        printf "%-22s %9.2f %9.2f %8.0f %11.0f %11s %11s %12s %15s\n", s, m / 1000, p / 1000, r, c,
            (s == "postgresql" ? "1" : sprintf("%.2fx", pm / m)), (s == "postgresql" ? "1" : sprintf("%.2fx", pp / p)), h, mem }'
done
echo
if [ "$SERIAL" -gt 0 ]; then
    echo
    echo "Unloaded: $SERIAL connections one at a time (1 client thread, after 50 warm-up), after each storm"
    printf '%-22s %9s %9s %11s %11s\n' server "median ms" "p99 ms" "PG/x median" "PG/x p99"
    PG_SMED=$(echo "${SMEDIANS[postgresql]}" | median_of); PG_SP99=$(echo "${SP99S[postgresql]}" | median_of)
    for s in "${SERVERS[@]}"; do
        awk -v s="$s" -v m="$(echo "${SMEDIANS[$s]}" | median_of)" -v p="$(echo "${SP99S[$s]}" | median_of)" \
            -v pm="$PG_SMED" -v pp="$PG_SP99" 'BEGIN {
            printf "%-22s %9.2f %9.2f %11s %11s\n", s, m / 1000, p / 1000,
                (s == "postgresql" ? "1" : sprintf("%.2fx", pm / m)), (s == "postgresql" ? "1" : sprintf("%.2fx", pp / p)) }'
    done
    echo
fi
echo "CPU: server CPU time (user+system) per connection during the storm, warm-up included. PG/x: PostgreSQL's"
echo "latency divided by this server's (higher is faster). heap: Tusk heap used after a full GC, delta per held"
echo "connection. RSS|Pss: Tusk JVM VmRSS delta; PostgreSQL Pss delta of the postmaster and its children."
for s in "${SERVERS[@]}"; do
    echo "$s per round: median us${MEDIANS[$s]}; p99 us${P99S[$s]}; conn/s${RATES[$s]}; CPU us/conn${CPUS[$s]}; idle: ${EXTRA[$s]}"
done
if [[ " ${SERVERS[*]} " == *" tusk-virtual-thread "* ]]; then
    s=tusk-virtual-thread
    med=$(echo "${MEDIANS[$s]}" | median_of)
    heap=$(( (HEAP_AFTER[$s] - HEAP_BEFORE[$s]) * 1024 / IDLE ))
    awk -v pm="$PG_MED" -v m="$med" -v h="$heap" 'BEGIN {
        printf "goal: virtual-thread set-up >= 5x faster than PostgreSQL: %.2fx %s; heap per idle connection < 100 kB: %d B %s\n",
            pm / m, (pm / m >= 5 ? "MET" : "NOT MET"), h, (h < 102400 ? "MET" : "NOT MET") }'
fi
} | tee "$WORK/results/summary.txt"
