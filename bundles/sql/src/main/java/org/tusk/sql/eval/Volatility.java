package org.tusk.sql.eval;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * pg_proc.provolatile of the built-in routines, by name: the one list the planner's decisions read. A
 * volatile routine ('v') may answer differently at every call: it is never an index key, and a WITH query
 * calling it is computed once, not inlined. A stable one ('s') answers the same within a statement but not
 * across statements: neither is folded into a constant at planning, since a prepared plan outlives its
 * statement. Every other built-in is immutable.
 */
public final class Volatility {
    private static final Set<String> VOLATILE = Set.of("random", "nextval", "setval", "currval", "lastval",
            "clock_timestamp", "timeofday", "gen_random_uuid", "setseed", "set_config", "pg_sleep", "random_normal",
            "pg_cancel_backend", "pg_terminate_backend", "pg_notify", "tusk_debug_crash_backend");

    private static final Set<String> NOT_IMMUTABLE = Stream.of(VOLATILE.stream(), Stream.of("statement_timestamp",
            "now", "transaction_timestamp", "version", "current_database", "current_schema", "pg_backend_pid",
            "current_setting", "current_schemas", "txid_current", "pg_client_encoding", "to_regclass", "to_regtype",
            "to_regproc", "to_regprocedure", "to_regnamespace", "to_regrole"), StatsFunctions.NAMES.stream())
            .flatMap(s -> s).collect(Collectors.toUnmodifiableSet());

    private Volatility() {
    }

    /** Whether the built-in routine {@code name} is volatile. */
    public static boolean isVolatile(String name) {
        return VOLATILE.contains(name);
    }

    /** Whether the built-in routine {@code name} is volatile or stable (never folded at planning). */
    public static boolean notImmutable(String name) {
        return NOT_IMMUTABLE.contains(name);
    }
}
