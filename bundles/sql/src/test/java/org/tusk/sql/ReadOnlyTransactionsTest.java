package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Read-only transactions on the real storage: what they refuse with PostgreSQL's 25006, what they still
 * allow (reads, temporary tables, ANALYZE), and a prepared statement planned in a read-write transaction
 * and run in a read-only one (the check is made when a command runs, not when it is planned).
 */
class ReadOnlyTransactionsTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();

    private static List<String> refused(String command) {
        return List.of("E ERROR 25006 cannot execute " + command + " in a read-only transaction @-", "Z E");
    }

    @Test
    void refusesWritesToPermanentRelationsOnly() {
        Transcript t = cluster.session();
        t.run("create table rot (a int); insert into rot values (1); create sequence ros;"
                + " create temp table rotmp (a int)");
        t.run("begin read only");
        assertEquals(refused("INSERT"), t.run("insert into rot values (2)"));
        t.run("rollback; begin read only");
        assertEquals(refused("UPDATE"), t.run("update rot set a = 3"));
        t.run("rollback; begin read only");
        assertEquals(refused("DELETE"), t.run("delete from rot"));
        t.run("rollback; begin read only");
        assertEquals(refused("COPY FROM"), t.run("copy rot from stdin"));
        t.run("rollback; begin read only");
        // the row description goes out before the function runs, as from PostgreSQL
        assertEquals(List.of("T nextval:20:8:-1", refused("nextval()").get(0), "Z E"), t.run("select nextval('ros')"));
        t.run("rollback; begin read only");
        assertEquals(refused("CREATE TABLE"), t.run("create table rot2 (a int)"));
        t.run("rollback; begin read only");
        assertEquals(refused("SELECT FOR UPDATE"), t.run("select * from rot for update"));
        t.run("rollback; begin read only");
        assertEquals(List.of("C INSERT 0 1", "Z T"), t.run("insert into rotmp values (1)"));
        assertEquals("1", t.rowsOf("select * from rot"));
        assertEquals(List.of("C ANALYZE", "Z T"), t.run("analyze rot"));
        t.run("commit");
        assertEquals("1", t.rowsOf("select count(*) from rotmp"));
    }

    @Test
    void aPreparedInsertIsCheckedWhereItRuns() {
        Transcript t = cluster.session();
        t.run("create table rop (a int); prepare ins(int) as insert into rop values ($1)");
        assertEquals(List.of("C INSERT 0 1", "Z I"), t.run("execute ins(1)"));
        t.run("set default_transaction_read_only = on");
        assertEquals(List.of("E ERROR 25006 cannot execute INSERT in a read-only transaction @-", "Z I"),
                t.run("execute ins(2)"));
        t.run("begin; set transaction read write");
        assertEquals(List.of("C INSERT 0 1", "Z T"), t.run("execute ins(3)"));
        t.run("commit; set default_transaction_read_only = off");
        assertEquals("1;3", t.rowsOf("select a from rop order by a"));
    }

    @Test
    void readWriteMustBeChosenBeforeTheFirstQuery() {
        Transcript t = cluster.session();
        t.run("begin read only");
        t.run("select 1");
        assertEquals(List.of("E ERROR 25001 transaction read-write mode must be set before any query @-", "Z E"),
                t.run("set transaction read write"));
        t.run("rollback");
    }
}
