package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Ordering;

/**
 * DISTINCT and DISTINCT ON: passes on the first row of each distinct key, in input order (so over a
 * sorted input the output stays sorted and DISTINCT ON keeps each group's first row).
 */
public final class Distinct extends PlanNode {
    private final PlanNode input;
    private final List<Expression> keys;
    private final boolean sortedInput;
    private Set<List<Object>> seen;

    public Distinct(PlanNode input, List<Expression> keys, boolean sortedInput) {
        super(input.slots());
        this.input = input;
        this.keys = List.copyOf(keys);
        this.sortedInput = sortedInput;
        rows = Math.max(1, input.rows / 2);
        startupCost = input.startupCost;
        totalCost = input.totalCost + input.rows * 0.01;
        width = input.width;
    }

    @Override
    protected void start() {
        seen = new HashSet<>();
        input.open(ctx);
    }

    @Override
    protected Object[] fetch() {
        for (Object[] r = input.next(); r != null; r = input.next()) {
            List<Object> k = new ArrayList<>(keys.size());
            for (Expression e : keys) {
                k.add(Ordering.hashKey(e.eval(ctx.eval()), e.type()));
            }
            if (seen.add(k)) {
                return r;
            }
        }
        return null;
    }

    @Override
    public String label() {
        return sortedInput ? "Unique" : "HashAggregate";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(input);
    }

    @Override
    public List<String> details(boolean verbose) {
        List<String> out = new ArrayList<>();
        if (!sortedInput) {
            out.add("Group Key: " + ExpressionText.list(keys, verbose));
        }
        out.addAll(super.details(verbose));
        return out;
    }
}
