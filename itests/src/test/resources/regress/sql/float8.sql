--
-- FLOAT8
-- Shortest-exact output (extra_float_digits = 1), special values, errors.
--
SELECT float8 '0.0', float8 '1004.30', float8 '-34.84', float8 '1.2345678901234e+200', float8 '1.2345678901234e-200';
SELECT float8 '10e400';
SELECT float8 '-10e400';
SELECT float8 '10e-400';
SELECT float8 '-10e-400';
SELECT float8 'xyz';
SELECT float8 '5.0.0';
SELECT float8 '5 . 0';
SELECT float8 '     - 3';
SELECT float8 '';
SELECT float8 'NaN', float8 'nan', float8 '   NAN  ', float8 'infinity', float8 '-INFINITY', float8 'inf';
SELECT float8 'N A N';
SELECT float8 'NaN x';
SELECT float8 ' INFINITY    x';
SELECT float8 'Infinity' + 100.0;
SELECT float8 'Infinity' / float8 'Infinity';
SELECT float8 'nan' / float8 'nan';
SELECT float8 '-0', float8 '0' * -1;
SELECT 0.1::float8 + 0.2::float8 AS classic, 1.0::float8 / 3 AS third, 2::float8 / 3 AS two_thirds;
SELECT 1e15::float8, 1e16::float8, 1e-4::float8, 1e-5::float8, 123456789012345678::float8;
SELECT 1.5::float8 * 2, 7.0::float8 - 0.5, -1.5::float8;
SELECT 1::float8 / 0;
SELECT 1::float8 / 0::float8;
SELECT 0::float8 / 0::float8;
SELECT 'Infinity'::float8 * 0;
SELECT 1e308::float8 * 10;
SELECT 1e-308::float8 / 1e10;
SELECT 2::float8 ^ 0.5 AS sqrt2, 2 ^ 10 AS pow, (-8)::float8 ^ (1::float8 / 3);
SELECT sqrt(-1::float8);
SELECT ln(0::float8);
SELECT ln(-1::float8);
SELECT round(2.5::float8), round(3.5::float8), round(-2.5::float8), trunc(-2.7::float8), ceil(2.1::float8), floor(-2.1::float8);
SELECT abs(-3.5::float8), sign(-3.5::float8), sign(0::float8);
SELECT pi(), degrees(pi()), radians(180::float8);
SELECT 'NaN'::float8 = 'NaN'::float8 AS t, 'NaN'::float8 > 'Infinity'::float8 AS t2, 1::float8 < 'NaN'::float8 AS t3;
SELECT 4.5::float8::int4, 5.5::float8::int4, -4.5::float8::int4, 2147483647.4::float8::int4;
SELECT 2147483647.5::float8::int4;
SELECT 'NaN'::float8::int4;
SELECT 1e19::float8::int8;
SELECT power(10::float8, 400);
SELECT 1.0e-320::float8 AS subnormal;
SELECT sqrt(2::float8);
SELECT exp(1::float8);
SELECT ln(10::float8);
SELECT log(100::float8);
SELECT 3.75::float8::numeric;
-- cbrt is the C library's (glibc: 3.0000000000000004); NaN and infinities to numeric
SELECT cbrt(27::float8);
SELECT 'NaN'::float8::numeric;
SELECT 'Infinity'::float8::numeric;
SELECT '-Infinity'::float8::numeric, 'NaN'::float4::numeric, 'Infinity'::float4::numeric;
SELECT cbrt(-8::float8), cbrt(0.001::float8), cbrt('Infinity'::float8), cbrt('NaN'::float8);
