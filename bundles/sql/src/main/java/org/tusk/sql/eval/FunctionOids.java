package org.tusk.sql.eval;

import static org.tusk.sql.types.SqlType.FLOAT8;
import static org.tusk.sql.types.SqlType.INT4;
import static org.tusk.sql.types.SqlType.INT8;
import static org.tusk.sql.types.SqlType.NUMERIC;
import static org.tusk.sql.types.SqlType.TEXT;

import java.util.List;
import java.util.Map;

import org.tusk.sql.types.SqlType;

/**
 * The pg_proc OIDs of the built-in functions a FunctionCall message (the protocol's fast path) may
 * name. Without a catalog only these are known; each OID is PostgreSQL 15's, so a client that looked
 * the OID up on PostgreSQL reaches the same function here. Operators' functions (int4pl, textcat,
 * ...) are reached through their operator.
 */
public final class FunctionOids {

    /** A pg_proc row: OID, and the function or operator with its argument types. */
    private record Entry(String name, boolean operator, List<SqlType> args) {
    }

    private static final Map<Integer, Entry> BY_OID = Map.ofEntries(
            Map.entry(89, new Entry("version", false, List.of())),
            Map.entry(861, new Entry("current_database", false, List.of())),
            Map.entry(2026, new Entry("pg_backend_pid", false, List.of())),
            Map.entry(3036, new Entry("pg_notify", false, List.of(TEXT, TEXT))),
            Map.entry(1299, new Entry("now", false, List.of())),
            Map.entry(1397, new Entry("abs", false, List.of(INT4))),
            Map.entry(1396, new Entry("abs", false, List.of(INT8))),
            Map.entry(1705, new Entry("abs", false, List.of(NUMERIC))),
            Map.entry(1395, new Entry("abs", false, List.of(FLOAT8))),
            Map.entry(941, new Entry("mod", false, List.of(INT4, INT4))),
            Map.entry(1344, new Entry("sqrt", false, List.of(FLOAT8))),
            Map.entry(1610, new Entry("pi", false, List.of())),
            Map.entry(1598, new Entry("random", false, List.of())),
            Map.entry(870, new Entry("lower", false, List.of(TEXT))),
            Map.entry(871, new Entry("upper", false, List.of(TEXT))),
            Map.entry(1317, new Entry("length", false, List.of(TEXT))),
            Map.entry(1374, new Entry("octet_length", false, List.of(TEXT))),
            Map.entry(1622, new Entry("repeat", false, List.of(TEXT, INT4))),
            Map.entry(2311, new Entry("md5", false, List.of(TEXT))),
            Map.entry(177, new Entry("+", true, List.of(INT4, INT4))),
            Map.entry(181, new Entry("-", true, List.of(INT4, INT4))),
            Map.entry(141, new Entry("*", true, List.of(INT4, INT4))),
            Map.entry(463, new Entry("+", true, List.of(INT8, INT8))),
            Map.entry(65, new Entry("=", true, List.of(INT4, INT4))),
            Map.entry(67, new Entry("=", true, List.of(TEXT, TEXT))),
            Map.entry(1258, new Entry("||", true, List.of(TEXT, TEXT))),
            // Large objects: libpq's lo_* API and pgjdbc's LargeObjectManager call these by OID.
            Map.entry(715, new Entry("lo_create", false, List.of(SqlType.OID))),
            Map.entry(952, new Entry("lo_open", false, List.of(SqlType.OID, INT4))),
            Map.entry(953, new Entry("lo_close", false, List.of(INT4))),
            Map.entry(954, new Entry("loread", false, List.of(INT4, INT4))),
            Map.entry(955, new Entry("lowrite", false, List.of(INT4, SqlType.BYTEA))),
            Map.entry(956, new Entry("lo_lseek", false, List.of(INT4, INT4, INT4))),
            Map.entry(957, new Entry("lo_creat", false, List.of(INT4))),
            Map.entry(958, new Entry("lo_tell", false, List.of(INT4))),
            Map.entry(964, new Entry("lo_unlink", false, List.of(SqlType.OID))),
            Map.entry(1004, new Entry("lo_truncate", false, List.of(INT4, INT4))),
            Map.entry(3170, new Entry("lo_lseek64", false, List.of(INT4, INT8, INT4))),
            Map.entry(3171, new Entry("lo_tell64", false, List.of(INT4))),
            Map.entry(3172, new Entry("lo_truncate64", false, List.of(INT4, INT8))),
            Map.entry(3457, new Entry("lo_from_bytea", false, List.of(SqlType.OID, SqlType.BYTEA))),
            Map.entry(3458, new Entry("lo_get", false, List.of(SqlType.OID))),
            Map.entry(3459, new Entry("lo_get", false, List.of(SqlType.OID, INT8, INT4))),
            Map.entry(3460, new Entry("lo_put", false, List.of(SqlType.OID, INT8, SqlType.BYTEA))));

    /**
     * What the functions that need a collation call the operation in their error: a FunctionCall has no
     * expression around it to take a collation from, so PostgreSQL refuses them (42P22) when called.
     */
    private static final Map<Integer, String> COLLATION_USE = Map.of(67, "string comparison",
            870, "lower() function", 871, "upper() function");

    private FunctionOids() {
    }

    /**
     * For a function that compares or case-maps strings, the error PostgreSQL raises when it is called
     * without a collation (as through FunctionCall); null for the others.
     */
    public static org.tusk.spi.SqlException collationError(int oid) {
        String use = COLLATION_USE.get(oid);
        if (use == null) {
            return null;
        }
        return new org.tusk.spi.SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "42P22",
                "could not determine which collation to use for " + use)
                .hint("Use the COLLATE clause to set the collation explicitly.").build());
    }

    /** The function with this OID, or null if it is not one of those above. */
    public static Routine lookup(int oid) {
        Entry e = BY_OID.get(oid);
        if (e == null) {
            return null;
        }
        List<Routine> candidates = e.operator() ? Analyzer.OPERATORS.binary(e.name())
                : Analyzer.FUNCTIONS.lookup(e.name());
        for (Routine r : candidates) {
            if (r.args().equals(e.args())) {
                return r;
            }
        }
        return null;
    }
}
