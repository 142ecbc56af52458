package org.tusk.sql.exec;

import java.util.List;

/** One row of no columns: the input of a SELECT without FROM (PostgreSQL's Result node). */
public final class Result extends PlanNode {
    private boolean done;

    public Result() {
        super(List.of());
        rows = 1;
        totalCost = 0.01;
        width = 0;
    }

    @Override
    protected void start() {
        done = false;
    }

    @Override
    protected Object[] fetch() {
        if (done) {
            return null;
        }
        done = true;
        return new Object[0];
    }

    @Override
    public String label() {
        return "Result";
    }
}
