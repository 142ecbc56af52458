package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.sql.Transcript.rows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * to_char of int4, int8, float4, float8 and numeric, and to_number, with every template pattern, the
 * template errors, and NaN/infinities. The expected answers were recorded from PostgreSQL 15.
 */
class NumberFormattingTest {
    private static final String[][] CASES = {
            {"select to_char(-0.1, '99.99'), to_char(-0.1, 'FM9.99'), to_char(-0.1, 'FM90.99'), to_char(0.1, '0.9')",
                    "  -.10|-.1|-0.1| 0.1"},
            {"select to_char(12, '9990999.9'), to_char(12, 'FM9990999.9'), to_char(485, '999'), to_char(-485, '999'), to_char(485, '9 9 9')",
                    "    0012.0|0012.| 485|-485| 4 8 5"},
            {"select to_char(1485, '9,999'), to_char(1485, '9G999'), to_char(148.5, '999.999'), to_char(148.5, 'FM999.999'), to_char(148.5, 'FM999.990')",
                    " 1,485| 1,485| 148.500|148.5|148.500"},
            {"select to_char(148.5, '999D999'), to_char(3148.5, '9G999D999'), to_char(-485, '999S'), to_char(-485, '999MI'), to_char(485, '999MI'), to_char(485, 'FM999MI')",
                    " 148.500| 3,148.500|485-|485-|485 |485"},
            {"select to_char(485, 'PL999'), to_char(485, 'SG999'), to_char(-485, 'SG999'), to_char(-485, '9SG99'), to_char(-485, '999PR'), to_char(485, '999PR')",
                    "+ 485|+485|-485|4-85|<485>| 485 "},
            {"select to_char(485, 'L999'), to_char(485, 'RN'), to_char(485, 'FMRN'), to_char(5.2, 'FMRN'), to_char(482, '999th'), to_char(482, 'FM999TH')",
                    "  485|        CDLXXXV|CDLXXXV|V| 482nd|482ND"},
            {"select to_char(485, '\"Good number:\"999'), to_char(485.8, '\"Pre:\"999\" Post:\" .999'), to_char(12, '99V999'), to_char(12.4, '99V999'), to_char(12.45, '99V9')",
                    "Good number: 485|Pre: 485 Post: .800| 12000| 12400| 125"},
            {"select to_char(0.0004859, '9.99EEEE'), to_char(-1234.5::numeric, '9.9EEEE'), to_char(9.99, '9.9EEEE'), to_char(0::numeric, '9.99EEEE'), to_char(123456789012345678::int8, '9.999EEEE')",
                    " 4.86e-04|-1.2e+03| 10.0e+00| 0.00e+00| 1.235e+17"},
            {"select to_char(1234567::int4, '9.99EEEE'), to_char(-5::int4, '9EEEE'), to_char(1.5::float8, '9.9EEEE'), to_char(-0.000123::float4, '9.99EEEE'), to_char('NaN'::float8, '9.99EEEE')",
                    " 1.23e+06|-5e+00| 1.5e+00|-1.23e-04| #.######"},
            {"select to_char('Infinity'::numeric, '9.99EEEE'), to_char('NaN'::numeric, '999.99'), to_char('NaN'::numeric, '99'), to_char('Infinity'::numeric, '999999999.9'), to_char('-Infinity'::numeric, '9999999999')",
                    " #.######| NaN| ##|  Infinity|  -Infinity"},
            {"select to_char(12345, '999'), to_char(12345.678, '99.99'), to_char(-12345::int8, '999'), to_char(12345.6::float8, '99.9'), to_char(1e20::float8, '999')",
                    " ###| ##.##|-###| ##.#| ###"},
            {"select to_char(0, '999'), to_char(0, '0'), to_char(0, 'FM999'), to_char(0.0, '9.9'), to_char(0::numeric, 'FM9.9'), to_char(0::numeric, 'FM0.0')",
                    "   0| 0|0|  .0|0.|0.0"},
            {"select to_char(1::numeric, 'FM9.9'), to_char(1.0, 'FM9.99'), to_char(10.5, 'FM99.00'), to_char(100, 'FM990.000'), to_char(3.14159, 'FM9.0099')",
                    "1.|1.|10.50|100.000|3.1416"},
            {"select to_char(-12.3, 'S999.99'), to_char(12.3, 'S999.99'), to_char(12.3, '999.99S'), to_char(-12.3, 'FMS999.99'), to_char(12.3, 'FM999.99S'), to_char(-12.3, '999S.99')",
                    " -12.30| +12.30| 12.30+|-12.3|12.3+| 12.30-"},
            {"select to_char(-12.3, 'MI999.99'), to_char(12.3, 'PL999.99'), to_char(-12.3, 'PL999.99'), to_char(12.3, '999.99PL'), to_char(-12.3, '999.99MI'), to_char(-12.3, 'SG999.99')",
                    "- 12.30|+  12.30|  -12.30|  12.30+| 12.30-|- 12.30"},
            {"select to_char(-12.3, '999.99PR'), to_char(12.3, 'FM999.99PR'), to_char(-12.3, 'FM999.99PR'), to_char(-7, '0000PR'), to_char(7, '0000')",
                    " <12.30>|12.3|<12.3>|<0007>| 0007"},
            {"select to_char(-7, '0000'), to_char(-7, 'FM0000'), to_char(7, '00099'), to_char(1234, '00G00'), to_char(-0.5, '0.9'), to_char(-0.5, '9.9')",
                    "-0007|-0007| 00007| 12,34|-0.5| -.5"},
            {"select to_char(12, 'B999'), to_char(0, 'B999'), to_char(1, 'C999'), to_char(1, 'SP999'), to_char(1, 'E999'), to_char(7, 'abc 9 xyz')",
                    "  12|   0|   1|   1|E   1|a  7 xyz"},
            {"select to_char(11, '99th'), to_char(12, '99th'), to_char(13, '99TH'), to_char(21, '99th'), to_char(101, '999th'), to_char(112, '999th'), to_char(-1, '99th'), to_char(3, '9.9th')",
                    " 11th| 12th| 13TH| 21st| 101st| 112th| -1| 3.0"},
            {"select to_char(3999, 'RN'), to_char(4000, 'RN'), to_char(0, 'RN'), to_char(-5, 'RN'), to_char(1994, 'rn'), to_char(1994, 'FMrn'), to_char(3.5::float8, 'RN'), to_char(2.5::numeric, 'RN')",
                    "      MMMCMXCIX|###############|###############|###############|        mcmxciv|mcmxciv|             IV|            III"},
            {"select to_char(1994::int8, 'RN'), to_char(1.5::float4, 'FMRN'), to_char(12, '99RN'), to_char(12, 'RN99')",
                    "        MCMXCIV|II|            XII|            XII"},
            {"select to_char(5000000000::int8, 'RN')",
                    "E ERROR 22003 integer out of range @-"},
            {"select to_char('NaN'::numeric, 'RN')",
                    "E ERROR 0A000 cannot convert NaN to integer @-"},
            {"select to_char(1.23456789::float8, '9.999999999999999999'), to_char(123456.789::float4, '999999.999'), to_char(1.5::float4, '9.99'), to_char(2.675::float8, '9.99'), to_char(0.125::float8, '9.99')",
                    " 1.23456789000000| 123457| 1.50| 2.67|  .12"},
            {"select to_char('NaN'::float8, '9999'), to_char('Infinity'::float8, '999999999'), to_char('-Infinity'::float4, '9'), to_char('NaN'::float4, '99.9'), to_char(-0.0::float8, '9.9')",
                    "  NaN|  Infinity|-#| ##.#| -.0"},
            {"select to_char(12.34::float8, '99V99'), to_char(12.34::float4, '99V9'), to_char(12::int8, '99V99'), to_char(-3::int4, '9V9'), to_char(1.5, 'V9')",
                    " 1234| 123| 1200|-30| #"},
            {"select to_char(123, ''), to_char(123.45, '\"9\"999'), to_char(123, '9\"\\\"a\"9'), to_char(123, '\\\"99'), to_char(12, '9\\9')",
                    "|9 123| #\"a#|\" ##| 1\\2"},
            {"select to_char(1::int2, '9.9'), to_char(12345678, '99,999,999'), to_char(-12345678, 'FM99,999,999'), to_char(123, '9,9,9,9,9'), to_char(0.5, ',9.9')",
                    " 1.0| 12,345,678|-12,345,678|     1,2,3|   .5"},
            {"select to_char(123, '9.9.9')",
                    "E ERROR 42601 multiple decimal points @-"},
            {"select to_char(123, '9V9.9')",
                    "E ERROR 42601 cannot use \"V\" and decimal point together @-"},
            {"select to_char(123, 'S9S')",
                    "E ERROR 42601 cannot use \"S\" twice @-"},
            {"select to_char(123, 'S9MI')",
                    "E ERROR 42601 cannot use \"S\" and \"MI\" together @-"},
            {"select to_char(123, '9PR9')",
                    "E ERROR 42601 \"9\" must be ahead of \"PR\" @-"},
            {"select to_char(123, 'PR0')",
                    "E ERROR 42601 \"0\" must be ahead of \"PR\" @-"},
            {"select to_char(123, '9EEEE9')",
                    "E ERROR 42601 \"EEEE\" must be the last pattern used @-"},
            {"select to_char(123, 'FM9EEEE')",
                    "E ERROR 42601 \"EEEE\" is incompatible with other formats @- D \"EEEE\" may only be used together with digit and decimal point patterns."},
            {"select to_char(123, '9EEEEEEEE')",
                    "E ERROR 42601 cannot use \"EEEE\" twice @-"},
            {"select to_char(123, 'MI9PR')",
                    "E ERROR 42601 cannot use \"PR\" and \"S\"/\"PL\"/\"MI\"/\"SG\" together @-"},
            {"select to_number('12,454.8-', '99G999D9S'), to_number('-34,338,492', '99G999G999'), to_number('-34,338,492.654,878', '99G999G999D999G999'), to_number('<564646.654564>', '999999.999999PR')",
                    "-12454.8|-34338492|-34338492.654878|-564646.654564"},
            {"select to_number('0.00001-', '9.999999S'), to_number('5.01-', 'FM9.999999S'), to_number('5.01-', 'FM9.999999MI'), to_number('5 4 4 4 4 8 . 7 8', '9 9 9 9 9 9 . 9 9'), to_number('.01', 'FM9.99')",
                    "-0.00001|-5.01|-5.01|544448.78|0.01"},
            {"select to_number('.0', '99999999.99999999'), to_number('0', '99.99'), to_number('.-01', 'S99.99'), to_number('.01-', '99.99S'), to_number(' . 0 1-', ' 9 9 . 9 9 S')",
                    "0.0|0|-0.01|-0.01|-0.01"},
            {"select to_number('34,50','999,99'), to_number('123,000','999G'), to_number('123456','999G999'), to_number('$1234.56','L9,999.99'), to_number('$1234.56','L99,999.99'), to_number('$1,234.56','L99,999.99')",
                    "3450|123|123456|1234.56|1234.56|1234.56"},
            {"select to_number('1234.56','L99,999.99'), to_number('1,234.56','L99,999.99'), to_number('42nd', '99th'), to_number('123', '9V99'), to_number('12.5', '99V9')",
                    "1234.56|1234.56|42|1.2300000000000000|1.2000000000000000"},
            {"select to_number('1234', '99')",
                    "12"},
            {"select to_number('', '999')",
                    "E ERROR 22P02 invalid input syntax for type numeric: \" \" @-"},
            {"select to_number('abc', '999')",
                    "E ERROR 22P02 invalid input syntax for type numeric: \" \" @-"},
            {"select to_number('123', ''), to_number('123', 'xxx9')",
                    "E ERROR 22P02 invalid input syntax for type numeric: \" \" @-"},
            {"select to_number('1e5', '9EEEE')",
                    "E ERROR 0A000 \"EEEE\" not supported for input @-"},
            {"select to_number('X', 'RN')",
                    "E ERROR 0A000 \"RN\" not supported for input @-"},
            {"select to_number('  42  ', '9 9 9'), to_number('12 - ', '99S'), to_number('0012.30', '0000.00'), to_number('+1.5', 'SG999.99')",
                    "2|12|12.30|1.5"},
            {"select to_number('1,234,567.891', 'FM9,999.99')",
                    "E ERROR 22003 numeric field overflow @- D A field with precision 4, scale 0 must round to an absolute value less than 10^4."},
            {"select to_number('  42  ', '9')",
                    "E ERROR 22P02 invalid input syntax for type numeric: \" \" @-"},
            {"select to_char(12345678901::int8, '99999999999V99'), to_char(1e300::float8, '9.9'), to_char(123.456::float4, 'FM999.999'), to_char(-1234567.891, 'FM9G999G999D99PR')",
                    " 1234567890100| #.|123.456|<1,234,567.89>"},
            {"select to_char(922337203685477580::int8, '9V99')",
                    "E ERROR 22003 bigint out of range @-"},
            {"select to_char(1, 'FM9.09'), to_char(5, 'FM0.00'), to_char(1234567890123.45678901234567890, '9999999999999.99999999999999999999')",
                    "1.0|5.00| 1234567890123.45678901234567890000"},
    };

    @Test
    void answersAsPostgres() {
        List<String> wrong = new ArrayList<>();
        for (String[] c : CASES) {
            String got = rows(c[0]);
            // Transcript lines lose the trailing blanks of their last column.
            if (!got.equals(c[1].stripTrailing())) {
                wrong.add(c[0] + "\n    expected " + c[1] + "\n    got      " + got);
            }
        }
        assertEquals("", String.join("\n", wrong));
    }
}
