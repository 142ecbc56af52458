--
-- INT8
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT pg_typeof(9223372036854775807);
SELECT pg_typeof(9223372036854775808);
