package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The range types through a session: literals and range_in's errors, the discrete types' canonical form,
 * constructors, range_cmp's order, the operators and functions. Expected values are what PostgreSQL 15
 * returns for the same statements.
 */
class RangeTypesTest {

    /** The data rows of {@code sql} in a session on UTC, or its error line (Transcript.rowsOf). */
    private static String rows(String sql) {
        Transcript t = new Transcript();
        t.run("set timezone = 'UTC'");
        return t.rowsOf(sql);
    }

    private static void check(String expected, String sql) {
        assertEquals(expected, rows(sql), sql);
    }

    @Test
    void literalsAreReadAndPrintedAsPostgreSqlDoes() {
        check("[1,5)|[2,6)|empty|(,4)|empty", "select '[1,5)'::int4range, '(1,5]'::int4range, '[1,1)'::int4range,"
                + " '(,3]'::int4range, ' EMPTY '::int4range");
        check("(,5]|[1.50,3]|(,)", "select '[,5]'::numrange, '[ 1.50 , \"3\" ]'::numrange, '(,)'::numrange");
        check("[infinity,infinity]|(-infinity,infinity)|[2020-01-01,2020-01-06)",
                "select '[infinity,infinity]'::daterange, '(-infinity,infinity)'::daterange,"
                + " '[2020-01-01,2020-01-05]'::daterange");
        // Bounds with spaces, commas or quotes are quoted, quotes and backslashes doubled.
        check("[\"2020-01-01 10:00:00\",)|[\"2020-01-01 08:00:00+00\",)", "select '[2020-01-01 10:00,)'::tsrange,"
                + " '[2020-01-01 10:00+02,)'::tstzrange");
    }

    @Test
    void malformedLiteralsGetRangeInsErrors() {
        check("E ERROR 22P02 malformed range literal: \"x\" @8 D Missing left parenthesis or bracket.",
                "select 'x'::int4range");
        check("E ERROR 22P02 malformed range literal: \"[1,2\" @8 D Unexpected end of input.",
                "select '[1,2'::int4range");
        check("E ERROR 22P02 malformed range literal: \"[1,2,3)\" @8 D Too many commas.",
                "select '[1,2,3)'::int4range");
        check("E ERROR 22P02 malformed range literal: \"(1,2) x\" @8 D Junk after right parenthesis or bracket.",
                "select '(1,2) x'::int4range");
        check("E ERROR 22P02 malformed range literal: \"empty x\" @8 D Junk after \"empty\" key word.",
                "select 'empty x'::int4range");
        check("E ERROR 22000 range lower bound must be less than or equal to range upper bound @8",
                "select '[5,1)'::int4range");
        check("E ERROR 22003 integer out of range @8", "select '[2147483647,2147483647]'::int4range");
    }

    @Test
    void constructorsTakeNullAsInfiniteAndCheckTheirFlags() {
        check("[1,5)|[1,6)|[2,5)|(,5)|(,)", "select int4range(1, 5), int4range(1, 5, '[]'), int4range(1, 5, '()'),"
                + " int4range(null, 5), int4range(null, null)");
        check("[11,21)|[1.5,2.5]|[2020-01-01,2020-02-02)", "select int8range(10, 20, '(]'), numrange(1.5, 2.5, '[]'),"
                + " daterange('2020-01-01', '2020-02-01', '[]')");
        check("E ERROR 22000 range constructor flags argument must not be null @-", "select int4range(1, 5, null)");
        assertEquals("E ERROR 42601 invalid range bound flags @- H Valid values are \"[]\", \"[)\", \"(]\", and \"()\".",
                rows("select int4range(1, 5, '[[')"));
    }

    @Test
    void comparisonsFollowRangeCmp() {
        check("t|t|t|t|t|t", "select int4range(1, 5) = '[1,4]', 'empty'::int4range < int4range(1, 2),"
                + " '(,1)'::int4range < '[0,1)'::int4range, numrange(1, 2) < numrange(1, 2, '[]'),"
                + " numrange(1, 2, '()') > numrange(1, 2), '[1.0,2)'::numrange = '[1.00,2)'::numrange");
        check("empty;[1,3);[1,5);[2,3);\\N", "select r from (values ('[1,5)'::int4range), ('empty'), ('[2,3)'),"
                + " ('[1,3)'), (null)) v(r) order by r");
    }

    @Test
    void operators() {
        check("t|f|t|t|t|f|t", "select int4range(1, 10) @> 5, int4range(1, 10) @> 10, int4range(1, 10) @> '[2,3)',"
                + " 5 <@ int4range(1, 10), int4range(1, 2) @> 'empty'::int4range, 'empty'::int4range @> 1,"
                + " numrange(1, 2, '[]') @> 2.0");
        check("t|f|t|f|t|t", "select int4range(1, 5) && int4range(4, 8), int4range(1, 5) && int4range(5, 8),"
                + " int4range(1, 5) << int4range(6, 8), int4range(1, 5) >> int4range(6, 8),"
                + " int4range(1, 5) &< int4range(2, 8), int4range(1, 5) &> int4range(0, 8)");
        check("t|t|f|t", "select int4range(1, 5) -|- int4range(5, 8), int4range(1, 5, '[]') -|- int4range(6, 8),"
                + " numrange(1, 2) -|- numrange(2, 3, '()'), numrange(1, 2) -|- numrange(2, 3)");
        check("[1,8)|[4,5)|[1,4)|[4,10)|empty|[1,6)", "select int4range(1, 5) + int4range(4, 8),"
                + " int4range(1, 5) * int4range(4, 8), int4range(1, 10) - int4range(4, 20),"
                + " int4range(1, 10) - int4range(-5, 4), int4range(1, 10) - int4range(0, 20),"
                + " range_merge(int4range(1, 2), int4range(5, 6))");
        check("E ERROR 22000 result of range union would not be contiguous @-",
                "select int4range(1, 5) + int4range(7, 8)");
        check("E ERROR 22000 result of range difference would not be contiguous @-",
                "select int4range(1, 10) - int4range(4, 5)");
    }

    @Test
    void functions() {
        check("1|5|\\N|\\N|t|t|f|t|f", "select lower(int4range(1, 5)), upper(int4range(1, 5)), lower('(,5)'::int4range),"
                + " upper('empty'::int4range), isempty(int4range(1, 1)), lower_inc(int4range(1, 5)),"
                + " upper_inc(int4range(1, 5)), lower_inf('(,1)'::int4range), lower_inf('empty'::int4range)");
        check("abc|ABC|2", "select lower('ABC'), upper('abc'), lower(int8range(2, 3)) + 0::bigint");
        check("3|29|60", "select int4range_subdiff(5, 2), daterange_subdiff('2020-03-01', '2020-02-01'),"
                + " tsrange_subdiff('2020-01-01 00:01', '2020-01-01')");
    }
}
