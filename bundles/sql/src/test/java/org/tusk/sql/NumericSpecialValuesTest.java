package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.sql.Transcript.rows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * numeric NaN, Infinity and -Infinity: input spellings, arithmetic, functions (div, scale, min_scale and
 * trim_scale too), casts, typmods, order, grouping and aggregates. The expected answers were
 * recorded from PostgreSQL 15.
 */
class NumericSpecialValuesTest {
    private static final String[][] CASES = {
            {"select 'NaN'::numeric, 'nan'::numeric, ' NAN '::numeric",
                    "NaN|NaN|NaN"},
            {"select 'Infinity'::numeric, 'infinity'::numeric, '+Infinity'::numeric, '-Infinity'::numeric",
                    "Infinity|Infinity|Infinity|-Infinity"},
            {"select 'inf'::numeric, '+INF'::numeric, '-inf'::numeric, '  -inf  '::numeric",
                    "Infinity|Infinity|-Infinity|-Infinity"},
            {"select 'infinit'::numeric",
                    "E ERROR 22P02 invalid input syntax for type numeric: \"infinit\" @8"},
            {"select '-nan'::numeric",
                    "E ERROR 22P02 invalid input syntax for type numeric: \"-nan\" @8"},
            {"select 'Infinity'::numeric + 1, 'Infinity'::numeric - 'Infinity'::numeric, '-Infinity'::numeric + '-Infinity'::numeric",
                    "Infinity|NaN|-Infinity"},
            {"select 'NaN'::numeric + 1, 1 - 'NaN'::numeric, 'NaN'::numeric * 0, 'Infinity'::numeric * 0, 'Infinity'::numeric * -2.5",
                    "NaN|NaN|NaN|NaN|-Infinity"},
            {"select 'Infinity'::numeric / 0",
                    "E ERROR 22012 division by zero @-"},
            {"select 'Infinity'::numeric / 2, '-Infinity'::numeric / -2, 5 / 'Infinity'::numeric, 'Infinity'::numeric / 'Infinity'::numeric",
                    "Infinity|Infinity|0|NaN"},
            {"select 'NaN'::numeric / 0",
                    "NaN"},
            {"select 'Infinity'::numeric % 3, 5.5 % 'Infinity'::numeric, 'NaN'::numeric % 0",
                    "NaN|5.5|NaN"},
            {"select 'Infinity'::numeric % 0",
                    "E ERROR 22012 division by zero @-"},
            {"select -'Infinity'::numeric, -'NaN'::numeric, @'-Infinity'::numeric, abs('-Infinity'::numeric)",
                    "-Infinity|NaN|Infinity|Infinity"},
            {"select sign('Infinity'::numeric), sign('-Infinity'::numeric), sign('NaN'::numeric)",
                    "1|-1|NaN"},
            {"select ceil('Infinity'::numeric), floor('-Infinity'::numeric), round('NaN'::numeric, 2), trunc('Infinity'::numeric, -1), round('-Infinity'::numeric)",
                    "Infinity|-Infinity|NaN|Infinity|-Infinity"},
            {"select sqrt('Infinity'::numeric), sqrt('NaN'::numeric)",
                    "Infinity|NaN"},
            {"select sqrt('-Infinity'::numeric)",
                    "E ERROR 2201F cannot take square root of a negative number @-"},
            {"select exp('Infinity'::numeric), exp('-Infinity'::numeric), exp('NaN'::numeric)",
                    "Infinity|0|NaN"},
            {"select ln('Infinity'::numeric), ln('NaN'::numeric), log('Infinity'::numeric), log10('NaN'::numeric)",
                    "Infinity|NaN|Infinity|NaN"},
            {"select ln('-Infinity'::numeric)",
                    "E ERROR 2201E cannot take logarithm of a negative number @-"},
            {"select log('Infinity'::numeric, 'Infinity'::numeric), log('Infinity'::numeric, 10), log(2, 'Infinity'::numeric), log('NaN'::numeric, 0)",
                    "NaN|0|Infinity|NaN"},
            {"select log(0, 'Infinity'::numeric)",
                    "E ERROR 2201E cannot take logarithm of zero @-"},
            {"select log(2, '-Infinity'::numeric)",
                    "E ERROR 2201E cannot take logarithm of a negative number @-"},
            {"select power('NaN'::numeric, 0), power(1, 'NaN'::numeric), power('NaN'::numeric, 1), power(2, 'NaN'::numeric)",
                    "1|1|NaN|NaN"},
            {"select power('Infinity'::numeric, 0), power(1, 'Infinity'::numeric), power(-1, 'Infinity'::numeric), power(0, 'Infinity'::numeric)",
                    "1|1|1|0"},
            {"select power(0.5, 'Infinity'::numeric), power(0.5, '-Infinity'::numeric), power(2, 'Infinity'::numeric), power(-2, '-Infinity'::numeric)",
                    "0|Infinity|Infinity|0"},
            {"select power('Infinity'::numeric, 2), power('Infinity'::numeric, -2), power('-Infinity'::numeric, 3), power('-Infinity'::numeric, 2), power('-Infinity'::numeric, -3)",
                    "Infinity|0|-Infinity|Infinity|0"},
            {"select power(0, '-Infinity'::numeric)",
                    "E ERROR 2201F zero raised to a negative power is undefined @-"},
            {"select power('-Infinity'::numeric, 0.5)",
                    "E ERROR 2201F a negative number raised to a non-integer power yields a complex result @-"},
            {"select 'NaN'::numeric::float8, 'Infinity'::numeric::float8, '-Infinity'::numeric::float4",
                    "NaN|Infinity|-Infinity"},
            {"select 'NaN'::float8::numeric, 'Infinity'::float8::numeric, '-Infinity'::float4::numeric",
                    "NaN|Infinity|-Infinity"},
            {"select 'NaN'::numeric::int4",
                    "E ERROR 0A000 cannot convert NaN to integer @-"},
            {"select 'Infinity'::numeric::int8",
                    "E ERROR 0A000 cannot convert infinity to bigint @-"},
            {"select '-Infinity'::numeric::int2",
                    "E ERROR 0A000 cannot convert infinity to smallint @-"},
            {"select 'NaN'::numeric::numeric(3,1), 'NaN'::numeric(4,2)",
                    "NaN|NaN"},
            {"select 'Infinity'::numeric::numeric(3,1)",
                    "E ERROR 22003 numeric field overflow @- D A field with precision 3, scale 1 cannot hold an infinite value."},
            {"select '-inf'::numeric(10)",
                    "E ERROR 22003 numeric field overflow @- D A field with precision 10, scale 0 cannot hold an infinite value."},
            {"select 'NaN'::numeric = 'NaN'::numeric, 'NaN'::numeric > 'Infinity'::numeric, '-Infinity'::numeric < -1e300, 'Infinity'::numeric > 1e300",
                    "t|t|t|t"},
            {"select x from (values ('NaN'::numeric), (1), ('-Infinity'), ('Infinity'), (-5), ('NaN')) v(x) order by x",
                    "-Infinity;-5;1;Infinity;NaN;NaN"},
            {"select x, count(*) from (values ('NaN'::numeric), (1), ('-Infinity'), ('Infinity'), (1.0), ('NaN')) v(x) group by x order by x",
                    "-Infinity|1;1|2;Infinity|1;NaN|2"},
            {"select min(x), max(x), sum(x), avg(x) from (values ('NaN'::numeric), (1), ('-Infinity')) v(x)",
                    "-Infinity|NaN|NaN|NaN"},
            {"select min(x), max(x), sum(x), avg(x) from (values ('Infinity'::numeric), (1), (2)) v(x)",
                    "1|Infinity|Infinity|Infinity"},
            {"select sum(x), avg(x) from (values ('Infinity'::numeric), ('-Infinity')) v(x)",
                    "NaN|NaN"},
            {"select greatest(1, 'NaN'::numeric, 'Infinity'), least(1, '-Infinity'::numeric)",
                    "NaN|-Infinity"},
            {"select * from generate_series(1, 'Infinity'::numeric)",
                    "E ERROR 22023 stop value cannot be infinity @-"},
            {"select * from generate_series('NaN'::numeric, 3)",
                    "E ERROR 22023 start value cannot be NaN @-"},
            {"select * from generate_series(1, 3, 'NaN'::numeric)",
                    "E ERROR 22023 step size cannot be NaN @-"},
            {"select 'Infinity'::numeric::text, ('-Infinity'::numeric)::varchar",
                    "Infinity|-Infinity"},
            {"select cast('NaN' as decimal) + 1.5",
                    "NaN"},
            {"select '1000'::numeric(3)",
                    "E ERROR 22003 numeric field overflow @- D A field with precision 3, scale 0 must round to an absolute value less than 10^3."},
            {"select 'abc'::varchar(2), 'abc'::char(1)",
                    "ab|a"},
            {"select '2020-01-01 10:00:00.123456'::timestamp(2)",
                    "2020-01-01 10:00:00.12"},
            {"select '1 day 02:03:04.5678'::interval(1)",
                    "1 day 02:03:04.6"},
            {"select 1.5::numeric(3,0)",
                    "2"},
            {"select extract(year from 'infinity'::timestamp), extract(epoch from '-infinity'::timestamptz), extract(month from 'infinity'::date), extract(julian from '-infinity'::date), date_part('year', 'infinity'::timestamp), date_part('day', '-infinity'::timestamp)",
                    "Infinity|-Infinity|\\N|-Infinity|Infinity|\\N"},
            {"select extract(decade from '-infinity'::timestamp), extract(isoyear from 'infinity'::timestamptz), extract(millennium from 'infinity'::date)",
                    "-Infinity|Infinity|Infinity"},
            {"select div(9, 4), div(-9, 4), div(9.5, -2.1), div(0, 3), div(1e20, 7), div(123.456, 0.001)",
                    "2|-2|-4|0|14285714285714285714|123456"},
            {"select div('Infinity'::numeric, 2), div('-Infinity'::numeric, 2), div('Infinity'::numeric, 'Infinity'), div(5, 'Infinity'::numeric), div('NaN'::numeric, 0)",
                    "Infinity|-Infinity|NaN|0|NaN"},
            {"select div('Infinity'::numeric, 0)",
                    "E ERROR 22012 division by zero @-"},
            {"select div(1, 0.0)",
                    "E ERROR 22012 division by zero @-"},
            {"select scale(1.500), scale(0), scale(-12.3), scale(1e3), scale('NaN'::numeric), scale('Infinity'::numeric)",
                    "3|0|1|0|\\N|\\N"},
            {"select min_scale(1.500), min_scale(0.00), min_scale(-12.30), min_scale(100), min_scale('NaN'::numeric), min_scale('-Infinity'::numeric)",
                    "1|0|1|0|\\N|\\N"},
            {"select trim_scale(1.500), trim_scale(0.00), trim_scale(-12.30), trim_scale(100.0), trim_scale('NaN'::numeric), trim_scale('-Infinity'::numeric)",
                    "1.5|0|-12.3|100|NaN|-Infinity"},
    };

    @Test
    void answersAsPostgres() {
        List<String> wrong = new ArrayList<>();
        for (String[] c : CASES) {
            String got = rows(c[0]);
            if (!got.equals(c[1])) {
                wrong.add(c[0] + "\n    expected " + c[1] + "\n    got      " + got);
            }
        }
        assertEquals("", String.join("\n", wrong));
    }
}
