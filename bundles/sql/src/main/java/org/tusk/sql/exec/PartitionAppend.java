package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.eval.RowSlot;

/**
 * The scan of a partitioned table: the rows of each partition left after pruning, in bound order
 * (PostgreSQL's Append over the partitions' scans). Every branch reads into the partitioned table's own
 * slot, since the partitions have its columns in its order; so one branch alone can stand for the whole
 * (EXPLAIN then shows only its scan, as PostgreSQL does), and none is PostgreSQL's empty Result.
 */
public class PartitionAppend extends PlanNode {
    private final List<PlanNode> branches;
    private int current;

    public PartitionAppend(List<PlanNode> branches, RowSlot slot) {
        super(List.of(slot));
        this.branches = List.copyOf(branches);
        rows = branches.stream().mapToDouble(b -> b.rows).sum();
        totalCost = branches.stream().mapToDouble(b -> b.totalCost).sum();
        startupCost = branches.isEmpty() ? 0 : branches.getFirst().startupCost;
        width = branches.isEmpty() ? 0 : branches.getFirst().width;
    }

    @Override
    protected void start() {
        current = 0;
        if (!branches.isEmpty()) {
            branches.getFirst().open(ctx);
        }
    }

    @Override
    protected Object[] fetch() {
        while (current < branches.size()) {
            Object[] r = branches.get(current).next();
            if (r != null) {
                return r;
            }
            current++;
            if (current < branches.size()) {
                branches.get(current).open(ctx);
            }
        }
        return null;
    }

    @Override
    public final String label() {
        return branches.isEmpty() ? "Result" : "Append";
    }

    @Override
    public List<String> details(boolean verbose) {
        if (!branches.isEmpty()) {
            return super.details(verbose);
        }
        List<String> out = new ArrayList<>(super.details(verbose));
        out.add("One-Time Filter: false");
        return out;
    }

    @Override
    public List<PlanNode> children() {
        return branches;
    }
}
