package org.tusk.sql.trigger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * EXPLAIN ANALYZE's trigger instrumentation (PostgreSQL's ri_TrigInstrument): while a statement is
 * explained, each trigger function call is counted and timed, and the "Trigger name: time=... calls=n"
 * lines are printed after the plan. Collection is per backend thread, like the statement it measures.
 */
public final class TriggerCalls {
    private static final ThreadLocal<TriggerCalls> ACTIVE = new ThreadLocal<>();

    private static final class Counter {
        final String name;
        long calls;
        long nanos;

        Counter(String name) {
            this.name = name;
        }
    }

    private final Map<Integer, Counter> counters = new LinkedHashMap<>();
    private final TriggerCalls previous;

    private TriggerCalls(TriggerCalls previous) {
        this.previous = previous;
    }

    /** Starts counting this thread's trigger calls; {@link #stop} ends it. */
    public static TriggerCalls start() {
        TriggerCalls c = new TriggerCalls(ACTIVE.get());
        ACTIVE.set(c);
        return c;
    }

    /** Stops counting (restoring an outer collection, if any). */
    public void stop() {
        if (previous == null) {
            ACTIVE.remove();
        } else {
            ACTIVE.set(previous);
        }
    }

    /** A call of trigger {@code t} took {@code nanos}; counted when a collection is running. */
    static void called(TriggerDef t, long nanos) {
        TriggerCalls c = ACTIVE.get();
        if (c != null) {
            Counter counter = c.counters.computeIfAbsent(t.oid(), k -> new Counter(t.name()));
            counter.calls++;
            counter.nanos += nanos;
        }
    }

    /** Whether a collection is running (a call then needs timing). */
    static boolean active() {
        return ACTIVE.get() != null;
    }

    /** The lines, ordered by trigger name as the relation's triggers are; times only with {@code timing}. */
    public List<String> lines(boolean timing) {
        List<Counter> all = new ArrayList<>(counters.values());
        all.sort((a, b) -> a.name.compareTo(b.name));
        List<String> out = new ArrayList<>();
        for (Counter c : all) {
            out.add("Trigger " + c.name + ": " + (timing ? String.format(Locale.ROOT, "time=%.3f ", c.nanos / 1e6) : "")
                    + "calls=" + c.calls);
        }
        return out;
    }
}
