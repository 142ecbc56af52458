#!/bin/sh
# Records, from a real PostgreSQL 15, what org.tusk.sql.catalog must agree with. Every *.tsv beside
# this script is its output; CatalogDefinitionsTest and BootstrapDataTest compare the Java definitions
# and bootstrap rows with them.
#
# Usage: regenerate.sh [bindir]      (default /usr/lib/postgresql/15/bin, Debian's postgresql-15)
#
# It initdbs a throw-away cluster (initdb -U postgres -E UTF8 --locale=C.UTF-8, as `tusk initdb`
# bootstraps), starts it on a private socket directory with TCP off, queries it, then stops it and
# deletes the directory. Run it as root (the server runs as the postgres user through runuser) or
# as any non-root user that may run initdb.
set -eu
BIN=${1:-/usr/lib/postgresql/15/bin}
OUT=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d /tmp/tusk-catalog-XXXXXX)
PORT=55439

if [ "$(id -u)" = 0 ]; then
    chown postgres "$WORK"
    AS="runuser -u postgres --"
else
    AS=""
fi

cleanup() {
    $AS "$BIN/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

$AS "$BIN/initdb" -D "$WORK/data" -U postgres -E UTF8 --locale=C.UTF-8 -A trust --no-sync >/dev/null
$AS "$BIN/pg_ctl" -D "$WORK/data" -l "$WORK/log" -w \
    -o "-p $PORT -k $WORK -c listen_addresses=''" start >/dev/null

psql() {
    $AS "$BIN/psql" -h "$WORK" -p "$PORT" -U postgres -d postgres -X -q -A -F '	' -P pager=off \
        -P null='\N' -v ON_ERROR_STOP=1 "$@"
}

CATALOGS="1262,1260,1261,1213,2615,1259,1249,1247,1255,2610,2606,2604,2601,3456,2609,2608,2224,2611,2620,2619,3256,3381,6104,6237,6106,3501,2396,3079,2612,826,2613,2995,3394,2617,2616,2753,2602,2603,3601,3764,3600,3602,2328,1417,2607,2605,3541,3576,3466,3350,2618,6100,3596,3592,3118,2964,6243"

# The base types the engine supports (the range types, helper "ranges": 3904,3906,3908,3910,3912,3926 and
# their pseudo-types anyrange 3831 and anyelement 2283), and those the catalogs' columns need besides (pg_node_tree 194,
# aclitem 1033, anyarray 2277) and the support functions' argument and result types (cstring 2275,
# internal 2281, table_am_handler 269, index_am_handler 325); their arrays and the catalogs' row types (and arrays) follow.
BASE_TYPES="16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,700,701,705,1042,1043,1082,1083,1114,1184,1186,1266,1700,2202,2205,2206,4089,4096,2950,114,3802,2278,2249,194,1033,2277,2275,2281,269,325,2279,3220,1790,4072,3904,3906,3908,3910,3912,3926,3831,2283"
# The network address types (inet, cidr, macaddr, macaddr8; org.tusk.sql.net).
NETWORK_TYPES="869,650,829,774"
# The bit string types (bit, varbit; org.tusk.sql.bits).
BIT_TYPES="1560,1562"
BASE_TYPES="$BASE_TYPES,$NETWORK_TYPES,$BIT_TYPES"
TYPES="select oid from pg_type where oid in ($BASE_TYPES)
       union select typarray from pg_type where oid in ($BASE_TYPES) and typarray <> 0
       union select reltype from pg_class where oid in ($CATALOGS)
       union select t.typarray from pg_class c join pg_type t on t.oid = c.reltype where c.oid in ($CATALOGS)"

# The access methods Tusk has (heap, btree, hash); gist, gin, brin and spgist are left out.
AMS="2,403,405"

# The functions of eval/Functions.java and the operator functions of eval/FunctionOids.java, by name
# and argument types, the I/O functions the types above name, and the access methods' handlers.
FUNCS="select p.oid from pg_proc p join (values
  ('abs','21'),('abs','23'),('abs','20'),('abs','1700'),('abs','700'),('abs','701'),
  ('mod','21 21'),('mod','23 23'),('mod','20 20'),('mod','1700 1700'),
  ('round','1700'),('round','1700 23'),('round','701'),('trunc','1700'),('trunc','1700 23'),('trunc','701'),
  ('ceil','1700'),('ceil','701'),('ceiling','1700'),('ceiling','701'),('floor','1700'),('floor','701'),
  ('sign','1700'),('sign','701'),('sqrt','701'),('sqrt','1700'),('cbrt','701'),
  ('power','701 701'),('power','1700 1700'),('pow','701 701'),('pow','1700 1700'),
  ('exp','701'),('ln','701'),('log','701'),('log10','701'),('pi',''),('degrees','701'),('radians','701'),('random',''),
  ('length','25'),('length','1042'),('char_length','25'),('char_length','1042'),
  ('character_length','25'),('character_length','1042'),('octet_length','25'),
  ('lower','25'),('upper','25'),('initcap','25'),('btrim','25'),('btrim','25 25'),('ltrim','25'),('ltrim','25 25'),
  ('rtrim','25'),('rtrim','25 25'),('substr','25 23'),('substr','25 23 23'),('substring','25 23'),('substring','25 23 23'),
  ('replace','25 25 25'),('repeat','25 23'),('reverse','25'),('left','25 23'),('right','25 23'),
  ('strpos','25 25'),('position','25 25'),('lpad','25 23'),('lpad','25 23 25'),('rpad','25 23'),('rpad','25 23 25'),
  ('split_part','25 25 23'),('starts_with','25 25'),('md5','25'),('chr','23'),('ascii','25'),('like_escape','25 25'),
  ('version',''),('current_database',''),('pg_backend_pid',''),('current_schema',''),('now',''),
  ('transaction_timestamp',''),('statement_timestamp',''),('clock_timestamp',''),('pg_sleep','701'),
  ('int4pl','23 23'),('int4mi','23 23'),('int4mul','23 23'),('int8pl','20 20'),('int4eq','23 23'),
  ('texteq','25 25'),('textcat','25 25'),
  ('lo_open','26 23'),('lo_close','23'),('loread','23 23'),('lowrite','23 17'),('lo_lseek','23 23 23'),
  ('lo_lseek64','23 20 23'),('lo_creat','23'),('lo_create','26'),('lo_tell','23'),('lo_tell64','23'),
  ('lo_truncate','23 23'),('lo_truncate64','23 20'),('lo_unlink','26'),('lo_get','26'),('lo_get','26 20 23'),
  ('lo_put','26 20 17'),('lo_from_bytea','26 17'),
  ('pg_is_in_recovery',''),
  ('int4range_canonical','3904'),('int8range_canonical','3926'),('daterange_canonical','3912'),
  ('int4range_subdiff','23 23'),('int8range_subdiff','20 20'),('numrange_subdiff','1700 1700'),
  ('daterange_subdiff','1082 1082'),
  ('lower','3831'),('upper','3831'),('isempty','3831'),('lower_inc','3831'),('upper_inc','3831'),
  ('lower_inf','3831'),('upper_inf','3831'),('range_merge','3831 3831'),
  ('int4range','23 23'),('int4range','23 23 25'),('int8range','20 20'),('int8range','20 20 25'),
  ('numrange','1700 1700'),('numrange','1700 1700 25'),('daterange','1082 1082'),('daterange','1082 1082 25'),
  ('tsrange','1114 1114'),('tsrange','1114 1114 25'),('tstzrange','1184 1184'),('tstzrange','1184 1184 25'),('tsrange_subdiff','1114 1114'),('tstzrange_subdiff','1184 1184'),('acldefault','18 26'),('pg_my_temp_schema',''),('pg_is_other_temp_schema','26')
  ) f(name, args) on p.proname = f.name and p.proargtypes::text = f.args
  union select unnest(array[typinput, typoutput, typreceive, typsend, typmodin, typmodout, typanalyze,
                            typsubscript])::oid from pg_type where oid in ($TYPES)
  union select amhandler::oid from pg_am where oid in ($AMS)"
# The functions of org.tusk.sql.net and org.tusk.sql.bits (NetworkFunctions, BitFunctions), by name and argument types.
NETWORK_BIT_FUNCS="('abbrev','869'),('abbrev','650'),('broadcast','869'),('family','869'),('host','869'),
  ('hostmask','869'),('masklen','869'),('netmask','869'),('network','869'),('set_masklen','869 23'),
  ('set_masklen','650 23'),('text','869'),('cidr','869'),('inet_same_family','869 869'),('inet_merge','869 869'),
  ('trunc','829'),('trunc','774'),('macaddr8_set7bit','774'),('macaddr','774'),('macaddr8','829'),
  ('length','1560'),('bit_length','1560'),('octet_length','1560'),('position','1560 1560'),
  ('substring','1560 23 23'),('substring','1560 23'),('overlay','1560 1560 23 23'),('overlay','1560 1560 23'),
  ('get_bit','1560 23'),('set_bit','1560 23 23'),('bit_count','1560')"
FUNCS="$FUNCS union select p.oid from pg_proc p join (values $NETWORK_BIT_FUNCS) f(name, args)
  on p.proname = f.name and p.proargtypes::text = f.args"
# ... and the planner support functions those name (starts_with's text_starts_with_support).
FUNCS="$FUNCS union select prosupport::oid from pg_proc where prosupport <> 0 and oid in ($FUNCS)"

# All columns of a catalog, reg* columns as plain OIDs (the Java rows hold OIDs), ordered by attnum.
columns() {
    psql -t -c "select string_agg(case when atttypid in (24, 2202, 2203, 2204, 2205, 2206, 4089, 4096)
                  then quote_ident(attname) || '::oid as ' || quote_ident(attname)
                  else quote_ident(attname) end, ', ' order by attnum)
                from pg_attribute where attrelid = '$1'::regclass and attnum > 0"
}

dump() { # catalog, which rows (for the header), where clause, order by, file
    {
        echo "# $1: $2, of a fresh PostgreSQL 15 cluster, recorded by regenerate.sh; \\N is NULL"
        psql -c "select $(columns "$1") from $1 where $3 order by $4"
    } > "$OUT/$5"
}

{
    echo "# The catalogs of a fresh PostgreSQL 15 cluster (pg_class), recorded by regenerate.sh."
    echo "# relfilenode 0 means a mapped catalog (pg_filenode.map); filenode is pg_relation_filenode()."
    psql -c "select c.oid, c.relname, c.relnamespace, c.reltype, t.typarray, c.relfilenode,
                    pg_relation_filenode(c.oid) as filenode, c.relisshared, c.relkind, c.relpersistence,
                    c.relnatts, c.relhasindex
             from pg_class c join pg_type t on t.oid = c.reltype
             where c.oid in ($CATALOGS) order by c.oid"
} > "$OUT/pg15-relations.tsv"

{
    echo "# Columns of the catalogs (system columns included, attnum < 0), recorded by regenerate.sh."
    psql -c "select c.relname, a.attnum, a.attname, a.atttypid, a.attlen, a.attalign, a.attnotnull,
                    a.attbyval, a.attstorage, a.attcollation
             from pg_attribute a join pg_class c on c.oid = a.attrelid
             where c.oid in ($CATALOGS) order by c.oid, a.attnum"
} > "$OUT/pg15-attributes.tsv"

{
    echo "# Indexes on the catalogs, recorded by regenerate.sh; columns and opclasses in key order."
    psql -c "select c.relname as catalog, i.indexrelid as oid, ic.relname as name, i.indisunique,
                    i.indisprimary,
                    (select string_agg(a.attname, ',' order by k.n) from unnest(i.indkey) with ordinality k(attnum, n)
                       join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum) as columns,
                    (select string_agg(o.opcname, ',' order by k.n) from unnest(i.indclass) with ordinality k(opc, n)
                       join pg_opclass o on o.oid = k.opc) as opclasses
             from pg_index i join pg_class c on c.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid
             where i.indrelid in ($CATALOGS) order by i.indexrelid"
} > "$OUT/pg15-indexes.tsv"

dump pg_type "the engine's types, their arrays, the catalogs' row types and arrays" "oid in ($TYPES)" oid \
    pg15-pg_type.tsv
dump pg_proc "the engine's functions and the types' and access methods' support functions" "oid in ($FUNCS)" oid \
    pg15-pg_proc.tsv
dump pg_namespace "all rows" true oid pg15-pg_namespace.tsv
dump pg_database "all rows" true oid pg15-pg_database.tsv
dump pg_authid "the bootstrap superuser (-U postgres) and the predefined roles" "oid < 16384" oid pg15-pg_authid.tsv
dump pg_auth_members "all rows" true "roleid, member" pg15-pg_auth_members.tsv
dump pg_am "heap, btree and hash" "oid in ($AMS)" oid pg15-pg_am.tsv
dump pg_tablespace "all rows" true oid pg15-pg_tablespace.tsv
dump pg_shdescription "all rows" true "classoid, objoid" pg15-pg_shdescription.tsv
dump pg_extension "all rows" true oid pg15-pg_extension.tsv
dump pg_collation "default, C and POSIX" "oid in (100, 950, 951)" oid pg15-pg_collation.tsv
dump pg_language "all rows (internal, c, sql and the plpgsql initdb installs)" true oid pg15-pg_language.tsv
dump pg_class "the catalogs and their indexes" "oid in ($CATALOGS) or oid in (select indexrelid from pg_index where indrelid in ($CATALOGS))" oid pg15-pg_class.tsv
dump pg_attribute "the catalogs' columns" "attrelid in ($CATALOGS)" "attrelid, attnum" pg15-pg_attribute.tsv
dump pg_index "the catalogs' indexes" "indrelid in ($CATALOGS)" indexrelid pg15-pg_index.tsv
dump pg_description "the descriptions of the types, functions, namespaces, access methods and collations above" \
    "(classoid = 'pg_type'::regclass and objoid in ($TYPES)) or (classoid = 'pg_proc'::regclass and objoid in ($FUNCS))
     or (classoid = 'pg_namespace'::regclass and objoid in (11, 99, 2200))
     or (classoid = 'pg_am'::regclass and objoid in ($AMS))
     or (classoid = 'pg_collation'::regclass and objoid in (100, 950, 951))
     or classoid = 'pg_extension'::regclass
     or classoid = 'pg_language'::regclass" \
    "classoid, objoid, objsubid" pg15-pg_description.tsv
