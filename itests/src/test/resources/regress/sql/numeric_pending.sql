--
-- NUMERIC
-- Arbitrary precision, scales of results, rounding, typmods.
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT 'NaN'::numeric, 'nan'::numeric + 1, 'Infinity'::numeric, '-Infinity'::numeric;
SELECT 'Infinity'::numeric + 1, 'Infinity'::numeric - 'Infinity'::numeric;
SELECT 'NaN'::numeric::int4;
SELECT 1.0 = 1.00 AS t, 1.5 > 1.49999 AS t2, 'NaN'::numeric > 1e300 AS t3;
SELECT exp(1.0), ln(2.0), log(1000.0), log(2.0, 64.0);
SELECT factorial(10);
