--
-- NUMERIC
-- Arbitrary precision, scales of results, rounding, typmods.
--
SELECT 0.1 + 0.2 AS exact, 1.10 * 2 AS scale_kept, 1.5 - 0.25 AS minus;
SELECT 10 / 4.0 AS div, 1 / 3.0 AS third, 2 / 3::numeric AS two_thirds, 1::numeric / 7 AS seventh;
SELECT 100::numeric / 3, 1000000::numeric / 7, 0.000001::numeric / 3;
SELECT 12345678901234567890.123 * 1000 AS big, 99999999999999999999 + 1 AS plus;
SELECT 1 / 0.0;
SELECT 1::numeric % 0;
SELECT 10.5 % 3, -10.5 % 3, mod(10.5, 3);
SELECT round(2.5), round(-2.5), round(3.14159, 2), round(1234.5, -2), round(0.5);
SELECT trunc(3.789, 1), trunc(-3.789), trunc(1234.5, -2);
SELECT ceil(2.1), ceil(-2.1), floor(2.9), floor(-2.9), ceiling(0.0001);
SELECT abs(-12.345), sign(-12.3), sign(0.0), sign(5.5);
SELECT sqrt(2::numeric), sqrt(16::numeric), sqrt(0.0001);
SELECT sqrt(-1::numeric);
SELECT power(2::numeric, 10), power(2.0, 0.5), 2.0 ^ 3;
SELECT 1.23::numeric(5,1), 1.25::numeric(5,1), 1.35::numeric(5,1), -1.25::numeric(5,1);
SELECT 123.456::numeric(6,2), 99.995::numeric(5,2);
SELECT 12345.6::numeric(5,1);
SELECT 99.995::numeric(4,2);
SELECT 5::numeric(3,0), 12345::numeric(5);
SELECT 'abc'::numeric;
SELECT '1.2.3'::numeric;
SELECT ''::numeric;
SELECT '  12.50  '::numeric, '-0.000'::numeric, '1e5'::numeric, '1.5E-3'::numeric;
SELECT 1e400::numeric > 1 AS huge_is_fine;
SELECT 2.5::numeric::int4, 3.5::numeric::int4, -2.5::numeric::int4, 1e10::numeric::int8;
SELECT 1e10::numeric::int4;
SELECT 0.1::numeric::float8, 1.5::numeric::float4;
SELECT 0.00000000000000000001 * 0.00000000000000000001 AS tiny;
SELECT 1.000 + 2.00000 AS scale_max, 1.5 * 1.5 AS scale_sum;
SELECT numeric '1.5', numeric '-0';
SELECT 123.456::numeric(10,5);
SELECT (1::numeric / 3) * 3 AS not_one;
SELECT -(0.0) AS neg_zero, @ (-2.5) AS abs_op;
SELECT 1.0 = 1.00 AS t;
SELECT 1.5 > 1.49999 AS t2;
SELECT ln(2.0);
SELECT factorial(10);
-- factorial is exact, up to the largest that numeric can hold
SELECT factorial(0), factorial(1), factorial(20), factorial(25);
SELECT factorial(-1);
SELECT length(factorial(32177)::text) AS digits;
SELECT factorial(32178);
-- exp, ln and log of numeric
SELECT exp(1.0);
SELECT log(1000.0);
SELECT log(2.0, 64.0);
SELECT exp(10.0), exp(-10.0), exp(100.5), exp(1);
SELECT ln(2.0), ln(1.0), ln(12345678901234567890.123), log10(100.0), log(0.5, 8.0);
SELECT ln(0.0);
SELECT log(-1.0);
SELECT log(1.0, 5.0);
-- NaN, Infinity and -Infinity
SELECT 'NaN'::numeric;
SELECT 'nan'::numeric + 1;
SELECT 'Infinity'::numeric;
SELECT '-Infinity'::numeric;
SELECT 'Infinity'::numeric + 1;
SELECT 'Infinity'::numeric - 'Infinity'::numeric;
SELECT 'NaN'::numeric::int4;
SELECT 'NaN'::numeric > 1e300 AS t3;
SELECT 'nan'::numeric, ' NAN '::numeric, 'infinity'::numeric, '+Infinity'::numeric, 'inf'::numeric, '-INF'::numeric;
SELECT 'infinit'::numeric;
SELECT '-nan'::numeric;
SELECT 'Infinity'::numeric - 1e300, '-Infinity'::numeric + '-Infinity'::numeric, 'NaN'::numeric - 'NaN'::numeric;
SELECT 'Infinity'::numeric * 0, 'Infinity'::numeric * -2.5, '-Infinity'::numeric * '-Infinity'::numeric, 'NaN'::numeric * 0;
SELECT 'Infinity'::numeric / 2, '-Infinity'::numeric / -2, 5 / 'Infinity'::numeric, 'Infinity'::numeric / '-Infinity'::numeric;
SELECT 'NaN'::numeric / 0 AS nan_div_zero;
SELECT 'Infinity'::numeric / 0;
SELECT 'Infinity'::numeric % 3, 5.5 % 'Infinity'::numeric, -5.5 % '-Infinity'::numeric, mod('NaN'::numeric, 0);
SELECT '-Infinity'::numeric % 0;
SELECT -'Infinity'::numeric, -'NaN'::numeric, @'-Infinity'::numeric, abs('-Infinity'::numeric), +'-inf'::numeric;
SELECT sign('Infinity'::numeric), sign('-Infinity'::numeric), sign('NaN'::numeric);
SELECT ceil('Infinity'::numeric), floor('-Infinity'::numeric), round('NaN'::numeric, 2), trunc('Infinity'::numeric, -1),
       round('-Infinity'::numeric), trunc('NaN'::numeric);
SELECT sqrt('Infinity'::numeric), sqrt('NaN'::numeric);
SELECT sqrt('-Infinity'::numeric);
SELECT exp('Infinity'::numeric), exp('-Infinity'::numeric), exp('NaN'::numeric);
SELECT ln('Infinity'::numeric), ln('NaN'::numeric), log('Infinity'::numeric), log10('NaN'::numeric);
SELECT ln('-Infinity'::numeric);
SELECT log('Infinity'::numeric, 'Infinity'::numeric), log('Infinity'::numeric, 10), log(2, 'Infinity'::numeric),
       log('NaN'::numeric, 0);
SELECT log(0, 'Infinity'::numeric);
SELECT log(2, '-Infinity'::numeric);
SELECT power('NaN'::numeric, 0), power(1, 'NaN'::numeric), power('NaN'::numeric, 1), power(2, 'NaN'::numeric);
SELECT power('Infinity'::numeric, 0), power(1, 'Infinity'::numeric), power(-1, 'Infinity'::numeric),
       power(0, 'Infinity'::numeric);
SELECT power(0.5, 'Infinity'::numeric), power(0.5, '-Infinity'::numeric), power(2, 'Infinity'::numeric),
       power(-2, '-Infinity'::numeric);
SELECT 'Infinity'::numeric ^ 2, 'Infinity'::numeric ^ -2, '-Infinity'::numeric ^ 3, '-Infinity'::numeric ^ 2,
       '-Infinity'::numeric ^ -3;
SELECT power(0, '-Infinity'::numeric);
SELECT power('-Infinity'::numeric, 0.5);
SELECT 'NaN'::numeric::float8, 'Infinity'::numeric::float8, '-Infinity'::numeric::float4;
SELECT 'Infinity'::numeric::int8;
SELECT '-Infinity'::numeric::int2;
SELECT 'NaN'::numeric::numeric(3,1), 'NaN'::numeric(4,2);
SELECT 'Infinity'::numeric::numeric(3,1);
SELECT '-inf'::numeric(10);
SELECT 'NaN'::numeric = 'NaN'::numeric AS t1, 'NaN'::numeric > 'Infinity'::numeric AS t2,
       '-Infinity'::numeric < -1e300 AS t4, 'Infinity'::numeric <> 'NaN'::numeric AS t5;
SELECT x FROM (VALUES ('NaN'::numeric), (1), ('-Infinity'), ('Infinity'), (-5), ('NaN')) v(x) ORDER BY x;
SELECT x, count(*) FROM (VALUES ('NaN'::numeric), (1), ('-Infinity'), ('Infinity'), (1.0), ('NaN')) v(x)
GROUP BY x ORDER BY x;
SELECT min(x), max(x), sum(x), avg(x) FROM (VALUES ('NaN'::numeric), (1), ('-Infinity')) v(x);
SELECT min(x), max(x), sum(x), avg(x) FROM (VALUES ('Infinity'::numeric), (1), (2)) v(x);
SELECT sum(x), avg(x) FROM (VALUES ('Infinity'::numeric), ('-Infinity')) v(x);
SELECT greatest(1, 'NaN'::numeric, 'Infinity'), least(1, '-Infinity'::numeric);
SELECT * FROM generate_series(1, 'Infinity'::numeric);
SELECT * FROM generate_series('NaN'::numeric, 3);
SELECT * FROM generate_series(1, 3, '-Infinity'::numeric);
CREATE TABLE num_special (id int, x numeric);
INSERT INTO num_special VALUES (1, 'NaN'), (2, 'Infinity'), (3, '-Infinity'), (4, 0), (5, 'NaN');
CREATE INDEX num_special_x ON num_special (x);
SELECT id, x FROM num_special WHERE x = 'NaN' ORDER BY id;
SELECT x, count(*) FROM num_special GROUP BY x ORDER BY x;
SELECT a.id, b.id FROM num_special a JOIN num_special b ON a.x = b.x AND a.id < b.id;
COPY num_special TO STDOUT;
COPY num_special TO STDOUT WITH (FORMAT csv);
DROP TABLE num_special;
