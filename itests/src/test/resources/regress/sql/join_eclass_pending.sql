--
-- Equivalence-class plan shapes Tusk does not match yet: merge joins do not take their inputs' sort
-- order from the classes (Tusk sorts again where PostgreSQL reads a merge join's ordered output through
-- a Materialize), and an equality of two columns of one table is estimated with the default
-- selectivity instead of from the columns' distinct counts.
--
CREATE TABLE jep_a (id int PRIMARY KEY, k int, v text);
CREATE TABLE jep_b (id int PRIMARY KEY, k int, w text);
CREATE TABLE jep_c (id int PRIMARY KEY, k int);
EXPLAIN (COSTS OFF) SELECT * FROM jep_a a, jep_b b, jep_c c WHERE a.k = b.k AND b.k = c.k;
EXPLAIN (COSTS OFF) SELECT * FROM jep_a a, jep_b b WHERE a.k = b.id AND a.id = a.k;
DROP TABLE jep_a, jep_b, jep_c;
