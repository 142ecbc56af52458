package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.sql.eval.Ordering;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.types.SqlType;

/**
 * WITH RECURSIVE's evaluation (PostgreSQL's RecursiveUnion): the non-recursive term's rows are returned
 * and become the working table; then the recursive term runs again and again over the previous step's
 * rows, until a step returns none. For UNION (not ALL) a row already returned is dropped, so the steps
 * only ever carry new rows, which is what makes such a query end.
 */
public final class RecursiveUnion extends PlanNode {
    private final PlanNode nonRecursive;
    private final PlanNode recursive;
    private final WorkTable table;
    private final boolean all;
    private final List<SqlType> types;

    private boolean inRecursive;
    private List<Object[]> step;
    private Set<List<Object>> seen;

    public RecursiveUnion(PlanNode nonRecursive, PlanNode recursive, WorkTable table, boolean all, List<SqlType> types,
            RowSlot slot) {
        super(List.of(slot));
        this.nonRecursive = nonRecursive;
        this.recursive = recursive;
        this.table = table;
        this.all = all;
        this.types = List.copyOf(types);
        // PostgreSQL's guess: the non-recursive term's rows times ten.
        rows = nonRecursive.rows * 10;
        startupCost = nonRecursive.startupCost + recursive.startupCost;
        totalCost = nonRecursive.totalCost + 10 * recursive.totalCost;
    }

    @Override
    protected void start() {
        nonRecursive.open(ctx);
        inRecursive = false;
        step = new ArrayList<>();
        seen = all ? null : new HashSet<>();
        table.rows = List.of();
    }

    @Override
    protected Object[] fetch() {
        while (true) {
            Object[] r = inRecursive ? recursive.next() : nonRecursive.next();
            if (r == null) {
                if (step.isEmpty()) {
                    return null;
                }
                // The step is over: its rows are the next run's working table.
                table.rows = step;
                step = new ArrayList<>();
                recursive.open(ctx);
                inRecursive = true;
                continue;
            }
            Object[] values = (Object[]) r[0];
            if (seen != null && !seen.add(key(values))) {
                continue;
            }
            step.add(values);
            return new Object[] {values};
        }
    }

    private List<Object> key(Object[] values) {
        List<Object> key = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            key.add(values[i] == null ? null : Ordering.hashKey(values[i], types.get(i)));
        }
        return key;
    }

    @Override
    public String label() {
        return "Recursive Union";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(nonRecursive, recursive);
    }
}
