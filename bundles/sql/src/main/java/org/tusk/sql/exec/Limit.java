package org.tusk.sql.exec;

import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.eval.Expression;

/** LIMIT/OFFSET: both computed when the node starts, as nodeLimit.c does. */
public final class Limit extends PlanNode {
    private final PlanNode input;
    private final Expression limit;
    private final Expression offset;
    private long remaining;
    private long skip;

    public Limit(PlanNode input, Expression limit, Expression offset) {
        super(input.slots());
        this.input = input;
        this.limit = limit;
        this.offset = offset;
        rows = input.rows;
        startupCost = input.startupCost;
        totalCost = input.totalCost;
        width = input.width;
    }

    @Override
    protected void start() {
        skip = 0;
        if (offset != null) {
            Object v = offset.eval(ctx.eval());
            if (v != null && ((Number) v).longValue() < 0) {
                throw new SqlException("2201X", "OFFSET must not be negative");
            }
            skip = v == null ? 0 : ((Number) v).longValue();
        }
        remaining = -1;
        if (limit != null) {
            Object v = limit.eval(ctx.eval());
            if (v != null && ((Number) v).longValue() < 0) {
                throw new SqlException("2201W", "LIMIT must not be negative");
            }
            remaining = v == null ? -1 : ((Number) v).longValue();
        }
        if (remaining != 0) {
            input.open(ctx);
        }
    }

    @Override
    protected Object[] fetch() {
        if (remaining == 0) {
            return null;
        }
        while (skip > 0) {
            if (input.next() == null) {
                remaining = 0;
                return null;
            }
            skip--;
        }
        Object[] row = input.next();
        if (row == null) {
            remaining = 0;
            return null;
        }
        if (remaining > 0) {
            remaining--;
        }
        return row;
    }

    @Override
    public String label() {
        return "Limit";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(input);
    }

    @Override
    public List<Expression> expressions() {
        List<Expression> out = new java.util.ArrayList<>();
        if (limit != null) {
            out.add(limit);
        }
        if (offset != null) {
            out.add(offset);
        }
        return out;
    }
}
