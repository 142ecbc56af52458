package org.tusk.backend.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.protocol.ErrorFields;
import org.tusk.protocol.Message;
import org.tusk.protocol.MessageBody;
import org.tusk.protocol.MessageReader;
import org.tusk.protocol.MessageWriter;
import org.tusk.spi.BackendContext;
import org.tusk.spi.BackendIdentity;
import org.tusk.spi.BackendRegistry;
import org.tusk.spi.BackendSignals;
import org.tusk.spi.NotificationQueue;
import org.tusk.sql.engine.TuskSqlEngine;

/**
 * NotificationResponse on the wire: real backends with the real SQL engine over loopback sockets, sharing
 * a queue. The queue here is a list in the heap with a monitor for the wake word (the shared-memory
 * queue is tested in the storage bundle); what is tested is when the backend sends what.
 */
class NotificationDeliveryTest {

    /** A heap queue with the SPI's semantics: per-endpoint positions, filtering, a wake counter. */
    private static final class HeapQueue implements NotificationQueue {
        final List<Notification> sent = new ArrayList<>();

        @Override
        public Endpoint attach(int processId) {
            return new Endpoint() {
                final Set<String> channels = new HashSet<>();
                int position;
                int wakes;

                @Override
                public void listen(String channel) {
                    synchronized (HeapQueue.this) {
                        if (channels.isEmpty()) {
                            position = sent.size();
                        }
                        channels.add(channel);
                    }
                }

                @Override
                public void unlisten(String channel) {
                    synchronized (HeapQueue.this) {
                        channels.remove(channel);
                    }
                }

                @Override
                public void unlistenAll() {
                    synchronized (HeapQueue.this) {
                        channels.clear();
                    }
                }

                @Override
                public Set<String> channels() {
                    synchronized (HeapQueue.this) {
                        return Set.copyOf(channels);
                    }
                }

                @Override
                public void send(List<Notification> notifications) {
                    synchronized (HeapQueue.this) {
                        sent.addAll(notifications);
                        wakeAll();
                    }
                }

                @Override
                public List<Notification> receive() {
                    synchronized (HeapQueue.this) {
                        List<Notification> got = new ArrayList<>();
                        for (; position < sent.size(); position++) {
                            if (channels.contains(sent.get(position).channel())) {
                                got.add(sent.get(position));
                            }
                        }
                        return got;
                    }
                }

                @Override
                public int wakeCount() {
                    synchronized (HeapQueue.this) {
                        return wakes;
                    }
                }

                @Override
                public void awaitWake(int seen, long nanos) {
                    synchronized (HeapQueue.this) {
                        if (wakes == seen) {
                            try {
                                HeapQueue.this.wait(nanos / 1_000_000 + 1);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                }

                @Override
                public void wake() {
                    synchronized (HeapQueue.this) {
                        wakes++;
                        HeapQueue.this.notifyAll();
                    }
                }

                private void wakeAll() {
                    // every endpoint's counter moves: a shared monitor stands for the futexes
                    wakes++;
                    HeapQueue.this.notifyAll();
                }

                @Override
                public void close() {
                    wake();
                }
            };
        }
    }

    private ServerSocket server;
    private final HeapQueue queue = new HeapQueue();
    private final AtomicInteger nextPid = new AtomicInteger(100);
    // Added by the accept thread while stop() may already be joining them.
    private final List<Thread> backends = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        BackendService service = new BackendService(new TuskSqlEngine(), new TrustAuthentication());
        service.setNotificationQueue(queue);
        backends.add(Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    BackendContext context = new BackendContext(new BackendIdentity(nextPid.getAndIncrement(), 1),
                            Path.of("."), Map.of(), new BackendSignals(), new BackendRegistry() {
                                @Override
                                public void cancel(int processId, int secretKey) {
                                }

                                @Override
                                public Admission admit(int processId, boolean superuser) {
                                    return Admission.ADMITTED;
                                }

                                @Override
                                public void reportState(int processId, BackendState state, String user,
                                        String database, String applicationName) {
                                }
                            });
                    backends.add(Thread.ofPlatform().daemon().start(
                            () -> service.serve(new TestSocketConnection(s), context)));
                } catch (IOException e) {
                    return;
                }
            }
        }));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        for (Thread t : backends) {
            t.join(5000);
        }
    }

    /** A client: sends queries and reads messages as one line each. */
    private final class Client implements AutoCloseable {
        final Socket socket;
        final MessageReader in;
        final MessageWriter out;
        final int pid;

        Client() throws IOException {
            socket = new Socket(server.getInetAddress(), server.getLocalPort());
            socket.setSoTimeout(10_000);
            out = new MessageWriter(socket.getOutputStream());
            in = new MessageReader(socket.getInputStream());
            out.startupMessage(new LinkedHashMap<>(Map.of("user", "postgres", "database", "postgres"))).flush();
            int key = -1;
            Message m;
            while ((m = in.read()).typeChar() != 'Z') {
                if (m.typeChar() == 'K') {
                    key = m.reader().readInt32();
                }
            }
            pid = key;
        }

        List<String> query(String sql) throws IOException {
            out.query(sql).flush();
            List<String> lines = new ArrayList<>();
            Message m;
            do {
                m = in.read();
                lines.add(line(m));
            } while (m.typeChar() != 'Z');
            return lines;
        }

        String line(Message m) throws IOException {
            MessageBody b = m.reader();
            return switch (m.typeChar()) {
                case 'C' -> "C " + b.readCString();
                case 'A' -> "A " + b.readInt32() + " " + b.readCString() + " " + b.readCString();
                case 'Z' -> "Z " + (char) b.readByte();
                case 'E' -> "E " + ErrorFields.decode(b).sqlState();
                default -> String.valueOf(m.typeChar());
            };
        }

        /** The next message while the client sends nothing (idle delivery). */
        String next() throws IOException {
            return line(in.read());
        }

        @Override
        public void close() throws IOException {
            out.terminate().flush();
            socket.close();
        }
    }

    @Test
    void ownNotificationArrivesAfterCommandCompleteBeforeReadyForQuery() throws IOException {
        try (Client a = new Client()) {
            assertEquals(List.of("C LISTEN", "Z I"), a.query("listen ch"));
            assertEquals(List.of("C NOTIFY", "A " + a.pid + " ch hi", "Z I"), a.query("notify ch, 'hi'"));
            assertEquals(List.of("C NOTIFY", "Z I"), a.query("notify other, 'not listened'"));
        }
    }

    @Test
    void idleListenerGetsItAtOnceWithoutSendingAnything() throws IOException {
        try (Client a = new Client(); Client b = new Client()) {
            a.query("listen ch");
            assertEquals(List.of("C NOTIFY", "Z I"), b.query("notify ch, 'from b'"));
            assertEquals("A " + b.pid + " ch from b", a.next());
            b.query("select pg_notify('ch', 'second')");
            assertEquals("A " + b.pid + " ch second", a.next());
        }
    }

    @Test
    void listenerInATransactionGetsItOnlyAfterItEnds() throws IOException {
        try (Client a = new Client(); Client b = new Client()) {
            a.query("listen ch");
            assertEquals(List.of("C BEGIN", "Z T"), a.query("begin"));
            b.query("notify ch, 'later'");
            assertEquals(List.of("C SELECT 1", "Z T"), a.query("select 1").stream()
                    .filter(l -> !l.equals("T") && !l.equals("D")).toList());
            assertEquals(List.of("C COMMIT", "A " + b.pid + " ch later", "Z I"), a.query("commit"));
        }
    }

    @Test
    void senderTransactionIsDeliveredAtCommitAndNotAtAllOnRollback() throws IOException {
        try (Client a = new Client(); Client b = new Client()) {
            a.query("listen ch");
            b.query("begin; notify ch, '1'; notify ch, '2'; notify ch, '1'");
            a.socket.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, a::next, "nothing before commit");
            b.query("rollback");
            b.query("begin; notify ch, 'kept'");
            b.query("commit");
            a.socket.setSoTimeout(10_000);
            assertEquals("A " + b.pid + " ch kept", a.next());
            b.query("begin; notify ch, '1'; notify ch, '2'; notify ch, '1'; commit");
            assertEquals("A " + b.pid + " ch 1", a.next());
            assertEquals("A " + b.pid + " ch 2", a.next());
            assertEquals(List.of("C SELECT 1", "Z I"), a.query("select 1").stream()
                    .filter(l -> !l.equals("T") && !l.equals("D")).toList(), "the duplicate was folded");
        }
    }

    @Test
    void errorsReachTheClient() throws IOException {
        try (Client a = new Client()) {
            assertEquals(List.of("E 22023", "Z I"), a.query("notify ch, '" + "x".repeat(8000) + "'"));
        }
    }
}
