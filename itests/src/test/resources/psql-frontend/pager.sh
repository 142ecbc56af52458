# Runs the client given as arguments on a 10x40 pseudo-terminal (under script(1)) with a PAGER that
# marks the lines it gets: which outputs go through the pager, as psql decides it.
stty rows 10 cols 40
export PAGER="sed 's/^/PAGER: /'"
"$@" -c 'select 1 as short' -c 'select g from generate_series(1,8) g' -c 'select g from generate_series(1,9) g' \
  -c '\pset pager off' -c 'select g from generate_series(1,12) g' -c '\pset pager always' -c 'select 2 as always' \
  -c '\pset pager on' -c "select repeat('x', 50) as wide" -c '\x' -c "select repeat('x', 50) as wide" -c '\x' \
  -c '\pset pager_min_lines 20' -c 'select g from generate_series(1,12) g' -c '\pset pager_min_lines 0' \
  -c "select E'a\nb\nc\nd' as multi from generate_series(1,3)" -c '\dt nosuch' -c '\pset pager'
"$@" -P pager=off -c 'select g from generate_series(1,12) g'
PSQL_PAGER="sed 's/^/PSQL_PAGER: /'" "$@" -c 'select g from generate_series(1,12) g'
PAGER=' ' "$@" -c 'select g from generate_series(1,12) g'
