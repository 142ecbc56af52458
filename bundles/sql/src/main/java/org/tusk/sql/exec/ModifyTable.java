package org.tusk.sql.exec;

import java.util.List;

/**
 * EXPLAIN's ModifyTable node of an INSERT, UPDATE or DELETE ("Insert on t", "Update on t x"): the plan
 * that finds or computes the rows below it, the statement's own detail lines (ON CONFLICT) and, under
 * ANALYZE, its counters. The dml layer writes rows itself, so this node only describes; it is never run.
 */
public final class ModifyTable extends PlanNode {
    private final String label;
    private final PlanNode source;
    private final List<String> details;
    private final List<String> analyzeDetails;

    /**
     * @param label          "Insert on t" and the like
     * @param source         the plan the rows come from
     * @param details        lines shown under the label ("Conflict Resolution: NOTHING")
     * @param analyzeDetails lines shown under ANALYZE only ("Tuples Inserted: 1")
     */
    public ModifyTable(String label, PlanNode source, List<String> details, List<String> analyzeDetails) {
        super(List.of());
        this.label = label;
        this.source = source;
        this.details = List.copyOf(details);
        this.analyzeDetails = List.copyOf(analyzeDetails);
        startupCost = source.startupCost;
        totalCost = source.totalCost;
        rows = 0;
        width = 0;
    }

    @Override
    protected void start() {
        throw new IllegalStateException("ModifyTable only describes a statement for EXPLAIN");
    }

    @Override
    protected Object[] fetch() {
        throw new IllegalStateException("ModifyTable only describes a statement for EXPLAIN");
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(source);
    }

    @Override
    public List<String> details(boolean verbose) {
        return details;
    }

    @Override
    public List<String> analyzeDetails() {
        return analyzeDetails;
    }
}
