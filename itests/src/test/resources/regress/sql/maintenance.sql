--
-- REINDEX, CLUSTER, VACUUM's and ANALYZE's option lists, ALTER TABLE ... CLUSTER ON, and OPERATOR(schema.op),
-- as vacuumdb, reindexdb, clusterdb and psql send them. VERBOSE output carries timings, so it is left out.
--
CREATE TABLE mt (a int PRIMARY KEY, b text);
CREATE INDEX mt_b ON mt (b);
INSERT INTO mt SELECT g, to_char(1000 - g, 'FM0000') FROM generate_series(1, 200) g;
CREATE TABLE mt_noidx (x int);
CREATE VIEW mt_v AS SELECT 1 AS x;
CREATE SCHEMA mt_s;
-- OPERATOR(schema.op): binary, prefix, with ANY/ALL/SOME, at the precedence of the other operators
SELECT 1 OPERATOR(pg_catalog.=) ANY (ARRAY[1, 2]) AS any_, 1 OPERATOR(pg_catalog.=) ALL (ARRAY[1, 2]) AS all_,
  3 OPERATOR(pg_catalog.<) SOME (SELECT 5) AS some_;
SELECT OPERATOR(pg_catalog.-) 1 AS neg, 1 OPERATOR(pg_catalog.+) 2 * 3 AS seven;
SELECT 'abc' OPERATOR(pg_catalog.~~) 'a%' AS likes;
SELECT relname FROM pg_catalog.pg_class c WHERE c.relkind OPERATOR(pg_catalog.=) ANY (array['r', 'm'])
  AND c.relname OPERATOR(pg_catalog.~) '^(mt)$';
SELECT 1 OPERATOR(public.=) 1;
SELECT 1 OPERATOR(mt_nosuch.=) 1;
SELECT 1 OPERATOR(pg_catalog.===) 1;
SELECT OPERATOR(public.-) 1;
SELECT 1 < 2 OPERATOR(pg_catalog.=) true;
SELECT 1 OPERATOR(pg_catalog.=) ANY (ARRAY['1', '2']);
SELECT 1 OPERATOR(pg_catalog.+) ALL (ARRAY[1]);
-- VACUUM and ANALYZE options
VACUUM (foo) mt;
VACUUM (VERBOSE false) mt (a);
VACUUM (FULL, PARALLEL 2) mt;
VACUUM (PARALLEL) mt;
VACUUM (PARALLEL -1) mt;
VACUUM (INDEX_CLEANUP maybe) mt;
VACUUM (TRUNCATE 2) mt;
VACUUM (DISABLE_PAGE_SKIPPING, SKIP_LOCKED, INDEX_CLEANUP off, TRUNCATE false, PROCESS_TOAST off, PARALLEL 2,
  FREEZE) mt;
VACUUM (INDEX_CLEANUP auto, ANALYZE, SKIP_LOCKED on) mt (a);
VACUUM (FULL, PROCESS_TOAST false) mt;
VACUUM (DISABLE_PAGE_SKIPPING, FULL) mt;
ANALYZE (foo) mt;
ANALYZE (SKIP_LOCKED, VERBOSE off) mt;
VACUUM mt_nosuch;
BEGIN;
VACUUM mt;
ROLLBACK;
DELETE FROM mt WHERE a > 150;
VACUUM FULL mt;
SELECT relname, reltuples FROM pg_class WHERE relname IN ('mt', 'mt_pkey', 'mt_b') ORDER BY relname;
VACUUM (FULL, FREEZE, ANALYZE) mt;
SELECT count(*), min(a), max(a) FROM mt;
-- REINDEX
REINDEX TABLE mt;
REINDEX INDEX mt_b;
REINDEX TABLE CONCURRENTLY mt;
REINDEX INDEX CONCURRENTLY mt_b;
REINDEX (VERBOSE off) TABLE mt;
REINDEX (CONCURRENTLY) INDEX mt_b;
REINDEX SCHEMA public;
REINDEX DATABASE postgres;
REINDEX SYSTEM postgres;
REINDEX TABLE mt_noidx;
REINDEX TABLE CONCURRENTLY mt_noidx;
REINDEX TABLE mt_s.mt_nosuch;
REINDEX INDEX mt_nosuch;
REINDEX INDEX mt;
REINDEX TABLE mt_b;
REINDEX TABLE mt_v;
REINDEX (foo) TABLE mt;
REINDEX (TABLESPACE mt_nosuch) TABLE mt;
REINDEX (TABLESPACE pg_default) TABLE mt;
REINDEX (TABLESPACE pg_global) TABLE mt;
REINDEX (TABLESPACE) INDEX mt_b;
REINDEX SCHEMA mt_nosuch;
REINDEX DATABASE template1;
REINDEX SYSTEM CONCURRENTLY postgres;
REINDEX TABLE CONCURRENTLY pg_class;
REINDEX DATABASE;
BEGIN;
REINDEX TABLE CONCURRENTLY mt;
ROLLBACK;
BEGIN;
REINDEX SCHEMA public;
ROLLBACK;
BEGIN;
REINDEX DATABASE postgres;
ROLLBACK;
BEGIN;
REINDEX TABLE mt;
SELECT b FROM mt WHERE a = 42;
ROLLBACK;
SELECT b FROM mt WHERE b = '0958';
-- CLUSTER and ALTER TABLE ... CLUSTER ON
CLUSTER mt;
CLUSTER mt_nosuch;
CLUSTER mt USING mt_nosuch;
CLUSTER mt_v;
CLUSTER (foo) mt;
CLUSTER mt USING mt_b;
SELECT a, b FROM mt LIMIT 3;
SELECT c.relname, i.indisclustered FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
  WHERE i.indrelid = 'mt'::regclass ORDER BY 1;
SELECT relname, reltuples FROM pg_class WHERE relname IN ('mt', 'mt_pkey', 'mt_b') ORDER BY relname;
ALTER TABLE mt CLUSTER ON mt_pkey;
SELECT c.relname, i.indisclustered FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
  WHERE i.indrelid = 'mt'::regclass ORDER BY 1;
CLUSTER mt;
SELECT a, b FROM mt LIMIT 3;
CLUSTER VERBOSE mt_nosuch;
ALTER TABLE mt CLUSTER ON mt_nosuch;
ALTER TABLE mt SET WITHOUT CLUSTER;
SELECT count(*) FROM pg_index WHERE indrelid = 'mt'::regclass AND indisclustered;
CLUSTER mt;
ALTER TABLE mt CLUSTER ON mt_b;
BEGIN;
CLUSTER;
ROLLBACK;
BEGIN;
CLUSTER mt;
ROLLBACK;
CLUSTER;
SELECT a, b FROM mt LIMIT 3;
CLUSTER mt_b ON mt;
DROP VIEW mt_v;
DROP TABLE mt, mt_noidx;
DROP SCHEMA mt_s;
