--
-- Join methods: the same joins computed by nested loops, hash joins and merge joins (the enable_*
-- settings leave the planner one method at a time), over keys with duplicates on both sides, NULLs,
-- mixed integer widths, several keys, extra join conditions, and every kind of outer join.
--
CREATE TABLE jm_a (id int PRIMARY KEY, k int, k2 int, v text);
CREATE TABLE jm_b (k bigint, k2 int, w text, filler text);
CREATE TABLE jm_c (k int, label text);
INSERT INTO jm_a VALUES (1, 1, 0, 'a1'), (2, 2, 1, 'a2'), (3, 2, 0, 'a3'), (4, NULL, 1, 'a4'), (5, 5, 0, 'a5'),
  (6, 3, 1, 'a6'), (7, 2, 1, 'a7');
INSERT INTO jm_b VALUES (1, 0, 'b1'), (2, 1, 'b2'), (2, 0, 'b3'), (2, 1, 'b4'), (NULL, 0, 'b5'), (4, 1, 'b6'),
  (3, 0, 'b7'), (NULL, 1, 'b8');
INSERT INTO jm_c VALUES (2, 'two'), (3, 'three'), (3, 'drei'), (NULL, 'null'), (6, 'six');
-- nested loops only
SET enable_hashjoin = off;
SET enable_mergejoin = off;
SELECT a.id, b.w FROM jm_a a JOIN jm_b b ON a.k = b.k ORDER BY 1, 2;
SELECT a.id, b.w FROM jm_a a LEFT JOIN jm_b b ON a.k = b.k ORDER BY 1, 2;
SELECT a.id, b.w FROM jm_a a RIGHT JOIN jm_b b ON a.k = b.k ORDER BY 1, 2;
SELECT a.id, b.w FROM jm_a a FULL JOIN jm_b b ON a.k = b.k ORDER BY 1, 2;
SELECT a.id, b.w FROM jm_a a JOIN jm_b b ON a.k = b.k AND a.k2 = b.k2 ORDER BY 1, 2;
SELECT a.id, b.w FROM jm_a a LEFT JOIN jm_b b ON a.k = b.k AND b.w <> 'b3' ORDER BY 1, 2;
SELECT a.id, b.w FROM jm_a a LEFT JOIN jm_b b ON a.k = b.k AND a.id < 3 ORDER BY 1, 2;
SELECT a.id, b.w, c.label FROM jm_a a JOIN jm_b b ON a.k = b.k JOIN jm_c c ON c.k = b.k ORDER BY 1, 2, 3;
SELECT a.id, x.id FROM jm_a a JOIN jm_a x ON a.k = x.k2 ORDER BY 1, 2;
RESET enable_hashjoin;
RESET enable_mergejoin;
-- hash joins only
SET enable_nestloop = off;
SET enable_mergejoin = off;
SELECT a.id, b.w FROM jm_a a JOIN jm_b b ON a.k = b.k ORDER BY 1, 2;
SELECT a.id, b.w FROM jm_a a LEFT JOIN jm_b b ON a.k = b.k ORDER BY 1, 2;
SELECT a.id, b.w FROM jm_a a RIGHT JOIN jm_b b ON a.k = b.k ORDER BY 1, 2;
SELECT a.id, b.w FROM jm_a a FULL JOIN jm_b b ON a.k = b.k ORDER BY 1, 2;
SELECT a.id, b.w FROM jm_a a JOIN jm_b b ON a.k = b.k AND a.k2 = b.k2 ORDER BY 1, 2;
SELECT a.id, b.w FROM jm_a a LEFT JOIN jm_b b ON a.k = b.k AND b.w <> 'b3' ORDER BY 1, 2;
SELECT a.id, b.w FROM jm_a a LEFT JOIN jm_b b ON a.k = b.k AND a.id < 3 ORDER BY 1, 2;
SELECT a.id, b.w, c.label FROM jm_a a JOIN jm_b b ON a.k = b.k JOIN jm_c c ON c.k = b.k ORDER BY 1, 2, 3;
SELECT a.id, x.id FROM jm_a a JOIN jm_a x ON a.k = x.k2 ORDER BY 1, 2;
RESET enable_nestloop;
RESET enable_mergejoin;
-- merge joins only
SET enable_nestloop = off;
SET enable_hashjoin = off;
SELECT a.id, b.w FROM jm_a a JOIN jm_b b ON a.k = b.k ORDER BY 1, 2;
SELECT a.id, b.w FROM jm_a a LEFT JOIN jm_b b ON a.k = b.k ORDER BY 1, 2;
SELECT a.id, b.w FROM jm_a a RIGHT JOIN jm_b b ON a.k = b.k ORDER BY 1, 2;
SELECT a.id, b.w FROM jm_a a FULL JOIN jm_b b ON a.k = b.k ORDER BY 1, 2;
SELECT a.id, b.w FROM jm_a a JOIN jm_b b ON a.k = b.k AND a.k2 = b.k2 ORDER BY 1, 2;
SELECT a.id, b.w FROM jm_a a FULL JOIN jm_b b ON a.k = b.k AND a.k2 = b.k2 ORDER BY 1, 2;
SELECT a.id, b.w FROM jm_a a LEFT JOIN jm_b b ON a.k = b.k AND b.w <> 'b3' ORDER BY 1, 2;
SELECT a.id, b.w FROM jm_a a LEFT JOIN jm_b b ON a.k = b.k AND a.id < 3 ORDER BY 1, 2;
SELECT a.id, b.w, c.label FROM jm_a a JOIN jm_b b ON a.k = b.k JOIN jm_c c ON c.k = b.k ORDER BY 1, 2, 3;
SELECT a.id, x.id FROM jm_a a JOIN jm_a x ON a.k = x.k2 ORDER BY 1, 2;
SELECT c.label, b.w FROM jm_c c FULL JOIN jm_b b ON b.k = c.k ORDER BY 1, 2;
-- plan shapes (only those where Tusk's plan is PostgreSQL's: these tables are never analyzed, so both
-- planners size them from their pages, 10 for a small table never counted)
EXPLAIN (COSTS OFF) SELECT a.id, b.w FROM jm_a a JOIN jm_b b ON a.k = b.k;
EXPLAIN (COSTS OFF) SELECT a.id, b.w FROM jm_a a FULL JOIN jm_b b ON a.k = b.k;
EXPLAIN (COSTS OFF) SELECT a.id, b.w FROM jm_a a LEFT JOIN jm_b b ON a.k = b.k;
EXPLAIN (COSTS OFF) SELECT a.id, b.w FROM jm_a a JOIN jm_b b ON a.k = b.k AND a.k2 = b.k2;
EXPLAIN (COSTS OFF) SELECT a.id, b.w FROM jm_a a LEFT JOIN jm_b b ON a.k = b.k AND b.w <> 'b3';
EXPLAIN (COSTS OFF) SELECT a.id, b.w FROM jm_a a JOIN jm_b b ON a.k = b.k AND a.id < b.k2;
RESET enable_nestloop;
RESET enable_hashjoin;
SET enable_nestloop = off;
SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT a.id, b.w FROM jm_a a JOIN jm_b b ON a.k = b.k;
EXPLAIN (COSTS OFF) SELECT a.id, b.w FROM jm_a a LEFT JOIN jm_b b ON a.k = b.k;
EXPLAIN (COSTS OFF) SELECT a.id, b.w FROM jm_a a RIGHT JOIN jm_b b ON a.k = b.k;
EXPLAIN (COSTS OFF) SELECT a.id, b.w FROM jm_a a FULL JOIN jm_b b ON a.k = b.k;
RESET enable_nestloop;
RESET enable_mergejoin;
SET enable_hashjoin = off;
SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT a.v, c.label FROM jm_c c JOIN jm_a a ON a.id = c.k;
EXPLAIN (COSTS OFF) SELECT a.v, c.label FROM jm_c c LEFT JOIN jm_a a ON a.id = c.k;
RESET enable_hashjoin;
RESET enable_mergejoin;
EXPLAIN (COSTS OFF) SELECT a.id, b.w FROM jm_a a JOIN jm_b b ON a.k = b.k;
EXPLAIN (COSTS OFF) SELECT a.v FROM jm_a a WHERE a.id = 3;
EXPLAIN (COSTS OFF) SELECT a.v FROM jm_a a WHERE a.k = 3;
CREATE TABLE jm_d (id int PRIMARY KEY, c_k int, note varchar(20));
-- a unique key (the primary key) makes a hash table cheap to probe
EXPLAIN (COSTS OFF) SELECT * FROM jm_a a JOIN jm_d d ON a.id = d.c_k;
EXPLAIN (COSTS OFF) SELECT * FROM jm_a a JOIN jm_d d ON a.id = d.id;
EXPLAIN (COSTS OFF) SELECT * FROM jm_c c LEFT JOIN jm_a a ON a.id = c.k;
EXPLAIN (COSTS OFF) SELECT * FROM jm_c c FULL JOIN jm_a a ON a.id = c.k;
-- three relations: the join order search
EXPLAIN (COSTS OFF) SELECT * FROM jm_a a, jm_c c, jm_d d WHERE a.k = c.k AND d.id = a.k2;
EXPLAIN (COSTS OFF) SELECT * FROM jm_a a, jm_c c, jm_d d WHERE a.k = c.k AND d.c_k = a.k2;
-- no equality: nested loops over kept (materialized) inner rows
EXPLAIN (COSTS OFF) SELECT * FROM jm_a a JOIN jm_c c ON a.k < c.k;
EXPLAIN (COSTS OFF) SELECT * FROM jm_a a, jm_c c;
SELECT a.id, c.label FROM jm_a a JOIN jm_c c ON a.k < c.k ORDER BY 1, 2;
SELECT d.id, a.id FROM jm_a a FULL JOIN jm_d d ON a.id = d.c_k ORDER BY 1, 2;
DROP TABLE jm_d;
DROP TABLE jm_a, jm_b, jm_c;
