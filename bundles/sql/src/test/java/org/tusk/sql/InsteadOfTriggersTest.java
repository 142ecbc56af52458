package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * INSTEAD OF triggers on views, on storage: INSERT, UPDATE and DELETE on a view run the trigger with NEW and
 * OLD, count the rows it returned non-NULL for, and RETURNING shows what it returned; a view without the
 * trigger for the command is rewritten onto its table (automatically updatable). And ALTER TRIGGER ... RENAME TO.
 */
class InsteadOfTriggersTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();
    private final Transcript t = cluster.session();

    private String rows(String sql) {
        List<String> lines = t.run(sql);
        for (String l : lines) {
            if (l.startsWith("E ")) {
                return l.endsWith(" @-") ? l.substring(0, l.length() - 3) : l;
            }
        }
        return String.join(";", lines.stream().filter(l -> l.startsWith("D") || l.startsWith("C ")
                && !l.startsWith("C SELECT"))
                .map(l -> l.substring(2)).toList());
    }

    @Test
    void insertUpdateDeleteThroughTriggers() {
        t.run("create table io_t(id int primary key, name text)");
        t.run("create view io_v as select id, upper(name) as name from io_t");
        // Without the trigger the view is automatically updatable, but not its computed column.
        assertEquals("E ERROR 0A000 cannot insert into column \"name\" of view \"io_v\" @- D View columns that are not "
                + "columns of their base relation are not updatable.", rows("insert into io_v values (1, 'a')"));
        t.run("""
                create function io_f() returns trigger language plpgsql as $$ begin
                raise notice '% % %', tg_when, tg_level, tg_op;
                if tg_op = 'INSERT' then
                  if new.id < 0 then return null; end if;
                  insert into io_t values (new.id, lower(new.name)); new.name := new.name || '!'; return new;
                elsif tg_op = 'UPDATE' then
                  update io_t set id = new.id, name = lower(new.name) where id = old.id; return new;
                else
                  delete from io_t where id = old.id; return old;
                end if; end $$""");
        t.run("create trigger io_tr instead of insert or update or delete on io_v for each row execute function io_f()");
        assertEquals(List.of("N NOTICE 00000 INSTEAD OF ROW INSERT", "N NOTICE 00000 INSTEAD OF ROW INSERT",
                "N NOTICE 00000 INSTEAD OF ROW INSERT", "C INSERT 0 2"),
                t.run("insert into io_v values (1, 'Ab'), (-1, 'skip'), (2, 'Cd')").stream()
                        .filter(l -> l.startsWith("N") || l.startsWith("C")).toList());
        assertEquals("1|ab;2|cd", rows("select * from io_t order by id"));
        assertEquals("3|X!;INSERT 0 1", rows("insert into io_v values (3, 'X') returning *"));
        assertEquals("20|New;UPDATE 1", rows("update io_v set id = id * 10, name = 'New' where id = 2 returning *"));
        assertEquals("1|ab;3|x;20|new", rows("select * from io_t order by id"));
        assertEquals("1|AB;DELETE 1", rows("delete from io_v where name = 'AB' returning *"));
        assertEquals("3|x;20|new", rows("select * from io_t order by id"));
        assertEquals("CREATE TRIGGER io_tr INSTEAD OF INSERT OR DELETE OR UPDATE ON public.io_v FOR EACH ROW "
                + "EXECUTE FUNCTION io_f()", rows("select pg_get_triggerdef(oid) from pg_trigger where tgname = 'io_tr'"));
        t.run("drop trigger io_tr on io_v");
        // Without it, DELETE goes to the table underneath (the view is automatically updatable).
        assertEquals("DELETE 2", rows("delete from io_v"));
    }

    @Test
    void alterTriggerRename() {
        t.run("create table rn_t(a int)");
        t.run("create function rn_f() returns trigger language plpgsql as $$ begin return new; end $$");
        t.run("create trigger rn_one before insert on rn_t for each row execute function rn_f()");
        t.run("create trigger rn_two before insert on rn_t for each row execute function rn_f()");
        assertEquals("ALTER TRIGGER", rows("alter trigger rn_one on rn_t rename to rn_first"));
        assertEquals("rn_first;rn_two", rows("select tgname from pg_trigger where tgrelid = 'rn_t'::regclass "
                + "order by 1"));
        assertEquals("E ERROR 42710 trigger \"rn_two\" for relation \"rn_t\" already exists",
                rows("alter trigger rn_first on rn_t rename to rn_two"));
        assertEquals("E ERROR 42704 trigger \"nope\" for table \"rn_t\" does not exist",
                rows("alter trigger nope on rn_t rename to x"));
    }

    @Test
    void enableAlwaysAndReplica() {
        t.run("create table ea_t(a int)");
        t.run("create function ea_f() returns trigger language plpgsql as $$ begin raise notice '%', tg_name; "
                + "return null; end $$");
        t.run("create trigger ea_always after insert on ea_t for each row execute function ea_f()");
        t.run("create trigger ea_replica after insert on ea_t for each row execute function ea_f()");
        t.run("alter table ea_t enable always trigger ea_always");
        t.run("alter table ea_t enable replica trigger ea_replica");
        assertEquals("ea_always|A;ea_replica|R", rows("select tgname, tgenabled from pg_trigger "
                + "where tgrelid = 'ea_t'::regclass order by 1"));
        assertEquals(List.of("N NOTICE 00000 ea_always"), t.run("insert into ea_t values (1)").stream()
                .filter(l -> l.startsWith("N")).toList());
    }
}
