--
-- FLOAT8
-- Shortest-exact output (extra_float_digits = 1), special values, errors.
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT sqrt(2::float8), cbrt(27::float8), exp(1::float8), ln(10::float8), log(100::float8);
SELECT 3.75::float8::numeric, 'NaN'::float8::numeric;
SELECT 'Infinity'::float8::numeric;
