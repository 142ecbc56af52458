--
-- FLOAT4
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT pg_typeof(1.5::float4 + 1::float4);
