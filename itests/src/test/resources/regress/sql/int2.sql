--
-- INT2
--
SELECT int2 '0', int2 '1234', int2 '-1234', int2 '32767', int2 '-32768';
SELECT int2 '34.5';
SELECT int2 '100000';
SELECT int2 'asdf';
SELECT int2 '';
SELECT int2 '32768';
SELECT int2 '-32769';
SELECT 32767::int2 + 1::int2;
SELECT (-32768)::int2 - 1::int2;
SELECT 200::int2 * 200::int2;
SELECT (-32768)::int2 / (-1)::int2;
SELECT (-32768)::int2 % (-1)::int2;
SELECT 5::int2 / 0::int2;
SELECT 7::int2 / 2::int2, 7::int2 % 2::int2, -7::int2 / 2::int2;
SELECT 40000::int2;
SELECT 40000::int4::int2;
SELECT abs(-5::int2), - 5::int2 AS neg;
SELECT 1::int2 + 1::int2;
SELECT 12345::int2::int4 AS widened;
SELECT pg_typeof(1::int2 + 1::int2);
SELECT pg_typeof(12345::int2::int8);
