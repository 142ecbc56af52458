package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.itests.harness.Psql;
import org.tusk.itests.harness.TuskServer;

/**
 * Backends on virtual threads must not pin their carriers while they block on their clients: with the
 * virtual-thread scheduler limited to ONE carrier, a hundred idle sessions (each blocked reading its
 * socket) must leave new sessions and queries served at once. A pinned carrier would stall everything.
 */
class VirtualThreadLauncherIT {

    @Test
    void idleSessionsDoNotPinTheOnlyCarrier() throws Exception {
        try (TuskServer tusk = TuskServer.builder().launcher("virtual-thread").setting("log_connections", "on")
                .setting("max_connections", "200")
                .javaOptions("-Djdk.virtualThreadScheduler.parallelism=1 -Djdk.virtualThreadScheduler.maxPoolSize=1")
                .start()) {
            List<Connection> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    idle.add(DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + tusk.port()
                            + "/postgres?user=postgres&preferQueryMode=simple&sslmode=disable"));
                }
                tusk.awaitLog("started by launcher \"virtual-thread\"", Duration.ofSeconds(5));
                Psql.to(tusk.port()).commandOk("select 1");
                for (Connection c : idle) {
                    try (ResultSet rs = c.createStatement().executeQuery("select 2")) {
                        rs.next();
                        assertEquals(2, rs.getInt(1));
                    }
                }
                Psql.to(tusk.port()).commandOk("select pg_sleep(0.2)"); // a sleeping backend unmounts too
            } finally {
                for (Connection c : idle) {
                    c.close();
                }
            }
        }
    }
}
