package org.tusk.storage.access;

/**
 * The counters of one entry of the cluster's cumulative statistics (PostgreSQL's PgStat_StatTabEntry and
 * PgStat_StatDBEntry), by index: what {@link StorageSession#readStats} fills in. A table's or an index's
 * entry uses the relation fields, a database's entry (object OID 0) the database fields. Times are
 * microseconds since 1970-01-01 UTC, 0 for never.
 */
public final class CumulativeStats {

    /** Counters per entry. */
    public static final int FIELDS = 24;

    // ---- a table's or an index's entry
    public static final int NUMSCANS = 0;
    public static final int TUPLES_RETURNED = 1;
    public static final int TUPLES_FETCHED = 2;
    public static final int TUPLES_INSERTED = 3;
    public static final int TUPLES_UPDATED = 4;
    public static final int TUPLES_DELETED = 5;
    public static final int TUPLES_HOT_UPDATED = 6;
    public static final int LIVE_TUPLES = 7;
    public static final int DEAD_TUPLES = 8;
    public static final int CHANGES_SINCE_ANALYZE = 9;
    public static final int INSERTS_SINCE_VACUUM = 10;
    public static final int BLOCKS_FETCHED = 11;
    public static final int BLOCKS_HIT = 12;
    public static final int VACUUM_TIME = 13;
    public static final int VACUUM_COUNT = 14;
    public static final int AUTOVACUUM_TIME = 15;
    public static final int AUTOVACUUM_COUNT = 16;
    public static final int ANALYZE_TIME = 17;
    public static final int ANALYZE_COUNT = 18;
    public static final int AUTOANALYZE_TIME = 19;
    public static final int AUTOANALYZE_COUNT = 20;

    // ---- a database's entry
    public static final int XACT_COMMIT = 0;
    public static final int XACT_ROLLBACK = 1;
    public static final int DB_BLOCKS_FETCHED = 2;
    public static final int DB_BLOCKS_HIT = 3;
    public static final int DB_TUPLES_RETURNED = 4;
    public static final int DB_TUPLES_FETCHED = 5;
    public static final int DB_TUPLES_INSERTED = 6;
    public static final int DB_TUPLES_UPDATED = 7;
    public static final int DB_TUPLES_DELETED = 8;
    public static final int CONFLICTS = 9;
    public static final int TEMP_FILES = 10;
    public static final int TEMP_BYTES = 11;
    public static final int DEADLOCKS = 12;
    public static final int SESSIONS = 13;
    public static final int SESSION_TIME = 14;
    public static final int ACTIVE_TIME = 15;
    public static final int IDLE_IN_TRANSACTION_TIME = 16;
    public static final int SESSIONS_ABANDONED = 17;
    public static final int SESSIONS_FATAL = 18;
    public static final int SESSIONS_KILLED = 19;
    /** When the database's counters were last reset (stats_reset); 0 for never. */
    public static final int STATS_RESET = 20;

    /** The object OID of a database's own entry. */
    public static final int DATABASE_ENTRY = 0;

    private CumulativeStats() {
    }
}
