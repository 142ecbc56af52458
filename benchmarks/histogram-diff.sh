#!/bin/sh
# histogram-diff.sh BEFORE AFTER [N]: the classes whose instances grew most between two
# `jcmd PID GC.class_histogram` outputs (as kept by connection-storm.sh --keep), in bytes.
awk -v top="${3:-20}" '
    FNR == 1 { f++ }
    $1 ~ /^[0-9]+:$/ { if (f == 1) { b[$4] = $3; bn[$4] = $2 } else { a[$4] = $3; an[$4] = $2 } }
    END {
        for (c in a) { d = a[c] - b[c]; if (d > 0) printf "%12d %9d %s\n", d, an[c] - bn[c], c }
    }' "$1" "$2" | sort -rn | head -n "${3:-20}" | awk 'BEGIN { print "  bytes grown  instances  class" } { print }'
