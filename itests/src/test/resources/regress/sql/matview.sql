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
