package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tables' row types, whole-row references, CREATE TYPE ... AS and casts to composite types, on storage. */
class RowTypesOnStorageTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();


    @BeforeAll
    static void start() {
        Transcript t = cluster.transcript();
        try {
            for (String sql : List.of("create table t (a int, b text)",
                    "insert into t values (1, 'x'), (2, null), (3, 'a b')",
                    "create type pair as (x int, y text)")) {
                List<String> out = t.run(sql);
                assertFalse(out.stream().anyMatch(l -> l.startsWith("E ")), sql + " -> " + out);
            }
        } finally {
            t.session.close();
        }
    }

    private static List<String> run(String sql) {
        Transcript t = cluster.transcript();
        try {
            return t.run(sql);
        } finally {
            t.session.close();
        }
    }

    private static String rows(String sql) {
        List<String> lines = run(sql);
        for (String l : lines) {
            if (l.startsWith("E ")) {
                return l;
            }
        }
        return lines.stream().filter(l -> l.startsWith("D")).map(l -> l.length() > 2 ? l.substring(2) : "")
                .collect(Collectors.joining(";"));
    }

    @Test
    void tablesHaveRowTypesAsInPostgres() {
        // heap_create_with_catalog's order: the relation's OID, its array type's, then its row type's.
        assertEquals("t|c|C|2|1|_t|A", rows("select t.typname, t.typtype, t.typcategory, c.reltype::int8 - c.oid::int8,"
                + " c.reltype::int8 - t.typarray::int8, a.typname, a.typcategory from pg_class c join pg_type t on t.oid = c.reltype"
                + " join pg_type a on a.oid = t.typarray where c.relname = 't'"));
        assertEquals("2290|2291|750", rows("select t.typinput::oid, t.typoutput::oid, a.typinput::oid from pg_type t"
                + " join pg_type a on a.typelem = t.oid where t.typname = 't'"));
    }

    @Test
    void wholeRowReferences() {
        assertEquals("(1,x);(2,);(3,\"a b\")", rows("select t from t order by a"));
        String reltype = rows("select reltype from pg_class where relname = 't'");
        assertEquals("T t:" + reltype + ":-1:-1", run("select t from t").getFirst());
        assertEquals("1|x", rows("select s.* from (select t.* from t where a = 1) s"));
        assertEquals("(1,x)", rows("select s from (select t.* from t where a = 1) s"));
        assertEquals("3|3", rows("select count(t.*), count(t) from t"));
        assertEquals("x|1", rows("select (t).b, (t.*).a from t where a = 1"));
        assertEquals("(2,)", rows("select x from t x where x.b is null"));
    }

    @Test
    void rowComparisonsOnTables() {
        assertEquals("1", rows("select a from t where (a, b) = (1, 'x')"));
        assertEquals("2;3", rows("select a from t where (a, b) > (1, 'z') order by a"));
        assertEquals("1;3", rows("select a from t where (a, b) in ((1, 'x'), (3, 'a b')) order by a"));
        assertEquals("1", rows("select a from t where t = row(1, 'x')::t"));
        assertEquals("(3,\"a b\");(2,);(1,x)", rows("select t from t order by t desc"));
    }

    @Test
    void compositeTypes() {
        assertEquals("(1,a)|(2,b)|b|\\N", rows("select row(1, 'a')::pair, '(2,b)'::pair, ('(2,b)'::pair).y,"
                + " ('(3,)'::pair).y"));
        String oid = rows("select oid from pg_type where typname = 'pair'");
        assertEquals("T row:" + oid + ":-1:-1", run("select row(1, 'a')::pair").getFirst());
        assertEquals("c|pair", rows("select c.relkind, t.typname from pg_class c join pg_type t on t.typrelid = c.oid"
                + " where c.relname = 'pair'"));
        assertEquals("E ERROR 22P02 malformed record literal: \"(1,a,b)\" @8 D Too many columns.",
                rows("select '(1,a,b)'::pair"));
        assertEquals("E ERROR 42846 cannot cast type record to pair @14 D Input has too few columns.",
                rows("select row(1)::pair"));
        assertEquals("E ERROR 42710 type \"pair\" already exists @-", rows("create type pair as (z int)"));
    }

    @Test
    void dropTypeAndTableRemoveTheRows() {
        assertEquals("", rows("create type tmp_pt as (a int); drop type tmp_pt; create table tmp_t (a int);"
                + " drop table tmp_t"));
        assertEquals("0", rows("select count(*) from pg_type where typname in ('tmp_pt', '_tmp_pt', 'tmp_t', '_tmp_t')"));
        assertEquals("E ERROR 42704 type \"tmp_pt\" does not exist @-", rows("drop type tmp_pt"));
        assertEquals("E ERROR 2BP01 cannot drop type t because table t requires it @- H You can drop table t instead.",
                rows("drop type t"));
    }

    @Test
    void rowsAsJson() {
        assertEquals("{\"a\":1,\"b\":\"x\"};{\"a\":2,\"b\":null}", rows("select row_to_json(t) from t where a < 3 order by a"));
        assertEquals("{\"a\":1,\n \"b\":\"x\"}", rows("select row_to_json(t, true) from t where a = 1"));
        assertEquals("{\"f1\":1,\"f2\":\"a\"}|{\"x\":2,\"y\":\"b\"}", rows("select row_to_json(row(1, 'a')),"
                + " to_json('(2,b)'::pair)"));
        assertEquals("{\"a\": 3, \"b\": \"a b\"}", rows("select to_jsonb(t) from t where a = 3"));
        assertEquals("[{\"a\":1,\"b\":\"x\"}, \n {\"a\":2,\"b\":null}]|[{\"a\": 1, \"b\": \"x\"}, {\"a\": 2, \"b\": null}]",
                rows("select json_agg(t order by a), jsonb_agg(t order by a) from t where a < 3"));
    }

    @Test
    void rowsInSubqueries() {
        assertEquals("1;3", rows("select a from t where (a, b) in (select a, b from t where a <> 2) order by a"));
        assertEquals("2", rows("select a from t where (a, b) not in (select 1, 'x' union all select 3, 'a b')"
                + " order by a"));
        assertEquals("t|\\N|f", rows("select (1, 'x') in (select a, b from t), (2, 'y') in (select a, b from t),"
                + " (9, 'y') in (select a, b from t where b is not null)"));
        assertEquals("1", rows("select a from t o where (a, b) = any (select a, b from t i where i.a = o.a and i.a = 1)"));
        assertEquals("E ERROR 42601 subquery has too many columns @30",
                rows("select a from t where (a, b) in (select a, b, 1 from t)"));
    }

    @Test
    void wholeRowsInDmlAndRowsOfStars() {
        assertEquals("(1,x)|(1,x,0)", rows("select row(t.*), row(t.*, 0) from t where a = 1"));
        assertEquals("E ERROR 42809 \"pair\" is a composite type @15", rows("select * from pair"));
        assertEquals("(3,\"a b\")", rows("begin; update t set b = b where t = row(3, 'a b')::t returning t;"
                + " rollback"));
        assertEquals("{\"a\":2,\"b\":null}", rows("begin; delete from t x where x.* = row(2, null)::t"
                + " returning row_to_json(x); rollback"));
    }

    @Test
    void populateRecord() {
        assertEquals("(1,a)|(5,)|{\"x\": 2}", rows("select json_populate_record(null::pair, '{\"x\": 1, \"y\": \"a\", \"z\": 0}'),"
                + " jsonb_populate_record('(5,b)'::pair, '{\"y\": null}'),"
                + " (json_populate_record(null::pair, '{\"x\": 7, \"y\": {\"x\": 2}}')).y::jsonb"));
        assertEquals("7|\\N", rows("select (json_populate_record(null::pair, '{\"x\": 7}')).*"));
    }

    @Test
    void keysetPaginationUsesTheIndex() {
        List<String> plan = run("create table keys (a int, b int, primary key (a, b));"
                + " insert into keys select g / 10, g % 10 from generate_series(0, 9999) g; analyze keys;"
                + " explain select * from keys where (a, b) > (500, 5) order by a, b limit 3");
        assertTrue(plan.stream().anyMatch(l -> l.contains("Index") && l.contains("keys_pkey")), plan.toString());
        assertEquals("500|6;500|7;500|8", rows("select * from keys where (a, b) > (500, 5) order by a, b limit 3"));
        assertEquals("499|9;500|0", rows("select * from keys where (a, b) >= (499, 9) and (a, b) <= (500, 0)"
                + " order by a, b"));
        run("drop table keys");
    }

    @Test
    void arraysOfRowsAndTypeOf() {
        assertEquals("{\"(1,x)\",\"(2,)\",\"(3,\\\"a b\\\")\"}", rows("select array_agg(t order by a) from t"));
        assertEquals("{\"(1,2)\",\"(3,4)\"}|(3,4)", rows("select array[row(1, 2), row(3, 4)],"
                + " (array[row(1, 2), row(3, 4)])[2]"));
        assertEquals("t|pair|record", rows("select pg_typeof(t), pg_typeof('(1,a)'::pair), pg_typeof(row(1)) from t"
                + " where a = 1"));
    }

    @Test
    void fieldsOfRowsFromSubqueries() {
        assertEquals("1|2", rows("select (s.r).f1, (s.r).f2 from (select row(1, 2) r) s"));
        assertEquals("1;2;3", rows("with w as (select t from t) select (w.t).a from w order by 1"));
        String reltype = rows("select reltype from pg_class where relname = 't'");
        assertEquals("T t:" + reltype + ":-1:-1", run("select s.t from (select t from t) s").getFirst());
        assertEquals("T t:25:-1:-1", run("select (t.*)::text from t").getFirst());
    }

    @Test
    void rowsComparedWithAScalarSubquery() {
        assertEquals("1", rows("select a from t where (a, b) = (select 1, 'x')"));
        assertEquals("E ERROR 42601 subquery must return only one column @23",
                rows("select a from t where (select 1, 'x') < (a, b) order by a"));
        assertEquals("\\N|t|\\N", rows("select (1, 2) = (select 1, 2 where false), (1, 2) <> (select 1, 3),"
                + " (1, null) = (select 1, 2)"));
        assertEquals("E ERROR 21000 more than one row returned by a subquery used as an expression @-",
                rows("select (1, 'x') = (select a, b from t)"));
        assertEquals("1", rows("select a from t o where (a, b) = (select i.a, i.b from t i where i.a = o.a and i.a < 2)"));
    }
}
