package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tusk.spi.SessionInfo;
import org.tusk.spi.SqlException;
import org.tusk.sql.catalog.MemoryStorage;
import org.tusk.sql.engine.TuskSqlEngine;
import org.tusk.storage.access.AccessException;
import org.tusk.storage.access.StorageAccess;
import org.tusk.storage.access.StorageSession;

/**
 * How a session drives its storage session: which transaction calls the transaction block makes, in
 * which order, with which isolation and settings. The storage session here records the calls and
 * passes them on to an in-memory storage (the storage engine's own behaviour is tested in the
 * storage bundle).
 */
class SessionStorageTest {
    /** The calls most expectations are about (reading catalogs, passing settings on are left out). */
    private static final Set<String> TRANSACTION = Set.of("openSession", "begin", "startStatement", "commit",
            "abort", "savepoint", "releaseSavepoint", "rollbackToSavepoint", "close");
    private final MemoryStorage memory = new MemoryStorage();

    private final List<String> calls = new ArrayList<>();
    /** A call that fails, as "method" -> SQLSTATE. */
    private String failing;
    private String failingState;

    private final StorageAccess access = this::open;

    private StorageSession open(int pid) {
        calls.add("openSession[" + pid + "]");
        StorageSession real = memory.openSession(pid);
        return (StorageSession) Proxy.newProxyInstance(
            StorageSession.class.getClassLoader(), new Class<?>[] {StorageSession.class}, (proxy, method, args) -> {
                String call = method.getName() + (args == null ? "" : Arrays.toString(args));
                calls.add(call);
                if (method.getName().equals(failing)) {
                    throw new AccessException(failingState, "failed: " + method.getName(), "the detail", null);
                }
                try {
                    return method.invoke(real, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }

    private Transcript transcript() {
        return new Transcript(new TuskSqlEngine(access), "postgres");
    }

    /** The recorded calls since the last look, without the settings passed on. */
    private List<String> calls() {
        List<String> out = calls.stream().filter(c -> TRANSACTION.contains(c.replaceFirst("\\[.*", ""))).toList();
        calls.clear();
        return out;
    }

    @Test
    void eachQueryStringIsOneTransaction() {
        Transcript t = transcript();
        calls.clear();
        t.run("select 1; select 2");
        assertEquals(List.of("begin[READ_COMMITTED]", "startStatement", "startStatement", "commit"), calls());
        // Settings and transaction control take no snapshot and begin nothing.
        t.run("set extra_float_digits = 2; show extra_float_digits");
        assertEquals(List.of(), calls());
    }

    @Test
    void transactionBlocks() {
        Transcript t = transcript();
        calls.clear();
        t.run("begin isolation level repeatable read");
        assertEquals(List.of(), calls());
        t.run("select 1");
        t.run("select 2");
        t.run("commit");
        assertEquals(List.of("begin[REPEATABLE_READ]", "startStatement", "startStatement", "commit"), calls());
        t.run("begin; set transaction isolation level serializable; select 1; rollback");
        assertEquals(List.of("begin[SERIALIZABLE]", "startStatement", "abort"), calls());
        t.run("set default_transaction_isolation = 'repeatable read'");
        t.run("select 1");
        assertEquals(List.of("begin[REPEATABLE_READ]", "startStatement", "commit"), calls());
    }

    @Test
    void isolationIsFixedByTheFirstSnapshot() {
        Transcript t = transcript();
        t.run("begin");
        t.run("select 1");
        assertEquals(List.of("E ERROR 25001 SET TRANSACTION ISOLATION LEVEL must be called before any query @-",
                "Z E"), t.run("set transaction isolation level repeatable read"));
        // Setting the level it already has is allowed, as in PostgreSQL.
        t.run("rollback; begin; select 1");
        assertEquals(List.of("C SET", "Z T"), t.run("set transaction_isolation = 'read committed'"));
        t.run("rollback");
    }

    @Test
    void errorsAbortTheStorageTransaction() {
        Transcript t = transcript();
        calls.clear();
        t.run("select 1; select 1/0");
        assertEquals(List.of("begin[READ_COMMITTED]", "startStatement", "startStatement", "abort"), calls());
        t.run("begin; select 1");
        calls.clear();
        t.run("select 1/0");
        assertEquals(List.of("startStatement", "abort"), calls());
        assertEquals(List.of("C ROLLBACK", "Z I"), t.run("commit"));
        assertEquals(List.of(), calls());
    }

    @Test
    void savepointsAreSubtransactions() {
        Transcript t = transcript();
        calls.clear();
        t.run("begin; savepoint a; select 1");
        t.run("select 1/0");
        assertEquals(List.of("begin[READ_COMMITTED]", "savepoint[a]", "startStatement", "startStatement"), calls());
        assertEquals(List.of("C ROLLBACK", "Z T"), t.run("rollback to a"));
        t.run("release a; commit");
        assertEquals(List.of("rollbackToSavepoint[a]", "releaseSavepoint[a]", "commit"), calls());
    }

    @Test
    void settingsArePassedOn() {
        Transcript t = transcript();
        calls.clear();
        t.run("set synchronous_commit = off; set deadlock_timeout = '250ms'; select 1");
        assertTrue(calls.contains("setDeadlockTimeout[PT0.25S]"), calls.toString());
        assertTrue(calls.contains("setSynchronousCommit[false]"), calls.toString());
        calls.clear();
        t.run("begin; set local synchronous_commit = on; select 1; commit");
        assertTrue(calls.contains("setSynchronousCommit[true]"), calls.toString());
    }

    @Test
    void storageErrorsReachTheClientAsTheyAre() {
        Transcript t = transcript();
        failing = "startStatement";
        failingState = "40001";
        assertEquals(List.of("E ERROR 40001 failed: startStatement @- D the detail", "Z I"), t.run("select 1"));
        failing = "commit";
        assertEquals(List.of("T ?column?:23:4:-1", "D 1", "C SELECT 1", "E ERROR 40001 failed: commit @- D the detail",
                "Z I"), t.run("select 1"));
        failing = null;
        calls.clear();
        assertEquals("D 1", t.run("select 1").get(1));
        assertEquals(List.of("begin[READ_COMMITTED]", "startStatement", "commit"), calls());
    }

    @Test
    void theSessionOwnsItsStorageSession() throws Exception {
        var session = new TuskSqlEngine(access).openSession(new SessionInfo("u", "postgres", Map.of(), Map.of(), null,
                4711));
        List<String> seen = calls();
        assertEquals("openSession[4711]", seen.getFirst());
        // Connecting bootstraps the catalogs and reads pg_database, each in a transaction of its own.
        assertEquals("commit", seen.getLast());
        session.executeSimpleQuery("begin; select 1", new Transcript());
        calls.clear();
        session.close();
        assertEquals(List.of("close"), calls());
    }

    @Test
    void unknownDatabaseIsFatalAndFreesTheStorageSession() {
        calls.clear();
        SqlException e = assertThrows(SqlException.class, () -> new TuskSqlEngine(access).openSession(
                new SessionInfo("u", "nosuch", Map.of(), Map.of(), null)));
        assertEquals("FATAL", e.fields().severity());
        assertEquals("3D000", e.sqlState());
        assertEquals("database \"nosuch\" does not exist", e.getMessage());
        List<String> seen = calls();
        assertEquals("openSession[0]", seen.getFirst());
        assertEquals("close", seen.getLast());
    }

    @Test
    void noRoomForAnotherBackendIsFatal() {
        StorageAccess full = pid -> {
            throw new AccessException("53300", "sorry, too many clients already");
        };
        SqlException e = assertThrows(SqlException.class, () -> new TuskSqlEngine(full).openSession(
                new SessionInfo("u", "postgres", Map.of(), Map.of(), null)));
        assertEquals("FATAL", e.fields().severity());
        assertEquals("53300", e.sqlState());
    }
}
