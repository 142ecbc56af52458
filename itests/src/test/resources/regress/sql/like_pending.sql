--
-- LIKE / ILIKE / SIMILAR
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT 'abc' SIMILAR TO 'abc' AS t;
SELECT 'abc' SIMILAR TO 'a' AS f;
SELECT 'abc' SIMILAR TO '%(b|d)%' AS t2;
