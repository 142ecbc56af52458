--
-- INT2
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT pg_typeof(1::int2 + 1::int2);
SELECT pg_typeof(12345::int2::int8);
