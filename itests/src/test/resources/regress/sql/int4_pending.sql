--
-- INT4
-- Arithmetic, overflow, division and input of integer.
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT pg_typeof(-2147483648) AS min_type;
SELECT pg_typeof(2147483648) AS bigger;
SELECT pg_typeof(1::int4 + 1::int2);
