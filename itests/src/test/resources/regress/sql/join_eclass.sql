--
-- Equivalence classes: equalities at the top of WHERE and inner joins' ON make sets of columns known
-- equal. A column equal to a constant makes every column of its class equal to it (each table gets
-- its own restriction and may use its index; no join condition is needed); a.x = b.y AND b.y = c.z
-- lets a join c on a.x = c.z; a redundant equality is not counted twice in the estimates.
--
CREATE TABLE je_a (id int PRIMARY KEY, k int, v text);
CREATE TABLE je_b (id int PRIMARY KEY, k int, w text);
CREATE TABLE je_c (id int PRIMARY KEY, k int);
CREATE TABLE je_d (id int, k int);
INSERT INTO je_a VALUES (1, 1, 'a1'), (2, 2, 'a2'), (3, 2, 'a3'), (4, NULL, 'a4'), (5, 3, 'a5'), (7, 7, 'a7');
INSERT INTO je_b VALUES (1, 2, 'b1'), (2, 2, 'b2'), (3, 3, 'b3'), (4, 7, 'b4'), (7, 7, 'b7');
INSERT INTO je_c VALUES (1, 0), (2, 2), (3, 1), (5, 3), (7, 7);
INSERT INTO je_d VALUES (1, 1), (2, 2), (3, 3), (3, 2), (NULL, 7);
EXPLAIN (COSTS OFF) SELECT * FROM je_a a JOIN je_b b ON a.k = b.k JOIN je_c c ON c.id = a.id WHERE a.id = 3;
SELECT a.id, b.id, c.id FROM je_a a JOIN je_b b ON a.k = b.k JOIN je_c c ON c.id = a.id WHERE a.id = 3 ORDER BY 1, 2, 3;
EXPLAIN (COSTS OFF) SELECT * FROM je_a a, je_b b WHERE a.id = b.id AND b.id = 7;
SELECT a.v, b.w FROM je_a a, je_b b WHERE a.id = b.id AND b.id = 7;
EXPLAIN (COSTS OFF) SELECT * FROM je_a a, je_b b WHERE a.k = b.k AND a.k = 7;
SELECT a.id, b.id FROM je_a a, je_b b WHERE a.k = b.k AND a.k = 7 ORDER BY 1, 2;
SELECT a.id, b.id, c.id FROM je_a a, je_b b, je_c c WHERE a.k = b.k AND b.k = c.k ORDER BY 1, 2, 3;
SELECT a.id, b.id, c.id FROM je_a a, je_b b, je_c c WHERE a.k = b.k AND b.k = c.k AND a.k = c.k ORDER BY 1, 2, 3;
SELECT a.id, b.id FROM je_a a, je_b b WHERE a.k = b.id AND a.id = a.k ORDER BY 1, 2;
SELECT a.id, b.id FROM je_a a, je_b b WHERE a.k = b.k AND a.k = 7 AND b.k = 2;
SET join_collapse_limit = 1;
EXPLAIN (COSTS OFF) SELECT * FROM je_a a JOIN je_b b ON a.k = b.k JOIN je_c c ON c.id = a.id WHERE a.id = 3;
SELECT a.id, b.id, c.id FROM je_a a JOIN je_b b ON a.k = b.k JOIN je_c c ON c.id = a.id WHERE a.id = 3 ORDER BY 1, 2, 3;
RESET join_collapse_limit;
SET enable_hashjoin = off;
SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT * FROM je_d d, je_c c WHERE d.k = c.k;
EXPLAIN (COSTS OFF) SELECT * FROM je_d d, je_c c, je_a a WHERE d.k = c.k AND a.k = d.k;
SELECT d.id, c.id, a.id FROM je_d d, je_c c, je_a a WHERE d.k = c.k AND a.k = d.k ORDER BY 1, 2, 3;
RESET enable_hashjoin;
RESET enable_mergejoin;
DROP TABLE je_a, je_b, je_c, je_d;
