--
-- FLOAT8
-- Shortest-exact output (extra_float_digits = 1), special values, errors.
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT cbrt(27::float8);
SELECT 'NaN'::float8::numeric;
SELECT 'Infinity'::float8::numeric;
