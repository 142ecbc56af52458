#!/bin/sh
# Records, from a running PostgreSQL 15, what pg_settings says about each parameter Tusk knows (unit,
# category, descriptions, context, type, limits, enum values, built-in default) into
# src/main/resources/org/tusk/sql/settings/pg15-settings.tsv, which settings.SettingsView reads to
# answer pg_settings. SettingsViewTest checks that the file covers every parameter of SettingCatalog
# and that Tusk's defaults agree with PostgreSQL's.
#
# Usage: regenerate-settings.sh PSQL-CONNECTION-ARGS...   e.g. regenerate-settings.sh -h /tmp -p 5432 -U postgres
# (Parameters whose values describe the build, such as server_version, keep Tusk's own defaults.)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT="$HERE/../../../main/resources/org/tusk/sql/settings/pg15-settings.tsv"
NAMES=$(grep -o 'define[A-Za-z]*("[A-Za-z_]*"' "$HERE/../../../main/java/org/tusk/sql/settings/SettingCatalog.java" \
    | sed 's/.*("//; s/"$//' | tr 'A-Z' 'a-z' | sed "s/.*/'&'/" | paste -sd, -)
ENABLES=$(sed -n 's/.*{"\([a-z]*\)", "[^"]*"}.*/\1/p; s/.*, {"\([a-z]*\)", "[^"]*"}.*/\1/p' \
    "$HERE/../../../main/java/org/tusk/sql/settings/SettingCatalog.java" | tr -d ' ')
psql -X -q -A -t -F '	' -v ON_ERROR_STOP=1 "$@" -c "
    select name, coalesce(unit, ''), category, short_desc, coalesce(extra_desc, ''), context, vartype,
           coalesce(min_val, ''), coalesce(max_val, ''), coalesce(array_to_string(enumvals, ','), ''), boot_val
    from pg_settings
    where lower(name) in ($NAMES) or name ~ '^enable_(seqscan|indexscan|indexonlyscan|bitmapscan|sort|hashjoin|mergejoin|nestloop|material|hashagg)\$'
    order by lower(name)" > "$OUT"
echo "$(wc -l < "$OUT") parameters written to $OUT"
