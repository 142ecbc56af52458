#!/usr/bin/env bash
# pgbench-cpu.sh: where the server's CPU goes per pgbench transaction, Tusk against PostgreSQL 15:
# CPU microseconds (user and system) and context switches (voluntary and involuntary) per
# transaction, for every thread of Tusk's JVM and every process of PostgreSQL. See benchmarks/README.md.
#
#   benchmarks/pgbench-cpu.sh [--scale N] [--window S] [--clients "1"] [--scripts "tpcb select-only"]
#                             [--modes "simple prepared"] [--warmup S] [--servers "postgresql tusk"]
#                             [--rounds R]
#
# For Tusk, the bytes each thread allocated (jcmd Thread.print -e, in the JVM's own units: exact
# below 100 kB, then kB, then MB) are read too, per transaction the most repeatable figure of all:
# garbage is work (allocation, zeroing, cache misses, collections) that PostgreSQL does not do.
#
# Each case runs pgbench for the window plus a few seconds and reads /proc at the start and the end of
# the window (after the client connected, so the backend exists in both readings). The transactions in
# the window are counted exactly for TPC-B (rows added to pgbench_history) and estimated from pgbench's
# tps otherwise. CPU time and context switches do not depend on how busy the machine is the way tps
# does, so they compare builds and options measured at different moments. TUSK_JAVA_OPTS is passed on.
# Needs root, like pgbench-compare.sh.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
TUSK_DIST=${TUSK_DIST:-$ROOT/distribution/target/tusk}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
. "$HERE/lib.sh"

SCALE=1
WINDOW=10
CLIENTS="1"
SCRIPTS="tpcb"
MODES="simple prepared"
WARMUP=10
SERVERS="postgresql tusk"
ROUNDS=1

usage() { sed -n '2,15s/^# \{0,1\}//p' "$0"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --scale) SCALE=$2; shift 2 ;;
        --window) WINDOW=$2; shift 2 ;;
        --clients) CLIENTS=$2; shift 2 ;;
        --scripts) SCRIPTS=$2; shift 2 ;;
        --modes) MODES=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --servers) SERVERS=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "pgbench-cpu.sh: unknown option $1" >&2; usage >&2; exit 64 ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "pgbench-cpu.sh: run as root (servers run as postgres and tusk)" >&2; exit 1; }
[ -x "$TUSK_DIST/bin/tusk" ] || { echo "pgbench-cpu.sh: no Tusk installation at $TUSK_DIST" >&2; exit 1; }

use_work_dir pgbench-cpu
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    servers_stop
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

SETTINGS="-c shared_buffers=128MB -c max_connections=100 -c synchronous_commit=on"

for server in $SERVERS; do
    case $server in
        postgresql) pg_start "$SETTINGS" ;;
        tusk) tusk_start "$SETTINGS" ;;
        *) die "unknown server $server" ;;
    esac
done

pgbench() {
    local server=$1; shift
    timeout 900 "$PG_BIN/pgbench" -h 127.0.0.1 -p "${PORT[$server]}" -U postgres "$@" postgres
}
script_option() {
    case "$1" in
        tpcb) echo "" ;;
        select-only) echo "-S" ;;
        simple-update) echo "-N" ;;
        *) die "unknown script $1" ;;
    esac
}

# One line per thread (Tusk) or process (PostgreSQL): id, name, utime, stime (clock ticks), voluntary
# and involuntary context switches, allocated bytes (Tusk only). One awk reads every /proc file with
# getline, so that a snapshot is quick and a thread that ends meanwhile is skipped, not fatal. Tusk's
# threads are named by their thread names, PostgreSQL's processes by their command line
# ("walwriter"), its backends all "backend".
snapshot() {
    local server=$1 pid child name dirs=() names=() allocated=/dev/null
    if [ "$server" = tusk ]; then
        pid=$(head -1 "$TUSK_DATA/postmaster.pid")
        allocated=$WORK/allocated
        thread_allocations "$pid" >"$allocated"
        for dir in /proc/"$pid"/task/*; do dirs+=("$dir"); names+=(-); done
    else
        pid=$(head -1 "$PG_DATA/postmaster.pid")
        dirs+=("/proc/$pid"); names+=(postmaster)
        for child in $(pgrep -P "$pid"); do
            name=$(tr '\0' ' ' <"/proc/$child/cmdline" 2>/dev/null | sed -E 's/^postgres: //; s/ +$//') || continue
            case $name in
                *127.0.0.1*|*local*) name=backend ;;
            esac
            dirs+=("/proc/$child"); names+=("${name// /_}")
        done
    fi
    awk -v dirs="${dirs[*]}" -v names="${names[*]}" -v allocated="$allocated" '
        BEGIN {
            while ((getline line < allocated) > 0) { split(line, a, " "); A[a[1]] = a[2] }
            n = split(dirs, dir, " "); split(names, given, " ")
            for (i = 1; i <= n; i++) {
                if ((getline line < (dir[i] "/stat")) <= 0) continue
                close(dir[i] "/stat")
                id = dir[i]; sub(/.*\//, "", id)
                name = line; sub(/^[^(]*\(/, "", name); sub(/\)[^)]*$/, "", name); gsub(/ /, "_", name)
                if (given[i] != "-") name = given[i]
                rest = line; sub(/^.*\) /, "", rest); split(rest, f, " ")
                v = ""; nv = ""
                while ((getline line < (dir[i] "/status")) > 0) {
                    split(line, w, /[ \t]+/)
                    if (w[1] == "voluntary_ctxt_switches:") v = w[2]
                    if (w[1] == "nonvoluntary_ctxt_switches:") nv = w[2]
                }
                close(dir[i] "/status")
                if (v == "") continue
                printf "%s\t%s\t%s\t%s\t%s\t%s\t%.0f\n", id, name, f[12], f[13], v, nv, A[id]
            }
        }'
}

# Each JVM thread's operating-system id and the bytes it allocated so far, from a thread dump
# (the JVM's own account, the same one ThreadMXBean.getThreadAllocatedBytes reads).
thread_allocations() {
    local pid=$1 jcmd
    jcmd=$(dirname "$(readlink "/proc/$pid/exe")")/jcmd
    [ -x "$jcmd" ] || return 0
    runuser -u "$(stat -c %U "/proc/$pid")" -- "$jcmd" "$pid" Thread.print -e 2>/dev/null | awk '
        /^"/ && / allocated=/ {
            if (!match($0, /\[[0-9]+\]/)) next
            tid = substr($0, RSTART + 1, RLENGTH - 2)
            match($0, / allocated=[0-9]+[KMG]?B?/)
            v = substr($0, RSTART + 11, RLENGTH - 11)
            m = v ~ /K/ ? 1024 : v ~ /M/ ? 1048576 : v ~ /G/ ? 1073741824 : 1
            sub(/[KMGB]+$/, "", v)
            printf "%s %.0f\n", tid, v * m
        }'
}

# Differences of two snapshots per transaction, summed by name (thread names lose their digits, so
# the G1 and compiler threads each make one group), largest CPU first, then the total.
report() {
    local before=$1 after=$2 tx=$3
    awk -F'\t' -v tx="$tx" -v hz="$(getconf CLK_TCK)" '
        NR == FNR { u[$1] = $3; s[$1] = $4; v[$1] = $5; n[$1] = $6; a[$1] = $7; next }
        ($1 in u) {
            name = $2; gsub(/[0-9]+/, "#", name)
            U[name] += $3 - u[$1]; S[name] += $4 - s[$1]; V[name] += $5 - v[$1]; N[name] += $6 - n[$1]
            B[name] += $7 - a[$1]
            C[name]++
        }
        END {
            printf "  %-34s %9s %9s %9s %9s %10s\n", "thread/process (count)", "user us", "sys us", "vcsw", "ivcsw", "alloc B"
            for (k in U) {
                tu += U[k]; ts += S[k]; tv += V[k]; tn += N[k]; tb += B[k]
                if (U[k] + S[k] == 0 && V[k] + N[k] < tx / 100 && B[k] < tx) continue
                printf "  %-34s %9.1f %9.1f %9.3f %9.3f %10.0f\n", substr(k " (" C[k] ")", 1, 34), U[k] * 1e6 / hz / tx, S[k] * 1e6 / hz / tx, V[k] / tx, N[k] / tx, B[k] / tx | "sort -k3,3 -gr"
            }
            close("sort -k3,3 -gr")
            printf "  %-34s %9.1f %9.1f %9.3f %9.3f %10.0f\n", "total per transaction", tu * 1e6 / hz / tx, ts * 1e6 / hz / tx, tv / tx, tn / tx, tb / tx
        }' "$before" "$after"
}

for server in $SERVERS; do
    log "pgbench -i -s $SCALE on $server"
    pgbench "$server" -i -s "$SCALE" -q >"$WORK/init-$server.out" 2>&1 || { cat "$WORK/init-$server.out" >&2; die "init"; }
    if [ "$WARMUP" -gt 0 ]; then
        for mode in $MODES; do
            for script in $SCRIPTS; do
                # shellcheck disable=SC2046
                pgbench "$server" $(script_option "$script") -M "$mode" -c 8 -j 2 -T "$WARMUP" -n >/dev/null 2>&1 \
                    || die "warm-up on $server"
            done
        done
    fi
done

for round in $(seq 1 "$ROUNDS"); do
    for script in $SCRIPTS; do
        for mode in $MODES; do
            for c in $CLIENTS; do
                for server in $SERVERS; do
                    out=$WORK/$script-$mode-$c-$server.out
                    # A snapshot's jcmd takes seconds on a loaded machine: pgbench must outlast the second
                    # one, or its backends are gone when it reads /proc and drop out of the report.
                    s0=$(date +%s)
                    snapshot "$server" >/dev/null
                    slow=$(( $(date +%s) - s0 + 1 ))
                    # shellcheck disable=SC2046
                    pgbench "$server" $(script_option "$script") -M "$mode" -c "$c" -j $(( c < 2 ? 1 : 2 )) \
                        -T $((WINDOW + 4 + 3 * slow)) -n >"$out" 2>&1 &
                    bench=$!
                    sleep 2
                    h0=0; [ "$script" = select-only ] || h0=$(psql_value "$server" "select count(*) from pgbench_history")
                    snapshot "$server" >"$WORK/before"
                    t0=$(date +%s.%N)
                    sleep "$WINDOW"
                    snapshot "$server" >"$WORK/after"
                    t1=$(date +%s.%N)
                    h1=0; [ "$script" = select-only ] || h1=$(psql_value "$server" "select count(*) from pgbench_history")
                    wait "$bench" || { cat "$out" >&2; die "pgbench on $server"; }
                    tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out")
                    if [ "$script" = select-only ]; then
                        tx=$(awk -v t="$tps" -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", t * (b - a) }')
                    else
                        tx=$((h1 - h0))
                    fi
                    printf '\n%s %s -c %s on %s (round %s): %s tps, %s transactions in the window\n' \
                        "$script" "$mode" "$c" "$server" "$round" "$tps" "$tx"
                    report "$WORK/before" "$WORK/after" "$tx"
                done
            done
        done
    done
done
