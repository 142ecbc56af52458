package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.itests.harness.PgWire;
import org.tusk.itests.harness.TuskServer;

/**
 * The server's lifecycle as scripts and supervisors see it (the PostgreSQL convention): the line
 * "database system is ready to accept connections" means connections are accepted from that moment on, and
 * SIGTERM makes the server shut down by itself, log "database system is shut down", and exit with 0.
 */
class ServerLifecycleIT {

    private static final int STARTS = 3;

    @Test
    void readyMeansListeningAndSigtermStopsCleanly() {
        for (int i = 0; i < STARTS; i++) {
            TuskServer tusk = TuskServer.builder().awaitListening(false).start();
            try {
                // Right after the ready line, without waiting for the port: it must accept a full startup.
                assertTrue(tusk.acceptsConnections(), () -> "Tusk logged \"" + TuskServer.READY
                        + "\" but 127.0.0.1:" + tusk.port() + " refused a connection right after it\n" + tusk.log().tail(20));
                try (PgWire c = PgWire.connect(tusk.port())) {
                    c.send(PgWire.startupPacket(TuskServer.SUPERUSER, "postgres"));
                    List<PgWire.Message> reply = c.readUntilReady();
                    assertEquals('Z', reply.getLast().type());
                    c.terminate();
                }

                int beforeStop = tusk.log().mark();
                int exit = tusk.stop();
                assertTrue(tusk.log().find(beforeStop, "database system is shut down").isPresent(),
                        () -> "no \"database system is shut down\" after SIGTERM\n" + tusk.log().tail(20));
                assertEquals(0, exit, () -> "exit code after SIGTERM (PostgreSQL exits with 0; -1: it had to be killed after "
                        + TuskServer.STOP_TIMEOUT + ")\n" + tusk.log().tail(20));
            } finally {
                tusk.close();
            }
        }
    }

    @Test
    void stopsWithinAFewSeconds() {
        TuskServer tusk = TuskServer.start();
        try {
            long start = System.nanoTime();
            int exit = tusk.stop();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(0, exit, () -> tusk.log().tail(20));
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, () -> "SIGTERM took " + took + " to stop an idle server");
        } finally {
            tusk.close();
        }
    }
}
