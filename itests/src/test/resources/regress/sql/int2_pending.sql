--
-- INT2
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT 1::int2 + 1::int2, pg_typeof(1::int2 + 1::int2);
SELECT 12345::int2::int4 AS widened, pg_typeof(12345::int2::int8);
