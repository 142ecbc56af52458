--
-- WITH queries computed once (PostgreSQL 12+): referenced more than once, volatile, or AS MATERIALIZED
--
-- a volatile query is computed once, whatever the number of references
WITH r AS (SELECT random() x) SELECT a.x = b.x AS same FROM r a, r b;
WITH r AS (SELECT random() x) SELECT (SELECT x FROM r) = (SELECT x FROM r) AS same;
WITH r AS (SELECT random() x FROM generate_series(1, 5)) SELECT count(*) FROM r a JOIN r b ON a.x = b.x;
WITH r AS MATERIALIZED (SELECT g FROM generate_series(1, 3) g) SELECT count(*), sum(a.g * b.g) FROM r a, r b;
-- nextval runs once per row of the query, not once per reference
CREATE SEQUENCE wm_seq;
WITH s AS (SELECT nextval('wm_seq') v) SELECT a.v, b.v FROM s a, s b;
SELECT currval('wm_seq');
WITH s AS (SELECT nextval('wm_seq') v FROM generate_series(1, 3)) SELECT count(*) FROM s a, s b, s c;
SELECT currval('wm_seq');
-- a query that calls nothing volatile gives the same rows either way
WITH r AS NOT MATERIALIZED (SELECT 2 x) SELECT a.x, b.x + 1 FROM r a, r b;
WITH r(n) AS (VALUES (1), (2)) SELECT * FROM r a, r b ORDER BY 1, 2;
-- plans
EXPLAIN (COSTS OFF) WITH r AS MATERIALIZED (SELECT 1 x) SELECT * FROM r;
EXPLAIN (COSTS OFF) WITH r AS (SELECT 1 x) SELECT * FROM r a, r b;
EXPLAIN (COSTS OFF) WITH r AS (SELECT random() x) SELECT * FROM r;
EXPLAIN (COSTS OFF) WITH r AS NOT MATERIALIZED (SELECT random() x) SELECT * FROM r;
DROP SEQUENCE wm_seq;
