package org.tusk.sql.exec;

import java.util.Arrays;
import java.util.List;

import org.tusk.sql.eval.RowSlot;

/**
 * A subquery in FROM: the subquery's output row (its first {@code columns} values; the rest are sort
 * keys it carried) becomes the row of this range-table entry's slot.
 */
public final class SubqueryScan extends PlanNode {
    private final PlanNode subquery;
    private final int columns;
    private final String alias;

    public SubqueryScan(PlanNode subquery, int columns, String alias, RowSlot slot) {
        super(List.of(slot));
        this.subquery = subquery;
        this.columns = columns;
        this.alias = alias;
        rows = subquery.rows;
        startupCost = subquery.startupCost;
        totalCost = subquery.totalCost;
    }

    @Override
    protected void start() {
        subquery.open(ctx);
    }

    @Override
    protected Object[] fetch() {
        Object[] in = subquery.next();
        if (in == null) {
            return null;
        }
        Object[] values = (Object[]) in[0];
        return new Object[] {values.length == columns ? values : Arrays.copyOf(values, columns)};
    }

    @Override
    public String label() {
        return "Subquery Scan on " + alias;
    }

    /** The name the subquery goes by in the query. */
    public String alias() {
        return alias;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(subquery);
    }
}
