package org.tusk.sql.types;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Time zone names as the TimeZone setting and timestamp input accept them: the IANA names known to
 * the JVM, matched case-insensitively as PostgreSQL matches its tz database, plus UTC and GMT.
 */
public final class TimeZones {
    private static final Map<String, String> BY_LOWER_NAME = new HashMap<>();

    static {
        for (String id : ZoneId.getAvailableZoneIds()) {
            BY_LOWER_NAME.put(id.toLowerCase(Locale.ROOT), id);
        }
        BY_LOWER_NAME.put("utc", "UTC");
        BY_LOWER_NAME.put("gmt", "GMT");
        BY_LOWER_NAME.put("z", "UTC");
        BY_LOWER_NAME.put("zulu", "Zulu");
    }

    private TimeZones() {
    }

    /** The zone with this name, or null if there is none. */
    public static ZoneId lookup(String name) {
        String id = BY_LOWER_NAME.get(name.toLowerCase(Locale.ROOT));
        if (id == null) {
            return null;
        }
        if (id.equals("UTC") || id.equals("GMT") || id.equals("Zulu")) {
            return id.equals("UTC") ? ZoneOffset.UTC : ZoneId.of(id);
        }
        return ZoneId.of(id);
    }

    /** The name as the tz database spells it ("utc" gives "UTC"), or null if unknown. */
    public static String canonicalName(String name) {
        return BY_LOWER_NAME.get(name.toLowerCase(Locale.ROOT));
    }
}
