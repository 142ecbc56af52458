--
-- Disk usage functions: sizes are the server's own, so only their shape is compared; pg_size_pretty and
-- pg_size_bytes are exact.
--
CREATE TABLE dbs_t (id int PRIMARY KEY, pad text);
CREATE INDEX dbs_t_pad ON dbs_t (pad);
CREATE VIEW dbs_v AS SELECT id FROM dbs_t;
INSERT INTO dbs_t SELECT i, repeat('x', 100) FROM generate_series(1, 2000) i;
SELECT pg_relation_size('dbs_t') > 8192 AS heap_pages,
       pg_relation_size('dbs_t') % 8192 AS whole_blocks,
       pg_relation_size('dbs_t', 'main') = pg_relation_size('dbs_t') AS main_fork,
       pg_relation_size('dbs_t_pkey') > 0 AS pkey_pages,
       pg_relation_size('dbs_v') AS view_size;
SELECT pg_table_size('dbs_t') >= pg_relation_size('dbs_t') AS table_size,
       pg_indexes_size('dbs_t') >= pg_relation_size('dbs_t_pkey') + pg_relation_size('dbs_t_pad') AS indexes,
       pg_total_relation_size('dbs_t') = pg_table_size('dbs_t') + pg_indexes_size('dbs_t') AS total;
SELECT pg_relation_size(0) IS NULL AS no_relation, pg_relation_size(NULL) IS NULL AS null_arg;
SELECT pg_database_size('postgres') > 1000000 AS db_size,
       pg_database_size('postgres') = pg_database_size((SELECT oid FROM pg_database WHERE datname = 'postgres')) AS by_oid,
       pg_database_size(0::oid) IS NULL AS no_db;
SELECT pg_database_size('nosuch');
SELECT pg_relation_size('dbs_t', 'nosuch');
SELECT v, pg_size_pretty(v::bigint), pg_size_pretty(v::numeric)
  FROM unnest(ARRAY[0, 1, 10239, 10240, -10240, 20971519, 20971520, 10485760 * 1024::bigint,
                    1125899906842624 * 3, -5000000000, 9223372036854775807]) v;
SELECT pg_size_pretty('NaN'::numeric), pg_size_pretty('Infinity'::numeric), pg_size_pretty('-Infinity'::numeric), pg_size_pretty(123456789012345678901234567890::numeric);
SELECT x, pg_size_bytes(x)
  FROM unnest(ARRAY['1', '1kB', ' 1.5 MB ', '-2 GB', '1e3', '3 TB', '1PB', '10 bytes', '1 kb']) x;
SELECT pg_size_bytes('1 XB');
SELECT pg_size_bytes('abc');
SELECT pg_size_pretty(sum(pg_relation_size(c.oid))) IS NOT NULL AS summed
  FROM pg_class c WHERE c.relname LIKE 'dbs_%';
DROP VIEW dbs_v;
DROP TABLE dbs_t;
