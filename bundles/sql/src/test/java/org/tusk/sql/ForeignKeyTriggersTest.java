package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A foreign key's internal triggers, as PostgreSQL 15 keeps them (the expected values were taken from it): four
 * pg_trigger rows per key, ALTER TABLE ... DISABLE TRIGGER ALL switching the key's checks (on the referencing
 * table) and actions (on the referenced one) off until ENABLE TRIGGER ALL, USER leaving them alone, only a
 * superuser touching them, and the rows going with the key.
 */
class ForeignKeyTriggersTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();
    private final Transcript t = cluster.session();

    @Test
    void aForeignKeyHasPostgresInternalTriggers() {
        t.run("create table fkt_a (id int primary key)");
        t.run("create table fkt_b (id int, aid int references fkt_a on delete cascade deferrable)");
        assertEquals("fkt_a|a|1646|9|fkt_b|fkt_a_pkey|f|O|t;fkt_a|a|1655|17|fkt_b|fkt_a_pkey|t|O|t;"
                + "fkt_b|c|1644|5|fkt_a|fkt_a_pkey|t|O|t;fkt_b|c|1645|17|fkt_a|fkt_a_pkey|t|O|t",
                t.rowsOf("select tgrelid::regclass, substr(tgname, 22, 1), tgfoid::int, tgtype, tgconstrrelid::regclass,"
                        + " tgconstrindid::regclass, tgdeferrable, tgenabled, tgname = 'RI_ConstraintTrigger_'"
                        + " || substr(tgname, 22, 1) || '_' || oid from pg_trigger where tgconstraint ="
                        + " (select oid from pg_constraint where conname = 'fkt_b_aid_fkey') order by oid"));
        assertEquals("CREATE CONSTRAINT TRIGGER \"RI_ConstraintTrigger_c_X\" AFTER INSERT ON public.fkt_b FROM fkt_a"
                + " DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION \"RI_FKey_check_ins\"()",
                t.rowsOf("select regexp_replace(pg_get_triggerdef(oid), '_c_[0-9]+', '_c_X') from pg_trigger"
                        + " where tgrelid = 'fkt_b'::regclass and tgtype = 5"));
        t.run("alter table fkt_b drop constraint fkt_b_aid_fkey");
        assertEquals("0", t.rowsOf("select count(*) from pg_trigger where tgrelid in ('fkt_a'::regclass,"
                + " 'fkt_b'::regclass)"));
        t.run("alter table fkt_b add foreign key (aid) references fkt_a");
        t.run("drop table fkt_a cascade");
        assertEquals("0", t.rowsOf("select count(*) from pg_trigger where tgrelid = 'fkt_b'::regclass"));
        t.run("drop table fkt_b");
    }

    @Test
    void disableTriggerAllSwitchesTheKeysOff() {
        t.run("create table fkd_a (id int primary key)");
        t.run("create table fkd_b (id int, aid int references fkd_a on delete cascade)");
        t.run("alter table fkd_b disable trigger all");
        // A data-only restore: the referencing rows come first.
        assertEquals("", t.rowsOf("insert into fkd_b values (1, 1), (2, 99)"));
        assertEquals("D|D", t.rowsOf("select string_agg(tgenabled::text, '|') from pg_trigger"
                + " where tgrelid = 'fkd_b'::regclass"));
        t.run("alter table fkd_b enable trigger all");
        assertEquals("E ERROR 23503 insert or update on table \"fkd_b\" violates foreign key constraint \"fkd_b_aid_fkey\""
                + " @- D Key (aid)=(98) is not present in table \"fkd_a\".", t.rowsOf("insert into fkd_b values (3, 98)"));
        t.run("insert into fkd_a values (1)");
        // The referenced side: no cascade while its triggers are off.
        t.run("alter table fkd_a disable trigger all");
        t.run("delete from fkd_a");
        assertEquals("2", t.rowsOf("select count(*) from fkd_b"));
        t.run("alter table fkd_a enable trigger all");
        t.run("insert into fkd_a values (1)");
        t.run("delete from fkd_a");
        assertEquals("99", t.rowsOf("select string_agg(aid::text, ',') from fkd_b"));
        // USER leaves the internal triggers on; a rolled-back DISABLE too.
        t.run("alter table fkd_b disable trigger user");
        assertEquals("E ERROR 23503 insert or update on table \"fkd_b\" violates foreign key constraint \"fkd_b_aid_fkey\""
                + " @- D Key (aid)=(5) is not present in table \"fkd_a\".", t.rowsOf("insert into fkd_b values (4, 5)"));
        t.run("begin");
        t.run("alter table fkd_b disable trigger all");
        t.run("rollback");
        assertEquals("O|O", t.rowsOf("select string_agg(tgenabled::text, '|') from pg_trigger"
                + " where tgrelid = 'fkd_b'::regclass"));
        t.run("drop table fkd_b, fkd_a");
    }

    @Test
    void onlyASuperuserDisablesSystemTriggers() {
        t.run("create role fks_owner");
        t.run("create table fks_a (id int primary key)");
        t.run("create table fks_b (aid int references fks_a)");
        t.run("alter table fks_a owner to fks_owner");
        t.run("alter table fks_b owner to fks_owner");
        t.run("set role fks_owner");
        String first = t.rowsOf("select min(tgname) from pg_trigger where tgrelid = 'fks_b'::regclass");
        assertEquals("E ERROR 42501 permission denied: \"" + first + "\" is a system trigger @-",
                t.rowsOf("alter table fks_b disable trigger all"));
        assertEquals("", t.rowsOf("alter table fks_b disable trigger user"));
        t.run("reset role");
        t.run("drop table fks_b, fks_a");
        t.run("drop role fks_owner");
    }
}
