#!/usr/bin/env bash
# pgbench-compare.sh: the same pgbench runs against Tusk and PostgreSQL 15 in one go, alternating
# servers run by run, with the ratio Tusk/PostgreSQL of each. See benchmarks/README.md.
#
#   benchmarks/pgbench-compare.sh [--scale N] [--duration S] [--rounds R] [--clients "1 8"]
#                                 [--scripts "tpcb select-only simple-update"] [--modes "simple prepared"]
#                                 [--synchronous-commit on|off] [--warmup S] [--keep DIR] [--init]
#
# --init measures the load alone: R rounds of `pgbench -i -s N` on each server (alternating), then the
# median of each phase pgbench reports (drop, create, client-side generate, vacuum, primary keys), of
# the total and of the server's CPU seconds, with the ratios Tusk/PostgreSQL; no tps runs.
#
# Needs root (PostgreSQL runs as "postgres", Tusk as "tusk"), PostgreSQL 15 under $PG_BIN (default
# /usr/lib/postgresql/15/bin, with pgbench) and a built Tusk installation under $TUSK_DIST (default
# distribution/target/tusk; built with ./mvnw install -DskipTests when missing). Loopback TCP only.
# Both servers get the same shared_buffers, max_connections and synchronous_commit.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
TUSK_DIST=${TUSK_DIST:-$ROOT/distribution/target/tusk}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
. "$HERE/lib.sh"

SCALE=10
DURATION=30
ROUNDS=2
CLIENTS="1 8"
SCRIPTS="tpcb select-only simple-update"
MODES="simple prepared"
SYNC=on
WARMUP=10
KEEP=
INIT_ONLY=
SHARED_BUFFERS=128MB

usage() { sed -n '2,15s/^# \{0,1\}//p' "$0"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --scale) SCALE=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        --clients) CLIENTS=$2; shift 2 ;;
        --scripts) SCRIPTS=$2; shift 2 ;;
        --modes) MODES=$2; shift 2 ;;
        --synchronous-commit) SYNC=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --keep) KEEP=$2; shift 2 ;;
        --init) INIT_ONLY=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "pgbench-compare.sh: unknown option $1" >&2; usage >&2; exit 64 ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "pgbench-compare.sh: run as root (servers run as postgres and tusk)" >&2; exit 1; }
[ -x "$PG_BIN/postgres" ] && [ -x "$PG_BIN/pgbench" ] || { echo "pgbench-compare.sh: no PostgreSQL 15 and pgbench at $PG_BIN" >&2; exit 1; }

if [ ! -x "$TUSK_DIST/bin/tusk" ]; then
    log "building Tusk (no installation at $TUSK_DIST)"
    (cd "$ROOT" && timeout 900 ./mvnw -q -B install -DskipTests) || die "Tusk build"
fi

use_work_dir pgbench-compare

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    servers_stop
    if [ -n "$KEEP" ]; then
        mkdir -p "$KEEP"
        cp -r "$WORK/results" "$KEEP/" 2>/dev/null || true
        cp "$WORK/pg/log" "$KEEP/postgresql.log" 2>/dev/null || true
        cp "$TUSK_DATA/log" "$KEEP/tusk.log" 2>/dev/null || true
        log "results and server logs kept in $KEEP"
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir "$WORK/results"

SETTINGS="-c shared_buffers=$SHARED_BUFFERS -c max_connections=100 -c synchronous_commit=$SYNC"

# ---- servers ------------------------------------------------------------------------------------------
pg_start "$SETTINGS"
tusk_start "$SETTINGS"

pgbench() {
    local server=$1; shift
    timeout $((DURATION * 4 + 600)) "$PG_BIN/pgbench" -h 127.0.0.1 -p "${PORT[$server]}" -U postgres "$@" postgres
}

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# ---- load only (--init) -----------------------------------------------------------------------------------
# The server's CPU seconds (user + system, with reaped children: PostgreSQL's exited backends) from /proc:
# on a machine shared with other work the wall time also counts time the server waited for a CPU.
server_cpu() {
    local pid
    if [ "$1" = postgresql ]; then pid=$(head -1 "$PG_DATA/postmaster.pid"); else pid=$(head -1 "$TUSK_DATA/postmaster.pid"); fi
    awk '{ printf "%.2f\n", ($14 + $15 + $16 + $17) / 100 }' "/proc/$pid/stat"
}
if [ -n "$INIT_ONLY" ]; then
    PHASES="total drop create generate vacuum pkeys cpu"
    declare -A INIT
    order=(postgresql tusk)
    for round in $(seq 1 "$ROUNDS"); do
        for server in "${order[@]}"; do
            out=$WORK/results/init-$server-r$round.out
            before=$(server_cpu "$server")
            pgbench "$server" -i -s "$SCALE" -q >"$out" 2>&1 || { cat "$out" >&2; die "pgbench -i on $server"; }
            sleep 1 # PostgreSQL's postmaster reaps the exited backends (their CPU joins its cutime) a moment later
            cpu=$(awk -v a="$before" -v b="$(server_cpu "$server")" 'BEGIN { printf "%.2f", b - a }')
            # done in 1.69 s (drop tables 0.01 s, create tables 0.02 s, client-side generate 1.07 s, vacuum 0.16 s, primary keys 0.42 s).
            line=$(grep '^done in' "$out") || die "no 'done in' line from pgbench -i on $server"
            read -r total drop create generate vacuum pkeys <<<"$(echo "$line" | sed -E 's/^done in ([0-9.]+) s \(drop tables ([0-9.]+) s, create tables ([0-9.]+) s, client-side generate ([0-9.]+) s, vacuum ([0-9.]+) s, primary keys ([0-9.]+) s\)\./\1 \2 \3 \4 \5 \6/')"
            for phase in $PHASES; do
                INIT[$phase|$server]="${INIT[$phase|$server]:-} ${!phase}"
            done
            log "round $round: pgbench -i -s $SCALE on $server: $line (server CPU $cpu s)"
        done
        order=("${order[1]}" "${order[0]}")
    done
    printf '\npgbench -i -s %s, %s rounds (median seconds; cpu = the server'"'"'s CPU seconds)\n' "$SCALE" "$ROUNDS"
    printf '%-10s %12s %12s %8s\n' phase postgresql tusk ratio
    for phase in $PHASES; do
        pg=$(echo "${INIT[$phase|postgresql]}" | median)
        tu=$(echo "${INIT[$phase|tusk]}" | median)
        printf '%-10s %12.2f %12.2f %8s\n' "$phase" "$pg" "$tu" "$(awk -v a="$tu" -v b="$pg" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
    done
    exit 0
fi

# ---- load -------------------------------------------------------------------------------------------------
declare -A LOAD
for server in postgresql tusk; do
    log "pgbench -i -s $SCALE on $server"
    pgbench "$server" -i -s "$SCALE" -q >"$WORK/results/init-$server.out" 2>&1 \
        || { cat "$WORK/results/init-$server.out" >&2; die "pgbench -i on $server"; }
    grep 'done in' "$WORK/results/init-$server.out" | sed "s/^/  $server: /" >&2
    LOAD[$server]=$(sed -n 's/^done in \([0-9.]*\) s.*/\1/p' "$WORK/results/init-$server.out")
done

# ---- warm-up (not measured: Tusk's JIT compiles the hot paths, both servers fill their caches) ----------
# Every protocol mode that is measured is warmed up: the simple and the extended protocol run different
# code (Query versus Parse/Bind/Execute), and a path first compiled during a measured run is measured
# half interpreted.
for server in postgresql tusk; do
    if [ "$WARMUP" -gt 0 ]; then
        for mode in $MODES; do
            log "warming up $server (${WARMUP} s select-only, ${WARMUP} s TPC-B, $mode, 8 clients)"
            pgbench "$server" -S -M "$mode" -c 8 -j 2 -T "$WARMUP" -n >/dev/null 2>&1 || die "warm-up on $server"
            pgbench "$server" -M "$mode" -c 8 -j 2 -T "$WARMUP" -n >/dev/null 2>&1 || die "warm-up on $server"
        done
    fi
done

# ---- runs ---------------------------------------------------------------------------------------------------
script_option() {
    case "$1" in
        tpcb) echo "" ;;
        select-only) echo "-S" ;;
        simple-update) echo "-N" ;;
        *) die "unknown script $1" ;;
    esac
}

declare -A TPS
order=(postgresql tusk)
for round in $(seq 1 "$ROUNDS"); do
    for script in $SCRIPTS; do
        for mode in $MODES; do
            for c in $CLIENTS; do
                for server in "${order[@]}"; do
                    key="$script|$mode|$c|$server"
                    out=$WORK/results/$script-$mode-c$c-$server-r$round.out
                    # shellcheck disable=SC2046
                    pgbench "$server" $(script_option "$script") -M "$mode" -c "$c" -j $(( c < 2 ? 1 : 2 )) \
                        -T "$DURATION" -n >"$out" 2>&1 || { cat "$out" >&2; die "pgbench $script $mode -c $c on $server"; }
                    failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out")
                    [ "${failed:-0}" = 0 ] || die "$failed failed transactions: $script $mode -c $c on $server"
                    tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out")
                    TPS[$key]="${TPS[$key]:-} $tps"
                    log "round $round: $script $mode -c $c on $server: $tps tps"
                done
            done
        done
    done
    order=("${order[1]}" "${order[0]}") # alternate which server goes first
done

# ---- consistency --------------------------------------------------------------------------------------------
# Runs use -n, so the history keeps every transaction since the load: every TPC-B and simple-update
# transaction added its delta to one account and to the history; TPC-B ones also to a branch and a teller.
for server in postgresql tusk; do
    sums=$(psql_value "$server" "select (select sum(bbalance) from pgbench_branches), (select sum(tbalance) from pgbench_tellers), (select sum(abalance) from pgbench_accounts), (select coalesce(sum(delta), 0) from pgbench_history)")
    IFS='|' read -r b t a h <<<"$sums"
    [ "$b" = "$t" ] || die "branch and teller balances differ on $server: $b, $t"
    [ "$a" = "$h" ] || die "account balances ($a) differ from the history's deltas ($h) on $server"
    case " $SCRIPTS " in
        *" simple-update "*) ;;
        *) [ "$b" = "$a" ] || die "branch ($b) and account ($a) balances differ on $server" ;;
    esac
    log "$server: balances agree (branches = tellers = $b, accounts = history = $a)"
done

# ---- report ---------------------------------------------------------------------------------------------------
printf '\npgbench -i -s %s: postgresql %s s, tusk %s s, ratio %s (one load each; --init measures it alone)\n' "$SCALE" \
    "${LOAD[postgresql]}" "${LOAD[tusk]}" "$(awk -v a="${LOAD[tusk]}" -v b="${LOAD[postgresql]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
printf '\npgbench -s %s, %s s per run, %s rounds (median tps), synchronous_commit=%s\n' "$SCALE" "$DURATION" "$ROUNDS" "$SYNC"
printf '%-14s %-9s %7s %12s %12s %8s\n' script mode clients postgresql tusk ratio
for script in $SCRIPTS; do
    for mode in $MODES; do
        for c in $CLIENTS; do
            pg=$(echo "${TPS[$script|$mode|$c|postgresql]}" | median)
            tu=$(echo "${TPS[$script|$mode|$c|tusk]}" | median)
            printf '%-14s %-9s %7s %12.0f %12.0f %8.2f\n' "$script" "$mode" "$c" "$pg" "$tu" "$(awk -v a="$tu" -v b="$pg" 'BEGIN { print (b > 0 ? a / b : 0) }')"
        done
    done
done
