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
 *
 * <p>The step being produced (the intermediate table) and the previous one (the working table) are
 * {@link TupleStore}s, so steps of any size cost at most work_mem of heap each; when a step is over the
 * two change places and the old working table is emptied for the next step. UNION's set of rows already
 * returned is a hash set in memory, as nodeRecursiveunion.c's hash table is.
 */
public final class RecursiveUnion extends PlanNode {
    private final PlanNode nonRecursive;
    private final PlanNode recursive;
    private final WorkTable table;
    private final boolean all;
    private final List<SqlType> types;

    private boolean inRecursive;
    /** The rows of the step being produced (the intermediate table). */
    private TupleStore step;
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
        closeTables();
        step = TupleStore.forWorkMem(ctx.workMemBytes());
        table.rows = TupleStore.forWorkMem(ctx.workMemBytes());
        seen = all ? null : new HashSet<>();
    }

    @Override
    protected Object[] fetch() {
        while (true) {
            Object[] r = inRecursive ? recursive.next() : nonRecursive.next();
            if (r == null) {
                if (step.size() == 0) {
                    return null;
                }
                // The step is over: its rows are the next run's working table, the old one is emptied.
                TupleStore previous = table.rows;
                table.rows = step;
                previous.clear();
                step = previous;
                recursive.open(ctx);
                inRecursive = true;
                continue;
            }
            Object[] values = (Object[]) r[0];
            if (seen != null && !seen.add(key(values))) {
                continue;
            }
            step.append(values);
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

    private void closeTables() {
        if (step != null) {
            step.close();
            step = null;
        }
        if (table.rows != null) {
            table.rows.close();
            table.rows = null;
        }
    }

    @Override
    public void close() {
        super.close();
        closeTables();
        seen = null;
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
