package org.tusk.sql.exec;

import java.util.List;

/**
 * The rows of several nodes that fill the same slots, one node after the other: the aggregations of
 * GROUP BY's grouping sets, which all write the same group and aggregate slots, so that what is
 * computed above them reads a row of any set alike.
 */
public final class AppendRows extends PlanNode {
    private final List<PlanNode> children;
    private int current;

    public AppendRows(List<PlanNode> children) {
        super(children.getFirst().slots());
        this.children = List.copyOf(children);
        rows = children.stream().mapToDouble(c -> c.rows).sum();
        startupCost = children.getFirst().startupCost;
        totalCost = children.stream().mapToDouble(c -> c.totalCost).sum();
    }

    @Override
    protected void start() {
        current = 0;
        children.getFirst().open(ctx);
    }

    @Override
    protected Object[] fetch() {
        while (current < children.size()) {
            Object[] r = children.get(current).next();
            if (r != null) {
                return r;
            }
            current++;
            if (current < children.size()) {
                children.get(current).open(ctx);
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
        return children;
    }
}
