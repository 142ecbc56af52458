package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Ordering;
import org.tusk.sql.eval.RowSlot;

/**
 * GROUP BY and aggregates (nodeAgg.c): groups in a hash table keyed by the grouping values (NULLs
 * group together, values equal by their type's equality group together); without GROUP BY exactly one
 * row, even over no input. A row out is {@code [grouping values, aggregate results]} in two slots.
 * Aggregates with DISTINCT or an inner ORDER BY keep their argument rows per group until the end.
 * A hash table that outgrows work_mem sends rows of new groups to a temporary file (see {@link #start}).
 */
public final class Aggregate extends PlanNode {
    private final PlanNode input;
    private final List<Expression> groupBy;
    private final List<AggCall> aggregates;
    private Iterator<Group> output;

    private final class Group {
        final Object[] keys;
        /** The group's first input row: loaded again when the group is returned (see {@link #fetch}). */
        Object[] firstRow;
        final Object[] states;
        final List<Set<List<Object>>> seen = new ArrayList<>();
        final List<List<Object[]>> buffered = new ArrayList<>();

        Group(Object[] keys) {
            this.keys = keys;
            states = new Object[aggregates.size()];
            for (int i = 0; i < states.length; i++) {
                AggCall a = aggregates.get(i);
                states[i] = a.function().initial();
                seen.add(a.distinct() ? new HashSet<>() : null);
                buffered.add(a.orderBy().isEmpty() ? null : new ArrayList<>());
            }
        }
    }

    /**
     * Whether an empty input still gives one group (plain aggregation, and grouping sets' empty set,
     * whose keys are all NULL constants).
     */
    private final boolean groupWhenEmpty;

    public Aggregate(PlanNode input, List<Expression> groupBy, List<AggCall> aggregates, RowSlot groupSlot,
            RowSlot aggSlot) {
        this(input, groupBy, aggregates, groupSlot, aggSlot, groupBy.isEmpty());
    }

    public Aggregate(PlanNode input, List<Expression> groupBy, List<AggCall> aggregates, RowSlot groupSlot,
            RowSlot aggSlot, boolean groupWhenEmpty) {
        super(List.of(groupSlot, aggSlot));
        this.groupWhenEmpty = groupWhenEmpty;
        this.input = input;
        this.groupBy = List.copyOf(groupBy);
        this.aggregates = List.copyOf(aggregates);
        rows = groupBy.isEmpty() ? 1 : Math.max(1, input.rows / 10);
        startupCost = input.totalCost + input.rows * 0.01 * (1 + aggregates.size());
        totalCost = startupCost + rows * 0.01;
    }

    private SpillFile overflow;
    private int spilledBatches;

    /**
     * Reads the input into the hash table. Once the table holds work_mem, rows of groups not in it
     * go to a temporary file, processed as a new input after the groups in memory are returned
     * (nodeAgg.c's hash spilling, with one partition per pass).
     */
    @Override
    protected void start() {
        closeOverflow();
        spilledBatches = 0;
        input.open(ctx);
        output = pass(false).values().iterator();
    }

    /** One pass over the input (or the previous pass's overflow file when {@code fromOverflow}). */
    private Map<List<Object>, Group> pass(boolean fromOverflow) {
        SpillFile source = fromOverflow ? overflow : null;
        overflow = null;
        Map<List<Object>, Group> groups = new LinkedHashMap<>();
        long bytes = 0;
        long limit = Math.max(64 * 1024, ctx.workMemBytes());
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
                break;
            }
            Object[] keys = new Object[groupBy.size()];
            List<Object> hashKey = new ArrayList<>(keys.length);
            for (int i = 0; i < keys.length; i++) {
                Expression e = groupBy.get(i);
                keys[i] = e.eval(ctx.eval());
                hashKey.add(Ordering.hashKey(keys[i], e.type()));
            }
            Group g = groups.get(hashKey);
            if (g == null) {
                if (bytes > limit && !groupBy.isEmpty()) {
                    if (overflow == null) {
                        overflow = new SpillFile();
                        spilledBatches++;
                    }
                    overflow.write(r);
                    continue;
                }
                g = new Group(keys);
                g.firstRow = r;
                groups.put(hashKey, g);
                bytes += RowCodec.size(keys) + RowCodec.size(r) + 64L * (1 + aggregates.size());
            }
            bytes += accumulate(g);
        }
        if (source != null) {
            source.close();
        }
        if (overflow != null) {
            overflow.rewind();
        }
        if (groups.isEmpty() && groupWhenEmpty) {
            groups.put(List.of(), new Group(new Object[groupBy.size()]));
        }
        return groups;
    }

    private void closeOverflow() {
        if (overflow != null) {
            overflow.close();
            overflow = null;
        }
    }

    /** Adds the current input row to a group; returns roughly how many bytes the group grew by. */
    private long accumulate(Group g) {
        long grown = 0;
        for (int i = 0; i < aggregates.size(); i++) {
            AggCall a = aggregates.get(i);
            if (a.filter() != null && !Boolean.TRUE.equals(a.filter().eval(ctx.eval()))) {
                continue;
            }
            Object[] args = new Object[a.args().size()];
            boolean hasNull = false;
            for (int j = 0; j < args.length; j++) {
                args[j] = a.args().get(j).eval(ctx.eval());
                hasNull |= args[j] == null;
            }
            if (hasNull && a.function().strict()) {
                continue;
            }
            if (a.distinct()) {
                List<Object> k = new ArrayList<>(args.length);
                for (int j = 0; j < args.length; j++) {
                    k.add(Ordering.hashKey(args[j], a.args().get(j).type()));
                }
                if (!g.seen.get(i).add(k)) {
                    continue;
                }
            }
            if (g.buffered.get(i) != null) {
                Object[] sortKeys = new Object[a.orderBy().size()];
                for (int j = 0; j < sortKeys.length; j++) {
                    sortKeys[j] = a.orderBy().get(j).expr().eval(ctx.eval());
                }
                g.buffered.get(i).add(new Object[] {sortKeys, args});
                grown += RowCodec.size(sortKeys) + RowCodec.size(args);
                continue;
            }
            if (a.distinct()) {
                grown += RowCodec.size(args);
            }
            g.states[i] = a.function().step(g.states[i], args, ctx.eval());
        }
        return grown;
    }

    @Override
    protected Object[] fetch() {
        while (output != null && !output.hasNext() && overflow != null) {
            output = pass(true).values().iterator();
        }
        if (output == null || !output.hasNext()) {
            output = null;
            return null;
        }
        Group g = output.next();
        if (g.firstRow != null) {
            // Subqueries above the aggregation read grouped columns from the input's slots: any row of
            // the group has the group's values there.
            input.load(g.firstRow);
        }
        Object[] results = new Object[aggregates.size()];
        for (int i = 0; i < results.length; i++) {
            AggCall a = aggregates.get(i);
            Object state = g.states[i];
            List<Object[]> buffered = g.buffered.get(i);
            if (buffered != null) {
                buffered.sort((x, y) -> {
                    Object[] kx = (Object[]) x[0];
                    Object[] ky = (Object[]) y[0];
                    for (int j = 0; j < kx.length; j++) {
                        int c = a.orderBy().get(j).compare(kx[j], ky[j]);
                        if (c != 0) {
                            return c;
                        }
                    }
                    return 0;
                });
                for (Object[] b : buffered) {
                    state = a.function().step(state, (Object[]) b[1], ctx.eval());
                }
            }
            results[i] = a.function().finish(state, ctx.eval());
        }
        return new Object[] {g.keys, results};
    }

    @Override
    public void close() {
        super.close();
        output = null;
        closeOverflow();
    }

    @Override
    public String label() {
        return groupBy.isEmpty() ? "Aggregate" : "HashAggregate";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(input);
    }

    @Override
    public List<String> details(boolean verbose) {
        List<String> out = new ArrayList<>();
        if (!groupBy.isEmpty()) {
            out.add("Group Key: " + ExpressionText.list(groupBy, verbose));
        }
        if (spilledBatches > 0) {
            out.add("Batches: " + (spilledBatches + 1));
        }
        out.addAll(super.details(verbose));
        return out;
    }
}
