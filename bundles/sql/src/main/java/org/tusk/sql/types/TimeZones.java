package org.tusk.sql.types;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * A numeric zone as the TimeZone setting and AT TIME ZONE read it: POSIX style, so "+05:30" lies west of
     * Greenwich (UTC-05:30), the opposite of ISO 8601 offsets in timestamp input.
     */
    private static final Pattern POSIX_OFFSET = Pattern.compile("([+-]?)(\\d{1,2})(?::(\\d{2})(?::(\\d{2}))?)?");
    /** The greatest offset PostgreSQL accepts for a zone, 15:59:59 (MAX_TZDISP_HOUR). */
    private static final int MAX_OFFSET_SECONDS = 15 * 3600 + 59 * 60 + 59;

    /**
     * Zones already looked up, by the name as given: every cast between timestamp and timestamptz
     * asks for the session's zone (pgbench's INSERT with CURRENT_TIMESTAMP, once per transaction), and
     * resolving the name anew (a regular expression, a lower-casing, ZoneId.of) showed in profiles.
     * Only names that exist are kept, and at most {@link #CACHE_LIMIT} of them, so arbitrary input
     * cannot grow it without bound.
     */
    private static final Map<String, ZoneId> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 256;

    /** The zone with this name, or null if there is none. */
    public static ZoneId lookup(String name) {
        ZoneId cached = CACHE.get(name);
        if (cached != null) {
            return cached;
        }
        ZoneId zone = resolve(name);
        if (zone != null && CACHE.size() < CACHE_LIMIT) {
            CACHE.put(name, zone);
        }
        return zone;
    }

    private static ZoneId resolve(String name) {
        Matcher m = POSIX_OFFSET.matcher(name);
        if (m.matches()) {
            int secs = Integer.parseInt(m.group(2)) * 3600 + (m.group(3) == null ? 0 : Integer.parseInt(m.group(3)) * 60)
                    + (m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
            if (secs > MAX_OFFSET_SECONDS) {
                return null;
            }
            return ZoneOffset.ofTotalSeconds(m.group(1).equals("-") ? secs : -secs);
        }
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
        if (POSIX_OFFSET.matcher(name).matches()) {
            return lookup(name) == null ? null : name;
        }
        return BY_LOWER_NAME.get(name.toLowerCase(Locale.ROOT));
    }
}
