package org.tusk.sql.eval;

import java.util.HashMap;
import java.util.Map;

import org.tusk.storage.access.CumulativeStats;
import org.tusk.storage.access.StorageSession;

/**
 * A backend's copies of the shared cumulative statistics entries it read in the current transaction
 * (PostgreSQL 15's stats_fetch_consistency = cache): the first read of an entry copies it, later reads
 * in the same transaction see the same values, so that a view's row is consistent with itself and a
 * query run twice in a transaction block gives the same counts. Dropped at the transaction's end and by
 * pg_stat_clear_snapshot().
 */
public final class StatsSnapshot {
    private final Map<Long, long[]> entries = new HashMap<>();

    /** The counters of (database, object), from the copy made in this transaction or a new one. */
    long[] entry(StorageSession storage, int database, int object) {
        return entries.computeIfAbsent((long) database << 32 | Integer.toUnsignedLong(object), k -> {
            long[] values = new long[CumulativeStats.FIELDS];
            storage.readStats(database, object, values);
            return values;
        });
    }

    /** Forgets every copy: the next read sees the shared values of now. */
    public void clear() {
        entries.clear();
    }
}
