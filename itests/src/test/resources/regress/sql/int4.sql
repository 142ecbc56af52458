--
-- INT4
-- Arithmetic, overflow, division and input of integer.
--
SELECT int4 '0', int4 '1234', int4 '-1234', int4 '  123456  ';
SELECT int4 '2147483647' AS max, int4 '-2147483648' AS min;
SELECT int4 '34.5';
SELECT int4 '1000000000000';
SELECT int4 'asdf';
SELECT int4 '     ';
SELECT int4 '   asdf   ';
SELECT int4 '- 1234';
SELECT int4 '123       5';
SELECT int4 '';
SELECT int4 '2147483648';
SELECT int4 '-2147483649';
SELECT 2 + 3 AS five, 2 - 3 AS minus_one, 6 * 7 AS forty_two, 7 / 2 AS three, 7 % 3 AS one;
SELECT -7 / 2 AS minus_three, -7 % 3 AS minus_one, 7 % -3 AS one;
SELECT 2147483647 + 1;
SELECT -2147483647 - 2;
SELECT 2147483647 * 2;
SELECT (-2147483648)::int4 / (-1)::int4;
SELECT (-2147483648)::int4 % (-1)::int4;
SELECT 1 / 0;
SELECT 1 % 0;
SELECT 0 / 5, 0 % 5;
SELECT @ -5 AS abs, abs(-17), - (-3) AS neg;
SELECT 2 + 3 * 4 AS precedence, (2 + 3) * 4 AS parens;
SELECT 1 < 2, 2 <= 2, 3 > 4, 4 >= 5, 5 = 5, 5 <> 5, 5 != 6;
SELECT mod(17, 5), mod(-17, 5), mod(17, -5);
SELECT (2147483647)::int4 + 1::int8 AS promoted;
SELECT '  +42'::int4, '-0'::int4;
