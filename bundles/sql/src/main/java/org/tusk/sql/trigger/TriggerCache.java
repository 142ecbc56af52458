package org.tusk.sql.trigger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;

/**
 * One session's triggers by relation (the trigdesc PostgreSQL's relcache keeps with each relation), read
 * from pg_trigger in one scan and kept while the relation cache keeps its generation: any catalog change
 * of this backend, or a committed one of another, starts a new generation and the next statement reads
 * pg_trigger again. Each relation's list is in name order, the order triggers fire in. The compiled
 * trigger functions live here too, so a function is compiled once per session and catalog state.
 */
final class TriggerCache {
    /** Per session: its relation cache is the key, so a closed session's entry goes with it. */
    private static final Map<RelationCache, TriggerCache> SESSIONS = new WeakHashMap<>();

    private long generation = Long.MIN_VALUE;
    private Map<Integer, List<TriggerDef>> byRelation = Map.of();
    /** The internal triggers (foreign keys'), apart: they are never fired, only asked whether they are on. */
    private Map<Integer, List<TriggerDef>> internalByRelation = Map.of();
    private final Map<Integer, Object> functions = new HashMap<>();

    static TriggerCache of(RelationCache rc) {
        synchronized (SESSIONS) {
            TriggerCache c = SESSIONS.computeIfAbsent(rc, k -> new TriggerCache());
            c.refresh(rc);
            return c;
        }
    }

    private void refresh(RelationCache rc) {
        if (rc.generation() == generation) {
            return;
        }
        generation = rc.generation();
        functions.clear();
        Map<Integer, List<TriggerDef>> m = new HashMap<>();
        Map<Integer, List<TriggerDef>> internal = new HashMap<>();
        for (CatalogRow r : rc.tables().rows(CatalogDefinitions.PG_TRIGGER, r -> true)) {
            TriggerDef t = TriggerDef.fromRow(r);
            (r.bool("tgisinternal") ? internal : m).computeIfAbsent(t.relid(), k -> new ArrayList<>()).add(t);
        }
        internalByRelation = internal;
        for (List<TriggerDef> l : m.values()) {
            l.sort(Comparator.comparing(TriggerDef::name));
        }
        byRelation = m;
    }

    /** The relation's triggers in name order (empty if none). */
    List<TriggerDef> triggers(int relid) {
        return byRelation.getOrDefault(relid, List.of());
    }

    /** The relation's internal triggers (of its foreign keys and the keys referencing it). */
    List<TriggerDef> internal(int relid) {
        return internalByRelation.getOrDefault(relid, List.of());
    }

    /** The session's compiled form of a trigger function, made by {@code make} on first use. */
    Object function(int oid, java.util.function.Supplier<Object> make) {
        return functions.computeIfAbsent(oid, k -> make.get());
    }
}
