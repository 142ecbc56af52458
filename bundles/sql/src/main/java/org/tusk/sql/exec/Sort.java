package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.tusk.sql.eval.Expression;

/**
 * ORDER BY: reads its whole input, computing each row's keys once, and returns the rows in key order
 * (stable for equal keys). Everything is kept in memory for now; spilling beyond work_mem is missing.
 */
public final class Sort extends PlanNode {
    private final PlanNode input;
    private final List<SortKey> keys;
    private List<Object[]> sorted;
    private int pos;

    private record Keyed(Object[] keys, Object[] row) {
    }

    public Sort(PlanNode input, List<SortKey> keys) {
        super(input.slots());
        this.input = input;
        this.keys = List.copyOf(keys);
        rows = input.rows;
        startupCost = input.totalCost + input.rows * Math.log(Math.max(2, input.rows)) * 0.01;
        totalCost = startupCost + input.rows * 0.01;
        width = input.width;
    }

    @Override
    protected void start() {
        List<Keyed> all = new ArrayList<>();
        input.open(ctx);
        for (Object[] r = input.next(); r != null; r = input.next()) {
            Object[] k = new Object[keys.size()];
            for (int i = 0; i < k.length; i++) {
                k[i] = keys.get(i).expr().eval(ctx.eval());
            }
            all.add(new Keyed(k, r));
        }
        all.sort((a, b) -> {
            for (int i = 0; i < keys.size(); i++) {
                int c = keys.get(i).compare(a.keys[i], b.keys[i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        sorted = new ArrayList<>(all.size());
        for (Keyed k : all) {
            sorted.add(k.row);
        }
        pos = 0;
    }

    @Override
    protected Object[] fetch() {
        if (pos >= sorted.size()) {
            sorted = List.of();
            pos = 0;
            return null;
        }
        return sorted.get(pos++);
    }

    @Override
    public void close() {
        super.close();
        sorted = null;
    }

    @Override
    public String label() {
        return "Sort";
    }

    /** A key reading the projection below shows as the projected expression. */
    private Expression projected(Expression e) {
        PlanNode n = input;
        while (n instanceof Distinct || n instanceof Limit) {
            n = n.children().getFirst();
        }
        if (e instanceof Expression.Var v && n instanceof Project p && v.slot() == p.slots().getFirst()) {
            return p.exprs().get(v.index());
        }
        return e;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(input);
    }

    @Override
    public List<String> details(boolean verbose) {
        List<String> out = new ArrayList<>();
        out.add("Sort Key: " + keys.stream().map(k -> ExpressionText.of(projected(k.expr()), verbose)
                + (k.descending() ? " DESC" : "") + (k.nullsFirst() != k.descending()
                        ? (k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST") : "")).collect(Collectors.joining(", ")));
        out.addAll(super.details(verbose));
        return out;
    }
}
