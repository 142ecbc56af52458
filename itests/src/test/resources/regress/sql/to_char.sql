--
-- TO_CHAR and TO_NUMBER for numbers
-- Template patterns of formatting.c on int4, int8, float4, float8 and numeric.
--
CREATE TABLE to_char_vals (id int, n numeric);
INSERT INTO to_char_vals VALUES (1, 0), (2, -34338492.215397047), (3, 4.31), (4, 7799461.4119),
    (5, 16397.038491), (6, 93901.57763026), (7, -83028485), (8, 74881), (9, -24926804.045047420),
    (10, -0.1), (11, 0.5), (12, 'NaN'), (13, 'Infinity'), (14, '-Infinity');
SELECT id, to_char(n, '9G999G999G999G999G999') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, '9G999G999G999G999G999D999G999G999G999G999') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, '9999999999999999.999999999999999PR') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, '9999999999999999.999999999999999S') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, 'MI9999999999999999.999999999999999') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, 'FMS9999999999999999.999999999999999') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, 'FM9999999999999999.999999999999999THPR') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, 'SG9999999999999999.999999999999999th') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, '0999999999999999.999999999999999') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, 'S0999999999999999.999999999999999') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, 'FM0999999999999999.999999999999999') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, 'FM9999999999999999.099999999999999') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, 'FM9999999999990999.990999999999999') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, 'FM0999999999999999.999909999999999') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, 'FM9999999990999999.099999999999999') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, 'L9999999999999999.099999999999999') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, 'FM9999999999999999.99999999999999') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, 'FMS 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, E'99999 "text" 9999 "9999" 999 "\\"text between quote marks\\"" 9999') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, '999999SG9999999999') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, 'FM9999999999999999.999999999999999') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, '9.999EEEE') FROM to_char_vals ORDER BY id;
SELECT id, to_char(n, 'RN'), to_char(n::float8, 'FMrn') FROM to_char_vals WHERE id IN (3, 8, 11) ORDER BY id;
DROP TABLE to_char_vals;
-- the documentation's examples
SELECT to_char(-0.1, '99.99'), to_char(-0.1, 'FM9.99'), to_char(-0.1, 'FM90.99'), to_char(0.1, '0.9');
SELECT to_char(12, '9990999.9'), to_char(12, 'FM9990999.9'), to_char(485, '999'), to_char(-485, '999');
SELECT to_char(485, '9 9 9'), to_char(1485, '9,999'), to_char(1485, '9G999'), to_char(148.5, '999.999');
SELECT to_char(148.5, 'FM999.999'), to_char(148.5, 'FM999.990'), to_char(148.5, '999D999'), to_char(3148.5, '9G999D999');
SELECT to_char(-485, '999S'), to_char(-485, '999MI'), to_char(485, '999MI'), to_char(485, 'FM999MI');
SELECT to_char(485, 'PL999'), to_char(485, 'SG999'), to_char(-485, 'SG999'), to_char(-485, '9SG99');
SELECT to_char(-485, '999PR'), to_char(485, 'L999'), to_char(485, 'RN'), to_char(485, 'FMRN'), to_char(5.2, 'FMRN');
SELECT to_char(482, '999th'), to_char(485, '"Good number:"999'), to_char(485.8, '"Pre:"999" Post:" .999');
SELECT to_char(12, '99V999'), to_char(12.4, '99V999'), to_char(12.45, '99V9'), to_char(0.0004859, '9.99EEEE');
-- each input type
SELECT to_char(1234::int2, '9,999'), to_char(-1234567890, 'S9,999,999,999'), to_char(9223372036854775807, '9,999,999,999,999,999,999');
SELECT to_char(1.5::float4, '9.99'), to_char(2.675::float8, '9.99'), to_char(0.125::float8, '9.99'), to_char(1e300::float8, '9.9');
SELECT to_char(123456.789::float4, '999999.999'), to_char(1.23456789::float8, '9.999999999999999999');
SELECT to_char(-0.000123::float4, '9.99EEEE'), to_char(1234567, '9.99EEEE'), to_char(123456789012345678::int8, '9.999EEEE');
SELECT to_char('NaN'::float8, '9999'), to_char('Infinity'::float8, '999999999'), to_char('-Infinity'::float4, '9');
SELECT to_char('NaN'::float8, '9.99EEEE'), to_char('Infinity'::numeric, '9.99EEEE'), to_char(9.99, '9.9EEEE');
SELECT to_char(12.34::float8, '99V99'), to_char(12::int8, '99V99'), to_char(-3, '9V9'), to_char(1.5, 'V9');
-- overflow, zeros, fill mode
SELECT to_char(12345, '999'), to_char(12345.678, '99.99'), to_char(-12345::int8, '999'), to_char(12345.6::float8, '99.9');
SELECT to_char(0, '999'), to_char(0, '0'), to_char(0, 'FM999'), to_char(0.0, '9.9'), to_char(0::numeric, 'FM9.9');
SELECT to_char(1::numeric, 'FM9.9'), to_char(10.5, 'FM99.00'), to_char(100, 'FM990.000'), to_char(3.14159, 'FM9.0099');
SELECT to_char(-7, '0000PR'), to_char(7, '0000'), to_char(-7, 'FM0000'), to_char(1234, '00G00'), to_char(-0.5, '0.9');
SELECT to_char(11, '99th'), to_char(12, '99th'), to_char(13, '99TH'), to_char(21, '99th'), to_char(-1, '99th');
SELECT to_char(3999, 'RN'), to_char(4000, 'RN'), to_char(0, 'RN'), to_char(1994, 'rn'), to_char(2.5::numeric, 'RN');
SELECT to_char(12, 'B999'), to_char(1, 'C999'), to_char(1, 'E999'), to_char(7, 'abc 9 xyz'), to_char(123, '');
SELECT to_char(123, '9"\"a"9'), to_char(123, '\"99'), to_char(12, '9\9');
-- template errors
SELECT to_char(123, '9.9.9');
SELECT to_char(123, '9V9.9');
SELECT to_char(123, 'S9S');
SELECT to_char(123, 'S9MI');
SELECT to_char(123, '9PR9');
SELECT to_char(123, '9EEEE9');
SELECT to_char(123, 'FM9EEEE');
SELECT to_char(123, 'MI9PR');
SELECT to_char(5000000000::int8, 'RN');
SELECT to_char('NaN'::numeric, 'RN');
SELECT to_char(922337203685477580::int8, '9V99');
-- to_number
SELECT to_number('-34,338,492', '99G999G999');
SELECT to_number('-34,338,492.654,878', '99G999G999D999G999');
SELECT to_number('<564646.654564>', '999999.999999PR');
SELECT to_number('0.00001-', '9.999999S');
SELECT to_number('5.01-', 'FM9.999999S');
SELECT to_number('5.01-', 'FM9.999999MI');
SELECT to_number('5 4 4 4 4 8 . 7 8', '9 9 9 9 9 9 . 9 9');
SELECT to_number('.01', 'FM9.99');
SELECT to_number('.0', '99999999.99999999');
SELECT to_number('0', '99.99');
SELECT to_number('.-01', 'S99.99');
SELECT to_number('.01-', '99.99S');
SELECT to_number(' . 0 1-', ' 9 9 . 9 9 S');
SELECT to_number('34,50','999,99');
SELECT to_number('123,000','999G');
SELECT to_number('123456','999G999');
SELECT to_number('$1234.56','L9,999.99');
SELECT to_number('$1,234.56','L99,999.99');
SELECT to_number('42nd', '99th');
SELECT to_number('123', '9V99');
SELECT to_number('1234', '99');
SELECT to_number('123', '');
SELECT to_number('', '999');
SELECT to_number('1,234,567.891', 'FM9,999.99');
SELECT to_number('1e5', '9EEEE');
SELECT to_number('X', 'RN');
