package org.tusk.sql.exec;

import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;

/**
 * A function in FROM that returns whole rows (pg_stat_get_activity): its arguments are computed and
 * its rows produced when the scan starts, then handed out one at a time. Unlike {@link FunctionScan},
 * whose function yields one value per row, each row here has a column per output of the function.
 */
public final class ComputedRowsScan extends PlanNode {
    private final String name;
    private final List<Expression> args;
    private final BiFunction<Object[], EvalContext, List<Object[]>> function;
    private Iterator<Object[]> rowsLeft;

    public ComputedRowsScan(String name, List<Expression> args,
            BiFunction<Object[], EvalContext, List<Object[]>> function, RowSlot slot) {
        super(List.of(slot));
        this.name = name;
        this.args = List.copyOf(args);
        this.function = function;
        totalCost = 10;
    }

    @Override
    protected void start() {
        Object[] a = new Object[args.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = args.get(i).eval(ctx.eval());
        }
        rowsLeft = function.apply(a, ctx.eval()).iterator();
    }

    @Override
    protected Object[] fetch() {
        if (rowsLeft == null || !rowsLeft.hasNext()) {
            return null;
        }
        return new Object[] {rowsLeft.next()};
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
