--
-- Scans with array keys and index-only scans: x = ANY (array) and x IN (list) are ScalarArrayOpExprs,
-- index conditions of bitmap and plain index scans (one descent per distinct element, rows in index
-- order); an index holding every column a query reads gives an index-only scan.
--
CREATE TABLE scp_t (id int PRIMARY KEY, a int, pad text);
INSERT INTO scp_t SELECT i, (i * 7919) % 1000, repeat('x', 40) FROM generate_series(1, 20000) g(i);
CREATE INDEX scp_t_a ON scp_t (a);
ANALYZE scp_t;
EXPLAIN (COSTS OFF) SELECT id FROM scp_t WHERE a = ANY ('{5,6}');
EXPLAIN (COSTS OFF) SELECT id FROM scp_t WHERE id IN (5, 6);
SELECT count(*), sum(id) FROM scp_t WHERE a = ANY ('{5,6}');
-- duplicates and NULLs in the array: each row once, in index order
EXPLAIN (COSTS OFF) SELECT id FROM scp_t WHERE id = ANY ('{9,3,NULL,9,3,1}');
SELECT id FROM scp_t WHERE id = ANY ('{9,3,NULL,9,3,1}');
SELECT id FROM scp_t WHERE id IN (20001, 7, 2, 7, -1);
EXPLAIN (COSTS OFF) SELECT id, a FROM scp_t WHERE id = ANY (ARRAY[4, 2]);
SELECT id, a FROM scp_t WHERE id = ANY (ARRAY[4, 2]);
-- empty and NULL arrays, NULL elements, <> ALL
SELECT count(*) FROM scp_t WHERE a = ANY ('{}');
SELECT count(*) FROM scp_t WHERE a = ANY (NULL::int[]);
SELECT count(*) FROM scp_t WHERE a = ANY ('{NULL}');
SELECT count(*) FROM scp_t WHERE a = ANY ('{NULL,4}');
SELECT count(*) FROM scp_t WHERE a IN (4, 8, 4);
EXPLAIN (COSTS OFF) SELECT id FROM scp_t WHERE a <> ALL ('{1,2}');
SELECT count(*) FROM scp_t WHERE a <> ALL ('{1,2}');
SELECT count(*) FROM scp_t WHERE a <> ALL ('{1,NULL}');
-- elements of another integer type, some beyond int4
SELECT count(*) FROM scp_t WHERE a = ANY (ARRAY[4::bigint, 5000000000]);
-- a parameter
PREPARE scp_q(int[]) AS SELECT count(*), min(id), max(id) FROM scp_t WHERE a = ANY ($1);
EXECUTE scp_q('{5,6}');
EXECUTE scp_q('{}');
DEALLOCATE scp_q;
-- a descending multi-column index: the rows come in its order
DROP INDEX scp_t_a;
CREATE INDEX scp_t_a_desc ON scp_t (a DESC, id);
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT a, id FROM scp_t WHERE a = ANY ('{3,900,500}');
SELECT a, id FROM scp_t WHERE a = ANY ('{3,900,500}');
EXPLAIN (COSTS OFF) SELECT a, id, pad FROM scp_t WHERE a IN (900, 3) AND id > 19000;
SELECT a, id, pad FROM scp_t WHERE a IN (900, 3) AND id > 19000;
RESET enable_bitmapscan;
-- an index-only scan only when no other column is read
EXPLAIN (COSTS OFF) SELECT count(*) FROM scp_t WHERE id IN (5, 6);
EXPLAIN (COSTS OFF) SELECT id, pad FROM scp_t WHERE id IN (5, 6);
EXPLAIN (COSTS OFF) SELECT * FROM scp_t WHERE id IN (5, 6);
EXPLAIN (COSTS OFF) SELECT id FROM scp_t WHERE id IN (5, 6) ORDER BY a;
DROP TABLE scp_t;
