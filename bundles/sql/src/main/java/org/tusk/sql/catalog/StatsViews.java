package org.tusk.sql.catalog;

import static org.tusk.sql.catalog.CatalogOids.BOOL_OID;
import static org.tusk.sql.catalog.CatalogOids.FLOAT8_OID;
import static org.tusk.sql.catalog.CatalogOids.INT2_OID;
import static org.tusk.sql.catalog.CatalogOids.INT4_OID;
import static org.tusk.sql.catalog.CatalogOids.INT8_OID;
import static org.tusk.sql.catalog.CatalogOids.NAME_OID;
import static org.tusk.sql.catalog.CatalogOids.OID_OID;
import static org.tusk.sql.catalog.CatalogOids.TEXT_OID;
import static org.tusk.sql.catalog.CatalogOids.TIMESTAMPTZ_OID;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.tusk.sql.catalog.SystemViews.View;

/**
 * PostgreSQL 15's cumulative statistics views and pg_locks (system_views.sql), with PostgreSQL's column
 * names, types and order and its OIDs (but pg_statio_sys_indexes, whose 12201 is Tusk's pg_stat_activity).
 * The queries are PostgreSQL's; the _user_ and _sys_ views filter the _all_ ones by schema as there.
 * pg_locks.transactionid is text: Tusk has no xid type yet.
 */
final class StatsViews {

    private StatsViews() {
    }

    private static final String USER_SCHEMAS =
            " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND schemaname !~ '^pg_toast'";
    private static final String SYS_SCHEMAS =
            " WHERE schemaname IN ('pg_catalog', 'information_schema') OR schemaname ~ '^pg_toast'";

    private static final List<String> TABLE_COLUMNS = List.of("relid", "schemaname", "relname", "seq_scan",
            "seq_tup_read", "idx_scan", "idx_tup_fetch", "n_tup_ins", "n_tup_upd", "n_tup_del", "n_tup_hot_upd",
            "n_live_tup", "n_dead_tup", "n_mod_since_analyze", "n_ins_since_vacuum", "last_vacuum", "last_autovacuum",
            "last_analyze", "last_autoanalyze", "vacuum_count", "autovacuum_count", "analyze_count",
            "autoanalyze_count");
    private static final List<Integer> TABLE_TYPES = types(List.of(OID_OID, NAME_OID, NAME_OID), INT8_OID, 12,
            List.of(TIMESTAMPTZ_OID, TIMESTAMPTZ_OID, TIMESTAMPTZ_OID, TIMESTAMPTZ_OID, INT8_OID, INT8_OID, INT8_OID,
                    INT8_OID));

    static final View ALL_TABLES = new View(12142, "pg_stat_all_tables", TABLE_COLUMNS, TABLE_TYPES,
            "SELECT c.oid AS relid, n.nspname AS schemaname, c.relname,"
                    + " pg_stat_get_numscans(c.oid) AS seq_scan, pg_stat_get_tuples_returned(c.oid) AS seq_tup_read,"
                    + " sum(pg_stat_get_numscans(i.indexrelid))::bigint AS idx_scan,"
                    + " sum(pg_stat_get_tuples_fetched(i.indexrelid))::bigint + pg_stat_get_tuples_fetched(c.oid)"
                    + " AS idx_tup_fetch,"
                    + " pg_stat_get_tuples_inserted(c.oid) AS n_tup_ins, pg_stat_get_tuples_updated(c.oid) AS n_tup_upd,"
                    + " pg_stat_get_tuples_deleted(c.oid) AS n_tup_del,"
                    + " pg_stat_get_tuples_hot_updated(c.oid) AS n_tup_hot_upd,"
                    + " pg_stat_get_live_tuples(c.oid) AS n_live_tup, pg_stat_get_dead_tuples(c.oid) AS n_dead_tup,"
                    + " pg_stat_get_mod_since_analyze(c.oid) AS n_mod_since_analyze,"
                    + " pg_stat_get_ins_since_vacuum(c.oid) AS n_ins_since_vacuum,"
                    + " pg_stat_get_last_vacuum_time(c.oid) AS last_vacuum,"
                    + " pg_stat_get_last_autovacuum_time(c.oid) AS last_autovacuum,"
                    + " pg_stat_get_last_analyze_time(c.oid) AS last_analyze,"
                    + " pg_stat_get_last_autoanalyze_time(c.oid) AS last_autoanalyze,"
                    + " pg_stat_get_vacuum_count(c.oid) AS vacuum_count,"
                    + " pg_stat_get_autovacuum_count(c.oid) AS autovacuum_count,"
                    + " pg_stat_get_analyze_count(c.oid) AS analyze_count,"
                    + " pg_stat_get_autoanalyze_count(c.oid) AS autoanalyze_count"
                    + " FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_index i ON c.oid = i.indrelid"
                    + " LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('r', 't', 'm', 'p') GROUP BY c.oid, n.nspname, c.relname");

    private static final List<String> XACT_COLUMNS = TABLE_COLUMNS.subList(0, 11);

    /**
     * pg_stat_xact_all_tables: what the current transaction counted so far. Tusk's pending counts are the
     * storage session's and not readable from SQL yet, so every count is 0.
     */
    static final View XACT_ALL_TABLES = new View(12147, "pg_stat_xact_all_tables", XACT_COLUMNS,
            TABLE_TYPES.subList(0, 11),
            "SELECT c.oid AS relid, n.nspname AS schemaname, c.relname, 0::bigint AS seq_scan,"
                    + " 0::bigint AS seq_tup_read, 0::bigint AS idx_scan, 0::bigint AS idx_tup_fetch,"
                    + " 0::bigint AS n_tup_ins, 0::bigint AS n_tup_upd, 0::bigint AS n_tup_del,"
                    + " 0::bigint AS n_tup_hot_upd"
                    + " FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('r', 't', 'm', 'p')");

    static final View ALL_INDEXES = perIndex(12183, "pg_stat_all_indexes",
            List.of("idx_scan", "idx_tup_read", "idx_tup_fetch"),
            "pg_stat_get_numscans(i.oid) AS idx_scan, pg_stat_get_tuples_returned(i.oid) AS idx_tup_read,"
                    + " pg_stat_get_tuples_fetched(i.oid) AS idx_tup_fetch");

    /**
     * pg_statio_all_tables: block reads and hits. Tusk's buffer manager does not count them per relation
     * yet, so they are 0 (NULL where PostgreSQL has no TOAST table or no index).
     */
    static final View STATIO_ALL_TABLES = new View(12170, "pg_statio_all_tables",
            List.of("relid", "schemaname", "relname", "heap_blks_read", "heap_blks_hit", "idx_blks_read",
                    "idx_blks_hit", "toast_blks_read", "toast_blks_hit", "tidx_blks_read", "tidx_blks_hit"),
            types(List.of(OID_OID, NAME_OID, NAME_OID), INT8_OID, 8, List.of()),
            "SELECT c.oid AS relid, n.nspname AS schemaname, c.relname,"
                    + " pg_stat_get_blocks_fetched(c.oid) - pg_stat_get_blocks_hit(c.oid) AS heap_blks_read,"
                    + " pg_stat_get_blocks_hit(c.oid) AS heap_blks_hit, " + indexBlocks("c", "idx_blks_read", true)
                    + ", " + indexBlocks("c", "idx_blks_hit", false) + ","
                    + " pg_stat_get_blocks_fetched(t.oid) - pg_stat_get_blocks_hit(t.oid) AS toast_blks_read,"
                    + " pg_stat_get_blocks_hit(t.oid) AS toast_blks_hit, " + indexBlocks("t", "tidx_blks_read", true)
                    + ", " + indexBlocks("t", "tidx_blks_hit", false)
                    + " FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_class t ON c.reltoastrelid = t.oid"
                    + " LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('r', 't', 'm')");

    /**
     * The blocks read or hit of the indexes of table {@code alias}: PostgreSQL's view sums them in a LEFT JOIN
     * LATERAL; a scalar subquery gives the same values (NULL, the sum of no rows, for a table without indexes
     * or no TOAST table). Tusk's planner materializes a LATERAL subquery once instead of once per outer row.
     */
    private static String indexBlocks(String alias, String column, boolean read) {
        String sum = read ? "pg_stat_get_blocks_fetched(x.indexrelid) - pg_stat_get_blocks_hit(x.indexrelid)"
                : "pg_stat_get_blocks_hit(x.indexrelid)";
        return "(SELECT sum(" + sum + ")::bigint FROM pg_catalog.pg_index x WHERE x.indrelid = " + alias + ".oid) AS "
                + column;
    }

    static final View STATIO_ALL_INDEXES = perIndex(12196, "pg_statio_all_indexes",
            List.of("idx_blks_read", "idx_blks_hit"),
            "pg_stat_get_blocks_fetched(i.oid) - pg_stat_get_blocks_hit(i.oid) AS idx_blks_read,"
                    + " pg_stat_get_blocks_hit(i.oid) AS idx_blks_hit");

    /** A view with a row per index of a table, TOAST table or materialized view: its names, then bigint counters. */
    private static View perIndex(int oid, String name, List<String> counters, String countersSql) {
        List<String> columns = new ArrayList<>(List.of("relid", "indexrelid", "schemaname", "relname", "indexrelname"));
        columns.addAll(counters);
        return new View(oid, name, List.copyOf(columns),
                types(List.of(OID_OID, OID_OID, NAME_OID, NAME_OID, NAME_OID), INT8_OID, counters.size(), List.of()),
                "SELECT c.oid AS relid, i.oid AS indexrelid, n.nspname AS schemaname, c.relname,"
                        + " i.relname AS indexrelname, " + countersSql
                        + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_index x ON c.oid = x.indrelid"
                        + " JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid"
                        + " LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 't', 'm')");
    }

    static final View DATABASE = new View(12266, "pg_stat_database",
            List.of("datid", "datname", "numbackends", "xact_commit", "xact_rollback", "blks_read", "blks_hit",
                    "tup_returned", "tup_fetched", "tup_inserted", "tup_updated", "tup_deleted", "conflicts",
                    "temp_files", "temp_bytes", "deadlocks", "checksum_failures", "checksum_last_failure",
                    "blk_read_time", "blk_write_time", "session_time", "active_time", "idle_in_transaction_time",
                    "sessions", "sessions_abandoned", "sessions_fatal", "sessions_killed", "stats_reset"),
            concat(List.of(OID_OID, NAME_OID, INT4_OID), Collections.nCopies(14, INT8_OID), List.of(TIMESTAMPTZ_OID),
                    Collections.nCopies(5, FLOAT8_OID), Collections.nCopies(4, INT8_OID), List.of(TIMESTAMPTZ_OID)),
            "SELECT d.oid AS datid, d.datname,"
                    + " CASE WHEN d.oid = 0::oid THEN 0 ELSE pg_stat_get_db_numbackends(d.oid) END AS numbackends,"
                    + " pg_stat_get_db_xact_commit(d.oid) AS xact_commit,"
                    + " pg_stat_get_db_xact_rollback(d.oid) AS xact_rollback,"
                    + " pg_stat_get_db_blocks_fetched(d.oid) - pg_stat_get_db_blocks_hit(d.oid) AS blks_read,"
                    + " pg_stat_get_db_blocks_hit(d.oid) AS blks_hit,"
                    + " pg_stat_get_db_tuples_returned(d.oid) AS tup_returned,"
                    + " pg_stat_get_db_tuples_fetched(d.oid) AS tup_fetched,"
                    + " pg_stat_get_db_tuples_inserted(d.oid) AS tup_inserted,"
                    + " pg_stat_get_db_tuples_updated(d.oid) AS tup_updated,"
                    + " pg_stat_get_db_tuples_deleted(d.oid) AS tup_deleted,"
                    + " pg_stat_get_db_conflict_all(d.oid) AS conflicts,"
                    + " pg_stat_get_db_temp_files(d.oid) AS temp_files,"
                    + " pg_stat_get_db_temp_bytes(d.oid) AS temp_bytes,"
                    + " pg_stat_get_db_deadlocks(d.oid) AS deadlocks,"
                    + " pg_stat_get_db_checksum_failures(d.oid) AS checksum_failures,"
                    + " pg_stat_get_db_checksum_last_failure(d.oid) AS checksum_last_failure,"
                    + " pg_stat_get_db_blk_read_time(d.oid) AS blk_read_time,"
                    + " pg_stat_get_db_blk_write_time(d.oid) AS blk_write_time,"
                    + " pg_stat_get_db_session_time(d.oid) AS session_time,"
                    + " pg_stat_get_db_active_time(d.oid) AS active_time,"
                    + " pg_stat_get_db_idle_in_transaction_time(d.oid) AS idle_in_transaction_time,"
                    + " pg_stat_get_db_sessions(d.oid) AS sessions,"
                    + " pg_stat_get_db_sessions_abandoned(d.oid) AS sessions_abandoned,"
                    + " pg_stat_get_db_sessions_fatal(d.oid) AS sessions_fatal,"
                    + " pg_stat_get_db_sessions_killed(d.oid) AS sessions_killed,"
                    + " pg_stat_get_db_stat_reset_time(d.oid) AS stats_reset"
                    + " FROM (SELECT 0::oid AS oid, NULL::name AS datname"
                    + " UNION ALL SELECT oid, datname FROM pg_catalog.pg_database) d");

    static final View BGWRITER = new View(12289, "pg_stat_bgwriter",
            List.of("checkpoints_timed", "checkpoints_req", "checkpoint_write_time", "checkpoint_sync_time",
                    "buffers_checkpoint", "buffers_clean", "maxwritten_clean", "buffers_backend",
                    "buffers_backend_fsync", "buffers_alloc", "stats_reset"),
            List.of(INT8_OID, INT8_OID, FLOAT8_OID, FLOAT8_OID, INT8_OID, INT8_OID, INT8_OID, INT8_OID, INT8_OID,
                    INT8_OID, TIMESTAMPTZ_OID),
            "SELECT pg_stat_get_bgwriter_timed_checkpoints() AS checkpoints_timed,"
                    + " pg_stat_get_bgwriter_requested_checkpoints() AS checkpoints_req,"
                    + " pg_stat_get_checkpoint_write_time() AS checkpoint_write_time,"
                    + " pg_stat_get_checkpoint_sync_time() AS checkpoint_sync_time,"
                    + " pg_stat_get_bgwriter_buf_written_checkpoints() AS buffers_checkpoint,"
                    + " pg_stat_get_bgwriter_buf_written_clean() AS buffers_clean,"
                    + " pg_stat_get_bgwriter_maxwritten_clean() AS maxwritten_clean,"
                    + " pg_stat_get_buf_written_backend() AS buffers_backend,"
                    + " pg_stat_get_buf_fsync_backend() AS buffers_backend_fsync,"
                    + " pg_stat_get_buf_alloc() AS buffers_alloc,"
                    + " pg_stat_get_bgwriter_stat_reset_time() AS stats_reset");

    static final View LOCKS = new View(12073, "pg_locks",
            List.of("locktype", "database", "relation", "page", "tuple", "virtualxid", "transactionid", "classid",
                    "objid", "objsubid", "virtualtransaction", "pid", "mode", "granted", "fastpath", "waitstart"),
            List.of(TEXT_OID, OID_OID, OID_OID, INT4_OID, INT2_OID, TEXT_OID, TEXT_OID, OID_OID, OID_OID, INT2_OID,
                    TEXT_OID, INT4_OID, TEXT_OID, BOOL_OID, BOOL_OID, TIMESTAMPTZ_OID),
            "SELECT l.locktype, l.database, l.relation, l.page, l.tuple, l.virtualxid, l.transactionid, l.classid,"
                    + " l.objid, l.objsubid, l.virtualtransaction, l.pid, l.mode, l.granted, l.fastpath, l.waitstart"
                    + " FROM pg_catalog.pg_lock_status() l");

    /** The _user_ ({@code user}) or _sys_ view over an _all_ one: the same columns, filtered by schema. */
    static View subset(int oid, String name, View all, boolean user) {
        return new View(oid, name, all.columnNames(), all.columnTypes(),
                "SELECT " + String.join(", ", all.columnNames()) + " FROM pg_catalog." + all.name()
                        + (user ? USER_SCHEMAS : SYS_SCHEMAS));
    }

    private static List<Integer> types(List<Integer> first, int repeated, int times, List<Integer> last) {
        return concat(first, Collections.nCopies(times, repeated), last);
    }

    @SafeVarargs
    private static List<Integer> concat(List<Integer>... parts) {
        List<Integer> out = new ArrayList<>();
        for (List<Integer> p : parts) {
            out.addAll(p);
        }
        return List.copyOf(out);
    }
}
