package org.tusk.backend.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tusk.protocol.MessageReader;
import org.tusk.protocol.MessageWriter;
import org.tusk.spi.BackendContext;
import org.tusk.spi.BackendIdentity;
import org.tusk.spi.BackendRegistry;
import org.tusk.spi.BackendSignals;
import org.tusk.sql.engine.TuskSqlEngine;

/**
 * Malformed frames after start-up, random and mutated from valid sequences, against the real backend and
 * SQL engine. Whatever arrives, the backend answers with errors or closes: it never hangs once the client
 * stops sending, and nothing escapes it (an escaping throwable would count as a backend crash). The seed
 * is printed so a failure can be replayed with -Dtusk.fuzz.seed=N.
 */
class ProtocolFuzzTest {

    private static final int ROUNDS = 300;
    private static final char[] TYPES = {'Q', 'P', 'B', 'D', 'E', 'C', 'S', 'H', 'F', 'd', 'c', 'f', 'p', 'X'};

    @Test
    void malformedFramesGetErrorsOrCloseAndNeverHangOrCrashTheBackend() throws Exception {
        long seed = Long.getLong("tusk.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        BackendService service = new BackendService(new TuskSqlEngine(), new TrustAuthentication());
        byte[] valid = validSequence();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            for (int round = 0; round < ROUNDS; round++) {
                byte[] frames = random.nextBoolean() ? randomFrames(random) : mutate(valid, random);
                CompletableFuture<Throwable> backend = serveOne(server, service);
                try (Socket client = new Socket(server.getInetAddress(), server.getLocalPort())) {
                    client.setSoTimeout(5000);
                    new MessageWriter(client.getOutputStream()).startupMessage(Map.of("user", "fuzz")).flush();
                    MessageReader reader = new MessageReader(client.getInputStream());
                    while (reader.read().typeChar() != 'Z') {
                        // session start
                    }
                    try {
                        client.getOutputStream().write(frames);
                        client.getOutputStream().flush();
                        client.shutdownOutput();
                    } catch (IOException closedEarly) {
                        // the server may have closed already: an acceptable answer
                    }
                    drainUntilClosed(client.getInputStream(), seed, round);
                }
                Throwable escaped = backend.get(5, TimeUnit.SECONDS);
                assertNull(escaped, "seed " + seed + ", round " + round + ": a throwable escaped the backend");
            }
        }
    }

    @Test
    void aValidSequenceStillWorksAfterTheFuzzing() throws Exception {
        BackendService service = new BackendService(new TuskSqlEngine(), new TrustAuthentication());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Throwable> backend = serveOne(server, service);
            try (Socket client = new Socket(server.getInetAddress(), server.getLocalPort())) {
                client.setSoTimeout(5000);
                new MessageWriter(client.getOutputStream()).startupMessage(Map.of("user", "fuzz")).flush();
                MessageReader reader = new MessageReader(client.getInputStream());
                while (reader.read().typeChar() != 'Z') {
                    // session start
                }
                client.getOutputStream().write(validSequence());
                client.getOutputStream().flush();
                StringBuilder types = new StringBuilder();
                int readies = 0;
                while (readies < 4) {
                    char t = reader.read().typeChar();
                    types.append(t);
                    if (t == 'Z') {
                        readies++;
                    }
                }
                assertEquals("12TDCZTDCTDCZVZHddcCZ", types.toString(),
                        "Parse, Bind, Describe, Execute, Sync; a Query; a FunctionCall; a binary COPY TO STDOUT");
            }
            assertNull(backend.get(5, TimeUnit.SECONDS));
        }
    }

    /**
     * Parse/Bind/Describe/Execute/Sync of a parameterized query, then a two-statement Query, a Flush, a
     * FunctionCall (int4pl, binary), copy messages outside COPY (ignored) and a binary COPY TO STDOUT:
     * mutations of it reach every message type the server reads.
     */
    private static byte[] validSequence() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MessageWriter(out).parse("", "select $1::int + 1 as n", new int[] {23})
                .bind("", "", new short[] {0}, new byte[][] {"41".getBytes()}, new short[] {0})
                .describe('P', "").execute("", 0).sync().query("select 1; select 'x'").flushMessage()
                .functionCall(177, new short[] {1}, new byte[][] {{0, 0, 0, 1}, {0, 0, 0, 2}}, (short) 1)
                .copyData(new byte[] {'x'}).copyDone().copyFail("no")
                .query("copy (select 1, '1 day'::interval, 'a'::text) to stdout (format binary)").flush();
        return out.toByteArray();
    }

    private static byte[] randomFrames(Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            out.write(r.nextInt(4) == 0 ? r.nextInt(256) : TYPES[r.nextInt(TYPES.length)]);
            byte[] body = new byte[r.nextInt(40)];
            r.nextBytes(body);
            int length = switch (r.nextInt(5)) {
                case 0 -> r.nextInt(); // anything, including negative and huge
                case 1 -> body.length + 4 + r.nextInt(16); // claims more than is sent
                default -> body.length + 4;
            };
            out.write(length >>> 24);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static byte[] mutate(byte[] valid, Random r) {
        byte[] m = valid.clone();
        int flips = 1 + r.nextInt(4);
        for (int i = 0; i < flips; i++) {
            m[r.nextInt(m.length)] = (byte) r.nextInt(256);
        }
        if (r.nextInt(4) == 0) {
            return java.util.Arrays.copyOf(m, r.nextInt(m.length)); // cut short
        }
        return m;
    }

    /** Reads whatever the server answers until it closes; it must close within the timeout. */
    private static void drainUntilClosed(InputStream in, long seed, int round) throws IOException {
        byte[] buf = new byte[8192];
        try {
            while (in.read(buf) >= 0) {
                // errors, rows, ReadyForQuery: all acceptable answers
            }
        } catch (SocketTimeoutException e) {
            fail("seed " + seed + ", round " + round + ": the backend neither answered to the end nor closed");
        } catch (IOException reset) {
            // a reset is a close
        }
    }

    private static CompletableFuture<Throwable> serveOne(ServerSocket server, BackendService service) {
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (Socket s = server.accept()) {
                BackendRegistry registry = new BackendRegistry() {
                    @Override
                    public void cancel(int processId, int secretKey) {
                    }

                    @Override
                    public Admission admit(int processId, boolean superuser) {
                        return Admission.ADMITTED;
                    }

                    @Override
                    public void reportState(int processId, BackendState state, String user, String database,
                            String applicationName) {
                    }
                };
                service.serve(new TestSocketConnection(s), new BackendContext(new BackendIdentity(1, 2), Path.of("."),
                        Map.of(), new BackendSignals(), registry));
                done.complete(null);
            } catch (Throwable t) {
                done.complete(t);
            }
        });
        return done;
    }
}
