package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DEFERRABLE constraints on storage: the catalog attributes, SET CONSTRAINTS, deferred foreign-key and
 * unique checks at COMMIT (the error is COMMIT's reply and the transaction is gone), ROLLBACK TO dropping
 * what was queued after the savepoint, and a DEFERRABLE INITIALLY IMMEDIATE unique key checked at the
 * statement's end.
 */
class DeferredConstraintsTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();
    private Transcript t;

    @BeforeEach
    void session() {
        t = cluster.transcript();
    }

    /** A failed assertion must not leave a transaction (and its locks) open for the next test. */
    @AfterEach
    void end() {
        t.session.close();
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

    private List<String> messages(String sql) {
        return t.run(sql).stream().filter(l -> l.startsWith("N ") || l.startsWith("E ") || l.startsWith("C "))
                .toList();
    }

    @Test
    void catalogAttributes() {
        t.run("create table ca_p(id int primary key, u int unique deferrable initially deferred, w int unique "
                + "deferrable)");
        t.run("create table ca_c(p int references ca_p deferrable initially deferred, q int references ca_p)");
        assertEquals("ca_c_p_fkey|t|t;ca_c_q_fkey|f|f;ca_p_pkey|f|f;ca_p_u_key|t|t;ca_p_w_key|t|f", rows(
                "select conname, condeferrable, condeferred from pg_constraint where conname like 'ca\\_%' "
                        + "order by 1"));
        assertEquals("ca_p_pkey|t;ca_p_u_key|f;ca_p_w_key|f", rows("select c.relname, indimmediate from pg_index i join pg_class c"
                + " on c.oid = i.indexrelid where c.relname like 'ca\\_p%' order by 1"));
        assertEquals("FOREIGN KEY (p) REFERENCES ca_p(id) DEFERRABLE INITIALLY DEFERRED", rows(
                "select pg_get_constraintdef(oid) from pg_constraint where conname = 'ca_c_p_fkey'"));
        t.run("alter table ca_c alter constraint ca_c_q_fkey deferrable initially deferred");
        assertEquals("t|t", rows("select condeferrable, condeferred from pg_constraint where conname = 'ca_c_q_fkey'"));
        assertEquals("E ERROR 42809 constraint \"ca_p_pkey\" of relation \"ca_p\" is not a foreign key constraint",
                rows("alter table ca_p alter constraint ca_p_pkey not deferrable"));
        assertEquals("E ERROR 55000 cannot use a deferrable unique constraint for referenced table \"ca_p\"",
                rows("create table ca_x(p int references ca_p(u))"));
        t.run("create table ca_q(id int primary key deferrable)");
        assertEquals("E ERROR 55000 cannot use a deferrable primary key for referenced table \"ca_q\"",
                rows("create table ca_x(p int references ca_q)"));
        assertEquals("E ERROR 42601 misplaced DEFERRABLE clause @34",
                rows("create table ca_y(a int not null deferrable)"));
        assertEquals("E ERROR 42601 constraint declared INITIALLY DEFERRED must be DEFERRABLE @47",
                rows("create table ca_y(a int unique not deferrable initially deferred)"));
    }

    @Test
    void deferredForeignKeyFailsAtCommit() {
        t.run("create table fk_p(id int primary key)");
        t.run("create table fk_c(p int references fk_p deferrable initially deferred)");
        t.run("begin");
        assertEquals(List.of("C INSERT 0 1"), messages("insert into fk_c values (1)"));
        t.run("insert into fk_p values (1)");
        assertEquals(List.of("C COMMIT"), messages("commit"));
        t.run("begin");
        t.run("insert into fk_c values (2)");
        List<String> commit = messages("commit");
        assertEquals(1, commit.size());
        assertEquals("E ERROR 23503 insert or update on table \"fk_c\" violates foreign key constraint \"fk_c_p_fkey\""
                + " @- D Key (p)=(2) is not present in table \"fk_p\".", commit.getFirst());
        assertEquals("1", rows("select p from fk_c"));
        // A row deleted before commit needs no check.
        t.run("begin");
        t.run("insert into fk_c values (3)");
        t.run("delete from fk_c where p = 3");
        assertEquals(List.of("C COMMIT"), messages("commit"));
        // Deleting a referenced key: NO ACTION waits for commit, a re-inserted key satisfies it.
        t.run("begin");
        t.run("delete from fk_p where id = 1");
        t.run("insert into fk_p values (1)");
        assertEquals(List.of("C COMMIT"), messages("commit"));
        t.run("begin");
        assertEquals(List.of("C DELETE 1"), messages("delete from fk_p where id = 1"));
        assertEquals("E ERROR 23503 update or delete on table \"fk_p\" violates foreign key constraint "
                + "\"fk_c_p_fkey\" on table \"fk_c\" @- D Key (id)=(1) is still referenced from table \"fk_c\".",
                messages("commit").getFirst());
        assertEquals("1", rows("select id from fk_p"));
    }

    @Test
    void setConstraints() {
        t.run("create table sc_p(id int primary key)");
        t.run("create table sc_c(p int constraint sc_fk references sc_p deferrable, q int constraint sc_nd references sc_p)");
        assertEquals(List.of("N WARNING 25P01 SET CONSTRAINTS can only be used in transaction blocks",
                "C SET CONSTRAINTS"), messages("set constraints all deferred"));
        t.run("begin");
        assertEquals("E ERROR 55000 constraint \"sc_nd\" is not deferrable", rows("set constraints sc_nd deferred"));
        t.run("rollback");
        t.run("begin");
        assertEquals("E ERROR 42704 constraint \"nope\" does not exist", rows("set constraints nope deferred"));
        t.run("rollback");
        // Initially immediate: checked at the statement's end.
        t.run("begin");
        assertEquals("E ERROR 23503 insert or update on table \"sc_c\" violates foreign key constraint \"sc_fk\""
                + " @- D Key (p)=(1) is not present in table \"sc_p\".", rows("insert into sc_c values (1, null)"));
        t.run("rollback");
        t.run("begin");
        assertEquals(List.of("C SET CONSTRAINTS"), messages("set constraints sc_fk deferred"));
        assertEquals(List.of("C INSERT 0 1"), messages("insert into sc_c values (1, null)"));
        // IMMEDIATE checks what is pending at once.
        assertEquals("E ERROR 23503 insert or update on table \"sc_c\" violates foreign key constraint \"sc_fk\""
                + " @- D Key (p)=(1) is not present in table \"sc_p\".", rows("set constraints all immediate"));
        t.run("rollback");
        // ROLLBACK TO drops the checks queued after the savepoint.
        t.run("begin");
        t.run("set constraints all deferred");
        t.run("savepoint s");
        t.run("insert into sc_c values (5, null)");
        t.run("rollback to s");
        assertEquals(List.of("C COMMIT"), messages("commit"));
        assertEquals("0", rows("select count(*) from sc_c"));
    }

    @Test
    void deferrableUniqueKeys() {
        t.run("create table uq(id int primary key deferrable, v text)");
        t.run("insert into uq select g, 'x' from generate_series(1, 5) g");
        // Checked at the end of the statement, not row by row.
        assertEquals(List.of("C UPDATE 5"), messages("update uq set id = id + 1"));
        assertEquals("2;3;4;5;6", rows("select id from uq order by id"));
        assertEquals("E ERROR 23505 duplicate key value violates unique constraint \"uq_pkey\" @- D Key (id)=(2) "
                + "already exists.", rows("insert into uq values (2, 'dup')"));
        t.run("begin");
        t.run("set constraints uq_pkey deferred");
        assertEquals(List.of("C INSERT 0 1"), messages("insert into uq values (2, 'dup')"));
        t.run("delete from uq where v = 'dup'");
        assertEquals(List.of("C COMMIT"), messages("commit"));
        t.run("begin");
        t.run("set constraints uq_pkey deferred");
        t.run("insert into uq values (3, 'dup')");
        assertEquals("E ERROR 23505 duplicate key value violates unique constraint \"uq_pkey\" @- D Key (id)=(3) "
                + "already exists.", messages("commit").getFirst());
        assertEquals("5", rows("select count(*) from uq"));
    }

    @Test
    void constraintTriggers() {
        t.run("create table ct(a int)");
        t.run("create table ct_ref(a int)");
        t.run("""
                create function ct_f() returns trigger language plpgsql as $$ begin
                raise notice '% % % new=%', tg_name, tg_when, tg_level, new.a; return null; end $$""");
        t.run("create constraint trigger ct_d after insert on ct from ct_ref deferrable initially deferred "
                + "for each row execute function ct_f()");
        t.run("create constraint trigger ct_i after insert on ct for each row execute function ct_f()");
        assertEquals("ct_d|t|t|t;ct_i|t|f|f", rows("select tgname, tgconstraint <> 0, tgdeferrable, tginitdeferred"
                + " from pg_trigger where tgname like 'ct\\_%' order by 1"));
        assertEquals("ct_d|t|t|t;ct_i|t|f|f", rows("select conname, contype = 't', condeferrable, condeferred"
                + " from pg_constraint where conname like 'ct\\_%' order by 1"));
        assertEquals("CREATE CONSTRAINT TRIGGER ct_d AFTER INSERT ON public.ct FROM ct_ref DEFERRABLE INITIALLY "
                + "DEFERRED FOR EACH ROW EXECUTE FUNCTION ct_f()", rows("select pg_get_triggerdef(oid) from "
                        + "pg_trigger where tgname = 'ct_d'"));
        t.run("begin");
        assertEquals(List.of("N NOTICE 00000 ct_i AFTER ROW new=1", "C INSERT 0 1"),
                messages("insert into ct values (1)"));
        assertEquals(List.of("N NOTICE 00000 ct_d AFTER ROW new=1", "C COMMIT"), messages("commit"));
        t.run("begin");
        t.run("set constraints ct_d immediate");
        assertEquals(List.of("N NOTICE 00000 ct_d AFTER ROW new=2", "N NOTICE 00000 ct_i AFTER ROW new=2",
                "C INSERT 0 1"), messages("insert into ct values (2)"));
        t.run("commit");
        assertEquals("E ERROR 0A000 CREATE OR REPLACE CONSTRAINT TRIGGER is not supported", rows(
                "create or replace constraint trigger ct_i after insert on ct for each row execute function ct_f()"));
        t.run("drop trigger ct_d on ct");
        assertEquals("ct_i", rows("select conname from pg_constraint where conname like 'ct\\_%'"));
    }
}
