package org.tusk.sql.session;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.plan.Planner;
import org.tusk.sql.schema.Catalog;

/**
 * A backend's generic plans for prepared statements (plancache.c, much reduced): keyed by the parsed
 * statement itself, which a prepared statement keeps across Binds. A plan is reused when the
 * parameter types are the same and every relation the plan reads still looks the same in the catalog
 * (a DDL that changed it, or a search_path that now finds another one, forces a new plan); the cached
 * plan's parameters are given the new Bind's values.
 *
 * <p>A plan whose nodes are open in a cursor or a suspended portal is busy: its nodes hold that
 * execution's state and its parameters that portal's values, so a lookup meanwhile plans anew (and
 * the new plan takes the entry) rather than re-opening them.
 */
final class QueryPlanCache {
    private static final int LIMIT = 256;

    private record Entry(Parameters parameters, SelectExecutor.Plan plan) {
    }

    private final Map<Statement.Select, Entry> entries = new IdentityHashMap<>();
    /** Plans in use by an open execution (any plan, cached or not; identity, as plans are records). */
    private final java.util.Set<SelectExecutor.Plan> busy = java.util.Collections.newSetFromMap(
            new IdentityHashMap<>());
    /** Plans made and kept, and plans reused (for tests: a statement bound ten times is planned once). */
    private long stored;
    private long reused;

    SelectExecutor.Plan lookup(Statement.Select s, Parameters bound, Catalog catalog) {
        Entry e = entries.get(s);
        if (e == null) {
            return null;
        }
        if (busy.contains(e.plan())) {
            return null;
        }
        if (!e.parameters().sameTypes(bound) || !valid(e.plan().planned(), catalog)) {
            entries.remove(s);
            return null;
        }
        e.parameters().rebind(bound.values());
        reused++;
        return e.plan();
    }

    private static boolean valid(Planner.Planned planned, Catalog catalog) {
        List<Planner.RelationUse> uses = planned.relations();
        if (uses.isEmpty()) {
            return true;
        }
        if (catalog == null) {
            return false;
        }
        for (Planner.RelationUse u : uses) {
            if (!u.relation().equals(catalog.lookup(u.schema(), u.name()))) {
                return false;
            }
        }
        return true;
    }

    void store(Statement.Select s, Parameters parameters, SelectExecutor.Plan plan) {
        if (entries.size() >= LIMIT) {
            entries.clear();
        }
        entries.put(s, new Entry(parameters, plan));
        stored++;
    }

    /** {@code plan} is being run by a cursor or portal until {@link #free}. */
    void busy(SelectExecutor.Plan plan) {
        busy.add(plan);
    }

    void free(SelectExecutor.Plan plan) {
        busy.remove(plan);
    }

    long stored() {
        return stored;
    }

    long reused() {
        return reused;
    }

    /** Forgets every plan (DISCARD, DEALLOCATE ALL, the end of the session). */
    void clear() {
        entries.clear();
    }
}
