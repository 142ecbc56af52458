--
-- Scans of a base relation: sequential, index and bitmap scans (Bitmap Index Scan, BitmapAnd,
-- BitmapOr, Bitmap Heap Scan with its Recheck Cond), chosen by cost from ANALYZE's statistics, the
-- index's real size and the correlation of its first column; the same rows under every enable_*
-- combination.
--
CREATE TABLE sc_t (id int PRIMARY KEY, a int, b int, c int, pad text);
-- a: scattered over the table (uncorrelated); b: ten values on every page; c: in physical order
INSERT INTO sc_t SELECT i, (i * 7919) % 1000, i % 10, i, repeat('x', 40) FROM generate_series(1, 20000) g(i);
CREATE INDEX sc_t_a ON sc_t (a);
CREATE INDEX sc_t_b ON sc_t (b);
CREATE INDEX sc_t_c ON sc_t (c);
ANALYZE sc_t;
-- a unique key: an index scan
EXPLAIN (COSTS OFF) SELECT * FROM sc_t WHERE id = 5;
-- a correlated range: an index scan reads its pages in order
EXPLAIN (COSTS OFF) SELECT * FROM sc_t WHERE c BETWEEN 100 AND 300;
EXPLAIN (COSTS OFF) SELECT * FROM sc_t WHERE c < 50;
-- an uncorrelated range or lookup: a bitmap scan visits each page once, in order
EXPLAIN (COSTS OFF) SELECT * FROM sc_t WHERE a = 7;
EXPLAIN (COSTS OFF) SELECT count(*) FROM sc_t WHERE a < 30;
EXPLAIN (COSTS OFF) SELECT * FROM sc_t WHERE a > 990;
EXPLAIN (COSTS OFF) SELECT * FROM sc_t WHERE b = 3;
-- most of the table: a sequential scan
EXPLAIN (COSTS OFF) SELECT * FROM sc_t WHERE b < 8;
EXPLAIN (COSTS OFF) SELECT * FROM sc_t WHERE a > 100;
-- OR of indexable conditions: BitmapOr
EXPLAIN (COSTS OFF) SELECT id FROM sc_t WHERE a = 5 OR c = 77;
EXPLAIN (COSTS OFF) SELECT id FROM sc_t WHERE a = 5 OR a = 6 OR id = 42;
EXPLAIN (COSTS OFF) SELECT id FROM sc_t WHERE (a = 5 AND b = 3) OR c < 3;
-- IN lists: one bitmap index scan searching each element (ScalarArrayOpExpr)
EXPLAIN (COSTS OFF) SELECT id FROM sc_t WHERE a IN (5, 6);
EXPLAIN (COSTS OFF) SELECT id FROM sc_t WHERE a IN (5, NULL, 6);
EXPLAIN (COSTS OFF) SELECT id FROM sc_t WHERE a IN (5, 6) OR c = 42;
EXPLAIN (COSTS OFF) SELECT id FROM sc_t WHERE a IN (5, 6) AND b = 3;
EXPLAIN (COSTS OFF) SELECT id FROM sc_t WHERE pad IN ('a', 'b c');
SELECT count(*), sum(id) FROM sc_t WHERE a IN (5, NULL, 6, 5);
SELECT count(*), sum(id) FROM sc_t WHERE a IN (5, 6) OR c = 42;
-- an OR arm no index serves: no bitmap
EXPLAIN (COSTS OFF) SELECT id FROM sc_t WHERE a = 5 OR pad = 'y';
-- two selective conditions on two indexes: BitmapAnd
EXPLAIN (COSTS OFF) SELECT id FROM sc_t WHERE a = 5 AND b = 3;
EXPLAIN (COSTS OFF) SELECT id FROM sc_t WHERE a < 50 AND b = 3;
-- one index and a filter
EXPLAIN (COSTS OFF) SELECT id FROM sc_t WHERE a < 100 AND b < 3;
EXPLAIN (COSTS OFF) SELECT id FROM sc_t WHERE a = 5 AND pad LIKE 'x%';
-- the same rows whichever scan is allowed
SELECT count(*), sum(id), min(c), max(c) FROM sc_t WHERE a < 30;
SELECT count(*), sum(id) FROM sc_t WHERE a = 5 OR c = 77;
SELECT count(*), sum(id) FROM sc_t WHERE a < 50 AND b = 3;
SELECT id, a, b FROM sc_t WHERE a = 7 ORDER BY id;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM sc_t WHERE a = 7;
EXPLAIN (COSTS OFF) SELECT id FROM sc_t WHERE a = 5 OR c = 77;
SELECT count(*), sum(id), min(c), max(c) FROM sc_t WHERE a < 30;
SELECT count(*), sum(id) FROM sc_t WHERE a = 5 OR c = 77;
SELECT count(*), sum(id) FROM sc_t WHERE a < 50 AND b = 3;
SELECT id, a, b FROM sc_t WHERE a = 7 ORDER BY id;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM sc_t WHERE b < 8;
SELECT count(*), sum(id) FROM sc_t WHERE b < 8;
RESET enable_bitmapscan;
SET enable_indexscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM sc_t WHERE id = 5;
EXPLAIN (COSTS OFF) SELECT * FROM sc_t WHERE c BETWEEN 100 AND 300;
SELECT count(*), sum(id), min(c), max(c) FROM sc_t WHERE a < 30;
SELECT count(*), sum(id) FROM sc_t WHERE a = 5 OR c = 77;
SELECT count(*), sum(id) FROM sc_t WHERE c BETWEEN 100 AND 300;
SELECT count(*), sum(id) FROM sc_t WHERE b < 8;
SELECT id, a, b FROM sc_t WHERE a = 7 ORDER BY id;
RESET enable_seqscan;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM sc_t WHERE a = 7;
SELECT count(*), sum(id), min(c), max(c) FROM sc_t WHERE a < 30;
SELECT count(*), sum(id) FROM sc_t WHERE c BETWEEN 100 AND 300;
RESET enable_bitmapscan;
RESET enable_indexscan;
-- EXPLAIN ANALYZE counts the heap pages a bitmap visits
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM sc_t WHERE a = 7;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM sc_t WHERE a = 5 OR c = 77;
-- rows changed after the index was built: the bitmap finds the old entries, the heap decides
UPDATE sc_t SET pad = 'changed' WHERE a = 7 AND id < 10000;
DELETE FROM sc_t WHERE a = 7 AND id > 15000;
SET enable_seqscan = off;
SET enable_indexscan = off;
EXPLAIN (COSTS OFF) SELECT id, pad FROM sc_t WHERE a = 7;
SELECT id, pad FROM sc_t WHERE a = 7 ORDER BY id;
RESET enable_seqscan;
RESET enable_indexscan;
-- a table with only a few rows, never analyzed: sizes from its pages
CREATE TABLE sc_small (k int, v text);
INSERT INTO sc_small SELECT i, 'v' || i FROM generate_series(1, 50) g(i);
CREATE INDEX sc_small_k ON sc_small (k);
EXPLAIN (COSTS OFF) SELECT * FROM sc_small WHERE k = 3;
EXPLAIN (COSTS OFF) SELECT * FROM sc_small WHERE k < 40;
SELECT relname, relpages, reltuples FROM pg_class WHERE relname IN ('sc_small', 'sc_small_k') ORDER BY relname;
DROP TABLE sc_t;
DROP TABLE sc_small;
