package org.tusk.sql.func;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Routine;

/**
 * One session's user-defined functions, read from pg_proc and turned into routines the analyzer resolves
 * beside the built-ins (PostgreSQL's syscache plus fmgr_info). Built again whenever the relation cache was
 * cleared, which every catalog change of this backend (CREATE, DROP, a rollback of either) and every
 * committed change of another backend causes: that is the invalidation PostgreSQL sends with sinval
 * messages. The routines carry their compiled bodies, so a function is planned once per session until the
 * catalogs change.
 */
public final class UserFunctions {
    private long generation = Long.MIN_VALUE;
    private RelationCache cache;
    private Map<String, List<FunctionDefinition>> byName = Map.of();
    private final Map<Integer, List<Routine>> routines = new HashMap<>();

    /** The routines a call of {@code name} may mean (a qualified name only those of that schema). */
    public List<Routine> lookup(EvalContext ctx, List<String> name) {
        if (ctx.db() == null || !(ctx.db().catalog() instanceof RelationCache rc)) {
            return List.of();
        }
        refresh(rc);
        List<FunctionDefinition> defs = byName.get(name.getLast());
        if (defs == null) {
            return List.of();
        }
        List<Routine> out = new ArrayList<>();
        for (FunctionDefinition d : defs) {
            if (!visible(rc, d, name)) {
                continue;
            }
            out.addAll(routines.computeIfAbsent(d.oid(), oid -> FunctionCall.routines(d)));
        }
        return out;
    }

    /** Every user function called {@code name} in any schema (for DROP FUNCTION and CREATE's checks). */
    List<FunctionDefinition> definitions(RelationCache rc, String name) {
        refresh(rc);
        return byName.getOrDefault(name, List.of());
    }

    private static boolean visible(RelationCache rc, FunctionDefinition d, List<String> name) {
        if (name.size() > 1) {
            Integer ns = rc.namespaceOid(name.get(name.size() - 2));
            return ns != null && ns == d.namespace();
        }
        String schema = rc.namespaceName(d.namespace());
        return rc.searchPath().contains(schema);
    }

    private void refresh(RelationCache rc) {
        if (rc == cache && rc.generation() == generation) {
            return;
        }
        cache = rc;
        generation = rc.generation();
        routines.clear();
        Map<String, List<FunctionDefinition>> defs = new HashMap<>();
        for (CatalogRow row : rc.tables().rows(CatalogDefinitions.PG_PROC,
                r -> Integer.toUnsignedLong(r.oid("oid")) >= FunctionDefinition.FIRST_USER_OID)) {
            FunctionDefinition d = FunctionDefinition.of(row, rc);
            defs.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(d);
        }
        byName = defs;
    }
}
