package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.sql.Transcript.rows;

import org.junit.jupiter.api.Test;

/**
 * Queries over VALUES, generate_series and subqueries (no tables needed): joins, aggregates, sorting,
 * DISTINCT, set operations, subqueries, and the analysis errors PostgreSQL reports for them. Expected
 * values are what PostgreSQL 15 returns for the same statements.
 */
class QueryTest {

    private static String error(String sql) {
        return new Transcript().run(sql).getFirst();
    }

    private static String header(String sql) {
        return new Transcript().run(sql).getFirst();
    }

    @Test
    void valuesAndGenerateSeries() {
        assertEquals("1|a;2|b", rows("values (1, 'a'), (2, 'b')"));
        assertEquals("T column1:23:4:-1,column2:25:-1:-1", header("values (1, 'a'), (2, 'b')"));
        assertEquals("1;2;3", rows("select * from generate_series(1, 3)"));
        assertEquals("T generate_series:23:4:-1", header("select * from generate_series(1, 3)"));
        assertEquals("1;2;3", rows("select generate_series(1, 3)"));
        assertEquals("1|1|x;2|2|x;\\N|3|x", rows("select generate_series(1, 2), generate_series(1, 3) g, 'x'"));
        assertEquals("3|a;2|a;1|a", rows("select unnest(array[1, 2, 3]) as u, 'a' order by u desc"));
        assertEquals("10;7;4", rows("select g from generate_series(10, 2, -3) as g"));
        assertEquals("3|1;4|2", rows("select * from unnest(array[3, 4]) with ordinality as u(v, n)"));
        assertEquals("1.5|x", rows("select * from (values (1.5, 'x')) as t(a, b)"));
        assertEquals("E ERROR 42601 VALUES lists must all be the same length @14", error("values (1), (2, 3)"));
    }

    @Test
    void whereOrderLimit() {
        assertEquals("5;4;3", rows("select g from generate_series(1, 5) g where g > 2 order by g desc"));
        assertEquals("2;3", rows("select g from generate_series(1, 5) g order by 1 limit 2 offset 1"));
        assertEquals("6;4", rows("select g * 2 as double from generate_series(2, 3) g order by double desc"));
        assertEquals("1;2", rows("select g from generate_series(1, 5) g fetch first 2 rows only"));
        assertEquals("\\N;1;2", rows("select * from (values (1), (null), (2)) v(x) order by x nulls first"));
        assertEquals("2;1;\\N", rows("select * from (values (1), (null), (2)) v(x) order by x desc nulls last"));
        assertEquals("3|a;1|b;2|b", rows("select x, y from (values (1, 'b'), (2, 'b'), (3, 'a')) v(x, y) "
                + "order by y, x"));
        assertEquals("1;2;3", rows("select x from (values (3, 1), (1, 3), (2, 2)) v(x, y) order by y desc"));
        assertEquals("E ERROR 42P10 ORDER BY position 3 is not in select list @45",
                error("select 1 from generate_series(1,2) order by 3"));
    }

    @Test
    void joins() {
        String a = "(values (1, 'a'), (2, 'b'), (3, 'c')) a(id, x)";
        String b = "(values (1, 10), (3, 30), (4, 40)) b(id, y)";
        assertEquals("1|a|10;3|c|30", rows("select a.id, x, y from " + a + " join " + b + " on a.id = b.id order by 1"));
        assertEquals("1|a|10;2|b|\\N;3|c|30", rows("select a.id, x, y from " + a + " left join " + b
                + " on a.id = b.id order by 1"));
        assertEquals("1|a|10;3|c|30;4|\\N|40", rows("select b.id, x, y from " + a + " right join " + b
                + " using (id) order by 1"));
        assertEquals("1|a|10;2|b|\\N;3|c|30;4|\\N|40", rows("select id, x, y from " + a + " full join " + b
                + " using (id) order by 1"));
        assertEquals("1|a|10;3|c|30", rows("select * from " + a + " natural join " + b + " order by id"));
        assertEquals("T id:23:4:-1,x:25:-1:-1,y:23:4:-1", header("select * from " + a + " join " + b + " using (id)"));
        assertEquals("9", rows("select count(*) from " + a + " cross join " + b));
        assertEquals("9", rows("select count(*) from " + a + ", " + b));
        assertEquals("2|b", rows("select * from " + a + " where not exists (select 1 from " + b
                + " where b.id = a.id)"));
        assertEquals("1|1;2|1;2|2", rows("select g, h from generate_series(1, 2) g, lateral generate_series(1, g) h"));
        assertEquals("1|2;2|4", rows("select g, d from generate_series(1, 2) g cross join lateral "
                + "(select g * 2 as d) s"));
        assertEquals("E ERROR 42702 column reference \"id\" is ambiguous @8", error("select id from " + a + ", " + b));
        assertEquals("E ERROR 42P01 missing FROM-clause entry for table \"c\" @8", error("select c.id from " + a));
        assertEquals("E ERROR 42703 column a.zz does not exist @8", error("select a.zz from " + a));
        assertEquals("E ERROR 42703 column \"zz\" does not exist @8", error("select zz from " + a));
    }

    @Test
    void aggregates() {
        String t = "(values (1, 'a', 2.5), (2, 'a', null), (3, 'b', 1.0)) t(i, s, n)";
        assertEquals("3|6|2.0000000000000000|1|3|2", rows("select count(*), sum(i), avg(i), min(i), max(i), count(n) "
                + "from " + t));
        assertEquals("T count:20:8:-1,sum:20:8:-1,avg:1700:-1:-1",
                header("select count(*), sum(i), avg(i) from " + t));
        assertEquals("a|2|3;b|1|3", rows("select s, count(*), sum(i) from " + t + " group by s order by s"));
        assertEquals("b|1", rows("select s, count(*) from " + t + " group by 1 having max(i) > 2"));
        assertEquals("a,a,b|{1,2,3}", rows("select string_agg(s, ',' order by s), array_agg(i) from " + t));
        assertEquals("2|1", rows("select count(distinct s), count(*) filter (where i > 2) from " + t));
        assertEquals("0|\\N", rows("select count(*), sum(i) from " + t + " where false"));
        assertEquals("", rows("select s, count(*) from " + t + " where false group by s"));
        assertEquals("t|f", rows("select bool_or(i > 2), every(i > 2) from " + t));
        assertEquals("E ERROR 42803 column \"t.i\" must appear in the GROUP BY clause or be used in an aggregate "
                + "function @8", error("select i, count(*) from " + t + " group by s"));
        assertEquals("E ERROR 42803 aggregate functions are not allowed in WHERE @42",
                error("select 1 from generate_series(1,2) where count(*) > 1"));
        assertEquals("E ERROR 42803 aggregate function calls cannot be nested @12", error("select sum(count(*)) from "
                + t));
        assertEquals("1", rows("select count(*)"));
    }

    @Test
    void distinctAndSetOperations() {
        assertEquals("1;2", rows("select distinct x from (values (2), (1), (2)) v(x) order by x"));
        assertEquals("a|1;b|3", rows("select distinct on (s) s, i from (values ('a', 2), ('a', 1), ('b', 3)) "
                + "v(s, i) order by s, i"));
        assertEquals("1;2;3", rows("select 1 union select 2 union select 3 union select 1 order by 1"));
        assertEquals("1;1;2", rows("select 1 union all select 1 union all select 2"));
        assertEquals("2", rows("select * from generate_series(1, 3) intersect select * from generate_series(2, 2)"));
        assertEquals("1;3", rows("select * from generate_series(1, 3) except select 2 order by 1"));
        assertEquals("1;1", rows("(values (1), (1), (2)) except all values (2)"));
        assertEquals("1.5;2", rows("select 1.5 union select 2 order by 1"));
        assertEquals("1;\\N", rows("select null as x union select 1 order by 1"));
        assertEquals("T x:23:4:-1", header("select null as x union select 1"));
        assertEquals("1|\\N|\\N;2|2|2", rows("select * from (values (1), (2)) a(x) left join ((values (1), (2)) b(x) "
                + "join (values (2), (3)) c(x) on b.x = c.x) on a.x = b.x order by 1"));
        assertEquals("T ?column?:1700:-1:-1", header("select 2 union select 1.5"));
        assertEquals("E ERROR 42804 UNION types integer and text cannot be matched @23",
                error("select 1 union select 'a'::text"));
        assertEquals("E ERROR 42601 each UNION query must have the same number of columns @23",
                error("select 1 union select 1, 2"));
    }

    @Test
    void subqueries() {
        assertEquals("2", rows("select (select max(g) from generate_series(1, 2) g)"));
        assertEquals("E ERROR 21000 more than one row returned by a subquery used as an expression @-",
                rows("select (select g from generate_series(1, 2) g)"));
        assertEquals("t|f", rows("select 2 in (select g from generate_series(1, 3) g), 5 in (select g from generate_series(1, 3) g)"));
        assertEquals("\\N|f", rows("select 5 not in (values (1), (null)), 1 not in (values (1), (null))"));
        assertEquals("t|f", rows("select 3 >= all (select g from generate_series(1, 3) g), 2 > any (select 3)"));
        assertEquals("t|f", rows("select exists (select 1), exists (select 1 where false)"));
        assertEquals("{1,2,3}", rows("select array(select g from generate_series(1, 3) g)"));
        assertEquals("1|1;2|3;3|6", rows("select g, (select sum(h) from generate_series(1, g) h) "
                + "from generate_series(1, 3) g"));
        assertEquals("t|t", rows("select 1 = any (array[1, 2]), 3 <> all (array[1, 2])"));
        assertEquals("E ERROR 42601 subquery must return only one column @8", error("select (select 1, 2)"));
    }

    @Test
    void explain() {
        assertEquals("Result", rows("explain (costs off) select 1"));
        assertEquals("T QUERY PLAN:25:-1:-1", header("explain select 1"));
        assertEquals("Result  (cost=0.00..0.01 rows=1 width=4)", rows("explain select 1"));
        assertEquals("Sort;  Sort Key: g.g;  ->  Nested Loop;        ->  Function Scan on generate_series g;"
                + "        ->  Function Scan on generate_series h", rows("explain (costs off) select * from "
                        + "generate_series(1, 2) g, generate_series(1, 2) h order by g"));
        assertEquals("Limit (actual rows=2 loops=1);  ->  Function Scan on generate_series g (actual rows=2 loops=1)",
                rows("explain (analyze, costs off, timing off, summary off) select g from generate_series(1, 5) g "
                        + "limit 2"));
    }

    @Test
    void functionsPgbenchNeeds() {
        assertEquals("2|\\N|2|{pg_catalog,public}|{public}", rows("select array_position(array[1,2,3], 2), "
                + "array_position(array['a','b'], 'c'), array_position(array[1,null], null), current_schemas(true), "
                + "current_schemas(false)"));
        assertEquals("public|2", rows("select n, pg_catalog.array_position(pg_catalog.current_schemas(true), n) "
                + "from (values ('public'::name)) s(n)"));
    }

    @Test
    void withQueries() {
        assertEquals("1|2", rows("with x as (select 1 as a), y(b) as (select a + 1 from x) select * from x, y"));
        assertEquals("3;2", rows("with t(n) as (values (2), (3)) select n from t order by n desc"));
        assertEquals("6", rows("with t as (select g from generate_series(1, 3) g) select sum(a.g * b.g) / 6 from t a, "
                + "t b"));
        assertEquals("2", rows("select (with w as (select 2 as v) select v from w)"));
        assertEquals("E ERROR 42712 WITH query name \"x\" specified more than once @23",
                error("with x as (select 1), x as (select 2) select 1"));
        assertEquals("E ERROR 42P01 relation \"x\" does not exist @26 H Use WITH RECURSIVE, or re-order the WITH "
                + "items to remove forward references. D There is a WITH item named \"x\", but it cannot be referenced "
                + "from this part of the query.", error("with x as (select * from x) select * from x"));
    }
}
