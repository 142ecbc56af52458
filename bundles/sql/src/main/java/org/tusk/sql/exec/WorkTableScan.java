package org.tusk.sql.exec;

import java.util.List;

import org.tusk.sql.eval.RowSlot;

/** The recursive term's reference to its own query: the rows of the previous step (PostgreSQL's WorkTableScan). */
public final class WorkTableScan extends PlanNode {
    private final WorkTable table;
    private final String name;
    private long next;

    public WorkTableScan(WorkTable table, String name, RowSlot slot) {
        super(List.of(slot));
        this.table = table;
        this.name = name;
    }

    @Override
    protected void start() {
        next = 0;
    }

    @Override
    protected Object[] fetch() {
        return next < table.size() ? new Object[] {table.get(next++)} : null;
    }

    @Override
    public String label() {
        return "WorkTable Scan on " + name;
    }
}
