--
-- NOT IN over a subquery that reads no outer row stays a SubPlan (it is no anti join: NULLs make it
-- differ), hashed when the subquery's rows fit in memory: the subquery runs once into a hash table
-- and each outer row probes it. EXPLAIN prints it as (hashed SubPlan n) and lists the subquery's plan
-- under the node whose filter runs it. The results keep SQL's NULL rules: a NULL among the subquery's
-- rows makes NOT IN NULL (so false) for every value not found; a NULL tested value is NULL unless the
-- subquery is empty.
--
CREATE TABLE jsp_a (id int PRIMARY KEY, k int);
CREATE TABLE jsp_b (k int);
EXPLAIN (COSTS OFF) SELECT a.id FROM jsp_a a WHERE a.k NOT IN (SELECT b.k FROM jsp_b b);
-- an empty subquery: every row, a NULL k too
INSERT INTO jsp_a VALUES (1, 1), (2, 2), (3, NULL), (4, 4), (5, 2);
SELECT a.id FROM jsp_a a WHERE a.k NOT IN (SELECT b.k FROM jsp_b b) ORDER BY 1;
SELECT a.id, a.k IN (SELECT b.k FROM jsp_b b) AS found FROM jsp_a a ORDER BY 1;
-- values, duplicates, no NULL: a NULL k is unknown and left out
INSERT INTO jsp_b VALUES (2), (2), (5);
SELECT a.id FROM jsp_a a WHERE a.k NOT IN (SELECT b.k FROM jsp_b b) ORDER BY 1;
SELECT a.id, a.k NOT IN (SELECT b.k FROM jsp_b b) AS not_in FROM jsp_a a ORDER BY 1;
-- a NULL in the subquery: NOT IN is never true
INSERT INTO jsp_b VALUES (NULL);
SELECT a.id FROM jsp_a a WHERE a.k NOT IN (SELECT b.k FROM jsp_b b) ORDER BY 1;
SELECT a.id, a.k NOT IN (SELECT b.k FROM jsp_b b) AS not_in FROM jsp_a a ORDER BY 1;
-- the subquery's own condition; bigint against int
EXPLAIN (COSTS OFF) SELECT a.id FROM jsp_a a WHERE a.k::bigint NOT IN (SELECT b.k::bigint FROM jsp_b b WHERE b.k IS NOT NULL);
SELECT a.id FROM jsp_a a WHERE a.k::bigint NOT IN (SELECT b.k::bigint FROM jsp_b b WHERE b.k IS NOT NULL) ORDER BY 1;
-- a correlated NOT IN is not hashed
SELECT a.id FROM jsp_a a WHERE a.k NOT IN (SELECT b.k FROM jsp_b b WHERE b.k > a.id) ORDER BY 1;
DROP TABLE jsp_a, jsp_b;
