--
-- Sublinks as joins: EXISTS, IN and = ANY at the top of WHERE become semi joins, NOT EXISTS an anti
-- join (PostgreSQL's pull_up_sublinks); the same rows under each join method, over keys with NULLs
-- and duplicates on both sides. NOT IN, correlated IN and uncorrelated EXISTS stay subplans.
--
CREATE TABLE js_a (id int PRIMARY KEY, k int, k2 int, v text);
CREATE TABLE js_b (k bigint, k2 int, w text);
CREATE TABLE js_c (id int PRIMARY KEY, k int, label text);
INSERT INTO js_a VALUES (1, 1, 0, 'a1'), (2, 2, 1, 'a2'), (3, 2, 0, 'a3'), (4, NULL, 1, 'a4'), (5, 5, 0, 'a5'),
  (6, 3, 1, 'a6'), (7, 2, 1, 'a7'), (8, 9, 0, 'a8');
INSERT INTO js_b VALUES (1, 0, 'b1'), (2, 1, 'b2'), (2, 0, 'b3'), (2, 1, 'b4'), (NULL, 0, 'b5'), (4, 1, 'b6'),
  (3, 0, 'b7'), (NULL, 1, 'b8');
INSERT INTO js_c VALUES (2, 3, 'two'), (3, 3, 'three'), (4, NULL, 'four'), (6, 1, 'six'), (9, 2, 'nine');
-- nested loops only
SET enable_hashjoin = off;
SET enable_mergejoin = off;
SELECT a.id FROM js_a a WHERE EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k) ORDER BY 1;
SELECT a.id FROM js_a a WHERE NOT EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k) ORDER BY 1;
SELECT a.id FROM js_a a WHERE a.k IN (SELECT b.k FROM js_b b WHERE b.k2 = 1) ORDER BY 1;
SELECT a.id FROM js_a a WHERE EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k AND b.k2 = a.k2) ORDER BY 1;
SELECT a.id FROM js_a a WHERE NOT EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k AND b.w <> 'b3') ORDER BY 1;
SELECT a.id FROM js_a a WHERE a.k2 = ANY (SELECT c.k FROM js_c c WHERE c.id > 2) ORDER BY 1;
SELECT a.id FROM js_a a WHERE a.k > ANY (SELECT c.k FROM js_c c) ORDER BY 1;
SELECT c.label FROM js_c c WHERE EXISTS (SELECT 1 FROM js_a a WHERE a.k = c.k AND a.id < c.id) ORDER BY 1;
RESET enable_hashjoin;
RESET enable_mergejoin;
-- hash joins only
SET enable_nestloop = off;
SET enable_mergejoin = off;
SELECT a.id FROM js_a a WHERE EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k) ORDER BY 1;
SELECT a.id FROM js_a a WHERE NOT EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k) ORDER BY 1;
SELECT a.id FROM js_a a WHERE a.k IN (SELECT b.k FROM js_b b WHERE b.k2 = 1) ORDER BY 1;
SELECT a.id FROM js_a a WHERE EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k AND b.k2 = a.k2) ORDER BY 1;
SELECT a.id FROM js_a a WHERE NOT EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k AND b.w <> 'b3') ORDER BY 1;
SELECT a.id FROM js_a a WHERE a.k2 = ANY (SELECT c.k FROM js_c c WHERE c.id > 2) ORDER BY 1;
SELECT c.label FROM js_c c WHERE EXISTS (SELECT 1 FROM js_a a WHERE a.k = c.k AND a.id < c.id) ORDER BY 1;
RESET enable_nestloop;
RESET enable_mergejoin;
-- merge joins only
SET enable_nestloop = off;
SET enable_hashjoin = off;
SELECT a.id FROM js_a a WHERE EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k) ORDER BY 1;
SELECT a.id FROM js_a a WHERE NOT EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k) ORDER BY 1;
SELECT a.id FROM js_a a WHERE a.k IN (SELECT b.k FROM js_b b WHERE b.k2 = 1) ORDER BY 1;
SELECT a.id FROM js_a a WHERE EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k AND b.k2 = a.k2) ORDER BY 1;
SELECT a.id FROM js_a a WHERE NOT EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k AND b.w <> 'b3') ORDER BY 1;
SELECT a.id FROM js_a a WHERE a.k2 = ANY (SELECT c.k FROM js_c c WHERE c.id > 2) ORDER BY 1;
SELECT c.label FROM js_c c WHERE EXISTS (SELECT 1 FROM js_a a WHERE a.k = c.k AND a.id < c.id) ORDER BY 1;
RESET enable_nestloop;
RESET enable_hashjoin;
-- all methods: two sublinks, a sublink inside a pulled-up one, and what stays a subplan
SELECT a.id FROM js_a a WHERE EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k)
  AND NOT EXISTS (SELECT 1 FROM js_c c WHERE c.k = a.k) ORDER BY 1;
SELECT a.id FROM js_a a WHERE EXISTS (SELECT 1 FROM js_c c WHERE c.k = a.k2
  AND EXISTS (SELECT 1 FROM js_b b WHERE b.k = c.id)) ORDER BY 1;
SELECT a.id, c.id FROM js_a a, js_c c WHERE a.k2 + 1 = c.k AND EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k + c.id)
  ORDER BY 1, 2;
SELECT a.id FROM js_a a WHERE a.k NOT IN (SELECT b.k FROM js_b b WHERE b.k IS NOT NULL) ORDER BY 1;
SELECT a.id FROM js_a a WHERE a.k IN (SELECT b.k FROM js_b b WHERE b.k2 = a.k2) ORDER BY 1;
SELECT a.id FROM js_a a WHERE EXISTS (SELECT 1 FROM js_b b WHERE b.k = 4) ORDER BY 1;
SELECT a.v FROM js_a a WHERE a.k IN (SELECT c.id FROM js_c c) ORDER BY 1;
-- plan shapes (these tables are never analyzed: both planners size them from their pages)
EXPLAIN (COSTS OFF) SELECT a.id FROM js_a a WHERE EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k);
EXPLAIN (COSTS OFF) SELECT a.id FROM js_a a WHERE NOT EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k);
EXPLAIN (COSTS OFF) SELECT a.id FROM js_a a WHERE a.k IN (SELECT b.k FROM js_b b WHERE b.k2 = 1);
EXPLAIN (COSTS OFF) SELECT a.id FROM js_a a WHERE EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k AND b.k2 = a.k2);
EXPLAIN (COSTS OFF) SELECT a.v FROM js_a a WHERE a.k IN (SELECT c.id FROM js_c c);
EXPLAIN (COSTS OFF) SELECT c.id FROM js_c c WHERE NOT EXISTS (SELECT 1 FROM js_a a WHERE a.id = c.k);
EXPLAIN (COSTS OFF) SELECT c.id FROM js_c c WHERE EXISTS (SELECT 1 FROM js_a a WHERE a.k = c.k AND a.v > 'x');
EXPLAIN (COSTS OFF) SELECT a.id, c.id FROM js_a a, js_c c WHERE a.k2 = c.k
  AND EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k + c.id);
SET enable_hashjoin = off;
SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT a.id FROM js_a a WHERE a.k > ANY (SELECT b.k2 FROM js_b b);
EXPLAIN (COSTS OFF) SELECT a.id FROM js_a a WHERE NOT EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k);
RESET enable_hashjoin;
RESET enable_mergejoin;
SET enable_nestloop = off;
SET enable_hashjoin = off;
EXPLAIN (COSTS OFF) SELECT a.id FROM js_a a WHERE NOT EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k);
EXPLAIN (COSTS OFF) SELECT a.id FROM js_a a WHERE EXISTS (SELECT 1 FROM js_b b WHERE b.k = a.k);
RESET enable_nestloop;
RESET enable_hashjoin;
DROP TABLE js_a, js_b, js_c;
