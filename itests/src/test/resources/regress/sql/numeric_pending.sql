--
-- NUMERIC
-- Arbitrary precision, scales of results, rounding, typmods.
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT 'NaN'::numeric;
SELECT 'nan'::numeric + 1;
SELECT 'Infinity'::numeric;
SELECT '-Infinity'::numeric;
SELECT 'Infinity'::numeric + 1;
SELECT 'Infinity'::numeric - 'Infinity'::numeric;
SELECT 'NaN'::numeric::int4;
SELECT 'NaN'::numeric > 1e300 AS t3;
