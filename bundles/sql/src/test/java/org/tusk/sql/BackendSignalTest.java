package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.ErrorFields;
import org.tusk.spi.BackendSignals;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SessionInfo;
import org.tusk.spi.SqlException;
import org.tusk.spi.SqlSession;
import org.tusk.sql.catalog.MemoryStorage;
import org.tusk.sql.engine.TuskSqlEngine;

/**
 * pg_cancel_backend and pg_terminate_backend between two sessions on storage, with PostgreSQL 15's
 * results, WARNINGs and errors. The in-memory storage double hands a signal straight to the target's
 * handler; the shared-memory path the real storage takes is tested in the storage bundle
 * (ProcSignalsTest), the whole way with real clients in itests (BackendSignalIT).
 */
class BackendSignalTest {
    private final MemoryStorage memory = new MemoryStorage();
    private final TuskSqlEngine engine = new TuskSqlEngine(memory);
    private final List<SqlSession> sessions = new ArrayList<>();

    private record Backend(SqlSession session, BackendSignals signals) {
    }

    private Backend open(int pid) {
        BackendSignals signals = new BackendSignals();
        SqlSession s = engine.openSession(new SessionInfo("postgres", "postgres", Map.of(), Map.of(), signals, pid));
        sessions.add(s);
        return new Backend(s, signals);
    }

    @AfterEach
    void close() {
        sessions.forEach(SqlSession::close);
    }

    /** What a query string sends: "N severity code message", "D values", "E severity code message". */
    private static List<String> run(SqlSession s, String sql) {
        List<String> out = new ArrayList<>();
        try {
            s.executeSimpleQuery(sql, new ResultSink() {
                @Override
                public void rowDescription(List<ColumnDescription> columns) {
                }

                @Override
                public void dataRow(byte[][] values) {
                    List<String> v = new ArrayList<>();
                    for (byte[] b : values) {
                        v.add(b == null ? "\\N" : new String(b, StandardCharsets.UTF_8));
                    }
                    out.add("D " + String.join("|", v));
                }

                @Override
                public void commandComplete(String tag) {
                }

                @Override
                public void emptyQuery() {
                }

                @Override
                public void notice(ErrorFields n) {
                    out.add("N " + n.severity() + " " + n.sqlState() + " " + n.message());
                }

                @Override
                public void parameterStatus(String name, String value) {
                }
            });
        } catch (SqlException e) {
            out.add("E " + e.fields().severity() + " " + e.sqlState() + " " + e.getMessage());
        }
        return out;
    }

    private static void awaitState(SqlSession watcher, int pid, String state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!run(watcher, "select state from pg_stat_activity where pid = " + pid).equals(List.of("D " + state))) {
            assertTrue(System.nanoTime() < deadline, "backend " + pid + " never became " + state);
            Thread.sleep(5);
        }
    }

    @Test
    void anUnknownPidIsAWarningAndFalse() {
        Backend a = open(801);
        assertEquals(List.of("N WARNING 01000 PID 99999 is not a PostgreSQL backend process", "D f"),
                run(a.session(), "select pg_cancel_backend(99999)"));
        assertEquals(List.of("N WARNING 01000 PID 99999 is not a PostgreSQL backend process", "D f"),
                run(a.session(), "select pg_terminate_backend(99999)"));
        assertEquals(List.of("E ERROR 22003 \"timeout\" must not be negative"),
                run(a.session(), "select pg_terminate_backend(99999, -1)"));
        assertEquals(List.of("D \\N"), run(a.session(), "select pg_cancel_backend(null)"));
    }

    @Test
    void cancelEndsTheOtherSessionsStatementOnly() throws Exception {
        Backend a = open(811);
        Backend b = open(812);
        CompletableFuture<List<String>> sleeping = CompletableFuture.supplyAsync(
                () -> run(b.session(), "select pg_sleep(30)"));
        awaitState(a.session(), 812, "active");
        assertEquals(List.of("D t"), run(a.session(), "select pg_cancel_backend(812)"));
        assertEquals(List.of("E ERROR 57014 canceling statement due to user request"),
                sleeping.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("D 1"), run(b.session(), "select 1"), "the session goes on");
    }

    @Test
    void terminateEndsAnIdleSessionInATransaction() throws Exception {
        Backend a = open(821);
        Backend b = open(822);
        run(b.session(), "begin; select 1");
        assertEquals(List.of("D t"), run(a.session(), "select pg_terminate_backend(822)"));
        assertTrue(b.signals().terminateRequested());
        assertEquals(List.of("E FATAL 57P01 terminating connection due to administrator command"),
                run(b.session(), "select 2"));
    }

    @Test
    void terminateWithATimeoutWaitsUntilTheBackendIsGone() throws Exception {
        Backend a = open(831);
        Backend b = open(832);
        // b's connection closes once it sees the request, as the backend's read loop does.
        CompletableFuture<Void> backend = CompletableFuture.runAsync(() -> {
            while (!b.signals().terminateRequested()) {
                Thread.onSpinWait();
            }
            b.session().close();
        });
        assertEquals(List.of("D t"), run(a.session(), "select pg_terminate_backend(832, 10000)"));
        backend.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("D 0"), run(a.session(), "select count(*) from pg_stat_activity where pid = 832"));
    }

    @Test
    void terminateThatTimesOutWarnsAndIsFalse() {
        Backend a = open(841);
        open(842); // never ends
        assertEquals(List.of("N WARNING 01000 backend with PID 842 did not terminate within 50 milliseconds",
                "D f"), run(a.session(), "select pg_terminate_backend(842, 50)"));
    }

    @Test
    void aBackendSignalingItselfActsOnItAtOnce() {
        Backend a = open(851);
        assertEquals(List.of("E ERROR 57014 canceling statement due to user request"),
                run(a.session(), "select pg_cancel_backend(pg_backend_pid())"));
        assertEquals(List.of("E FATAL 57P01 terminating connection due to administrator command"),
                run(a.session(), "select pg_terminate_backend(pg_backend_pid())"));
    }
}
