package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Triggers end to end on storage: CREATE/DROP TRIGGER, what BEFORE and AFTER, ROW and STATEMENT triggers
 * see and do, their firing order, WHEN conditions, UPDATE OF, ENABLE/DISABLE, COPY FROM, the pg_trigger
 * rows and pg_get_triggerdef; and PL/pgSQL's record and row variables.
 */
class TriggersTest {
    /** One cluster for the class (each test uses names of its own): starting one takes a while. */
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();
    private Transcript t;

    @BeforeEach
    void session() {
        t = cluster.transcript();
    }

    private String rows(String sql) {
        List<String> lines = t.run(sql);
        for (String l : lines) {
            if (l.startsWith("E ")) {
                return l.endsWith(" @-") ? l.substring(0, l.length() - 3) : l;
            }
        }
        return String.join(";", lines.stream().filter(l -> l.startsWith("D")).map(l -> l.substring(2)).toList());
    }

    private List<String> notices(String sql) {
        return t.run(sql).stream().filter(l -> l.startsWith("N ") || l.startsWith("E ") || l.startsWith("C "))
                .toList();
    }

    @Test
    void beforeRowTriggersChangeAndSkipRows() {
        t.run("create table br(a int, b text)");
        t.run("""
                create function br_f() returns trigger language plpgsql as $$ begin
                if new.a < 0 then return null; end if;
                new.b := upper(new.b) || tg_argv[0]; return new; end $$""");
        t.run("create trigger br_t before insert or update on br for each row execute function br_f('!')");
        assertEquals(List.of("C INSERT 0 2"), notices("insert into br values (1, 'x'), (-1, 'y'), (2, 'z')"));
        assertEquals("1|X!;2|Z!", rows("select * from br order by a"));
        assertEquals(List.of("C UPDATE 0"), notices("update br set a = -a where a = 1"));
        assertEquals(List.of("C UPDATE 1"), notices("update br set b = 'q' where a = 2"));
        assertEquals("1|X!;2|Q!", rows("select * from br order by a"));
        t.run("create function keep() returns trigger language plpgsql as $$ begin return null; end $$");
        t.run("create trigger br_d before delete on br for each row when (old.a = 1) execute function keep()");
        assertEquals(List.of("C DELETE 1"), notices("delete from br"));
        assertEquals("1|X!", rows("select * from br order by a"));
    }

    @Test
    void triggerVariablesOrderAndLevels() {
        t.run("create table tv(a int)");
        t.run("""
                create function tv_f() returns trigger language plpgsql as $$ begin
                raise notice '% % % % % % nargs=%', tg_name, tg_when, tg_level, tg_op, tg_table_name,
                  tg_table_schema, tg_nargs;
                if tg_level = 'ROW' then raise notice 'new=% old=%', new.a, old.a; end if;
                return new; end $$""");
        t.run("create trigger b2 after insert or delete on tv for each row execute function tv_f()");
        t.run("create trigger a1 after insert or delete on tv for each row execute function tv_f(1, 'two')");
        t.run("create trigger s1 before insert on tv execute procedure tv_f()");
        t.run("create trigger s2 after delete on tv for each statement execute procedure tv_f()");
        assertEquals(List.of(
                "N NOTICE 00000 s1 BEFORE STATEMENT INSERT tv public nargs=0",
                "N NOTICE 00000 a1 AFTER ROW INSERT tv public nargs=2",
                "N NOTICE 00000 new=1 old=<NULL>",
                "N NOTICE 00000 b2 AFTER ROW INSERT tv public nargs=0",
                "N NOTICE 00000 new=1 old=<NULL>",
                "N NOTICE 00000 a1 AFTER ROW INSERT tv public nargs=2",
                "N NOTICE 00000 new=2 old=<NULL>",
                "N NOTICE 00000 b2 AFTER ROW INSERT tv public nargs=0",
                "N NOTICE 00000 new=2 old=<NULL>",
                "C INSERT 0 2"), notices("insert into tv values (1), (2)"));
        // a statement trigger fires once even when no row is deleted
        assertEquals(List.of("N NOTICE 00000 s2 AFTER STATEMENT DELETE tv public nargs=0", "C DELETE 0"),
                notices("delete from tv where a > 5"));
        t.run("alter table tv disable trigger all");
        assertEquals(List.of("C DELETE 2"), notices("delete from tv"));
        t.run("alter table tv enable trigger s2");
        assertEquals(List.of("N NOTICE 00000 s2 AFTER STATEMENT DELETE tv public nargs=0", "C DELETE 0"),
                notices("delete from tv"));
    }

    @Test
    void whenConditionsUpdateOfAndErrors() {
        t.run("create table wc(a int, b int)");
        t.run("""
                create function wc_f() returns trigger language plpgsql as $$ begin
                raise notice '% fired: % -> %', tg_name, old.a, new.a; return new; end $$""");
        t.run("create trigger w1 before update on wc for each row when (old.a is distinct from new.a) "
                + "execute function wc_f()");
        t.run("create trigger w2 after update of b on wc for each row execute function wc_f()");
        t.run("insert into wc values (1, 1)");
        assertEquals(List.of("N NOTICE 00000 w1 fired: 1 -> 2", "C UPDATE 1"), notices("update wc set a = 2"));
        assertEquals(List.of("C UPDATE 1"), notices("update wc set a = 2"));
        assertEquals(List.of("N NOTICE 00000 w2 fired: 2 -> 2", "C UPDATE 1"), notices("update wc set b = 5"));
        t.run("""
                create function boom() returns trigger language plpgsql as $$ begin
                raise exception 'no %', tg_op; end $$""");
        t.run("create trigger zz after insert on wc for each row execute function boom()");
        assertEquals("E ERROR P0001 no INSERT", rows("insert into wc values (7, 7)").substring(0, 23));
        assertEquals("1", rows("select count(*) from wc"));
        assertEquals("E ERROR 0A000 trigger functions can only be called as triggers",
                rows("select boom()"));
        assertEquals("E ERROR 42710 trigger \"zz\" for relation \"wc\" already exists",
                rows("create trigger zz after insert on wc execute function boom()"));
        assertEquals("E ERROR 42P17 function wc_a must return type trigger", rowsAfter(
                "create function wc_a() returns int language sql as 'select 1'",
                "create trigger q after insert on wc execute function wc_a()"));
        assertEquals("E ERROR 42883 function nosuch() does not exist",
                rows("create trigger q after insert on wc execute function nosuch()"));
        t.run("create view wv as select * from wc");
        assertEquals("E ERROR 42809 \"wv\" is a view @- D Views cannot have row-level BEFORE or AFTER triggers.",
                rows("create trigger q before insert on wv for each row execute function wc_f()"));
        assertEquals("E ERROR 42P17 INSERT trigger's WHEN condition cannot reference OLD values @57",
                rows("create trigger q before insert on wc for each row when (old.a > 0) execute function wc_f()"));
        assertEquals("E ERROR 42601 duplicate trigger events specified at or near \"insert\" @35",
                rows("create trigger q before insert or insert on wc execute function wc_f()"));
        assertEquals("E ERROR 42601 duplicate trigger events specified at or near \"on\" @47",
                rows("create trigger q before update of a or update on wc execute function wc_f()"));
        assertEquals("E ERROR 42601 syntax error at or near \"-\" @59",
                rows("create trigger q after insert on wc execute function wc_f(-1)"));
        t.run("drop trigger zz on wc");
        assertEquals("E ERROR 42704 trigger \"zz\" for table \"wc\" does not exist", rows("drop trigger zz on wc"));
        assertEquals(List.of("N NOTICE 00000 trigger \"zz\" for relation \"wc\" does not exist, skipping",
                "C DROP TRIGGER"), notices("drop trigger if exists zz on wc"));
    }

    private String rowsAfter(String setup, String sql) {
        t.run(setup);
        return rows(sql);
    }

    @Test
    void catalogRowsAndDefinitions() {
        t.run("create table cr(a int, b int)");
        t.run("create function cr_f() returns trigger language plpgsql as $$ begin return null; end $$");
        t.run("create trigger c1 before insert or update of b, a on cr for each row "
                + "when (new.a > 0) execute function cr_f('x', 42)");
        t.run("create trigger c2 after truncate on cr execute function cr_f()");
        assertEquals("c1|23|O|f|2|[0:1]={2,1}|x\\000" + "42\\000;c2|32|O|f|0|{}|", rows("""
                select tgname, tgtype, tgenabled, tgisinternal, tgnargs, tgattr::int2[], encode(tgargs, 'escape')
                from pg_trigger where tgrelid = 'cr'::regclass order by tgname"""));
        assertEquals("CREATE TRIGGER c1 BEFORE INSERT OR UPDATE OF b, a ON public.cr FOR EACH ROW "
                + "WHEN ((new.a > 0)) EXECUTE FUNCTION cr_f('x', '42')", rows(
                "select pg_get_triggerdef(oid) from pg_trigger where tgname = 'c1'"));
        assertEquals("CREATE TRIGGER c2 AFTER TRUNCATE ON cr FOR EACH STATEMENT EXECUTE FUNCTION cr_f()", rows(
                "select pg_get_triggerdef(oid, true) from pg_trigger where tgname = 'c2'"));
        assertEquals("t", rows("select relhastriggers from pg_class where relname = 'cr'"));
        t.run("drop table cr");
        assertEquals("0|0", rows("select (select count(*) from pg_trigger where tgname in ('c1', 'c2')), "
                + "(select count(*) from pg_depend where classid = 'pg_trigger'::regclass and refobjid = 'cr_f'::regproc)"));
    }

    @Test
    void truncateTriggersAndFunctionErrors() {
        t.run("create table tt(a int)");
        t.run("""
                create function tt_say() returns trigger language plpgsql as $$ begin
                raise notice '% % %', tg_name, tg_when, tg_op; return null; end $$""");
        t.run("create trigger tt_b before truncate on tt execute function tt_say()");
        t.run("create trigger tt_a after truncate on tt execute function tt_say()");
        assertEquals(List.of("N NOTICE 00000 tt_b BEFORE TRUNCATE", "N NOTICE 00000 tt_a AFTER TRUNCATE",
                "C TRUNCATE TABLE"), notices("truncate tt"));
        assertEquals("E ERROR 2BP01 cannot drop function tt_say() because other objects depend on it @- H Use "
                + "DROP ... CASCADE to drop the dependent objects too. D trigger tt_b on table tt depends on function "
                + "tt_say()\ntrigger tt_a on table tt depends on function tt_say()", rows("drop function tt_say()"));
        assertEquals(List.of("N NOTICE 00000 drop cascades to 2 other objects", "C DROP FUNCTION"),
                notices("drop function tt_say() cascade"));
        assertEquals(List.of("C TRUNCATE TABLE"), notices("truncate tt"));
        t.run("create function tt_none() returns trigger language plpgsql as $$ begin null; end $$");
        t.run("create trigger tt_n before insert on tt for each row execute function tt_none()");
        assertEquals("E ERROR 2F005 control reached end of trigger procedure without RETURN",
                rows("insert into tt values (1)"));
        assertEquals("E ERROR 42P13 trigger functions cannot have declared arguments @- H The arguments of the "
                + "trigger can be accessed through TG_NARGS and TG_ARGV instead.", rows("create function tt_arg(x int) returns trigger language plpgsql as "
                + "$$ begin return null; end $$"));
        assertEquals("E ERROR 42P13 SQL functions cannot return type trigger",
                rows("create function tt_sql() returns trigger language sql as 'select 1'"));
        assertEquals("E ERROR 55000 record \"r\" is not assigned yet @- D The tuple structure of a not-yet-assigned "
                + "record is indeterminate.", rows("do $$ declare r record; begin raise notice '%', r.id; end $$"));
    }

    @Test
    void wholeRecordsInExpressions() {
        t.run("create table wr(a int, b text)");
        t.run("""
                create function wr_f() returns trigger language plpgsql as $$ begin
                raise notice '% old null: %, new: %', tg_op, old is null, row_to_json(new);
                return new; end $$""");
        t.run("create trigger wr_t before insert or update on wr for each row execute function wr_f()");
        assertEquals(List.of("N NOTICE 00000 INSERT old null: t, new: {\"a\":1,\"b\":\"x\"}", "C INSERT 0 1"),
                notices("insert into wr values (1, 'x')"));
        assertEquals(List.of("N NOTICE 00000 UPDATE old null: f, new: {\"a\":2,\"b\":\"x\"}", "C UPDATE 1"),
                notices("update wr set a = 2"));
    }

    @Test
    void copyFromFiresRowTriggers() {
        t.run("create table cp(a int, b text)");
        t.run("""
                create function cp_f() returns trigger language plpgsql as $$ begin
                new.b := coalesce(new.b, 'none') || '/' || tg_op; return new; end $$""");
        t.run("create trigger cp_t before insert on cp for each row execute function cp_f()");
        t.copyIn.add("1\tx\n2\t\\N\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(List.of("C COPY 2"), notices("copy cp from stdin"));
        assertEquals("1|x/INSERT;2|none/INSERT", rows("select * from cp order by a"));
    }

    @Test
    void recordAndRowVariables() {
        t.run("create table rv(id int, name text, score numeric(5,1))");
        t.run("insert into rv values (1, 'ann', 9.5), (2, 'bob', 7)");
        t.run("""
                create function rv_f() returns text language plpgsql as $$
                declare r record; w rv%rowtype; x rv; s rv.score%type; out text := '';
                begin
                  for r in select * from rv order by id loop out := out || r.name || r.score || ','; end loop;
                  select * into w from rv where id = 2;
                  w.score := w.score + 0.25;
                  s := w.score;
                  out := out || w.name || '=' || s;
                  out := out || coalesce(x.name, '<null>');
                  return out;
                end $$""");
        assertEquals("ann9.5,bob7.0,bob=7.3<null>", rows("select rv_f()"));
        // record := record, and a trigger that undoes every change (NEW := OLD)
        t.run("""
                create function rv_copy() returns text language plpgsql as $$
                declare a record; b rv%rowtype; begin
                  select * into a from rv where id = 1;
                  b := a;
                  return b.id || '/' || b.name || '/' || a.name;
                end $$""");
        assertEquals("1/ann/ann", rows("select rv_copy()"));
        t.run("create function rv_keep() returns trigger language plpgsql as $$ begin new := old; return new; end $$");
        t.run("create trigger rv_keep before update on rv for each row execute function rv_keep()");
        assertEquals(List.of("C UPDATE 2"), notices("update rv set name = 'x'"));
        assertEquals("ann;bob", rows("select name from rv order by id"));
    }
}
