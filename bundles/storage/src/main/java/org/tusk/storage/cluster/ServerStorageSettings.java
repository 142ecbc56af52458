package org.tusk.storage.cluster;

import java.time.Duration;
import java.util.Map;

import org.tusk.spi.Settings;
import org.tusk.storage.engine.EngineSettings;
import org.tusk.storage.wal.SyncMethod;
import org.tusk.storage.wal.WalSettings;

/**
 * The storage engine's settings from the server's (postgresql.conf plus command-line overrides),
 * with PostgreSQL's names, defaults and units: a bare number means the parameter's own unit (8 kB
 * pages for shared_buffers and wal_buffers, MB for max_wal_size, seconds for checkpoint_timeout,
 * milliseconds for deadlock_timeout), and the usual suffixes are accepted (kB MB GB TB; us ms s min
 * h d). Bad values are the server's FATAL at start-up, in PostgreSQL's words.
 */
final class ServerStorageSettings {

    private static final long PAGE = 8192;

    private ServerStorageSettings() {
    }

    static EngineSettings of(Map<String, String> settings) {
        int sharedBuffers = (int) pages(settings, "shared_buffers", "128MB", 16, Integer.MAX_VALUE / 2);
        int maxConnections = integer(settings, "max_connections", 100, 1, 262143);
        int maxLocks = integer(settings, "max_locks_per_transaction", 64, 10, Integer.MAX_VALUE / 1024);
        // wal_buffers = -1: 1/32 of shared_buffers, at least 64 kB, at most one WAL segment (16 MB).
        String walBuffersText = settings.getOrDefault("wal_buffers", "-1").trim();
        int walBuffers = walBuffersText.equals("-1")
                ? Math.min(Math.max(sharedBuffers / 32, 8), 2048)
                : (int) pages(settings, "wal_buffers", "-1", WalSettings.MIN_WAL_BUFFERS, 262143);
        WalSettings wal = new WalSettings(walBuffers,
                bool(settings, "fsync", true),
                SyncMethod.fromSetting(settings.getOrDefault("wal_sync_method", "fdatasync").trim()),
                // off is the only value that does not wait: local, remote_write, remote_apply and on
                // all flush locally (there are no standbys).
                !settings.getOrDefault("synchronous_commit", "on").trim().equalsIgnoreCase("off"),
                bool(settings, "full_page_writes", true),
                bytes(settings, "max_wal_size", "1GB", 1L << 20),
                time(settings, "checkpoint_timeout", "5min", 1000),
                time(settings, "wal_writer_delay", "200ms", 1));
        Duration deadlockTimeout = time(settings, "deadlock_timeout", "1s", 1);
        // PostgreSQL 15 sizes its commit-log cache as Min(128, Max(4, shared_buffers / 512)) pages.
        int clogBuffers = Math.min(128, Math.max(8, sharedBuffers / 512));
        return new EngineSettings(sharedBuffers, maxConnections, maxLocks, clogBuffers, deadlockTimeout, wal, true,
                200);
    }

    private static boolean bool(Map<String, String> settings, String name, boolean fallback) {
        String v = settings.get(name);
        if (v == null) {
            return fallback;
        }
        String t = v.trim().toLowerCase(java.util.Locale.ROOT);
        if (Settings.isOn(t)) {
            return true;
        }
        if (t.equals("off") || t.equals("false") || t.equals("no") || t.equals("0")) {
            return false;
        }
        throw invalid(name, v, null);
    }

    private static int integer(Map<String, String> settings, String name, int fallback, int min, int max) {
        String v = settings.get(name);
        if (v == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, v, null);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(n + " is outside the valid range for parameter \"" + name + "\" ("
                    + min + " .. " + max + ")");
        }
        return n;
    }

    /** A memory setting in 8 kB pages (its bare-number unit). */
    static long pages(Map<String, String> settings, String name, String fallback, long min, long max) {
        String v = settings.getOrDefault(name, fallback);
        long pages = memory(name, v, PAGE) / PAGE;
        if (pages < min || pages > max) {
            throw new IllegalArgumentException(pages + " 8kB is outside the valid range for parameter \"" + name
                    + "\" (" + min + " .. " + max + ")");
        }
        return pages;
    }

    /** A memory setting in bytes; a bare number is in {@code unit} bytes. */
    static long bytes(Map<String, String> settings, String name, String fallback, long unit) {
        return memory(name, settings.getOrDefault(name, fallback), unit);
    }

    private static long memory(String name, String value, long unit) {
        String[] parts = split(name, value);
        long n = Long.parseLong(parts[0]);
        long factor = switch (parts[1]) {
            case "" -> unit;
            case "B" -> 1;
            case "kB" -> 1L << 10;
            case "MB" -> 1L << 20;
            case "GB" -> 1L << 30;
            case "TB" -> 1L << 40;
            default -> throw invalid(name, value,
                    "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".");
        };
        return Math.multiplyExact(n, factor);
    }

    /** A time setting; a bare number is in {@code unitMillis} milliseconds. */
    static Duration time(Map<String, String> settings, String name, String fallback, long unitMillis) {
        String value = settings.getOrDefault(name, fallback);
        String[] parts = split(name, value);
        long n = Long.parseLong(parts[0]);
        return switch (parts[1]) {
            case "" -> Duration.ofMillis(Math.multiplyExact(n, unitMillis));
            case "us" -> Duration.ofNanos(Math.multiplyExact(n, 1000L));
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw invalid(name, value,
                    "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".");
        };
    }

    private static String[] split(String name, String value) {
        String v = value.trim();
        int i = 0;
        while (i < v.length() && Character.isDigit(v.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 18) {
            throw invalid(name, value, null);
        }
        return new String[] {v.substring(0, i), v.substring(i).trim()};
    }

    private static IllegalArgumentException invalid(String name, String value, String hint) {
        return new IllegalArgumentException("invalid value for parameter \"" + name + "\": \"" + value + "\""
                + (hint == null ? "" : "\nHINT:  " + hint));
    }
}
