package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.eval.RowSlot;

/**
 * The scan of a partitioned table: the rows of each partition left after pruning, in bound order
 * (PostgreSQL's Append over the partitions' scans). Every branch reads into the partitioned table's own
 * slot, since the partitions have its columns in its order; so one branch alone can stand for the whole
 * (EXPLAIN then shows only its scan, as PostgreSQL does), and none is PostgreSQL's empty Result. The
 * tableoid of the rows is the partition being read, kept in a holder the column's expression reads.
 */
public class PartitionAppend extends PlanNode {
    private final List<PlanNode> branches;
    /** Where the OID of the partition being read is kept, for the tableoid column (shared with its readers). */
    private final long[] tableOid;
    private int current;

    public PartitionAppend(List<PlanNode> branches, RowSlot slot, long[] tableOid) {
        super(List.of(slot));
        this.branches = List.copyOf(branches);
        this.tableOid = tableOid;
        rows = branches.stream().mapToDouble(b -> b.rows).sum();
        totalCost = branches.stream().mapToDouble(b -> b.totalCost).sum();
        startupCost = branches.isEmpty() ? 0 : branches.getFirst().startupCost;
        width = branches.isEmpty() ? 0 : branches.getFirst().width;
    }

    @Override
    protected void start() {
        current = 0;
        if (!branches.isEmpty()) {
            enter(0);
        }
    }

    private void enter(int branch) {
        tableOid[0] = relationOid(branches.get(branch));
        branches.get(branch).open(ctx);
    }

    /** The OID of the table a branch scans (its scan may be an index or bitmap scan under other nodes). */
    private static long relationOid(PlanNode n) {
        if (n instanceof TableScan scan) {
            return Integer.toUnsignedLong(scan.relation().oid());
        }
        for (PlanNode c : n.children()) {
            long oid = relationOid(c);
            if (oid != 0) {
                return oid;
            }
        }
        return 0;
    }

    /** The holder of the partition's OID (see the constructor). */
    public long[] tableOid() {
        return tableOid;
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
                enter(current);
            }
        }
        return null;
    }

    @Override
    public final String label() {
        // One partition left is shown as its own scan, as PostgreSQL plans it without an Append.
        return branches.isEmpty() ? "Result" : branches.size() == 1 && qual == null ? null : "Append";
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
