--
-- Sublink plan shapes Tusk does not print like PostgreSQL yet: a NOT IN stays a SubPlan in both, but
-- Tusk neither hashes it nor lists the SubPlan under the scan in EXPLAIN.
--
CREATE TABLE jsp_a (id int PRIMARY KEY, k int);
CREATE TABLE jsp_b (k int);
EXPLAIN (COSTS OFF) SELECT a.id FROM jsp_a a WHERE a.k NOT IN (SELECT b.k FROM jsp_b b);
DROP TABLE jsp_a, jsp_b;
