--
-- Scans: what Tusk does not plan or print like PostgreSQL 15 yet.
-- Pending: x IN (...) and x = ANY (array) are no ScalarArrayOpExpr in Tusk (EXPLAIN prints them
-- otherwise, and neither index nor bitmap index scans take them as index conditions).
--
CREATE TABLE scp_t (id int PRIMARY KEY, a int, pad text);
INSERT INTO scp_t SELECT i, (i * 7919) % 1000, repeat('x', 40) FROM generate_series(1, 20000) g(i);
CREATE INDEX scp_t_a ON scp_t (a);
ANALYZE scp_t;
EXPLAIN (COSTS OFF) SELECT id FROM scp_t WHERE a IN (5, 6);
EXPLAIN (COSTS OFF) SELECT id FROM scp_t WHERE a = ANY ('{5,6}');
EXPLAIN (COSTS OFF) SELECT id FROM scp_t WHERE id IN (5, 6);
EXPLAIN (COSTS OFF) SELECT id FROM scp_t WHERE a IN (5, 6) OR id = 42;
SELECT count(*), sum(id) FROM scp_t WHERE a IN (5, 6);
DROP TABLE scp_t;
