--
-- CASTS
-- CAST and ::, invalid input (22P02), out of range (22003), unknown types (42704).
--
SELECT CAST('42' AS integer), '42'::int, int '42', CAST(42 AS text), 42::text || '!' AS t;
SELECT '3.14'::numeric, '3.14'::float8, '3.14'::real, CAST('3.14' AS double precision), CAST(1 AS decimal(5,2));
SELECT 'abc'::int;
SELECT ''::int;
SELECT '1.5'::int;
SELECT CAST('x' AS bigint);
SELECT 'abc'::float8;
SELECT 'yes'::boolean, 'no'::bool, 1::boolean, 0::boolean;
SELECT 2::boolean AS t;
SELECT true::int, false::int;
SELECT 'maybe'::boolean;
SELECT 'abc'::varchar(2), 'abc'::char(5) || '|', 'ab'::character varying(10), 'abcdef'::character(3);
SELECT 'abc'::nonexistent_type;
SELECT CAST(1 AS foo);
SELECT 12.7::int, -12.5::int, 12.5::int, 0.5::int;
SELECT 1::int2::int8::numeric::float8::text AS chain;
SELECT 'x'::text::name, 'a b'::name;
SELECT '123'::text::int + 1 AS t;
SELECT 1.0::text, 1.50::text, 1e3::text, 1.5::float8::text;
SELECT 'abc' = 'abc'::varchar, 'a'::char(3) = 'a  '::char(3);
SELECT 100000::int2;
SELECT '-'::int;
SELECT '+'::int;
SELECT ' 12 '::int, '0012'::int;
SELECT '1e2'::int;
SELECT true::text, 't'::text::bool, 'on'::bool::text;
SELECT 1::text::bool;
SELECT 'NaN'::int;
SELECT 5::oid, '42'::oid::int8;
SELECT pg_typeof('abc'::varchar(2));
