package org.tusk.sql.ddl;

import java.util.Locale;

/**
 * The resource line PostgreSQL's pg_rusage_show adds to VERBOSE messages of VACUUM, REINDEX and CLUSTER
 * ("CPU: user: 0.00 s, system: 0.00 s, elapsed: 0.01 s"). A backend here is a thread, so the user and system
 * CPU of the process say nothing about it; they are reported as zero and only the elapsed time is measured.
 */
final class Verbose {

    private Verbose() {
    }

    /** The line for work that began at {@code startNanos} ({@link System#nanoTime()}). */
    static String cpu(long startNanos) {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        return String.format(Locale.ROOT, "CPU: user: 0.00 s, system: 0.00 s, elapsed: %.2f s", elapsed);
    }
}
