package org.tusk.sql.trigger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.tusk.sql.eval.EvalContext;

/**
 * One session's deferred after-trigger events (trigger.c's AfterTriggersData, the part that outlives a
 * statement): checks of DEFERRABLE constraints and events of deferrable constraint triggers that were
 * deferred when their statement ended. They run at COMMIT, or earlier when SET CONSTRAINTS makes their
 * constraint IMMEDIATE; ROLLBACK drops them, ROLLBACK TO SAVEPOINT drops those queued since the savepoint.
 *
 * <p>The queue also keeps SET CONSTRAINTS' state for the transaction (SetConstraintState): ALL
 * DEFERRED/IMMEDIATE, then per-constraint overrides; a constraint nobody named follows its
 * INITIALLY DEFERRED/IMMEDIATE. A constraint that is NOT DEFERRABLE is never deferred.
 *
 * <p>Statement executors reach it through {@link #of}, keyed by the session's catalog object as the trigger
 * cache is; the session calls the transaction hooks ({@link #fireAtCommit}, {@link #clear}, the savepoint
 * methods).
 */
public final class AfterTriggerQueue {
    private static final Map<Object, AfterTriggerQueue> SESSIONS = new WeakHashMap<>();

    /** One deferred event: a constraint check or a constraint trigger's call, run later in queue order. */
    public interface Event {
        /** The pg_constraint OID SET CONSTRAINTS names it by. */
        int constraint();

        /** Runs the check or the trigger; an error is the constraint's violation. */
        void fire(EvalContext ctx);
    }

    private final List<Event> events = new ArrayList<>();
    /** SET CONSTRAINTS ALL: null until said in this transaction. */
    private Boolean allDeferred;
    /** SET CONSTRAINTS name: constraint OID to deferred. */
    private final Map<Integer, Boolean> named = new HashMap<>();
    /** Per open savepoint: the queue length and the SET CONSTRAINTS state when it was made. */
    private final List<Mark> savepoints = new ArrayList<>();
    /** While COMMIT fires the queue, every constraint is immediate. */
    private boolean committing;

    private record Mark(int events, Boolean allDeferred, Map<Integer, Boolean> named) {
    }

    /** The queue of the session whose catalog is {@code sessionKey} (made on first use). */
    public static AfterTriggerQueue of(Object sessionKey) {
        synchronized (SESSIONS) {
            return SESSIONS.computeIfAbsent(sessionKey, k -> new AfterTriggerQueue());
        }
    }

    /** The queue of the session {@code ctx} runs in, or null without storage. */
    public static AfterTriggerQueue of(EvalContext ctx) {
        return ctx.db() == null ? null : of(ctx.db().catalog());
    }

    /** Whether a constraint's check is deferred now (afterTriggerCheckState). */
    public boolean deferred(int constraint, boolean deferrable, boolean initiallyDeferred) {
        if (!deferrable || committing) {
            return false;
        }
        Boolean n = named.get(constraint);
        if (n != null) {
            return n;
        }
        return allDeferred != null ? allDeferred : initiallyDeferred;
    }

    /** Keeps an event for later (its constraint is deferred now). */
    public void defer(Event e) {
        events.add(e);
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    /** SET CONSTRAINTS ALL {DEFERRED | IMMEDIATE}; IMMEDIATE runs every pending event now. */
    public void setAll(boolean deferred, EvalContext ctx) {
        named.clear();
        allDeferred = deferred;
        if (!deferred) {
            fire(ctx, e -> true);
        }
    }

    /** SET CONSTRAINTS c, ... {DEFERRED | IMMEDIATE}; IMMEDIATE runs their pending events now. */
    public void set(List<Integer> constraints, boolean deferred, EvalContext ctx) {
        for (int c : constraints) {
            named.put(c, deferred);
        }
        if (!deferred) {
            fire(ctx, e -> constraints.contains(e.constraint()));
        }
    }

    /**
     * PreCommit: runs every pending event, in order, including those the events themselves queue. An error
     * leaves the rest; the caller rolls the transaction back.
     */
    public void fireAtCommit(EvalContext ctx) {
        if (events.isEmpty()) {
            return;
        }
        committing = true;
        try {
            fire(ctx, e -> true);
        } finally {
            committing = false;
        }
    }

    private void fire(EvalContext ctx, java.util.function.Predicate<Event> which) {
        // Events fired here may queue new ones (a constraint trigger's own changes): repeat until none is left.
        while (true) {
            List<Event> now = new ArrayList<>();
            List<Event> keep = new ArrayList<>();
            for (Event e : events) {
                (which.test(e) ? now : keep).add(e);
            }
            if (now.isEmpty()) {
                return;
            }
            events.clear();
            events.addAll(keep);
            for (Event e : now) {
                ctx.checkForInterrupts();
                e.fire(ctx);
            }
        }
    }

    /** The transaction ended: nothing is pending, SET CONSTRAINTS is forgotten. */
    public void clear() {
        events.clear();
        named.clear();
        allDeferred = null;
        savepoints.clear();
        committing = false;
    }

    public void savepoint() {
        savepoints.add(new Mark(events.size(), allDeferred, new HashMap<>(named)));
    }

    /** RELEASE of the savepoint at {@code level} and later ones: their events stay. */
    public void releaseSavepoint(int level) {
        if (level < savepoints.size()) {
            savepoints.subList(level, savepoints.size()).clear();
        }
    }

    /** ROLLBACK TO the savepoint at {@code level}: events queued since and SET CONSTRAINTS since are undone. */
    public void rollbackToSavepoint(int level) {
        if (level >= savepoints.size()) {
            return;
        }
        Mark m = savepoints.get(level);
        savepoints.subList(level + 1, savepoints.size()).clear();
        if (events.size() > m.events()) {
            events.subList(m.events(), events.size()).clear();
        }
        allDeferred = m.allDeferred();
        named.clear();
        named.putAll(m.named());
    }
}
