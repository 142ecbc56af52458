--
-- Equivalence classes and join methods: a merge join takes the order of an input that is itself a
-- merge join on a column of the same class (its pathkeys) instead of sorting again, and reads it
-- through a Materialize, as it cannot mark and restore its position; an equality of two columns of one
-- table is estimated from the columns' distinct counts; an anti join whose both sides one constant
-- restricts estimates its join clause as always true, and a nested loop that starts at once wins over
-- a hash join that costs a fraction of a percent less (add_path's fuzz).
--
CREATE TABLE jep_a (id int PRIMARY KEY, k int, v text);
CREATE TABLE jep_b (id int PRIMARY KEY, k int, w text);
CREATE TABLE jep_c (id int PRIMARY KEY, k int);
EXPLAIN (COSTS OFF) SELECT * FROM jep_a a, jep_b b, jep_c c WHERE a.k = b.k AND b.k = c.k;
EXPLAIN (COSTS OFF) SELECT * FROM jep_a a, jep_b b WHERE a.k = b.id AND a.id = a.k;
-- an anti join whose both sides a constant restricts: PostgreSQL finds a nested loop cheaper
EXPLAIN (COSTS OFF) SELECT * FROM jep_a a WHERE a.k = 2 AND NOT EXISTS (SELECT 1 FROM jep_b b WHERE b.k = a.k);
-- the same queries' rows, merge joins forced: duplicates on both sides of each key, NULL keys
INSERT INTO jep_a VALUES (1, 1, 'a1'), (2, 2, 'a2'), (3, 2, 'a3'), (4, NULL, 'a4'), (5, 3, 'a5'), (6, 6, 'a6');
INSERT INTO jep_b VALUES (1, 2, 'b1'), (2, 2, 'b2'), (3, 3, 'b3'), (4, NULL, 'b4'), (6, 9, 'b6');
INSERT INTO jep_c VALUES (1, 2), (2, 3), (3, 2), (4, NULL), (5, 1);
SET enable_hashjoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT a.id, b.id, c.id FROM jep_a a, jep_b b, jep_c c WHERE a.k = b.k AND b.k = c.k;
SELECT a.id, b.id, c.id FROM jep_a a, jep_b b, jep_c c WHERE a.k = b.k AND b.k = c.k ORDER BY 1, 2, 3;
SELECT a.id, b.id FROM jep_a a, jep_b b WHERE a.k = b.id AND a.id = a.k ORDER BY 1, 2;
RESET enable_hashjoin;
RESET enable_nestloop;
SELECT a.id FROM jep_a a WHERE a.k = 2 AND NOT EXISTS (SELECT 1 FROM jep_b b WHERE b.k = a.k);
SELECT a.id FROM jep_a a WHERE a.k = 6 AND NOT EXISTS (SELECT 1 FROM jep_b b WHERE b.k = a.k);
DROP TABLE jep_a, jep_b, jep_c;
