--
-- CASTS
-- CAST and ::, invalid input (22P02), out of range (22003), unknown types (42704).
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT pg_typeof('abc'::varchar(2));
