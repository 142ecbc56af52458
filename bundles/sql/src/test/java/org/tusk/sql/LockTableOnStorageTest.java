package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LOCK TABLE between two sessions on the real storage engine: modes, NOWAIT, and where LOCK may run. */
class LockTableOnStorageTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();


    @Test
    void locksConflictAsPostgresqlsTableSays() {
        Transcript a = cluster.transcript();
        Transcript b = cluster.transcript();
        a.run("create table t (x int)");
        a.run("create sequence s");
        assertEquals(List.of("E ERROR 25P01 LOCK TABLE can only be used in transaction blocks @-", "Z I"),
                a.run("lock t"));
        // an implicit block of several statements is a transaction block, as in PostgreSQL
        assertEquals(List.of("C LOCK TABLE", "T x:23:4:-1", "C SELECT 0", "Z I"), a.run("lock t; select * from t"));
        a.run("begin");
        assertEquals(List.of("C LOCK TABLE", "Z T"), a.run("lock table t in row exclusive mode"));
        b.run("begin");
        // ROW EXCLUSIVE and ACCESS SHARE (or ROW EXCLUSIVE) do not conflict; SHARE does
        assertEquals(List.of("C LOCK TABLE", "Z T"), b.run("lock t in access share mode nowait"));
        assertEquals(List.of("C LOCK TABLE", "Z T"), b.run("lock t in row exclusive mode nowait"));
        assertEquals(List.of("E ERROR 55P03 could not obtain lock on relation \"t\" @-", "Z E"),
                b.run("lock only t in share mode nowait"));
        b.run("rollback");
        a.run("commit");
        // once the holder's transaction ended, the lock is free
        b.run("begin");
        assertEquals(List.of("C LOCK TABLE", "Z T"), b.run("lock t nowait"));
        a.run("begin");
        assertEquals(List.of("E ERROR 55P03 could not obtain lock on relation \"t\" @-", "Z E"),
                a.run("lock t in access share mode nowait"));
        a.run("rollback");
        b.run("commit");
        b.run("begin");
        assertEquals(List.of("E ERROR 42809 cannot lock relation \"s\" @- D This operation is not supported for "
                + "sequences.", "Z E"), b.run("lock s"));
        b.run("rollback");
        b.run("begin");
        assertEquals(List.of("E ERROR 42P01 relation \"nosuch\" does not exist @6", "Z E"), b.run("lock nosuch"));
        b.run("rollback");
        assertEquals(List.of("E ERROR 42601 syntax error at or near \"row\" @21", "Z I"),
                b.run("lock t in exclusive row mode"));
        assertEquals(List.of("E ERROR 42601 syntax error at or near \"mode\" @15", "Z I"), b.run("lock t in row mode"));
    }
}
