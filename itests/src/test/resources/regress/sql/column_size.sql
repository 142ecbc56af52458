--
-- pg_column_size: fixed-length types, varlena headers (4 bytes computed, 1 byte stored short), numeric, arrays
--
SELECT pg_column_size(1::int2), pg_column_size(1::int), pg_column_size(1::int8), pg_column_size(true),
       pg_column_size(1.5::float4), pg_column_size(1.5::float8), pg_column_size(NULL::int);
SELECT pg_column_size(now()), pg_column_size(current_date), pg_column_size('12:00'::time),
       pg_column_size('1 day'::interval), pg_column_size(gen_random_uuid()), pg_column_size('abc'::name),
       pg_column_size(1::oid);
SELECT pg_column_size('abc'::text), pg_column_size('abc'::varchar), pg_column_size('ab'::char(5)),
       pg_column_size(''::text), pg_column_size('\x0102'::bytea), pg_column_size(repeat('x', 200)),
       pg_column_size('héllo'::text), pg_column_size('abc');
SELECT pg_column_size(1::numeric), pg_column_size(12345.678::numeric), pg_column_size(0::numeric),
       pg_column_size(-1.00::numeric), pg_column_size(1e100::numeric), pg_column_size(0.0001::numeric),
       pg_column_size(123456789012345678901234567890::numeric), pg_column_size('NaN'::numeric);
SELECT pg_column_size(ARRAY[1, 2, 3]), pg_column_size('{1,2}'::int8[]), pg_column_size('{}'::int[]),
       pg_column_size(ARRAY[1, NULL, 3]), pg_column_size('{{1,2},{3,4}}'::int2[]), pg_column_size(ARRAY[true, false]);
SELECT pg_column_size('{"a":1}'::json);
CREATE TABLE column_sizes (a int, b text, c numeric, d bytea, e int8, f varchar(10), g char(5), h int[]);
INSERT INTO column_sizes VALUES (1, 'abc', 1.5, '\x0102', 5, 'hello', 'ab', '{1,2,3}'),
  (2, repeat('y', 300), 123456789.123, NULL, NULL, '', 'abcde', NULL),
  (3, repeat('z', 126), 0, '', 7, 'x', NULL, '{}');
SELECT a AS row, pg_column_size(a) AS a, pg_column_size(b) AS b, pg_column_size(c) AS c, pg_column_size(d) AS d,
       pg_column_size(e) AS e, pg_column_size(f) AS f, pg_column_size(g) AS g, pg_column_size(h) AS h
  FROM column_sizes ORDER BY 1;
SELECT a, pg_column_size(b || '') AS computed FROM column_sizes ORDER BY a;
SELECT sum(pg_column_size(b)) FROM column_sizes;
DROP TABLE column_sizes;
