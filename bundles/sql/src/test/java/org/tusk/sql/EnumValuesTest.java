package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Values of enum types on storage: columns, literals, casts, comparisons in enum order, indexes, functions. */
class EnumValuesTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();

    private static String rows(String sql) {
        return cluster.rows(sql);
    }


    private static String[] run(Transcript t, String sql) {
        return t.run(sql).toArray(String[]::new);
    }

    @Test
    void columnsLiteralsAndComparisonsInEnumOrder() {
        cluster.ok("create type evt_mood as enum ('sad', 'ok', 'happy')");
        cluster.ok("create table evt_t (id int, m evt_mood)");
        cluster.ok("insert into evt_t values (1, 'happy'), (2, 'sad'), (3, 'ok'), (4, null)");
        assertEquals("2|sad;3|ok;1|happy;4|\\N", rows("select * from evt_t order by m"));
        assertEquals("1|happy;3|ok", rows("select * from evt_t where m > 'sad' order by id"));
        assertEquals("3", rows("select id from evt_t where m = 'ok'"));
        assertEquals("sad|happy|3", rows("select min(m), max(m), count(distinct m) from evt_t"));
        assertEquals("sad|1;ok|1;happy|1;\\N|1", rows("select m, count(*) from evt_t group by m order by m"));
        assertEquals("E ERROR 22P02 invalid input value for enum evt_mood: \"nope\" @32",
                rows("select id from evt_t where m = 'nope'"));
        assertEquals("E ERROR 42883 operator does not exist: evt_mood = text @30 H No operator matches the given name"
                + " and argument types. You might need to add explicit type casts.",
                rows("select id from evt_t where m = 'ok'::text"));
        assertEquals("E ERROR 42804 column \"m\" is of type evt_mood but expression is of type text @30 H You will need"
                + " to rewrite or cast the expression.", rows("insert into evt_t values (5, 'ok'::text)"));
        assertEquals("happy|ok|sad", rows("select m::text, 'ok'::varchar::evt_mood, 'sad'::text::evt_mood"
                + " from evt_t where id = 1"));
    }

    @Test
    void rowDescriptionSendsTheEnumsOid() {
        cluster.ok("create type evr_mood as enum ('a', 'b')");
        cluster.ok("create table evr_t (m evr_mood, ms evr_mood[])");
        String oid = rows("select oid from pg_type where typname = 'evr_mood'");
        String array = rows("select oid from pg_type where typname = '_evr_mood'");
        Transcript t = cluster.session();
        assertEquals("T m:" + oid + ":4:-1,ms:" + array + ":-1:-1", run(t, "select * from evr_t")[0]);
        assertEquals("T evr_mood:" + oid + ":4:-1", run(t, "select 'a'::evr_mood")[0]);
        assertEquals("T enum_range:" + array + ":-1:-1", run(t, "select enum_range(null::evr_mood)")[0]);
        assertEquals("evr_mood|-1", rows("select atttypid::regtype, atttypmod from pg_attribute"
                + " where attrelid = 'evr_t'::regclass and attname = 'm'"));
    }

    @Test
    void addValueBeforeSortsAndIndexesStayRight() {
        cluster.ok("create type evi_mood as enum ('sad', 'ok', 'happy')");
        cluster.ok("create table evi_t (id int, m evi_mood)");
        cluster.ok("create index evi_i on evi_t (m)");
        cluster.ok("create table evi_u (m evi_mood unique, x int)");
        cluster.ok("insert into evi_t values (1, 'happy'), (2, 'sad'), (3, 'ok')");
        cluster.ok("alter type evi_mood add value 'meh' before 'ok'");
        cluster.ok("insert into evi_t values (4, 'meh')");
        Transcript t = cluster.session();
        t.run("set enable_seqscan = off");
        // The index holds pg_enum OIDs ('meh' has the highest): a range must not be read from it.
        assertEquals("2|sad;4|meh", t.rowsOf("select * from evi_t where m < 'ok' order by m"));
        assertEquals("3|ok", t.rowsOf("select * from evi_t where m = 'ok'"));
        cluster.ok("insert into evi_u values ('ok')");
        assertEquals("E ERROR 23505 duplicate key value violates unique constraint \"evi_u_m_key\" @- D Key (m)=(ok)"
                + " already exists.", rows("insert into evi_u values ('ok')"));
        cluster.ok("alter type evi_mood rename value 'sad' to 'blue'");
        assertEquals("2|blue;4|meh;3|ok;1|happy", rows("select * from evi_t order by m"));
        assertEquals("{blue,meh,ok,happy}|blue|happy", rows("select enum_range(null::evi_mood),"
                + " enum_first(null::evi_mood), enum_last(null::evi_mood)"));
        assertEquals("{meh,ok}|{}", rows("select enum_range('meh'::evi_mood, 'ok'),"
                + " enum_range('ok'::evi_mood, 'meh')"));
    }

    @Test
    void newLabelsAreUsableAfterCommitInEveryBackend() {
        cluster.ok("create type evn_mood as enum ('a')");
        Transcript adder = cluster.session();
        Transcript other = cluster.session();
        assertEquals("a", other.rowsOf("select 'a'::evn_mood"));
        adder.run("begin");
        adder.run("alter type evn_mood add value 'b'");
        assertEquals("E ERROR 55P04 unsafe use of new value \"b\" of enum type evn_mood @8 H New enum values must"
                + " be committed before they can be used.", adder.rowsOf("select 'b'::evn_mood"));
        adder.run("rollback");
        adder.run("begin");
        adder.run("alter type evn_mood add value 'c'");
        assertEquals("E ERROR 22P02 invalid input value for enum evn_mood: \"c\" @8",
                other.rowsOf("select 'c'::evn_mood"));
        adder.run("commit");
        assertEquals("c|{a,c}", other.rowsOf("select 'c'::evn_mood, enum_range(null::evn_mood)"));
    }

    @Test
    void arraysAlterColumnTypeAndDropType() {
        cluster.ok("create type eva_mood as enum ('x', 'y', 'z')");
        cluster.ok("create table eva_t (id int, m eva_mood, ms eva_mood[])");
        cluster.ok("insert into eva_t values (1, 'y', '{z,x}'), (2, 'x', array['y']::eva_mood[])");
        assertEquals("1|{z,x}|z", rows("select id, ms, ms[1] from eva_t where 'x' = any (ms)"));
        assertEquals("{x,y}", rows("select array_agg(m order by m) from eva_t"));
        cluster.ok("alter table eva_t alter column m type text");
        assertEquals("1|y|text", rows("select id, m, pg_typeof(m) from eva_t where id = 1"));
        cluster.ok("alter table eva_t alter column m type eva_mood using m::eva_mood");
        assertEquals("2|x|eva_mood;1|y|eva_mood", rows("select id, m, pg_typeof(m) from eva_t order by m"));
        assertEquals("E ERROR 2BP01 cannot drop type eva_mood because other objects depend on it @- H Use DROP ..."
                + " CASCADE to drop the dependent objects too. D column ms of table eva_t depends on type eva_mood[]\n"
                + "column m of table eva_t depends on type eva_mood", rows("drop type eva_mood"));
        cluster.ok("drop type eva_mood cascade");
        assertEquals("id", rows("select attname from pg_attribute where attrelid = 'eva_t'::regclass and attnum > 0"
                + " and not attisdropped"));
    }
}
