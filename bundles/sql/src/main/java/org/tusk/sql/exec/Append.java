package org.tusk.sql.exec;

import java.util.Arrays;
import java.util.List;

import org.tusk.sql.eval.RowSlot;

/**
 * UNION ALL: the rows of each branch in turn, each branch's output values (its first {@code columns})
 * moved into this node's slot.
 */
public final class Append extends PlanNode {
    private final List<PlanNode> branches;
    private final int columns;
    private int current;

    public Append(List<PlanNode> branches, int columns, RowSlot slot) {
        super(List.of(slot));
        this.branches = List.copyOf(branches);
        this.columns = columns;
        rows = branches.stream().mapToDouble(b -> b.rows).sum();
        totalCost = branches.stream().mapToDouble(b -> b.totalCost).sum();
    }

    @Override
    protected void start() {
        current = 0;
        branches.getFirst().open(ctx);
    }

    @Override
    protected Object[] fetch() {
        while (current < branches.size()) {
            Object[] r = branches.get(current).next();
            if (r != null) {
                Object[] values = (Object[]) r[0];
                return new Object[] {values.length == columns ? values : Arrays.copyOf(values, columns)};
            }
            current++;
            if (current < branches.size()) {
                branches.get(current).open(ctx);
            }
        }
        return null;
    }

    @Override
    public String label() {
        return "Append";
    }

    @Override
    public List<PlanNode> children() {
        return branches;
    }
}
