package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;

/**
 * A target list with set-returning functions ({@code SELECT generate_series(1, 3)}), as PostgreSQL 10+
 * runs it: for each input row the functions advance in lockstep, one output row per step, until the
 * longest is done; the shorter ones give NULL meanwhile. Other targets are computed once per input row.
 */
public final class ProjectSet extends PlanNode {

    /** A set-returning target: its function and arguments. */
    public record SetFunction(FunctionScan.Generator generator, List<Expression> args) {
    }

    private final PlanNode input;
    private final List<Expression> exprs;
    private final List<SetFunction> functions;
    private Object[] current;
    private List<Iterator<Object>> running;

    /** @param functions one entry per target: null for an ordinary target, else its function */
    public ProjectSet(PlanNode input, List<Expression> exprs, List<SetFunction> functions, RowSlot out) {
        super(List.of(out));
        this.input = input;
        this.exprs = List.copyOf(exprs);
        this.functions = new ArrayList<>(functions);
        rows = input.rows * 10;
        startupCost = input.startupCost;
        totalCost = input.totalCost + rows * 0.01;
        width = 4 * exprs.size();
    }

    @Override
    protected void start() {
        current = null;
        input.open(ctx);
    }

    @Override
    protected Object[] fetch() {
        while (true) {
            if (current == null) {
                if (input.next() == null) {
                    return null;
                }
                current = new Object[exprs.size()];
                running = new ArrayList<>();
                for (int i = 0; i < exprs.size(); i++) {
                    SetFunction f = functions.get(i);
                    if (f == null) {
                        current[i] = exprs.get(i).eval(ctx.eval());
                        running.add(null);
                    } else {
                        Object[] args = new Object[f.args().size()];
                        for (int j = 0; j < args.length; j++) {
                            args[j] = f.args().get(j).eval(ctx.eval());
                        }
                        running.add(f.generator().start(args, ctx.eval()));
                    }
                }
            }
            Object[] values = current.clone();
            boolean any = false;
            for (int i = 0; i < values.length; i++) {
                Iterator<Object> it = running.get(i);
                if (it != null) {
                    if (it.hasNext()) {
                        values[i] = it.next();
                        any = true;
                    } else {
                        values[i] = null;
                    }
                }
            }
            if (!any) {
                current = null;
                continue;
            }
            return new Object[] {values};
        }
    }

    @Override
    public String label() {
        return "ProjectSet";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(input);
    }
}
