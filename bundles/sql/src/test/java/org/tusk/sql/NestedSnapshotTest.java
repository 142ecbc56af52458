package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a statement and the functions and triggers it runs see of each other's changes, on storage, as in
 * PostgreSQL 15: a function's SQL sees the statement's rows so far, the statement never sees what the
 * function wrote (func.NestedSnapshot), and the AFTER triggers of the parts of a statement with
 * data-modifying WITH queries fire once the whole statement has run, seeing every part's rows
 * (dml.SharedCommand). The regression file with_triggers has more cases with PostgreSQL's output.
 */
class NestedSnapshotTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();

    @Test
    void theStatementDoesNotSeeWhatItsFunctionsWrote() {
        cluster.run("create table ns_t(x int); create table ns_log(x int); insert into ns_t values (1), (2), (3)");
        cluster.run("create function ns_add(i int) returns bigint language plpgsql as $$ begin "
                + "insert into ns_log values (i); return (select count(*) from ns_log); end $$");
        // The function sees each of its earlier calls' rows; the query's own subquery sees none of them.
        assertEquals("1|0;2|0;3|0", cluster.rows(
                "select ns_add(x), (select count(*) from ns_log) from ns_t order by x"));
        assertEquals("0", cluster.rows("with a as (insert into ns_t values (ns_add(-1)) returning x) "
                + "select (select count(*) from ns_log where x = -1) from a"));
        assertEquals("4", cluster.rows("select count(*) from ns_log"));
    }

    @Test
    void aBeforeRowTriggerSeesTheRowsInsertedBeforeIt() {
        cluster.run("create table nb_t(x int)");
        cluster.run("create function nb_count() returns trigger language plpgsql as $$ begin "
                + "new.x := new.x * 100 + (select count(*) from nb_t); return new; end $$");
        cluster.run("create trigger nb_br before insert on nb_t for each row execute function nb_count()");
        cluster.run("insert into nb_t values (1), (2), (3)");
        assertEquals("100;201;302", cluster.rows("select x from nb_t order by x"));
    }

    @Test
    void afterTriggersOfWithPartsSeeTheWholeStatement() {
        cluster.run("create table na_a(x int); create table na_b(x int); create table na_seen(a bigint, b bigint)");
        cluster.run("create function na_seen() returns trigger language plpgsql as $$ begin "
                + "insert into na_seen select (select count(*) from na_a), (select count(*) from na_b); "
                + "return null; end $$");
        cluster.run("create trigger na_ar after insert on na_a for each row execute function na_seen()");
        cluster.run("create trigger na_as after insert on na_a for each statement execute function na_seen()");
        assertEquals(List.of("C INSERT 0 2", "Z I"), cluster.run(
                "with i as (insert into na_a values (1), (2) returning x) insert into na_b select x from i"));
        assertEquals("2|2;2|2;2|2", cluster.rows("select a, b from na_seen"));
    }
}
