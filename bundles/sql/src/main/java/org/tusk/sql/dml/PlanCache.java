package org.tusk.sql.dml;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.tusk.spi.ResultSink;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.types.SqlType;

/**
 * The analyzed plans of one session's prepared DML statements (PostgreSQL's plancache.c, for the
 * statements of this layer): a prepared statement's parse tree is analyzed once, on its first
 * execution, and reused by every later Bind/Execute while its table is unchanged. Each plan reads its
 * parameters from an array of its own, refilled from the portal's values before each run. Plans are
 * keyed by the identity of the parsed statement (one per Parse); the least recently used are
 * forgotten beyond {@link #CAPACITY}, so re-parsing unnamed statements cannot grow the cache.
 */
public final class PlanCache {
    static final int CAPACITY = 64;

    private record Key(Statement statement) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.statement == statement;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(statement);
        }
    }

    private record Cached(DmlPlan plan, SqlType[] types, Object[] values) {
    }

    private final Map<Key, Cached> plans = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
            return size() > CAPACITY;
        }
    };

    /** How many times a cached plan was reused (for tests). */
    long hits;

    /**
     * Runs a prepared statement with the bound {@code parameters} (whose values are in {@code env}),
     * reusing its plan when it has one that still fits.
     */
    public void run(Statement s, DmlEnv env, ResultSink sink) {
        Parameters bound = env.parameters();
        SqlType[] types = bound.types();
        Key key = new Key(s);
        Cached e = plans.get(key);
        if (e == null || !Arrays.equals(e.types(), types) || !e.plan().revalidate(env)) {
            Object[] values = new Object[types.length];
            Parameters own = Parameters.bound(types, values).withRowTypesOf(bound); // $1 a row of a named type
            DmlPlan plan = DmlStatements.analyze(s, new DmlEnv(env.storage(), env.catalog(), env.ctx(), own));
            e = new Cached(plan, types, values);
            plans.put(key, e);
        } else {
            hits++;
        }
        for (int i = 0; i < types.length; i++) {
            // A Param reads the bound value; this is how the portal's values reach the plan's own array.
            e.values()[i] = new Expression.Param(i + 1, bound).eval(env.ctx());
        }
        int returned = ReturnedRows.mark();
        try {
            e.plan().run(env, sink);
        } finally {
            ReturnedRows.closeSince(returned);
        }
    }

    /** Forgets every plan (DISCARD, or when the session ends). */
    public void clear() {
        plans.clear();
    }
}
