-- CREATE / REFRESH / DROP MATERIALIZED VIEW
CREATE TABLE mvt (id int, k text, v int);
INSERT INTO mvt VALUES (1, 'x', 2), (2, 'y', 3), (3, 'x', 4);
CREATE MATERIALIZED VIEW mv_sum AS SELECT k, sum(v) AS total FROM mvt GROUP BY k;
SELECT * FROM mv_sum ORDER BY k;
SELECT relkind, relispopulated FROM pg_class WHERE relname = 'mv_sum';
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_sum AS SELECT 1;
CREATE MATERIALIZED VIEW mv_sum AS SELECT 1;
-- column names, WITH NO DATA
CREATE MATERIALIZED VIEW mv_empty (a, b) AS SELECT id, k FROM mvt WITH NO DATA;
SELECT relkind, relispopulated FROM pg_class WHERE relname = 'mv_empty';
SELECT * FROM mv_empty;
REFRESH MATERIALIZED VIEW mv_empty;
SELECT * FROM mv_empty ORDER BY a;
REFRESH MATERIALIZED VIEW mv_empty WITH NO DATA;
SELECT count(*) FROM mv_empty;
REFRESH MATERIALIZED VIEW mv_empty WITH DATA;
-- the contents follow the table on refresh only
INSERT INTO mvt VALUES (4, 'z', 10);
SELECT * FROM mv_sum ORDER BY k;
REFRESH MATERIALIZED VIEW mv_sum;
SELECT * FROM mv_sum ORDER BY k;
-- indexes, and CONCURRENTLY
REFRESH MATERIALIZED VIEW CONCURRENTLY mv_sum;
CREATE UNIQUE INDEX mv_sum_k ON mv_sum (k);
REFRESH MATERIALIZED VIEW CONCURRENTLY mv_sum;
REFRESH MATERIALIZED VIEW CONCURRENTLY mv_sum WITH NO DATA;
SELECT total FROM mv_sum WHERE k = 'z';
BEGIN;
DELETE FROM mvt WHERE k = 'z';
REFRESH MATERIALIZED VIEW mv_sum;
SELECT * FROM mv_sum ORDER BY k;
ROLLBACK;
SELECT * FROM mv_sum ORDER BY k;
-- writing to it, and the wrong kind of object
INSERT INTO mv_sum VALUES ('w', 1);
UPDATE mv_sum SET total = 0;
DELETE FROM mv_sum;
REFRESH MATERIALIZED VIEW mvt;
REFRESH MATERIALIZED VIEW no_such_mv;
DROP TABLE mv_sum;
DROP VIEW mv_sum;
DROP MATERIALIZED VIEW mvt;
-- dependencies and DROP
DROP TABLE mvt;
DROP MATERIALIZED VIEW mv_empty;
DROP MATERIALIZED VIEW IF EXISTS mv_empty;
DROP MATERIALIZED VIEW mv_empty;
DROP TABLE mvt CASCADE;
SELECT count(*) FROM pg_class WHERE relname LIKE 'mv%';
-- psql's descriptions, pg_matviews, views over one, RENAME
CREATE TABLE mvs (a int, b text);
INSERT INTO mvs VALUES (1, 'a'), (2, 'b');
CREATE MATERIALIZED VIEW mv_d AS SELECT a, b FROM mvs WHERE a > 0;
CREATE INDEX mv_d_a ON mv_d (a);
CREATE MATERIALIZED VIEW mv_n AS SELECT b FROM mvs WITH NO DATA;
SELECT pg_get_viewdef('mv_d'::regclass);
SELECT * FROM pg_matviews ORDER BY matviewname;
\dm
\d mv_d
CREATE VIEW v_n AS SELECT * FROM mv_n;
SELECT * FROM v_n;
DROP MATERIALIZED VIEW mv_n;
DROP MATERIALIZED VIEW mv_n CASCADE;
ALTER MATERIALIZED VIEW IF EXISTS no_such_mv RENAME TO x;
ALTER MATERIALIZED VIEW mvs RENAME TO x;
ALTER MATERIALIZED VIEW mv_d RENAME TO mvs;
ALTER MATERIALIZED VIEW mv_d RENAME TO mv_r;
REFRESH MATERIALIZED VIEW mv_r;
SELECT * FROM mv_r ORDER BY a;
-- what pg_dump reads: the definitions with an empty search_path name the tables with their schema
CREATE VIEW v_r AS SELECT a FROM mv_r WHERE b <> 'c';
SET search_path = '';
SELECT pg_catalog.pg_get_viewdef('public.mv_r'::pg_catalog.regclass);
SELECT pg_catalog.pg_get_viewdef('public.v_r'::pg_catalog.regclass);
RESET search_path;
DROP TABLE mvs CASCADE;
