package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.ErrorFields;
import org.tusk.spi.BackendSignals;
import org.tusk.spi.NotificationQueue;
import org.tusk.spi.NotificationQueue.Notification;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SessionInfo;
import org.tusk.spi.SqlException;
import org.tusk.spi.SqlSession;
import org.tusk.sql.engine.TuskSqlEngine;

/**
 * LISTEN, UNLISTEN, NOTIFY and pg_notify in the session: what reaches the queue, when, and with which
 * checks. The queue here is a list in the test (the shared-memory one is tested in the storage bundle);
 * what matters is which calls the session makes at which moment.
 */
class NotifyTest {

    /** A queue of everything sent, and endpoints that each read all of it, filtered by their channels. */
    private static final class HeapQueue {
        final List<Notification> sent = new ArrayList<>();
        int full = Integer.MAX_VALUE;

        final class Endpoint implements NotificationQueue.Endpoint {
            final Set<String> channels = new HashSet<>();
            int position;

            @Override
            public void listen(String channel) {
                if (channels.isEmpty()) {
                    position = sent.size();
                }
                channels.add(channel);
            }

            @Override
            public void unlisten(String channel) {
                channels.remove(channel);
            }

            @Override
            public void unlistenAll() {
                channels.clear();
            }

            @Override
            public Set<String> channels() {
                return Set.copyOf(channels);
            }

            @Override
            public void send(List<Notification> notifications) {
                if (sent.size() + notifications.size() > full) {
                    throw new SqlException("54000", "too many notifications in the NOTIFY queue");
                }
                sent.addAll(notifications);
            }

            @Override
            public List<Notification> receive() {
                List<Notification> got = new ArrayList<>();
                for (; position < sent.size(); position++) {
                    if (channels.contains(sent.get(position).channel())) {
                        got.add(sent.get(position));
                    }
                }
                return got;
            }

            @Override
            public int wakeCount() {
                return 0;
            }

            @Override
            public void awaitWake(int seen, long nanos) {
            }

            @Override
            public void wake() {
            }

            @Override
            public void close() {
            }
        }
    }

    /** A session and the sink that collects its errors and tags. */
    private static final class Client implements ResultSink {
        final SqlSession session;
        final HeapQueue.Endpoint endpoint;
        final List<String> lines = new ArrayList<>();

        Client(HeapQueue queue, int pid) {
            endpoint = queue.new Endpoint();
            session = new TuskSqlEngine().openSession(new SessionInfo("postgres", "postgres", Map.of(), Map.of(),
                    new BackendSignals(), pid, endpoint));
        }

        List<String> run(String sql) {
            lines.clear();
            try {
                session.executeSimpleQuery(sql, this);
            } catch (SqlException e) {
                lines.add("E " + e.sqlState() + " " + e.getMessage());
            }
            return List.copyOf(lines);
        }

        @Override
        public void rowDescription(List<ColumnDescription> columns) {
        }

        @Override
        public void dataRow(byte[][] values) {
            lines.add("D");
        }

        @Override
        public void commandComplete(String tag) {
            lines.add(tag);
        }

        @Override
        public void emptyQuery() {
        }

        @Override
        public void notice(ErrorFields notice) {
            lines.add("N " + notice.message());
        }

        @Override
        public void parameterStatus(String name, String value) {
        }
    }

    private static Notification n(int pid, String channel, String payload) {
        return new Notification(pid, channel, payload);
    }

    @Test
    void notifyOutsideABlockIsSentAtOnceAndReachesOwnSession() {
        HeapQueue q = new HeapQueue();
        Client a = new Client(q, 11);
        assertEquals(List.of("LISTEN"), a.run("listen ch"));
        assertEquals(List.of("NOTIFY"), a.run("notify ch, 'hello'"));
        assertEquals(List.of("NOTIFY"), a.run("NOTIFY \"Ch\""));
        assertEquals(List.of(n(11, "ch", "hello"), n(11, "Ch", "")), q.sent);
        assertEquals(List.of(n(11, "ch", "hello")), a.endpoint.receive(), "identifiers fold to lower case");
    }

    @Test
    void notifyInABlockWaitsForCommitFoldsDuplicatesAndIsDroppedOnRollback() {
        HeapQueue q = new HeapQueue();
        Client a = new Client(q, 7);
        a.run("begin");
        a.run("notify c, 'x'; notify c, 'y'; notify c, 'x'; select pg_notify('c', 'x'); select pg_notify('d', null)");
        assertEquals(List.of(), q.sent, "nothing before commit");
        assertEquals(List.of("COMMIT"), a.run("commit"));
        assertEquals(List.of(n(7, "c", "x"), n(7, "c", "y"), n(7, "d", "")), q.sent);
        q.sent.clear();
        a.run("begin; notify c, 'lost'");
        a.run("rollback");
        a.run("begin; notify c, 'lost too'; select 1/0");
        a.run("commit");
        a.run("notify c, 'also lost'; select 1/0");
        assertEquals(List.of(), q.sent);
        a.run("notify c, 'x'; notify c, 'x'");
        assertEquals(List.of(n(7, "c", "x")), q.sent, "a multi-statement query is one transaction");
    }

    @Test
    void listenAndUnlistenTakeEffectAtCommit() {
        HeapQueue q = new HeapQueue();
        Client a = new Client(q, 1);
        a.run("begin; listen a; listen b");
        assertEquals(Set.of(), a.endpoint.channels());
        a.run("commit");
        assertEquals(Set.of("a", "b"), a.endpoint.channels());
        a.run("begin; unlisten a; listen c");
        a.run("rollback");
        assertEquals(Set.of("a", "b"), a.endpoint.channels());
        a.run("unlisten a");
        assertEquals(Set.of("b"), a.endpoint.channels());
        a.run("begin; unlisten *; listen z");
        a.run("commit");
        assertEquals(Set.of("z"), a.endpoint.channels());
        assertEquals(List.of("UNLISTEN"), a.run("unlisten *"));
        assertEquals(Set.of(), a.endpoint.channels());
        assertEquals(List.of("UNLISTEN"), a.run("unlisten never_listened"));
    }

    @Test
    void aTransactionThatListensAndNotifiesHearsItself() {
        HeapQueue q = new HeapQueue();
        Client a = new Client(q, 3);
        a.run("begin; listen c; notify c, 'me'; commit");
        assertEquals(List.of(n(3, "c", "me")), a.endpoint.receive());
    }

    @Test
    void checksAsPostgresql() {
        HeapQueue q = new HeapQueue();
        Client a = new Client(q, 3);
        assertEquals(List.of("E 22023 payload string too long"), a.run("notify c, '" + "x".repeat(8000) + "'"));
        assertEquals(List.of("NOTIFY"), a.run("notify c, '" + "x".repeat(7999) + "'"));
        assertEquals(List.of("E 22023 channel name cannot be empty"), a.run("select pg_notify('', 'x')"));
        assertEquals(List.of("E 22023 channel name cannot be empty"), a.run("select pg_notify(null, 'x')"));
        assertEquals(List.of("E 22023 channel name too long"), a.run("select pg_notify('" + "c".repeat(64) + "', 'x')"));
        assertEquals(List.of("D", "SELECT 1"), a.run("select pg_notify('" + "c".repeat(63) + "', 'x')"));
        assertEquals("42601", assertThrows(SqlException.class, () -> a.session.executeSimpleQuery("notify c 'x'",
                a)).sqlState());
        assertEquals("42601", assertThrows(SqlException.class, () -> a.session.executeSimpleQuery("listen 'c'",
                a)).sqlState());
    }

    @Test
    void fullQueueFailsTheCommitAndEndsTheTransaction() {
        HeapQueue q = new HeapQueue();
        q.full = 1;
        Client a = new Client(q, 3);
        a.run("begin; listen c; notify c, '1'; notify c, '2'");
        assertEquals(List.of("E 54000 too many notifications in the NOTIFY queue"), a.run("commit"));
        assertEquals('I', a.session.transactionStatus());
        assertEquals(Set.of(), a.endpoint.channels(), "the failed transaction's LISTEN is undone");
        assertEquals(List.of(), q.sent);
    }

    @Test
    void withoutAQueueListenAndNotifyAreRefused() {
        SqlSession s = new TuskSqlEngine().openSession(new SessionInfo("postgres", "postgres", Map.of(), Map.of(),
                new BackendSignals()));
        Client sink = new Client(new HeapQueue(), 1);
        assertEquals("0A000", assertThrows(SqlException.class, () -> s.executeSimpleQuery("listen c", sink))
                .sqlState());
    }

    @Test
    void pgNotifyByFunctionCallUsesPostgresqlOid() {
        HeapQueue q = new HeapQueue();
        Client a = new Client(q, 5);
        assertEquals("", a.session.callFunction(3036, java.util.Arrays.asList("c", null)));
        assertEquals(List.of(n(5, "c", "")), q.sent, "committed like a one-statement query; null payload is empty");
        assertEquals("22023", assertThrows(SqlException.class,
                () -> a.session.callFunction(3036, java.util.Arrays.asList(null, "x"))).sqlState());
    }

    @Test
    void preparedNotifyRunsAtExecuteNotAtBind() {
        HeapQueue q = new HeapQueue();
        Client a = new Client(q, 5);
        a.session.prepare("p", "select pg_notify('c', $1)", new int[] {25});
        a.session.bind("", "p", List.of("v"));
        assertEquals(List.of(), q.sent);
        a.session.execute("", 0, a);
        a.session.sync(a);
        assertEquals(List.of(n(5, "c", "v")), q.sent);
    }

    @Test
    void aRolledBackSavepointDropsWhatItQueued() {
        HeapQueue q = new HeapQueue();
        Client a = new Client(q, 5);
        a.run("begin; notify c, 'kept'; savepoint s; notify c, 'dropped'; listen x");
        a.run("rollback to s");
        a.run("savepoint t; notify c, 'released'; release t");
        a.run("savepoint u; notify c, 'failed'; select 1/0");
        a.run("rollback to u");
        a.run("commit");
        assertEquals(List.of(n(5, "c", "kept"), n(5, "c", "released")), q.sent);
        assertEquals(Set.of(), a.endpoint.channels());
    }
}
