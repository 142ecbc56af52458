package org.tusk.sql.exec;

import java.util.Arrays;
import java.util.List;

import org.tusk.sql.eval.RowSlot;

/**
 * One reference to a WITH query in FROM. When the query is {@link SharedCte#materialized() materialized}
 * this is PostgreSQL's CTE Scan, reading the rows computed once for all references; otherwise it runs a
 * plan of its own, as a subquery in FROM does ("Subquery Scan").
 */
public final class CteScan extends PlanNode {
    private final SharedCte shared;
    private final PlanNode own;
    private final int columns;
    private final String alias;
    private TupleStore.Reader reader;

    /**
     * @param own this reference's own plan of the query, run when the query is not materialized
     * @param alias the name the reference goes by (its alias, else the query's name)
     */
    public CteScan(SharedCte shared, PlanNode own, int columns, String alias, RowSlot slot) {
        super(List.of(slot));
        this.shared = shared;
        this.own = own;
        this.columns = columns;
        this.alias = alias;
        rows = own.rows;
        startupCost = own.startupCost;
        totalCost = own.totalCost;
    }

    @Override
    protected void start() {
        if (shared.materialized()) {
            reader = shared.rows(ctx).reader();
        } else {
            own.open(ctx);
        }
    }

    @Override
    protected Object[] fetch() {
        if (shared.materialized()) {
            Object values = reader.next();
            return values == null ? null : new Object[] {values};
        }
        Object[] in = own.next();
        if (in == null) {
            return null;
        }
        Object[] values = (Object[]) in[0];
        return new Object[] {values.length == columns ? values : Arrays.copyOf(values, columns)};
    }

    @Override
    public String label() {
        if (shared.materialized()) {
            return "CTE Scan on " + shared.name() + (alias.equals(shared.name()) ? "" : " " + alias);
        }
        return "Subquery Scan on " + alias;
    }

    @Override
    public List<PlanNode> children() {
        return shared.materialized() ? List.of() : List.of(own);
    }
}
