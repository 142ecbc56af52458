package org.tusk.sql.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.types.SqlType;
import org.tusk.storage.access.BackendActivity;

/**
 * pg_stat_get_activity(pid): one row per backend of the cluster (or only {@code pid}'s; NULL for all),
 * read from the storage's shared status area, where every backend of every process writes its own
 * entry. pg_stat_activity is a view over it joined to pg_database and pg_authid, as in PostgreSQL.
 *
 * <p>The columns are PostgreSQL 15's that the view uses, in the view's order, minus the two names the
 * view joins in. Tusk has no inet or xid type yet: client_addr is text, backend_xid and backend_xmin
 * are text; they, leader_pid, client_hostname, client_port and query_id are always NULL (a backend
 * does not know its client's address; there are no parallel workers or query ids). The only wait
 * events are lock waits (wait_event_type "Lock", wait_event the lock's kind, from the shared lock
 * table), what a client watches to see a session blocked by another. Only client backends are listed (no background processes). The session user is kept as
 * a name in the status area and its OID looked up here.
 */
final class ActivityFunction {

    static final String NAME = "pg_stat_get_activity";

    static final List<String> COLUMNS = List.of("datid", "pid", "leader_pid", "usesysid", "usename",
            "application_name", "client_addr", "client_hostname", "client_port", "backend_start", "xact_start",
            "query_start", "state_change", "wait_event_type", "wait_event", "state", "backend_xid", "backend_xmin",
            "query_id", "query", "backend_type");

    static final List<SqlType> TYPES = List.of(SqlType.OID, SqlType.INT4, SqlType.INT4, SqlType.OID, SqlType.NAME,
            SqlType.TEXT, SqlType.TEXT, SqlType.TEXT, SqlType.INT4, SqlType.TIMESTAMPTZ, SqlType.TIMESTAMPTZ,
            SqlType.TIMESTAMPTZ, SqlType.TIMESTAMPTZ, SqlType.TEXT, SqlType.TEXT, SqlType.TEXT, SqlType.TEXT,
            SqlType.TEXT, SqlType.INT8, SqlType.TEXT, SqlType.TEXT);

    private ActivityFunction() {
    }

    /** The rows for argument {@code args[0]} (a pid, or null for every backend). */
    static List<Object[]> rows(Object[] args, EvalContext ctx) {
        if (ctx.db() == null) {
            return List.of();
        }
        Integer onlyPid = args.length > 0 && args[0] != null ? ((Number) args[0]).intValue() : null;
        Map<String, Long> roles = new HashMap<>();
        List<Object[]> rows = new ArrayList<>();
        Map<Integer, String> lockWaits = ctx.db().storage().lockWaits();
        for (BackendActivity a : ctx.db().storage().backendActivity()) {
            if (onlyPid != null && a.pid() != onlyPid) {
                continue;
            }
            Object[] r = new Object[COLUMNS.size()];
            r[0] = Integer.toUnsignedLong(a.databaseOid());
            r[1] = a.pid();
            r[3] = roles.computeIfAbsent(a.userName(), name -> roleOid(ctx, name));
            r[4] = a.userName();
            r[5] = a.applicationName();
            r[9] = instant(a.backendStart());
            r[10] = instant(a.transactionStart());
            r[11] = instant(a.queryStart());
            r[12] = instant(a.stateChange());
            String lock = lockWaits.get(a.pid());
            if (lock != null) {
                // A backend asleep in a lock wait (pgstat_report_wait_start(PG_WAIT_LOCK | locktag_type)).
                r[13] = "Lock";
                r[14] = lock;
            }
            r[15] = a.state() == null ? null : a.state().text();
            r[19] = a.query();
            r[20] = "client backend";
            rows.add(r);
        }
        return rows;
    }

    private static Long roleOid(EvalContext ctx, String name) {
        if (!(ctx.db() instanceof BackendDatabase db)) {
            return null;
        }
        CatalogRow role = db.catalog().tables().first(CatalogDefinitions.PG_AUTHID, r -> r.text("rolname").equals(name));
        return role == null ? null : Integer.toUnsignedLong(role.oid("oid"));
    }

    private static Instant instant(long micros) {
        return micros == 0 ? null : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1000);
    }
}
