--
-- LIKE / ILIKE / SIMILAR
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT 'h%' LIKE 'h%' ESCAPE '##';
SELECT 'abc' SIMILAR TO 'abc' AS t, 'abc' SIMILAR TO 'a' AS f, 'abc' SIMILAR TO '%(b|d)%' AS t2;
