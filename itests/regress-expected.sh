#!/bin/sh
# Regenerates the regression suite's expected output (src/test/resources/regress/expected/*.out) from a real
# PostgreSQL 15, the way pg_regress produces results: each sql/NAME.sql is fed on stdin to
#   psql -X -a -q -d postgres
# with stderr merged into stdout. A throw-away cluster is created in a temporary directory (initdb with
# -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8, as RegressionIT's PostgresReference does), started
# on a free port on 127.0.0.1, and removed afterwards. As root the server runs as the "postgres" account.
#
#   itests/regress-expected.sh            # every file
#   itests/regress-expected.sh int4 text  # only these
#
# Needs Debian's postgresql-15 and postgresql-client-15. RegressionIT checks on every run that PostgreSQL still
# prints these files, so a stale or hand-edited expected file fails the build.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
regress="$here/src/test/resources/regress"
pgbin=${PGBIN:-/usr/lib/postgresql/15/bin}
psql="$pgbin/psql"
[ -x "$psql" ] || psql=psql

tmp=$(mktemp -d /tmp/tusk-regress-XXXXXX)
chmod 755 "$tmp"
run() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres "$tmp"; fi
cleanup() {
    run "$pgbin/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

run "$pgbin/initdb" -D "$tmp/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/postgresql.log" -w \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$tmp -c fsync=off" start >/dev/null

if [ $# -eq 0 ]; then
    set -- $(cd "$regress/sql" && ls *.sql | sed 's/\.sql$//')
    # An expected file whose script is gone would only mislead: remove it.
    for out in "$regress"/expected/*.out; do
        [ -e "$out" ] || continue
        name=$(basename "$out" .out)
        [ -f "$regress/sql/$name.sql" ] || { rm -f "$out"; echo "removed expected/$name.out"; }
    done
fi
for name in "$@"; do
    env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u PGOPTIONS -u PGTZ -u PGDATESTYLE -u PGCLIENTENCODING \
        -u PSQLRC -u PAGER -u PSQL_PAGER -u LANGUAGE LC_ALL=C.UTF-8 LANG=C.UTF-8 \
        "$psql" -X -a -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
        <"$regress/sql/$name.sql" >"$regress/expected/$name.out" 2>&1 || true
    echo "expected/$name.out"
done
