package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * pg_stat_activity as sessions see each other: the state and query text another session reported at
 * its statements' starts and ends (simple and extended protocol), its transaction's start, and the
 * entry gone when it closes. The storage is the in-memory double, whose status entries stand in for
 * the shared-memory slots (tested in the storage bundle, BackendStatusAreaTest).
 */
class ActivityOnStorageTest {
    private final MemoryStorage memory = new MemoryStorage();
    private final TuskSqlEngine engine = new TuskSqlEngine(memory);

    private SqlSession open(int pid, String applicationName) {
        return engine.openSession(new SessionInfo("postgres", "postgres", Map.of("application_name", applicationName),
                Map.of(), new BackendSignals(), pid));
    }

    /** The rows of a query, each row's values joined by '|' (NULL as \N). */
    private static List<String> rows(SqlSession s, String sql) {
        List<String> out = new ArrayList<>();
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
                out.add(String.join("|", v));
            }

            @Override
            public void commandComplete(String tag) {
            }

            @Override
            public void emptyQuery() {
            }

            @Override
            public void notice(ErrorFields notice) {
            }

            @Override
            public void parameterStatus(String name, String value) {
            }
        });
        return out;
    }

    private static final String OTHERS = "select pid, state, query, usename, application_name, datname, backend_type,"
            + " xact_start is not null, query_start <= state_change from pg_stat_activity"
            + " where pid <> pg_backend_pid() order by pid";

    @Test
    void aSessionSeesAnothersStateAndQuery() {
        SqlSession worker = open(501, "worker");
        SqlSession watcher = open(502, "watcher");
        rows(worker, "begin; select 1");
        assertEquals(List.of("501|idle in transaction|begin; select 1|postgres|worker|postgres|client backend|t|t"),
                rows(watcher, OTHERS));

        assertThrows(SqlException.class, () -> rows(worker, "select 1/0"));
        assertEquals(List.of("501|idle in transaction (aborted)|select 1/0|postgres|worker|postgres|client backend|t|t"),
                rows(watcher, OTHERS));

        rows(worker, "rollback");
        assertEquals(List.of("501|idle|rollback|postgres|worker|postgres|client backend|f|t"), rows(watcher, OTHERS));

        // The watcher sees itself running the query that reads the view.
        assertEquals(List.of("502|active|watcher|t"), rows(watcher,
                "select pid, state, application_name, query like 'select pid, state%' from pg_stat_activity"
                        + " where pid = pg_backend_pid()"));
        assertEquals(List.of("501|10"), rows(watcher, "select pid, usesysid from pg_stat_get_activity(501)"));

        worker.close();
        assertEquals(List.of(), rows(watcher, OTHERS));
        watcher.close();
    }

    @Test
    void theExtendedProtocolShowsThePreparedText() {
        SqlSession worker = open(601, "x");
        SqlSession watcher = open(602, "y");
        ResultSink ignore = new org.tusk.sql.dml.DiscardingSink(notice -> {
        });
        worker.prepare("s1", "select $1::int + 1", new int[0]);
        worker.bind("", "s1", List.of("41"));
        // Between Execute and Sync the worker is still active, as in PostgreSQL.
        worker.execute("", 0, ignore);
        assertEquals(List.of("601|active|select $1::int + 1|postgres|x|postgres|client backend|t|t"),
                rows(watcher, OTHERS));
        worker.sync(ignore);
        assertEquals(List.of("601|idle|select $1::int + 1|postgres|x|postgres|client backend|f|t"),
                rows(watcher, OTHERS));
        worker.close();
        watcher.close();
    }
}
