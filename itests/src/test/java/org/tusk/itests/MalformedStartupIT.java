package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.tusk.itests.harness.CommandResult;
import org.tusk.itests.harness.PgWire;
import org.tusk.itests.harness.PostgresReference;
import org.tusk.itests.harness.Psql;
import org.tusk.itests.harness.TuskServer;

/**
 * Malformed, hostile and unusual startup traffic on raw sockets. For each case the bytes Tusk answers are
 * compared with what PostgreSQL 15 answers to the same bytes, and the postmaster must survive every one of them:
 * after each case (run many times) a normal startup still reaches ReadyForQuery, and at the end psql still works.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MalformedStartupIT {

    private static final int ITERATIONS = 20;
    private static final int GARBAGE_ITERATIONS = 50;

    private final long seed = Long.getLong("tusk.itests.seed", System.nanoTime());
    private final Random random = new Random(seed);

    private PostgresReference postgres;
    private TuskServer tusk;

    @BeforeAll
    void startServers() {
        postgres = PostgresReference.start();
        tusk = TuskServer.start();
    }

    @AfterAll
    void stopServers() {
        if (tusk != null) {
            tusk.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** After every case: the postmaster still accepts, and a well-formed startup still reaches ReadyForQuery. */
    @AfterEach
    void stillAccepting() {
        assertTrue(tusk.isAlive(), () -> "the Tusk server exited\n" + tusk.log().tail(40));
        try (PgWire c = PgWire.connect(tusk.port())) {
            c.send(PgWire.startupPacket(TuskServer.SUPERUSER, "postgres"));
            List<PgWire.Message> reply = c.readUntilReady();
            assertEquals('R', reply.getFirst().type(), () -> "first answer to a startup packet: " + reply);
            c.terminate();
        }
    }

    // (a) protocol 2.0 --------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void protocol2IsRejectedInTheOldErrorFormat() {
        byte[] expected = "EFATAL:  unsupported frontend protocol 2.0: server supports 3.0 to 3.0\n\0"
                .getBytes(StandardCharsets.US_ASCII);
        for (byte[] packet : List.of(protocol2Packet(), PgWire.startupPacket(2, 0, userAndDatabase()))) {
            PgWire.Received reference = exchange(postgres.port(), packet);
            assertArrayEquals(expected, reference.bytes(), () -> "PostgreSQL 15 itself answered " + reference);
            for (int i = 0; i < ITERATIONS; i++) {
                PgWire.Received got = exchange(tusk.port(), packet);
                assertArrayEquals(reference.bytes(), got.bytes(),
                        () -> "Tusk answered " + got + "\nPostgreSQL answers " + reference);
            }
        }
    }

    /** A real protocol 2.0 startup packet: fixed 296 bytes, database[64] user[32] options[64] unused[64] tty[64]. */
    private static byte[] protocol2Packet() {
        ByteBuffer b = ByteBuffer.allocate(296);
        b.putInt(296).putInt(2 << 16);
        b.put(pad("postgres", 64)).put(pad("postgres", 32)).put(new byte[64]).put(new byte[64]).put(new byte[64]);
        return b.array();
    }

    private static byte[] pad(String s, int n) {
        byte[] out = new byte[n];
        byte[] src = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(src, 0, out, 0, src.length);
        return out;
    }

    // (b) protocol 4.0 --------------------------------------------------------------------------------------

    @Test
    @Order(2)
    void protocol4IsRejectedWithFatal0A000() {
        byte[] packet = PgWire.startupPacket(4, 0, userAndDatabase());
        String reference = outcome(exchange(postgres.port(), packet));
        assertEquals("E{S=FATAL, V=FATAL, C=0A000, M=unsupported frontend protocol 4.0: server supports 3.0 to 3.0} closed",
                reference, "PostgreSQL 15 itself");
        for (int i = 0; i < ITERATIONS; i++) {
            assertEquals(reference, outcome(exchange(tusk.port(), packet)), "Tusk vs PostgreSQL 15");
        }
    }

    // (c) bad length words ----------------------------------------------------------------------------------

    @Test
    @Order(3)
    void badLengthWordClosesWithoutReply() {
        // PostgreSQL's limit is on the length minus the length word itself (MAX_STARTUP_PACKET_LENGTH = 10000),
        // so 10005 is the smallest length word it refuses outright.
        for (int length : new int[] {100_000, 10_005, 7, 4, 0, -1}) {
            // The length word, then the start of a 3.0 packet that the server must not wait for.
            byte[] packet = ByteBuffer.allocate(8).putInt(length).putInt(3 << 16).array();
            PgWire.Received reference = exchange(postgres.port(), packet);
            assertEquals(0, reference.bytes().length, () -> "PostgreSQL 15 itself answered " + reference);
            for (int i = 0; i < ITERATIONS; i++) {
                PgWire.Received got = exchange(tusk.port(), packet);
                assertEquals(0, got.bytes().length,
                        () -> "length word " + length + ": Tusk answered " + got + ", PostgreSQL closes without a reply");
            }
        }
    }

    // (d) garbage ---------------------------------------------------------------------------------------------

    @Test
    @Order(4)
    void randomGarbageIsClosedOrFatal() {
        runGarbage(() -> {
            byte[] garbage = new byte[16];
            random.nextBytes(garbage);
            return garbage;
        });
    }

    /** Garbage with a plausible length word (16): the server reads it all and must reject the random "version". */
    @Test
    @Order(5)
    void garbageWithPlausibleLengthIsClosedOrFatal() {
        runGarbage(() -> {
            byte[] garbage = new byte[16];
            random.nextBytes(garbage);
            ByteBuffer.wrap(garbage).putInt(16);
            return garbage;
        });
    }

    private void runGarbage(Supplier<byte[]> source) {
        for (int i = 0; i < GARBAGE_ITERATIONS; i++) {
            byte[] garbage = source.get();
            String reference = outcome(exchangeThenEof(postgres.port(), garbage));
            String got = outcome(exchangeThenEof(tusk.port(), garbage));
            String hex = HexFormat.ofDelimiter(" ").formatHex(garbage);
            assertTrue(got.equals("closed") || got.contains("FATAL"),
                    () -> "garbage " + hex + " (seed " + seed + "): expected close or FATAL, Tusk: " + got);
            assertEquals(reference, got, () -> "garbage " + hex + " (seed " + seed + "): Tusk vs PostgreSQL 15");
        }
    }

    // (e) half a packet -------------------------------------------------------------------------------------

    @Test
    @Order(6)
    void halfAStartupPacketThenGone() {
        byte[] packet = PgWire.startupPacket(TuskServer.SUPERUSER, "postgres");
        byte[] half = Arrays.copyOf(packet, packet.length / 2);
        for (int i = 0; i < ITERATIONS; i++) {
            PgWire c = PgWire.connect(tusk.port());
            c.send(half);
            if (i % 2 == 0) {
                c.abort(); // RST
            } else {
                c.close(); // FIN
            }
        }
        // The same, with an orderly half-close: the server sees the end of the stream and must just close.
        for (int i = 0; i < ITERATIONS; i++) {
            PgWire.Received got = exchangeThenEof(tusk.port(), half);
            assertEquals(0, got.bytes().length, () -> "incomplete startup packet: Tusk answered " + got);
        }
    }

    /** Clients that send half a packet and then stall must not keep the postmaster from serving others. */
    @Test
    @Order(7)
    void stalledClientsDoNotBlockOthers() {
        byte[] packet = PgWire.startupPacket(TuskServer.SUPERUSER, "postgres");
        byte[] half = Arrays.copyOf(packet, packet.length / 2);
        List<PgWire> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                stalled.add(PgWire.connect(tusk.port()).send(half));
            }
            stillAccepting();
        } finally {
            stalled.forEach(PgWire::close);
        }
    }

    // (f) no user -------------------------------------------------------------------------------------------

    @Test
    @Order(8)
    void startupWithoutUserIsFatal28000() {
        byte[] packet = PgWire.startupPacket(3, 0, Map.of("database", "postgres"));
        String reference = outcome(exchange(postgres.port(), packet));
        assertEquals("E{S=FATAL, V=FATAL, C=28000, M=no PostgreSQL user name specified in startup packet} closed",
                reference, "PostgreSQL 15 itself");
        for (int i = 0; i < ITERATIONS; i++) {
            assertEquals(reference, outcome(exchange(tusk.port(), packet)), "Tusk vs PostgreSQL 15");
        }
    }

    // (g) SSLRequest ----------------------------------------------------------------------------------------

    @Test
    @Order(9)
    void sslRequestIsDeclinedThenStartupWorks() {
        Consumer<Integer> check = port -> {
            try (PgWire c = PgWire.connect(port)) {
                c.send(PgWire.sslRequest());
                assertEquals('N', c.readByte(), "answer to SSLRequest on port " + port);
                c.send(PgWire.startupPacket(TuskServer.SUPERUSER, "postgres"));
                List<PgWire.Message> reply = c.readUntilReady();
                assertEquals('R', reply.getFirst().type(), () -> "after SSLRequest: " + reply);
                c.terminate();
            }
        };
        check.accept(postgres.port());
        for (int i = 0; i < ITERATIONS; i++) {
            check.accept(tusk.port());
        }
    }

    // finally -------------------------------------------------------------------------------------------------

    @Test
    @Order(100)
    void psqlStillWorksAfterAllOfIt() {
        CommandResult r = Psql.to(tusk.port()).command("select 1");
        assertEquals(0, r.exitCode(), () -> r.describe() + "\n" + tusk.log().tail(40));
        assertTrue(r.stdout().contains("(1 row)"), r::describe);
    }

    // helpers ---------------------------------------------------------------------------------------------

    private static Map<String, String> userAndDatabase() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("user", TuskServer.SUPERUSER);
        p.put("database", "postgres");
        return p;
    }

    /** Sends {@code bytes} and reads until the server closes. */
    private static PgWire.Received exchange(int port, byte[] bytes) {
        try (PgWire c = PgWire.connect(port)) {
            c.send(bytes);
            return c.readUntilClosed();
        } catch (AssertionError e) {
            throw new AssertionError(describe(port, bytes) + ": " + e.getMessage(), e);
        }
    }

    private static String describe(int port, byte[] sent) {
        String hex = HexFormat.ofDelimiter(" ").formatHex(sent, 0, Math.min(sent.length, 64));
        return "after sending " + hex + (sent.length > 64 ? " ..." : "") + " to port " + port;
    }

    /** Sends {@code bytes}, half-closes (the server sees end of stream), and reads until the server closes. */
    private static PgWire.Received exchangeThenEof(int port, byte[] bytes) {
        try (PgWire c = PgWire.connect(port)) {
            c.send(bytes);
            c.shutdownOutput();
            return c.readUntilClosed();
        } catch (AssertionError e) {
            throw new AssertionError(describe(port, bytes) + " and half-closing: " + e.getMessage(), e);
        }
    }

    /**
     * A comparable summary of an answer: "closed" for no reply; v3 messages with only the S, V, C, M fields of
     * errors (file, line and routine are PostgreSQL's own); old-format errors verbatim; then "closed".
     */
    static String outcome(PgWire.Received r) {
        byte[] b = r.bytes();
        if (b.length == 0) {
            return "closed";
        }
        if (b[0] == 'E' && b.length >= 5 && b[1] == 0) {
            StringBuilder sb = new StringBuilder();
            for (PgWire.Message m : PgWire.parse(b)) {
                if (m.type() == 'E' || m.type() == 'N') {
                    Map<Character, String> f = m.fields();
                    Map<Character, String> kept = new LinkedHashMap<>();
                    for (char k : new char[] {'S', 'V', 'C', 'M'}) {
                        if (f.containsKey(k)) {
                            kept.put(k, f.get(k));
                        }
                    }
                    sb.append(m.type()).append(kept).append(' ');
                } else {
                    sb.append(m).append(' ');
                }
            }
            return sb + "closed";
        }
        return "raw \"" + r.printable() + "\" closed";
    }
}
