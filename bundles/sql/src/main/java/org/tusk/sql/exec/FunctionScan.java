package org.tusk.sql.exec;

import java.util.Iterator;
import java.util.List;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;

/**
 * A set-returning function in FROM (generate_series, unnest): its arguments are computed when the
 * scan starts (for LATERAL, once per outer row), then its values are produced one at a time, with
 * an ordinal column for WITH ORDINALITY.
 */
public final class FunctionScan extends PlanNode {

    /** A set-returning function's body: the values for one set of arguments (null arguments handled by it). */
    @FunctionalInterface
    public interface Generator {
        Iterator<Object> start(Object[] args, EvalContext ctx);
    }

    private final String name;
    private final List<Expression> args;
    private final Generator generator;
    private final boolean ordinality;
    /** Whether the function returns rows of several columns (Object[]) rather than single values. */
    private final boolean record;
    private Iterator<Object> values;
    private long ordinal;

    public FunctionScan(String name, List<Expression> args, Generator generator, boolean ordinality, RowSlot slot) {
        this(name, args, generator, ordinality, slot, false);
    }

    /** With {@code record}, the generator's values are rows (Object[]) of the function's result columns. */
    public FunctionScan(String name, List<Expression> args, Generator generator, boolean ordinality, RowSlot slot,
            boolean record) {
        super(List.of(slot));
        this.name = name;
        this.args = List.copyOf(args);
        this.generator = generator;
        this.ordinality = ordinality;
        this.record = record;
        totalCost = 10;
    }

    @Override
    protected void start() {
        Object[] a = new Object[args.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = args.get(i).eval(ctx.eval());
        }
        values = generator.start(a, ctx.eval());
        ordinal = 0;
    }

    @Override
    protected Object[] fetch() {
        if (values == null || !values.hasNext()) {
            return null;
        }
        Object v = values.next();
        ordinal++;
        if (record) {
            Object[] row = (Object[]) v;
            if (ordinality) {
                row = java.util.Arrays.copyOf(row, row.length + 1);
                row[row.length - 1] = ordinal;
            }
            return new Object[] {row};
        }
        return new Object[] {ordinality ? new Object[] {v, ordinal} : new Object[] {v}};
    }

    @Override
    public String label() {
        return "Function Scan on " + name + (slots.getFirst().name().equals(name) ? "" : " " + slots.getFirst().name());
    }

    @Override
    public List<Expression> expressions() {
        List<Expression> out = new java.util.ArrayList<>(args);
        out.addAll(super.expressions());
        return out;
    }

    @Override
    public RowSlot scanSlot() {
        return slots.getFirst();
    }
}
