package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Transition tables on storage: REFERENCING OLD TABLE / NEW TABLE of AFTER statement and row triggers read by
 * the trigger function's queries, pg_get_triggerdef's REFERENCING, and CreateTrigger's checks.
 */
class TransitionTablesTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();
    private final Transcript t = cluster.session();

    private List<String> notices(String sql) {
        return t.run(sql).stream().filter(l -> l.startsWith("N ") || l.startsWith("E ")).toList();
    }

    @Test
    void statementAndRowTriggersReadTheirTables() {
        t.run("create table tt(a int, b text)");
        t.run("""
                create function tt_ins() returns trigger language plpgsql as $$ begin
                raise notice '% rows, sum %, %', (select count(*) from newrows), (select coalesce(sum(a), 0) from newrows),
                  (select string_agg(b, ',' order by a) from newrows n); return null; end $$""");
        t.run("create trigger tt_ins after insert on tt referencing new table as newrows for each statement "
                + "execute function tt_ins()");
        assertEquals(List.of("N NOTICE 00000 2 rows, sum 3, a,b"), notices("insert into tt values (1, 'a'), (2, 'b')"));
        assertEquals(List.of("N NOTICE 00000 0 rows, sum 0, <NULL>"),
                notices("insert into tt select 1, 'x' where false"));
        t.run("""
                create function tt_upd() returns trigger language plpgsql as $$ begin
                raise notice 'old %, new %', (select sum(a) from o), (select sum(a) from n); return null; end $$""");
        t.run("create trigger tt_upd after update on tt referencing old table as o new table as n "
                + "for each statement execute function tt_upd()");
        assertEquals(List.of("N NOTICE 00000 old 3, new 23"), notices("update tt set a = a + 10"));
        t.run("""
                create function tt_del() returns trigger language plpgsql as $$ begin
                raise notice 'row % of %', old.a, (select count(*) from gone); return null; end $$""");
        t.run("create trigger tt_del after delete on tt referencing old table as gone for each row "
                + "execute function tt_del()");
        assertEquals(List.of("N NOTICE 00000 row 11 of 2", "N NOTICE 00000 row 12 of 2"),
                notices("delete from tt"));
        assertEquals(List.of(), notices("select 1"));
        List<String> def = t.run("select pg_get_triggerdef(oid) from pg_trigger where tgname = 'tt_upd'");
        assertEquals("D CREATE TRIGGER tt_upd AFTER UPDATE ON public.tt REFERENCING OLD TABLE AS o NEW TABLE AS n "
                + "FOR EACH STATEMENT EXECUTE FUNCTION tt_upd()", def.stream().filter(l -> l.startsWith("D"))
                        .findFirst().orElseThrow());
    }

    @Test
    void checks() {
        t.run("create table tc(a int)");
        t.run("create function tc_f() returns trigger language plpgsql as $$ begin return null; end $$");
        assertEquals(List.of("E ERROR 42P17 transition table name can only be specified for an AFTER trigger @-"),
                notices("create trigger x before insert on tc referencing new table as n for each statement "
                        + "execute function tc_f()"));
        assertEquals(List.of("E ERROR 0A000 transition tables cannot be specified for triggers with more than one "
                + "event @-"), notices("create trigger x after insert or update on tc referencing new table as n "
                        + "execute function tc_f()"));
        assertEquals(List.of("E ERROR 42P17 OLD TABLE can only be specified for a DELETE or UPDATE trigger @-"),
                notices("create trigger x after insert on tc referencing old table as o execute function tc_f()"));
    }
}
