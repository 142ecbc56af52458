#!/usr/bin/env bash
# client-throughput.sh: Tusk's client library against pgjdbc on one PostgreSQL 15, in one run: round
# trips of select $1::int, pipelined INSERTs, rows per second of a large result. See benchmarks/README.md.
#
#   benchmarks/client-throughput.sh [ROUND_TRIPS] [INSERTS] [ROWS] [ROUNDS]
#
# Needs PostgreSQL 15 under $PG_BIN (default /usr/lib/postgresql/15/bin); as root the server runs as
# "postgres". Compiles bundles/client and bundles/protocol of the working tree (compile only, nothing
# is installed) and the driver with javac against them and the pgjdbc jar in ~/.m2. Loopback only.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PGJDBC=${PGJDBC:-$HOME/.m2/repository/org/postgresql/postgresql/42.7.14/postgresql-42.7.14.jar}
[ -x "$PG_BIN/postgres" ] || { echo "client-throughput.sh: no PostgreSQL 15 at $PG_BIN" >&2; exit 1; }
[ -f "$PGJDBC" ] || { echo "client-throughput.sh: no pgjdbc jar at $PGJDBC" >&2; exit 1; }

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
. "$ROOT/.mvn/find-jdk25.sh"
tusk_find_jdk25

log "compiling the client and the driver"
(cd "$ROOT" && timeout 600 ./mvnw -q -B -o -pl bundles/client -am compile) >&2
WORK=$(mktemp -d /tmp/client-throughput.XXXXXX)
CP=$ROOT/bundles/client/target/classes:$ROOT/bundles/protocol/target/classes:$PGJDBC
"$JAVA_HOME/bin/javac" -d "$WORK/classes" -cp "$CP" \
    $(find "$HERE/client-throughput/src/main/java" -name '*.java')

as_pg=()
if [ "$(id -u)" = 0 ]; then
    chown postgres "$WORK"
    as_pg=(runuser -u postgres --)
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop_pg() {
    timeout 60 "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$WORK/data" -m immediate -s stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap stop_pg EXIT
log "starting PostgreSQL 15 on port $PORT"
timeout 120 "${as_pg[@]}" "$PG_BIN/initdb" -D "$WORK/data" -U postgres -A trust -N >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; exit 1; }
timeout 120 "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$WORK/data" -l "$WORK/pg.log" -w -t 60 -s \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k $WORK -c fsync=off -c synchronous_commit=off" start

log "running (this takes about a minute)"
"$JAVA_HOME/bin/java" -Xmx1g -cp "$WORK/classes:$CP" org.tusk.benchmark.client.ClientThroughput 127.0.0.1 "$PORT" "$@"
