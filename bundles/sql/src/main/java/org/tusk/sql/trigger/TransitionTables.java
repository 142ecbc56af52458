package org.tusk.sql.trigger;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.schema.Column;

/**
 * Transition tables (REFERENCING OLD TABLE AS o NEW TABLE AS n): while a trigger function with them runs,
 * its queries find the statement's old and new rows under those names, as PostgreSQL's ephemeral named
 * relations. The names are in scope for the call only (a stack per thread, the innermost trigger call's
 * names alone visible); the planner asks {@link #find} for an unqualified FROM name after WITH queries and
 * before the catalog, and the scan reads the rows in scope when it starts, so a plan PL/pgSQL caches
 * across calls always reads the current call's rows.
 */
public final class TransitionTables {
    private static final ThreadLocal<Deque<Map<String, Table>>> ACTIVE = ThreadLocal.withInitial(ArrayDeque::new);

    private TransitionTables() {
    }

    /** One transition table: its name, the table's columns and the rows (SQL values in column order). */
    public record Table(String name, List<Column> columns, List<Object[]> rows) {
    }

    /** The transition table {@code name} of the trigger call running now, or null. */
    public static Table find(String name) {
        Deque<Map<String, Table>> d = ACTIVE.get();
        return d.isEmpty() ? null : d.peek().get(name);
    }

    /** Runs {@code body} (a trigger function's call) with these tables in scope. */
    static <T> T with(Map<String, Table> tables, Supplier<T> body) {
        Deque<Map<String, Table>> d = ACTIVE.get();
        d.push(tables);
        try {
            return body.get();
        } finally {
            d.pop();
        }
    }

    /** The plan node that reads transition table {@code name} (PostgreSQL's Named Tuplestore Scan). */
    public static PlanNode scan(String name, String ref, RowSlot slot) {
        return new Scan(name, ref, slot);
    }

    private static final class Scan extends PlanNode {
        private final String name;
        private final String ref;
        private List<Object[]> rows = List.of();
        private int next;

        Scan(String name, String ref, RowSlot slot) {
            super(List.of(slot));
            this.name = name;
            this.ref = ref;
        }

        @Override
        protected void start() {
            Table t = find(name);
            rows = t == null ? List.of() : t.rows();
            next = 0;
        }

        @Override
        protected Object[] fetch() {
            return next < rows.size() ? new Object[] {rows.get(next++)} : null;
        }

        @Override
        public String label() {
            return "Named Tuplestore Scan" + (ref.equals(name) ? "" : " on " + name + " " + ref);
        }
    }
}
