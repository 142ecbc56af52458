package org.tusk.sql.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** TimeZones.lookup, asked again and again for the same names as sessions do, answers as the first time. */
class TimeZonesTest {

    @Test
    void namesResolveTheSameEveryTime() {
        for (int i = 0; i < 3; i++) {
            assertEquals(ZoneId.of("Europe/Berlin"), TimeZones.lookup("europe/BERLIN"));
            assertEquals(ZoneId.of("America/New_York"), TimeZones.lookup("America/New_York"));
            assertSame(ZoneOffset.UTC, TimeZones.lookup("utc"));
            // POSIX style: "+05:30" lies west of Greenwich.
            assertEquals(ZoneOffset.ofHoursMinutes(-5, -30), TimeZones.lookup("+05:30"));
            assertEquals(ZoneOffset.ofHours(3), TimeZones.lookup("-3"));
        }
    }

    @Test
    void unknownNamesAndOffsetsOutOfRangeStayUnknown() {
        for (int i = 0; i < 3; i++) {
            assertNull(TimeZones.lookup("Mars/Olympus_Mons"));
            assertNull(TimeZones.lookup("+16:00"));
        }
    }

    @Test
    void manyDistinctNamesAllResolve() {
        // More names than the cache keeps: those beyond it are resolved each time, still correctly.
        int n = 0;
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.startsWith("Etc/") || id.startsWith("SystemV/") || id.equals("UTC")) {
                continue;
            }
            assertEquals(ZoneId.of(id), TimeZones.lookup(id.toUpperCase(java.util.Locale.ROOT)), id);
            if (++n == 400) {
                break;
            }
        }
        assertEquals(400, n);
    }
}
