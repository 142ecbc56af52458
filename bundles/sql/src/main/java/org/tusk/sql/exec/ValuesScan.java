package org.tusk.sql.exec;

import java.util.List;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;

/** {@code VALUES (...), (...)}: each row's expressions evaluated when the row is fetched. */
public final class ValuesScan extends PlanNode {
    private final List<List<Expression>> rowExprs;
    private int next;

    public ValuesScan(List<List<Expression>> rowExprs, RowSlot slot) {
        super(List.of(slot));
        this.rowExprs = rowExprs.stream().map(List::copyOf).toList();
        rows = rowExprs.size();
        totalCost = 0.01 * rows;
    }

    @Override
    protected void start() {
        next = 0;
    }

    @Override
    protected Object[] fetch() {
        if (next >= rowExprs.size()) {
            return null;
        }
        List<Expression> exprs = rowExprs.get(next++);
        Object[] values = new Object[exprs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = exprs.get(i).eval(ctx.eval());
        }
        return new Object[] {values};
    }

    @Override
    public String label() {
        return "Values Scan on \"" + slots.getFirst().name() + "\"";
    }

    @Override
    public List<Expression> expressions() {
        List<Expression> out = new java.util.ArrayList<>();
        rowExprs.forEach(out::addAll);
        out.addAll(super.expressions());
        return out;
    }

    @Override
    public RowSlot scanSlot() {
        return slots.getFirst();
    }
}
