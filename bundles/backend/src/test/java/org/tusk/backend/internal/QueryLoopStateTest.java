package org.tusk.backend.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tusk.protocol.MessageReader;
import org.tusk.protocol.MessageWriter;
import org.tusk.spi.BackendContext;
import org.tusk.spi.BackendIdentity;
import org.tusk.spi.BackendRegistry;
import org.tusk.spi.BackendSignals;
import org.tusk.spi.SessionInfo;
import org.tusk.sql.engine.TuskSqlEngine;

/**
 * What the query loop tells the backend registry: each change of state once (a prepared statement's
 * Bind, Describe and Execute are one stretch of ACTIVE), the first report naming the session's user,
 * database and application, and the state after ReadyForQuery matching its status byte.
 */
class QueryLoopStateTest {
    private static final short[] NONE = {};

    /** Every report the registry received: state, and the user it named (null when none). */
    private final List<String> reports = new ArrayList<>();

    private void run(java.util.function.Consumer<MessageWriter> messages) throws Exception {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        MessageWriter w = new MessageWriter(request);
        messages.accept(w);
        w.terminate().flush();
        BackendRegistry registry = new BackendRegistry() {
            @Override
            public void cancel(int processId, int secretKey) {
                // unused
            }

            @Override
            public Admission admit(int processId, boolean superuser) {
                return Admission.ADMITTED;
            }

            @Override
            public void reportState(int processId, BackendState state, String user, String database,
                    String applicationName) {
                reports.add(state + (user == null ? "" : " " + user + "@" + database + " " + applicationName));
            }
        };
        BackendContext context = new BackendContext(new BackendIdentity(1, 2), Path.of("."), Map.of(),
                new BackendSignals(), registry);
        new QueryLoop(new MessageReader(new ByteArrayInputStream(request.toByteArray())),
                new MessageWriter(new ByteArrayOutputStream()),
                new TuskSqlEngine().openSession(new SessionInfo("postgres", "db", Map.of(), Map.of(), null)),
                context, new StartupPhase.StartupRequest("postgres", "db", Map.of("application_name", "app")))
                .run();
    }

    private static byte[][] text(String... values) {
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    @Test
    void preparedRoundTripsReportActiveOnceAndIdleAtEachSync() throws Exception {
        run(w -> w.parse("s", "select $1::int + 1", new int[0]).sync()
                .bind("", "s", NONE, text("1"), NONE).describe('P', "").execute("", 0).sync()
                .bind("", "s", NONE, text("2"), NONE).describe('P', "").execute("", 0).sync());
        assertEquals(List.of("ACTIVE postgres@db app", "IDLE", "ACTIVE", "IDLE", "ACTIVE", "IDLE"),
                reportsWithoutUserAfterFirst());
    }

    @Test
    void aTransactionBlockIsReportedIdleInTransactionThenIdle() throws Exception {
        run(w -> w.query("begin").query("select 1").query("commit"));
        assertEquals(List.of("ACTIVE postgres@db app", "IDLE_IN_TRANSACTION", "ACTIVE", "IDLE_IN_TRANSACTION",
                "ACTIVE", "IDLE"), reportsWithoutUserAfterFirst());
    }

    @Test
    void aFailedBlockIsReportedAborted() throws Exception {
        run(w -> w.query("begin").query("select 1/0").query("select 1").query("rollback"));
        assertEquals(List.of("ACTIVE postgres@db app", "IDLE_IN_TRANSACTION", "ACTIVE",
                "IDLE_IN_TRANSACTION_ABORTED", "ACTIVE", "IDLE_IN_TRANSACTION_ABORTED", "ACTIVE", "IDLE"),
                reportsWithoutUserAfterFirst());
    }

    /** The reports, with the user part kept only where the loop passed one after the first. */
    private List<String> reportsWithoutUserAfterFirst() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            String r = reports.get(i);
            out.add(i == 0 ? r : r.replace(" postgres@db app", ""));
        }
        return out;
    }
}
