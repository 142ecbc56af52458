#!/usr/bin/env bash
# pgbench-init-phases.sh: the server CPU and wall time of each step of `pgbench -i` on Tusk, load after
# load on one fresh server, so that the first load (the interpreter and the JIT at work) and the later,
# warmer ones can be told apart. See benchmarks/README.md.
#
#   benchmarks/pgbench-init-phases.sh [--scale N] [--rounds R] [--port P] [--java-opts "..."] [--dist DIR]
#
# Each round runs `pgbench -i -I dt`, `-I g`, `-I v` and `-I p` one after the other (drop+create, the
# client-side COPY, VACUUM ANALYZE, the primary keys), each as its own pgbench run, and prints the
# server's CPU seconds (user + system from /proc, all its threads: JIT and GC included) and the wall
# seconds of each. --java-opts goes to TUSK_JAVA_OPTS (e.g. a JFR recording; the file must be writable
# by the server's account). Needs root (the server runs as "tusk") and pgbench on the PATH.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
DIST=$ROOT/distribution/target/tusk
SCALE=1
ROUNDS=3
PORT=56122
JAVA_OPTS=

usage() { sed -n '2,13s/^# \{0,1\}//p' "$0"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --scale) SCALE=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        --port) PORT=$2; shift 2 ;;
        --java-opts) JAVA_OPTS=$2; shift 2 ;;
        --dist) DIST=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "pgbench-init-phases.sh: unknown option $1" >&2; usage >&2; exit 64 ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "pgbench-init-phases.sh: run as root (the server runs as tusk)" >&2; exit 1; }
[ -x "$DIST/bin/tusk" ] || { echo "pgbench-init-phases.sh: no Tusk at $DIST (./mvnw -B -o -q package -DskipTests)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/pgbench-init-phases.XXXXXX)
chmod 755 "$WORK"
DATA=$WORK/data
PID=
cleanup() {
    # A server started in the background of a script ignores SIGINT (no job control): SIGTERM stops it.
    if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
        kill -TERM "$PID"
        for _ in $(seq 120); do kill -0 "$PID" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$PID" 2>/dev/null && kill -KILL "$PID"
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

"$DIST/bin/tusk" initdb -D "$DATA" -U postgres -A trust >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; exit 1; }
TUSK_JAVA_OPTS="$JAVA_OPTS" "$DIST/bin/tusk" postgres -D "$DATA" -p "$PORT" >"$WORK/server.log" 2>&1 &
# Ready once a query runs: a new cluster's catalogs are created at its first start, and a connection
# accepted before that is done may not find the role yet.
for _ in $(seq 240); do
    [ -f "$DATA/postmaster.pid" ] && psql -X -q -h 127.0.0.1 -p "$PORT" -U postgres -c 'select 1' postgres \
        >/dev/null 2>&1 && break
    sleep 0.5
done
PID=$(head -1 "$DATA/postmaster.pid")
cpu() { awk '{ printf "%.2f", ($14 + $15 + $16 + $17) / 100 }' "/proc/$PID/stat"; }
export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres
echo "server started: $(cpu) s of CPU"
for round in $(seq "$ROUNDS"); do
    line="round $round:"
    for step in dt g v p; do
        before=$(cpu)
        t0=$(date +%s.%N)
        pgbench -i -s "$SCALE" -I "$step" -q postgres >"$WORK/pgbench.out" 2>&1 || { cat "$WORK/pgbench.out" >&2; exit 1; }
        t1=$(date +%s.%N)
        line="$line $step cpu $(awk -v a="$(cpu)" -v b="$before" 'BEGIN { printf "%.2f", a - b }')"
        line="$line wall $(awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.2f", a - b }') |"
    done
    echo "$line"
done
