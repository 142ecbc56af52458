--
-- INT8
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT pg_typeof(9223372036854775807), pg_typeof(9223372036854775808);
SELECT 1::int8 << 62 AS shifted, 7::int8 & 3::int8 AS band;
