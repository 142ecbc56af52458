package org.tusk.runtime.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LinePrefixTest {
    private static final Instant WHEN = Instant.parse("2026-11-23T21:04:15.297Z");
    private static final Map<String, String> SESSION = Map.of("pid", "4242", "user", "alice", "database", "shop",
            "application_name", "psql", "remote_host", "127.0.0.1", "remote_port", "50000", "session_start",
            Long.toString(Instant.parse("2026-11-23T21:00:00Z").toEpochMilli()));

    @Test
    void expandsPostgresEscapes() {
        LinePrefix p = new LinePrefix("%m [%p] %q%u@%d %a %r %h %c %l %% ", ZoneId.of("UTC"));
        assertEquals("2026-11-23 21:04:15.297 UTC [4242] alice@shop psql 127.0.0.1(50000) 127.0.0.1 6b04a950.1092 7 % ",
                p.expand(WHEN, SESSION, 7));
    }

    @Test
    void percentQStopsOutsideSessions() {
        LinePrefix p = new LinePrefix("%t [%p] %q%u@%d ", ZoneId.of("UTC"));
        String pid = Long.toString(ProcessHandle.current().pid());
        assertEquals("2026-11-23 21:04:15 UTC [" + pid + "] ", p.expand(WHEN, null, 1));
    }

    @Test
    void timestampsUseLogTimezone() {
        LinePrefix p = new LinePrefix("%m|", ZoneId.of("Europe/Paris"));
        assertEquals("2026-11-23 22:04:15.297 CET|", p.expand(WHEN, Map.of(), 1));
    }

    @Test
    void logFileNamesAndUnits() {
        assertEquals("postgresql-2026-11-23_210415.log", LogFiles.fileName("postgresql-%Y-%m-%d_%H%M%S.log",
                ZonedDateTime.ofInstant(WHEN, ZoneId.of("UTC"))));
        assertEquals(1440, ServerLog.minutes("1d"));
        assertEquals(90, ServerLog.minutes("90min"));
        assertEquals(10L * 1024 * 1024, ServerLog.bytes("10MB"));
        assertEquals(512L * 1024, ServerLog.bytes("512"), "kB is log_rotation_size's unit");
    }

    @Test
    void severitiesFollowLogMinMessages() {
        assertEquals(Severity.WARNING, Severity.parse("warning", Severity.LOG));
        assertEquals(true, Severity.LOG.compareTo(Severity.WARNING) > 0, "LOG is shown at the default threshold");
        assertEquals(true, Severity.DEBUG1.compareTo(Severity.WARNING) < 0);
    }
}
