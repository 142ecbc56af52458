--
-- CASE, COALESCE, NULLIF, GREATEST, LEAST, BETWEEN, IN
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT 1 = ANY (ARRAY[1,2]) AS t;
SELECT 3 = ANY (ARRAY[1,2]) AS f;
SELECT 1 < ALL (ARRAY[2,3]) AS t2;
