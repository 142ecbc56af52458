package org.tusk.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.ErrorFields;
import org.tusk.spi.BackendSignals;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SessionInfo;
import org.tusk.sql.engine.TuskSqlEngine;
import org.tusk.storage.cluster.SharedStorageService;

/**
 * What a prepared statement costs per Bind/Execute (pgbench -M prepared's path): the plan is made once
 * and reused by every later Bind and Execute, and a portal that is run to completion in one Execute
 * sends its rows straight to the client instead of keeping them in a tuple store.
 */
class PortalExecutionTest {
    @TempDir
    Path dir;
    private SharedStorageService storage;
    private Session session;
    private final Client client = new Client();

    /** The messages an Execute produced, one line each, as the client would see them. */
    private static final class Client implements ResultSink {
        final List<String> lines = new ArrayList<>();

        @Override
        public void rowDescription(List<ColumnDescription> columns) {
            lines.add("T");
        }

        @Override
        public void dataRow(byte[][] values) {
            List<String> parts = new ArrayList<>();
            for (byte[] v : values) {
                parts.add(v == null ? "\\N" : new String(v, StandardCharsets.UTF_8));
            }
            lines.add("D " + String.join("|", parts));
        }

        @Override
        public void commandComplete(String tag) {
            lines.add("C " + tag);
        }

        @Override
        public void emptyQuery() {
            lines.add("I");
        }

        @Override
        public void notice(ErrorFields notice) {
            lines.add("N " + notice.message());
        }

        @Override
        public void parameterStatus(String name, String value) {
            // the settings reported at Sync are not what these tests are about
        }

        List<String> take() {
            List<String> out = List.copyOf(lines);
            lines.clear();
            return out;
        }
    }

    @BeforeEach
    void start() {
        storage = new SharedStorageService();
        storage.start(dir, Map.of("shared_buffers", "16MB", "max_connections", "10"));
        TuskSqlEngine engine = new TuskSqlEngine(storage);
        session = (Session) engine.openSession(new SessionInfo("postgres", "postgres", Map.of(), Map.of(),
                new BackendSignals()));
        session.executeSimpleQuery("create table acc (id int primary key, balance int)", client);
        session.executeSimpleQuery("insert into acc select g, 0 from generate_series(1, 20) g", client);
        client.take();
    }

    @AfterEach
    void stop() {
        session.close();
        storage.stop();
    }

    /** Bind, Execute without a row limit and Sync, as pgbench sends each statement. */
    private List<String> run(String statement, String... values) {
        session.bind("", statement, Arrays.asList(values));
        assertFalse(session.execute("", 0, client), "an Execute without a row limit is never suspended");
        session.sync(client);
        return client.take();
    }

    @Test
    void aStatementBoundTenTimesIsPlannedOnce() {
        session.prepare("sel", "select balance from acc where id = $1", new int[0]);
        session.prepare("upd", "update acc set balance = balance + $1 where id = $2", new int[0]);
        long plannedBefore = session.planCache().stored();
        long reusedBefore = session.planCache().reused();
        for (int i = 1; i <= 10; i++) {
            assertEquals(List.of("C UPDATE 1"), run("upd", String.valueOf(i), String.valueOf(i)));
            assertEquals(List.of("D " + i, "C SELECT 1"), run("sel", String.valueOf(i)));
        }
        // The SELECT is planned at its first Bind; its first Execute and every later Bind and Execute
        // take the kept plan, with the new values.
        assertEquals(1, session.planCache().stored() - plannedBefore);
        assertEquals(19, session.planCache().reused() - reusedBefore);
        session.prepare("sum", "select sum(balance) from acc", new int[0]);
        assertEquals(List.of("D 55", "C SELECT 1"), run("sum"), "every update was applied once");
    }

    @Test
    void aPortalRunToCompletionKeepsNoStore() {
        session.prepare("sum", "select sum(balance) from acc", new int[0]);
        session.prepare("range", "select id from acc where id <= $1 order by id", new int[0]);
        assertEquals(List.of("D 1", "D 2", "D 3", "C SELECT 3"), run("range", "3"));
        assertEquals(List.of("D 0", "C SELECT 1"), run("sum"));
        assertEquals(0, session.portalStores(), "rows went straight to the client");

        // A row limit leaves the rest to the next Execute: a query's portal reads them then, with no store.
        session.bind("p", "range", List.of("3"));
        assertTrue(session.execute("p", 2, client));
        assertEquals(List.of("D 1", "D 2"), client.take());
        assertFalse(session.execute("p", 2, client));
        assertEquals(List.of("D 3", "C SELECT 1"), client.take());
        session.sync(client);
        assertEquals(0, session.portalStores());
    }

    @Test
    void aCompletedPortalAnswersALaterExecuteWithNoRows() {
        session.prepare("range", "select id from acc where id <= $1 order by id", new int[0]);
        session.executeSimpleQuery("begin", client);
        client.take();
        session.bind("p", "range", List.of("2"));
        assertFalse(session.execute("p", 0, client));
        assertEquals(List.of("D 1", "D 2", "C SELECT 2"), client.take());
        assertFalse(session.execute("p", 0, client));
        assertEquals(List.of("C SELECT 0"), client.take());
        session.executeSimpleQuery("commit", client);
        assertEquals(0, session.portalStores());
    }
}
