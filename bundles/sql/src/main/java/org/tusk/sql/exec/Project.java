package org.tusk.sql.exec;

import java.util.List;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;

/**
 * Computes the target list over each input row into one output slot. EXPLAIN shows it only over a
 * Result (PostgreSQL projects inside the node below; the shape is the same).
 */
public final class Project extends PlanNode {
    private final PlanNode input;
    private final List<Expression> exprs;

    public Project(PlanNode input, List<Expression> exprs, RowSlot out) {
        super(List.of(out));
        this.input = input;
        this.exprs = List.copyOf(exprs);
        rows = input.rows;
        startupCost = input.startupCost;
        totalCost = input.totalCost + input.rows * 0.0025 * exprs.size();
        int w = 0;
        for (Expression e : exprs) {
            w += e.type().length() > 0 ? e.type().length() : 32;
        }
        width = w;
    }

    public PlanNode input() {
        return input;
    }

    public List<Expression> exprs() {
        return exprs;
    }

    @Override
    protected void start() {
        input.open(ctx);
    }

    @Override
    protected Object[] fetch() {
        Object[] in = input.next();
        if (in == null) {
            return null;
        }
        Object[] values = new Object[exprs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = exprs.get(i).eval(ctx.eval());
        }
        return new Object[] {values};
    }

    @Override
    public String label() {
        return null; // transparent: EXPLAIN shows the input
    }

    @Override
    public List<PlanNode> children() {
        return List.of(input);
    }

    @Override
    public List<Expression> expressions() {
        List<Expression> out = new java.util.ArrayList<>(exprs);
        out.addAll(super.expressions());
        return out;
    }
}
