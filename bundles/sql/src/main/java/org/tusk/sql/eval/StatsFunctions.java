package org.tusk.sql.eval;

import static org.tusk.sql.types.SqlType.FLOAT8;
import static org.tusk.sql.types.SqlType.INT4;
import static org.tusk.sql.types.SqlType.INT8;
import static org.tusk.sql.types.SqlType.OID;
import static org.tusk.sql.types.SqlType.TEXT;
import static org.tusk.sql.types.SqlType.TIMESTAMPTZ;
import static org.tusk.sql.types.SqlType.VOID;

import java.time.Instant;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.storage.access.BackendActivity;
import org.tusk.storage.access.CumulativeStats;

/**
 * The functions behind PostgreSQL 15's cumulative statistics views (pgstatfuncs.c): pg_stat_get_*(oid)
 * for a table's or an index's counters, pg_stat_get_db_*(oid) for a database's, the bgwriter's, and the
 * resets. They read the storage's shared statistics through the session's {@link StatsSnapshot}. What
 * Tusk does not count is 0 (blocks, conflicts, temporary files, session times, the background writer's
 * and checkpointer's counters), or NULL where PostgreSQL gives NULL (checksum failures with checksums off).
 */
final class StatsFunctions {

    private StatsFunctions() {
    }

    private record Relation(String name, int field) {
    }

    private static final List<Relation> RELATION = List.of(new Relation("numscans", CumulativeStats.NUMSCANS),
            new Relation("tuples_returned", CumulativeStats.TUPLES_RETURNED),
            new Relation("tuples_fetched", CumulativeStats.TUPLES_FETCHED),
            new Relation("tuples_inserted", CumulativeStats.TUPLES_INSERTED),
            new Relation("tuples_updated", CumulativeStats.TUPLES_UPDATED),
            new Relation("tuples_deleted", CumulativeStats.TUPLES_DELETED),
            new Relation("tuples_hot_updated", CumulativeStats.TUPLES_HOT_UPDATED),
            new Relation("live_tuples", CumulativeStats.LIVE_TUPLES),
            new Relation("dead_tuples", CumulativeStats.DEAD_TUPLES),
            new Relation("mod_since_analyze", CumulativeStats.CHANGES_SINCE_ANALYZE),
            new Relation("ins_since_vacuum", CumulativeStats.INSERTS_SINCE_VACUUM),
            new Relation("blocks_fetched", CumulativeStats.BLOCKS_FETCHED),
            new Relation("blocks_hit", CumulativeStats.BLOCKS_HIT),
            new Relation("vacuum_count", CumulativeStats.VACUUM_COUNT),
            new Relation("autovacuum_count", CumulativeStats.AUTOVACUUM_COUNT),
            new Relation("analyze_count", CumulativeStats.ANALYZE_COUNT),
            new Relation("autoanalyze_count", CumulativeStats.AUTOANALYZE_COUNT));

    private static final List<Relation> RELATION_TIMES = List.of(
            new Relation("last_vacuum_time", CumulativeStats.VACUUM_TIME),
            new Relation("last_autovacuum_time", CumulativeStats.AUTOVACUUM_TIME),
            new Relation("last_analyze_time", CumulativeStats.ANALYZE_TIME),
            new Relation("last_autoanalyze_time", CumulativeStats.AUTOANALYZE_TIME));

    private static final List<Relation> DATABASE = List.of(new Relation("xact_commit", CumulativeStats.XACT_COMMIT),
            new Relation("xact_rollback", CumulativeStats.XACT_ROLLBACK),
            new Relation("blocks_fetched", CumulativeStats.DB_BLOCKS_FETCHED),
            new Relation("blocks_hit", CumulativeStats.DB_BLOCKS_HIT),
            new Relation("tuples_returned", CumulativeStats.DB_TUPLES_RETURNED),
            new Relation("tuples_fetched", CumulativeStats.DB_TUPLES_FETCHED),
            new Relation("tuples_inserted", CumulativeStats.DB_TUPLES_INSERTED),
            new Relation("tuples_updated", CumulativeStats.DB_TUPLES_UPDATED),
            new Relation("tuples_deleted", CumulativeStats.DB_TUPLES_DELETED),
            new Relation("conflict_all", CumulativeStats.CONFLICTS),
            new Relation("temp_files", CumulativeStats.TEMP_FILES),
            new Relation("temp_bytes", CumulativeStats.TEMP_BYTES),
            new Relation("deadlocks", CumulativeStats.DEADLOCKS),
            new Relation("sessions", CumulativeStats.SESSIONS),
            new Relation("sessions_abandoned", CumulativeStats.SESSIONS_ABANDONED),
            new Relation("sessions_fatal", CumulativeStats.SESSIONS_FATAL),
            new Relation("sessions_killed", CumulativeStats.SESSIONS_KILLED));

    /** Times in milliseconds (float8) that Tusk does not measure. */
    private static final List<String> DATABASE_TIMES = List.of("blk_read_time", "blk_write_time", "session_time",
            "active_time", "idle_in_transaction_time");

    /** pg_stat_bgwriter's counters: Tusk's checkpointer and background writer do not count yet. */
    private static final List<String> BGWRITER_COUNTS = List.of("pg_stat_get_bgwriter_timed_checkpoints",
            "pg_stat_get_bgwriter_requested_checkpoints", "pg_stat_get_bgwriter_buf_written_checkpoints",
            "pg_stat_get_bgwriter_buf_written_clean", "pg_stat_get_bgwriter_maxwritten_clean",
            "pg_stat_get_buf_written_backend", "pg_stat_get_buf_fsync_backend", "pg_stat_get_buf_alloc");

    /** The functions' names, none of which may be folded as a constant (all are stable or volatile). */
    static final java.util.Set<String> NAMES = names();

    private static java.util.Set<String> names() {
        java.util.Set<String> names = new java.util.HashSet<>();
        RELATION.forEach(r -> names.add("pg_stat_get_" + r.name()));
        RELATION_TIMES.forEach(r -> names.add("pg_stat_get_" + r.name()));
        DATABASE.forEach(r -> names.add("pg_stat_get_db_" + r.name()));
        DATABASE_TIMES.forEach(n -> names.add("pg_stat_get_db_" + n));
        names.addAll(BGWRITER_COUNTS);
        names.addAll(List.of("pg_stat_get_db_numbackends", "pg_stat_get_db_checksum_failures",
                "pg_stat_get_db_checksum_last_failure", "pg_stat_get_db_stat_reset_time",
                "pg_stat_get_checkpoint_write_time", "pg_stat_get_checkpoint_sync_time",
                "pg_stat_get_bgwriter_stat_reset_time", "pg_stat_reset", "pg_stat_reset_single_table_counters",
                "pg_stat_reset_shared", "pg_stat_clear_snapshot", "pg_stat_force_next_flush", "pg_blocking_pids"));
        return java.util.Set.copyOf(names);
    }

    static void register(CatalogInfoFunctions.Sink strict) {
        for (Relation r : RELATION) {
            strict.add("pg_stat_get_" + r.name(), List.of(OID), INT8, (a, c) -> relation(c, a[0])[r.field()]);
        }
        for (Relation r : RELATION_TIMES) {
            strict.add("pg_stat_get_" + r.name(), List.of(OID), TIMESTAMPTZ, (a, c) ->
                    instant(relation(c, a[0])[r.field()]));
        }
        for (Relation r : DATABASE) {
            strict.add("pg_stat_get_db_" + r.name(), List.of(OID), INT8, (a, c) -> database(c, a[0])[r.field()]);
        }
        for (String n : DATABASE_TIMES) {
            strict.add("pg_stat_get_db_" + n, List.of(OID), FLOAT8, (a, c) -> 0.0);
        }
        strict.add("pg_stat_get_db_numbackends", List.of(OID), INT4, (a, c) -> numBackends(c, a[0]));
        strict.add("pg_stat_get_db_checksum_failures", List.of(OID), INT8, (a, c) -> null);
        strict.add("pg_stat_get_db_checksum_last_failure", List.of(OID), TIMESTAMPTZ, (a, c) -> null);
        strict.add("pg_stat_get_db_stat_reset_time", List.of(OID), TIMESTAMPTZ, (a, c) ->
                instant(database(c, a[0])[CumulativeStats.STATS_RESET]));
        for (String n : BGWRITER_COUNTS) {
            strict.add(n, List.of(), INT8, (a, c) -> 0L);
        }
        strict.add("pg_stat_get_checkpoint_write_time", List.of(), FLOAT8, (a, c) -> 0.0);
        strict.add("pg_stat_get_checkpoint_sync_time", List.of(), FLOAT8, (a, c) -> 0.0);
        strict.add("pg_stat_get_bgwriter_stat_reset_time", List.of(), TIMESTAMPTZ, (a, c) -> null);
        strict.add("pg_stat_reset", List.of(), VOID, (a, c) -> reset(c, -1));
        strict.add("pg_stat_reset_single_table_counters", List.of(OID), VOID, (a, c) ->
                reset(c, (int) ((Number) a[0]).longValue()));
        strict.add("pg_stat_reset_shared", List.of(TEXT), VOID, (a, c) -> resetShared((String) a[0]));
        strict.add("pg_stat_clear_snapshot", List.of(), VOID, (a, c) -> {
            StatsSnapshot s = snapshot(c);
            if (s != null) {
                s.clear();
            }
            return null;
        });
        strict.add("pg_blocking_pids", List.of(INT4), org.tusk.sql.types.SqlType.INT4_ARRAY, (a, c) ->
                new org.tusk.sql.types.ArrayValue(1, c.db() == null ? List.of()
                        : List.copyOf(c.db().storage().blockingPids((Integer) a[0]))));
        // Counts are flushed at every transaction end: there is never anything left to force.
        strict.add("pg_stat_force_next_flush", List.of(), VOID, (a, c) -> null);
    }

    private static final long[] NONE = new long[CumulativeStats.FIELDS];

    private static StatsSnapshot snapshot(EvalContext c) {
        return c.db() instanceof BackendDatabase db ? db.statsSnapshot() : null;
    }

    /** A table's or an index's counters in the current database (shared catalogs: database 0). */
    private static long[] relation(EvalContext c, Object oid) {
        StatsSnapshot s = snapshot(c);
        if (s == null) {
            return NONE;
        }
        int object = (int) ((Number) oid).longValue();
        if (object == CumulativeStats.DATABASE_ENTRY) {
            return NONE; // InvalidOid: no relation (that key is the database's own entry)
        }
        // The relation is the current database's, or a shared catalog's (kept under database 0).
        BackendDatabase db = (BackendDatabase) c.db();
        long[] own = s.entry(db.storage(), db.databaseOid(), object);
        if (!zero(own)) {
            return own;
        }
        long[] shared = s.entry(db.storage(), 0, object);
        return zero(shared) ? own : shared;
    }

    private static boolean zero(long[] values) {
        for (long v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    private static long[] database(EvalContext c, Object oid) {
        StatsSnapshot s = snapshot(c);
        if (s == null) {
            return NONE;
        }
        return s.entry(c.db().storage(), (int) ((Number) oid).longValue(), CumulativeStats.DATABASE_ENTRY);
    }

    /** The backends connected to the database now (from the shared status area). */
    private static int numBackends(EvalContext c, Object oid) {
        if (c.db() == null) {
            return 0;
        }
        int database = (int) ((Number) oid).longValue();
        int n = 0;
        for (BackendActivity a : c.db().storage().backendActivity()) {
            if (a.databaseOid() == database) {
                n++;
            }
        }
        return n;
    }

    private static Object reset(EvalContext c, int object) {
        if (c.db() instanceof BackendDatabase db) {
            db.storage().resetStats(db.databaseOid(), object, micros(Instant.now()));
        }
        return null;
    }

    /** pg_stat_reset_shared(target): Tusk keeps none of these counters, so only the target is checked. */
    private static Object resetShared(String target) {
        if (!List.of("archiver", "bgwriter", "recovery_prefetch", "wal").contains(target)) {
            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "22023",
                    "unrecognized reset target: \"" + target + "\"")
                    .hint("Target must be \"archiver\", \"bgwriter\", \"recovery_prefetch\", or \"wal\".").build());
        }
        return null;
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    private static Instant instant(long micros) {
        return micros == 0 ? null : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1000);
    }
}
