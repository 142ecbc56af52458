# lib.sh: what the pgbench scripts share (sourced, not run): logging, a free port, starting a throw-away
# PostgreSQL 15 and a throw-away Tusk under one work directory and stopping them again. The servers run as
# the accounts "postgres" and "tusk" (so the scripts need root) on loopback TCP only, with the same
# settings string given to both, so that what differs between them is the server and nothing else.
#
# The caller sets PG_BIN (PostgreSQL's bin directory) and TUSK_DIST (a built Tusk installation), makes a
# work directory with use_work_dir, then calls pg_start / tusk_start with the settings; the data
# directories are $WORK/pg/data and $WORK/tusk/data, the ports end up in PORT[postgresql] and PORT[tusk].

declare -A PORT

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

free_port() {
    local p i
    for i in $(seq 1 200); do
        p=$((15000 + RANDOM % 15000))
        if [ -z "$(ss -Htan "( sport = :$p )")" ]; then echo "$p"; return 0; fi
    done
    return 1
}

# use_work_dir PREFIX: a new work directory /tmp/PREFIX.XXXXXX, readable by both servers' accounts.
use_work_dir() {
    WORK=$(mktemp -d "/tmp/$1.XXXXXX")
    chmod 755 "$WORK"
    PG_DATA=$WORK/pg/data
    TUSK_HOME=$WORK/tusk
    TUSK_DATA=$TUSK_HOME/data
}

# pg_start SETTINGS: initdb and start PostgreSQL (trust authentication, no fsync at initdb only).
pg_start() {
    mkdir "$WORK/pg" && chown postgres: "$WORK/pg"
    timeout 120 runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -N \
        >"$WORK/pg/initdb.log" 2>&1 || { cat "$WORK/pg/initdb.log" >&2; die "PostgreSQL initdb"; }
    PORT[postgresql]=$(free_port)
    timeout 120 runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg/log" -w -t 60 -s \
        -o "-p ${PORT[postgresql]} -c listen_addresses=127.0.0.1 -k $WORK/pg $1" start \
        || { cat "$WORK/pg/log" >&2; die "PostgreSQL start"; }
    log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port ${PORT[postgresql]}"
}

# tusk_start SETTINGS: copy the installation (so a rebuild during the run cannot change it), initdb and
# start Tusk; TUSK_JAVA_OPTS of the caller is passed on.
tusk_start() {
    mkdir "$TUSK_HOME"
    cp -a "$TUSK_DIST" "$TUSK_HOME/tusk"
    chmod -R a+rX "$TUSK_HOME"
    timeout 120 "$TUSK_HOME/tusk/bin/tusk" initdb -D "$TUSK_DATA" -U postgres -A trust \
        >"$TUSK_HOME/initdb.log" 2>&1 || { cat "$TUSK_HOME/initdb.log" >&2; die "Tusk initdb"; }
    PORT[tusk]=$(free_port)
    mkdir "$TUSK_HOME/tmp" && chown tusk: "$TUSK_HOME/tmp"
    TUSK_JAVA_OPTS="-Djava.io.tmpdir=$TUSK_HOME/tmp ${TUSK_JAVA_OPTS:-}" timeout 120 \
        "$TUSK_HOME/tusk/bin/tusk" start -D "$TUSK_DATA" -l "$TUSK_DATA/log" -t 60 -s \
        -o "-p ${PORT[tusk]} -h 127.0.0.1 -c unix_socket_directories=$TUSK_DATA $1" \
        || { cat "$TUSK_DATA/log" >&2 2>/dev/null; die "Tusk start"; }
    log "Tusk on port ${PORT[tusk]}"
}

# servers_stop: fast shutdown of whichever server is running (for an EXIT trap).
servers_stop() {
    if [ -f "$TUSK_DATA/postmaster.pid" ]; then
        timeout 60 "$TUSK_HOME/tusk/bin/tusk" stop -D "$TUSK_DATA" -m fast -s >/dev/null 2>&1 || true
    fi
    if [ -f "$PG_DATA/postmaster.pid" ]; then
        timeout 60 runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -s stop >/dev/null 2>&1 || true
    fi
}

# psql_value SERVER SQL: one value from the server's postgres database.
psql_value() {
    "$PG_BIN/psql" -X -At -h 127.0.0.1 -p "${PORT[$1]}" -U postgres -d postgres -c "$2"
}
