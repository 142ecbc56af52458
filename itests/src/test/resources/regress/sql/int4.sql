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
SELECT -2147483648 AS min_literal;
SELECT 5 & 3 AS band, 5 | 3 AS bor, 5 # 3 AS bxor, ~5 AS bnot, 1 << 4 AS shl, 256 >> 4 AS shr;
SELECT gcd(12, 18), lcm(4, 6);
SELECT 1::int4 + 1::int2 AS mixed;
-- PostgreSQL 15 has no hexadecimal, octal or binary integer literals: this is trailing junk
SELECT 0x1F, 0o17, 0b101;
-- gcd and lcm: never negative, errors when the result does not fit
SELECT gcd(0, 0), gcd(-12, 18), gcd(7, -21), lcm(-4, 6), lcm(0, 5);
SELECT gcd((-2147483648)::int4, 0);
SELECT gcd((-2147483648)::int4, (-2147483648)::int4);
SELECT lcm(65536, 65537);
SELECT lcm((-2147483648)::int4, 1);
-- shifts take the count modulo 32, like the C code on x86-64
SELECT 1 << 31 AS min, 1 << 32 AS wraps, -16 >> 2 AS arithmetic, 1::int2 << 15 AS int2_wraps;
SELECT to_hex(0), to_hex(2147483647), to_hex(-2147483648);
SELECT pg_typeof(-2147483648) AS min_type;
SELECT pg_typeof(2147483648) AS bigger;
SELECT pg_typeof(1::int4 + 1::int2);
