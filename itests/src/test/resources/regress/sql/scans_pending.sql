--
-- Scans: what Tusk does not plan or print like PostgreSQL 15 yet.
-- Pending: x = ANY (array) is a subplan in Tusk, not a ScalarArrayOpExpr; IN lists are index conditions
-- of bitmap index scans only (no plain index scan with array keys), and there are no index-only scans.
--
CREATE TABLE scp_t (id int PRIMARY KEY, a int, pad text);
INSERT INTO scp_t SELECT i, (i * 7919) % 1000, repeat('x', 40) FROM generate_series(1, 20000) g(i);
CREATE INDEX scp_t_a ON scp_t (a);
ANALYZE scp_t;
EXPLAIN (COSTS OFF) SELECT id FROM scp_t WHERE a = ANY ('{5,6}');
EXPLAIN (COSTS OFF) SELECT id FROM scp_t WHERE id IN (5, 6);
SELECT count(*), sum(id) FROM scp_t WHERE a = ANY ('{5,6}');
DROP TABLE scp_t;
