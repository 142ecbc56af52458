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
        close();
        seen = new HashSet<>();
        previous = null;
        bytes = 0;
        input.open(ctx);
    }

    private List<Object> previous;
    private long bytes;
    private SpillFile overflow;
    private SpillFile source;

    /**
     * Over a sorted input only the previous key is kept (Unique). Hashed, the set of keys seen is
     * bounded by work_mem: rows with keys not in the set once it is full go to a temporary file, which
     * is read as the next input with a fresh set once the input ends.
     */
    @Override
    protected Object[] fetch() {
        while (true) {
            Object[] r;
            if (source == null) {
                r = input.next();
            } else {
                r = (Object[]) source.read(null);
                if (r != null) {
                    input.load(r);
                }
            }
            if (r == null) {
                if (source != null) {
                    source.close();
                    source = null;
                }
                if (overflow == null) {
                    return null;
                }
                overflow.rewind();
                source = overflow;
                overflow = null;
                seen = new HashSet<>();
                bytes = 0;
                continue;
            }
            List<Object> k = new ArrayList<>(keys.size());
            for (Expression e : keys) {
                k.add(Ordering.hashKey(e.eval(ctx.eval()), e.type()));
            }
            if (sortedInput) {
                if (!k.equals(previous)) {
                    previous = k;
                    return r;
                }
                continue;
            }
            if (seen.contains(k)) {
                continue;
            }
            if (bytes > Math.max(64 * 1024, ctx.workMemBytes())) {
                if (overflow == null) {
                    overflow = new SpillFile();
                }
                overflow.write(r);
                continue;
            }
            seen.add(k);
            bytes += RowCodec.size(k.toArray()) + 32;
            return r;
        }
    }

    @Override
    public void close() {
        super.close();
        for (SpillFile f : new SpillFile[] {overflow, source}) {
            if (f != null) {
                f.close();
            }
        }
        overflow = null;
        source = null;
        seen = null;
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
