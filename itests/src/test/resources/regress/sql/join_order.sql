--
-- The join order search's limits: explicit JOINs are flattened into one search only up to
-- join_collapse_limit items (1 keeps the written order), FROM items that are joins up to
-- from_collapse_limit; geqo_threshold (and geqo) switch to the search for many relations.
-- The same rows whatever the limits.
--
CREATE TABLE jo_a (id int PRIMARY KEY, k int, v text);
CREATE TABLE jo_b (id int PRIMARY KEY, k int, w text);
CREATE TABLE jo_c (id int PRIMARY KEY, k int);
CREATE TABLE jo_d (id int, k int);
INSERT INTO jo_a VALUES (1, 1, 'a1'), (2, 2, 'a2'), (3, 2, 'a3'), (4, NULL, 'a4'), (5, 3, 'a5');
INSERT INTO jo_b VALUES (1, 2, 'b1'), (2, 2, 'b2'), (3, 3, 'b3'), (4, 7, 'b4');
INSERT INTO jo_c VALUES (1, 0), (2, 0), (3, 1), (5, 1);
INSERT INTO jo_d VALUES (1, 1), (2, 2), (3, 3), (3, 4);
SHOW join_collapse_limit;
SHOW from_collapse_limit;
SHOW geqo;
EXPLAIN (COSTS OFF) SELECT * FROM jo_a a JOIN jo_b b ON a.k = b.k JOIN jo_c c ON c.id = a.id;
EXPLAIN (COSTS OFF) SELECT * FROM jo_a a JOIN jo_b b ON a.k = b.k JOIN jo_c c ON c.id = a.id JOIN jo_d d ON d.id = b.id;
SELECT a.id, b.id, c.id, d.k FROM jo_a a JOIN jo_b b ON a.k = b.k JOIN jo_c c ON c.id = a.id
  JOIN jo_d d ON d.id = b.id ORDER BY 1, 2, 3, 4;
SET join_collapse_limit = 1;
EXPLAIN (COSTS OFF) SELECT * FROM jo_a a JOIN jo_b b ON a.k = b.k JOIN jo_c c ON c.id = a.id;
EXPLAIN (COSTS OFF) SELECT * FROM jo_a a JOIN jo_b b ON a.k = b.k JOIN jo_c c ON c.id = a.id JOIN jo_d d ON d.id = b.id;
EXPLAIN (COSTS OFF) SELECT * FROM jo_c c JOIN (jo_a a JOIN jo_b b ON a.k = b.k) ON c.id = a.id;
EXPLAIN (COSTS OFF) SELECT * FROM jo_a a, jo_b b, jo_c c WHERE a.k = b.k AND c.id = a.id;
SELECT a.id, b.id, c.id, d.k FROM jo_a a JOIN jo_b b ON a.k = b.k JOIN jo_c c ON c.id = a.id
  JOIN jo_d d ON d.id = b.id ORDER BY 1, 2, 3, 4;
SELECT c.id, a.id, b.id FROM jo_c c JOIN (jo_a a JOIN jo_b b ON a.k = b.k) ON c.id = a.id ORDER BY 1, 2, 3;
RESET join_collapse_limit;
SET join_collapse_limit = 2;
EXPLAIN (COSTS OFF) SELECT * FROM jo_a a JOIN jo_b b ON a.k = b.k JOIN jo_c c ON c.id = a.id JOIN jo_d d ON d.id = b.id;
SELECT a.id, b.id, c.id, d.k FROM jo_a a JOIN jo_b b ON a.k = b.k JOIN jo_c c ON c.id = a.id
  JOIN jo_d d ON d.id = b.id ORDER BY 1, 2, 3, 4;
RESET join_collapse_limit;
SET from_collapse_limit = 2;
EXPLAIN (COSTS OFF) SELECT * FROM jo_d d, jo_a a JOIN jo_b b ON a.k = b.k WHERE d.id = a.id;
SELECT d.k, a.id, b.id FROM jo_d d, jo_a a JOIN jo_b b ON a.k = b.k WHERE d.id = a.id ORDER BY 1, 2, 3;
RESET from_collapse_limit;
EXPLAIN (COSTS OFF) SELECT * FROM jo_d d, jo_a a JOIN jo_b b ON a.k = b.k WHERE d.id = a.id;
SET geqo_threshold = 2;
EXPLAIN (COSTS OFF) SELECT * FROM jo_a a, jo_b b, jo_c c WHERE a.k = b.k AND c.id = a.id;
SELECT a.id, b.id, c.id FROM jo_a a, jo_b b, jo_c c WHERE a.k = b.k AND c.id = a.id ORDER BY 1, 2, 3;
SET geqo = off;
EXPLAIN (COSTS OFF) SELECT * FROM jo_a a, jo_b b, jo_c c WHERE a.k = b.k AND c.id = a.id;
RESET geqo;
RESET geqo_threshold;
DROP TABLE jo_a, jo_b, jo_c, jo_d;
