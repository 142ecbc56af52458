package org.tusk.sql.exec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Ordering;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.types.SqlType;

/**
 * One window of a query (PostgreSQL's WindowAgg): its input arrives sorted by the window's PARTITION BY
 * and ORDER BY keys (a Sort below sees to that); a partition is read whole, every window function of
 * the window is computed for each of its rows, and the rows leave with the results in this node's own
 * slot.
 *
 * <p>Reading the partition whole is what nodeWindowAgg.c's tuplestore does too; it keeps every row
 * frame, peer group and offset (lag, lead, nth_value) one index away. The partition's rows (with the
 * keys and arguments computed from them) are kept in a {@link TupleStore}, and each function's results
 * in another, so a partition beyond work_mem goes to temporary files rather than filling the heap;
 * what stays in memory per row is its peer group (three ints). Aggregates whose frame
 * starts at the partition's start (the default frame, and ROWS/RANGE/GROUPS ... UNBOUNDED PRECEDING)
 * are accumulated once per partition, as the frame only grows; other frames are aggregated afresh for
 * each row whose frame differs from the previous row's.
 */
public final class WindowAgg extends PlanNode {

    /** PostgreSQL's cpu_operator_cost and cpu_tuple_cost defaults, for cost_windowagg. */
    private static final double CPU_OPERATOR_COST = 0.0025;
    private static final double CPU_TUPLE_COST = 0.01;

    private final PlanNode input;
    private final List<Expression> partitionBy;
    private final List<SortKey> orderBy;
    private final WindowFrame frame;
    private final List<WindowFunc> functions;

    /** A row of the input with what this node computed from it while it was loaded. */
    private record Buffered(Object[] row, Object[] partition, Object[] order, Object[][] args, boolean[] passes) {
    }

    /** The rows of the partition being returned, as {@link #encode} stores them. */
    private TupleStore partition;
    /** Per window function, its result for each row of the partition, in row order. */
    private TupleStore[] results;
    private int emitted;
    private Buffered lookahead;
    private boolean inputDone;

    public WindowAgg(PlanNode input, List<Expression> partitionBy, List<SortKey> orderBy, WindowFrame frame,
            List<WindowFunc> functions, RowSlot slot) {
        super(withSlot(input.slots(), slot));
        this.input = input;
        this.partitionBy = List.copyOf(partitionBy);
        this.orderBy = List.copyOf(orderBy);
        this.frame = frame;
        this.functions = List.copyOf(functions);
        rows = input.rows;
        width = input.width + 8 * functions.size();
        // cost_windowagg: each function and each key column costs an operator per row, plus a tuple.
        startupCost = input.startupCost;
        totalCost = input.totalCost + input.rows * (CPU_OPERATOR_COST
                * (functions.size() + partitionBy.size() + orderBy.size()) + CPU_TUPLE_COST);
    }

    private static List<RowSlot> withSlot(List<RowSlot> slots, RowSlot slot) {
        List<RowSlot> all = new ArrayList<>(slots);
        all.add(slot);
        return all;
    }

    @Override
    protected void start() {
        input.open(ctx);
        closeStores();
        emitted = 0;
        lookahead = null;
        inputDone = false;
    }

    @Override
    protected Object[] fetch() {
        while (partition == null || emitted >= partition.size()) {
            if (!readPartition()) {
                return null;
            }
        }
        int i = emitted++;
        Object[] values = new Object[results.length];
        for (int f = 0; f < values.length; f++) {
            values[f] = results[f].get(i);
        }
        return concat(decode(partition.get(i)).row(), new Object[] {values});
    }

    /** Reads the next partition and computes its results; false at the end of the input. */
    private boolean readPartition() {
        Buffered first = lookahead;
        lookahead = null;
        if (first == null) {
            first = inputDone ? null : read();
            if (first == null) {
                inputDone = true;
                closeStores();
                return false;
            }
        }
        closeStores();
        TupleStore part = TupleStore.forWorkMem(ctx.workMemBytes());
        partition = part;
        part.append(encode(first));
        while (true) {
            Buffered b = read();
            if (b == null) {
                inputDone = true;
                break;
            }
            if (!sameKeys(first.partition(), b.partition(), partitionBy)) {
                lookahead = b;
                break;
            }
            part.append(encode(b));
        }
        emitted = 0;
        results = new PartitionComputation(new PartitionRows(part)).run();
        return true;
    }

    private void closeStores() {
        if (partition != null) {
            partition.close();
            partition = null;
        }
        if (results != null) {
            for (TupleStore r : results) {
                r.close();
            }
            results = null;
        }
    }

    @Override
    public void close() {
        super.close();
        closeStores();
        lookahead = null;
    }

    /** A buffered row as the partition's store keeps it: a value array {@link RowCodec} can write. */
    private static Object[] encode(Buffered b) {
        Boolean[] passes = new Boolean[b.passes().length];
        for (int i = 0; i < passes.length; i++) {
            passes[i] = b.passes()[i];
        }
        return new Object[] {b.row(), b.partition(), b.order(), b.args(), passes};
    }

    /** A stored row back as a {@link Buffered} (arrays read from file come back as plain {@code Object[]}s). */
    private static Buffered decode(Object stored) {
        Object[] a = (Object[]) stored;
        Object[][] args;
        if (a[3] instanceof Object[][] kept) {
            args = kept;
        } else {
            Object[] read = (Object[]) a[3];
            args = new Object[read.length][];
            for (int i = 0; i < read.length; i++) {
                args[i] = (Object[]) read[i];
            }
        }
        Object[] p = (Object[]) a[4];
        boolean[] passes = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            passes[i] = (Boolean) p[i];
        }
        return new Buffered((Object[]) a[0], (Object[]) a[1], (Object[]) a[2], args, passes);
    }

    /** The partition's rows by number, read from its store. */
    private static final class PartitionRows {
        private final TupleStore store;

        PartitionRows(TupleStore store) {
            this.store = store;
        }

        int size() {
            return (int) store.size();
        }

        Buffered get(int i) {
            return decode(store.get(i));
        }

        Buffered getFirst() {
            return get(0);
        }
    }

    /** The functions' results, each function's in its own store, set for rows 0, 1, 2, ... in turn. */
    private final class Results {
        final TupleStore[] stores;

        Results(int functionCount) {
            stores = new TupleStore[functionCount];
            for (int f = 0; f < functionCount; f++) {
                stores[f] = TupleStore.forWorkMem(ctx.workMemBytes());
            }
        }

        void set(int i, int f, Object value) {
            if (stores[f].size() != i) {
                throw new IllegalStateException("window function " + f + " computed row " + i + " out of order");
            }
            stores[f].append(value);
        }
    }

    /** The next input row, with its keys, arguments and filters computed while its values are loaded. */
    private Buffered read() {
        Object[] r = input.next();
        if (r == null) {
            return null;
        }
        EvalContext ec = ctx.eval();
        Object[] part = new Object[partitionBy.size()];
        for (int i = 0; i < part.length; i++) {
            part[i] = partitionBy.get(i).eval(ec);
        }
        Object[] order = new Object[orderBy.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = orderBy.get(i).expr().eval(ec);
        }
        Object[][] args = new Object[functions.size()][];
        boolean[] passes = new boolean[functions.size()];
        for (int f = 0; f < args.length; f++) {
            WindowFunc w = functions.get(f);
            args[f] = new Object[w.args().size()];
            for (int a = 0; a < args[f].length; a++) {
                args[f][a] = w.args().get(a).eval(ec);
            }
            passes[f] = w.filter() == null || Boolean.TRUE.equals(w.filter().eval(ec));
        }
        return new Buffered(r, part, order, args, passes);
    }

    private static boolean sameKeys(Object[] a, Object[] b, List<Expression> exprs) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || b[i] == null) {
                if (a[i] != b[i]) {
                    return false;
                }
            } else if (Ordering.compare(a[i], b[i], exprs.get(i).type()) != 0) {
                return false;
            }
        }
        return true;
    }

    private boolean peers(Buffered a, Buffered b) {
        for (int i = 0; i < orderBy.size(); i++) {
            if (orderBy.get(i).compare(a.order()[i], b.order()[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The results of one partition: peer groups first, then each function for each row. */
    private final class PartitionComputation {
        final PartitionRows rows;
        final int n;
        final int[] groupStart;
        final int[] groupEnd;
        final int[] groupNo;
        final List<Integer> groupFirst = new ArrayList<>();
        long startOffset;
        long endOffset;
        Object startValue;
        Object endValue;

        PartitionComputation(PartitionRows rows) {
            this.rows = rows;
            n = rows.size();
            groupStart = new int[n];
            groupEnd = new int[n];
            groupNo = new int[n];
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (i > 0 && !peers(rows.get(i - 1), rows.get(i))) {
                    for (int j = start; j < i; j++) {
                        groupEnd[j] = i - 1;
                    }
                    start = i;
                }
                if (start == i) {
                    groupFirst.add(i);
                }
                groupStart[i] = start;
                groupNo[i] = groupFirst.size() - 1;
            }
            for (int j = start; j < n; j++) {
                groupEnd[j] = n - 1;
            }
        }

        TupleStore[] run() {
            offsets();
            Results out = new Results(functions.size());
            try {
                compute(out);
            } catch (RuntimeException | Error e) {
                for (TupleStore t : out.stores) {
                    t.close();
                }
                throw e;
            }
            return out.stores;
        }

        private void compute(Results out) {
            for (int f = 0; f < functions.size(); f++) {
                WindowFunc w = functions.get(f);
                switch (w.kind()) {
                    case AGGREGATE -> aggregate(f, w, out);
                    case NTILE -> ntile(f, out);
                    default -> {
                        for (int i = 0; i < n; i++) {
                            out.set(i, f, value(f, w, i));
                        }
                    }
                }
            }
        }

        /** The frame's offsets, computed once per partition (they hold no column of the input). */
        private void offsets() {
            startValue = offset(frame.start(), "starting");
            endValue = offset(frame.end(), "ending");
            if (frame.mode() != WindowFrame.Mode.RANGE) {
                startOffset = startValue == null ? 0 : ((Number) startValue).longValue();
                endOffset = endValue == null ? 0 : ((Number) endValue).longValue();
            }
        }

        private Object offset(WindowFrame.Bound b, String which) {
            if (b.offset() == null) {
                return null;
            }
            Object v = b.offset().eval(ctx.eval());
            if (v == null) {
                throw new SqlException("22004", "frame " + which + " offset must not be null");
            }
            boolean negative = v instanceof BigDecimal d ? d.signum() < 0
                    : v instanceof Double d ? d < 0 : v instanceof Float fl ? fl < 0 : ((Number) v).longValue() < 0;
            if (negative) {
                throw new SqlException("22013", frame.mode() == WindowFrame.Mode.RANGE
                        ? "invalid preceding or following size in window function"
                        : "frame " + which + " offset must not be negative");
            }
            return v;
        }

        private Object value(int f, WindowFunc w, int i) {
            Object[] args = rows.get(i).args()[f];
            return switch (w.kind()) {
                case ROW_NUMBER -> (long) i + 1;
                case RANK -> (long) groupStart[i] + 1;
                case DENSE_RANK -> (long) groupNo[i] + 1;
                case PERCENT_RANK -> n > 1 ? (double) groupStart[i] / (n - 1) : 0.0;
                case CUME_DIST -> (double) (groupEnd[i] + 1) / n;
                case LAG, LEAD -> {
                    Object off = args.length > 1 ? args[1] : Integer.valueOf(1);
                    if (off == null) {
                        yield null;
                    }
                    long j = w.kind() == WindowFunc.Kind.LAG ? i - ((Number) off).longValue()
                            : i + ((Number) off).longValue();
                    yield j >= 0 && j < n ? rows.get((int) j).args()[f][0] : args.length > 2 ? args[2] : null;
                }
                case FIRST_VALUE, LAST_VALUE, NTH_VALUE -> {
                    int nth = 1;
                    if (w.kind() == WindowFunc.Kind.NTH_VALUE) {
                        if (args[1] == null) {
                            yield null;
                        }
                        nth = (Integer) args[1];
                        if (nth <= 0) {
                            throw new SqlException("2201W", "argument of nth_value must be greater than zero");
                        }
                    }
                    int j;
                    if (frame.exclusion() == WindowFrame.Exclusion.NO_OTHERS) {
                        int lo = Math.max(frameStart(i), 0);
                        int hi = Math.min(frameEnd(i), n - 1);
                        j = lo > hi ? -1 : w.kind() == WindowFunc.Kind.LAST_VALUE ? hi
                                : nth <= hi - lo + 1 ? lo + nth - 1 : -1;
                    } else {
                        int[] frameRows = frameRows(i);
                        j = frameRows.length == 0 ? -1
                                : w.kind() == WindowFunc.Kind.LAST_VALUE ? frameRows[frameRows.length - 1]
                                : nth <= frameRows.length ? frameRows[nth - 1] : -1;
                    }
                    yield j < 0 ? null : rows.get(j).args()[f][0];
                }
                default -> throw new IllegalStateException(w.kind().name());
            };
        }

        /** ntile(n): its argument is read from the partition's first row, as window_ntile does. */
        private void ntile(int f, Results out) {
            Object arg = rows.getFirst().args()[f][0];
            if (arg == null) {
                for (int i = 0; i < n; i++) {
                    out.set(i, f, null);
                }
                return;
            }
            int buckets = (Integer) arg;
            if (buckets <= 0) {
                throw new SqlException("2201W", "argument of ntile must be greater than zero");
            }
            // The first (n % buckets) buckets hold one row more than the others.
            long perBucket = n / buckets;
            long larger = n % buckets;
            long largeRows = larger * (perBucket + 1);
            for (int i = 0; i < n; i++) {
                long bucket = i < largeRows ? i / (perBucket + 1) : larger + (i - largeRows) / perBucket;
                out.set(i, f, (int) bucket + 1);
            }
        }

        private void aggregate(int f, WindowFunc w, Results out) {
            AggFunction fn = w.aggregate();
            EvalContext ec = ctx.eval();
            if (frame.start().kind() == WindowFrame.BoundKind.UNBOUNDED_PRECEDING
                    && frame.exclusion() == WindowFrame.Exclusion.NO_OTHERS) {
                // The frame only grows from row to row: one accumulation for the partition.
                Object state = fn.initial();
                int added = 0;
                for (int i = 0; i < n; i++) {
                    int hi = frameEnd(i);
                    while (added <= hi) {
                        state = step(fn, f, added++, state, ec);
                    }
                    out.set(i, f, fn.finish(state, ec));
                }
                return;
            }
            if (frame.exclusion() == WindowFrame.Exclusion.NO_OTHERS) {
                // A contiguous frame: aggregated afresh only when its bounds move.
                int previousLo = -1;
                int previousHi = -2;
                Object previousResult = null;
                for (int i = 0; i < n; i++) {
                    int lo = Math.max(frameStart(i), 0);
                    int hi = Math.min(frameEnd(i), n - 1);
                    if (lo != previousLo || hi != previousHi || i == 0) {
                        Object state = fn.initial();
                        for (int j = lo; j <= hi; j++) {
                            state = step(fn, f, j, state, ec);
                        }
                        previousResult = fn.finish(state, ec);
                        previousLo = lo;
                        previousHi = hi;
                    }
                    out.set(i, f, previousResult);
                }
                return;
            }
            int[] previous = null;
            Object previousResult = null;
            for (int i = 0; i < n; i++) {
                int[] frameRows = frameRows(i);
                if (previous != null && java.util.Arrays.equals(previous, frameRows)) {
                    out.set(i, f, previousResult);
                    continue;
                }
                Object state = fn.initial();
                for (int j : frameRows) {
                    state = step(fn, f, j, state, ec);
                }
                previous = frameRows;
                previousResult = fn.finish(state, ec);
                out.set(i, f, previousResult);
            }
        }

        private Object step(AggFunction fn, int f, int j, Object state, EvalContext ec) {
            Buffered b = rows.get(j);
            if (!b.passes()[f]) {
                return state;
            }
            Object[] args = b.args()[f];
            if (fn.strict()) {
                for (Object a : args) {
                    if (a == null) {
                        return state;
                    }
                }
            }
            return fn.step(state, args, ec);
        }

        /** The rows of row i's frame, in order, exclusions applied. */
        private int[] frameRows(int i) {
            int lo = Math.max(frameStart(i), 0);
            int hi = Math.min(frameEnd(i), n - 1);
            return java.util.stream.IntStream.rangeClosed(lo, hi).filter(j -> switch (frame.exclusion()) {
                case NO_OTHERS -> true;
                case CURRENT_ROW -> j != i;
                case GROUP -> j < groupStart[i] || j > groupEnd[i];
                case TIES -> j == i || j < groupStart[i] || j > groupEnd[i];
            }).toArray();
        }

        /** The first row of row i's frame (may be n: an empty frame). */
        private int frameStart(int i) {
            WindowFrame.BoundKind k = frame.start().kind();
            return switch (frame.mode()) {
                case ROWS -> switch (k) {
                    case UNBOUNDED_PRECEDING -> 0;
                    case OFFSET_PRECEDING -> (int) Math.max(0, i - startOffset);
                    case CURRENT_ROW -> i;
                    case OFFSET_FOLLOWING -> (int) Math.min(n, i + startOffset);
                    case UNBOUNDED_FOLLOWING -> n;
                };
                case GROUPS -> switch (k) {
                    case UNBOUNDED_PRECEDING -> 0;
                    case OFFSET_PRECEDING -> groupFirst.get((int) Math.max(0, groupNo[i] - startOffset));
                    case CURRENT_ROW -> groupStart[i];
                    case OFFSET_FOLLOWING -> groupNo[i] + startOffset < groupFirst.size()
                            ? groupFirst.get((int) (groupNo[i] + startOffset)) : n;
                    case UNBOUNDED_FOLLOWING -> n;
                };
                case RANGE -> switch (k) {
                    case UNBOUNDED_PRECEDING -> 0;
                    case CURRENT_ROW -> groupStart[i];
                    case OFFSET_PRECEDING, OFFSET_FOLLOWING -> rangeStart(i, k == WindowFrame.BoundKind.OFFSET_PRECEDING);
                    case UNBOUNDED_FOLLOWING -> n;
                };
            };
        }

        /** The last row of row i's frame (may be -1: an empty frame). */
        private int frameEnd(int i) {
            WindowFrame.BoundKind k = frame.end().kind();
            return switch (frame.mode()) {
                case ROWS -> switch (k) {
                    case UNBOUNDED_PRECEDING -> -1;
                    case OFFSET_PRECEDING -> (int) Math.max(-1, i - endOffset);
                    case CURRENT_ROW -> i;
                    case OFFSET_FOLLOWING -> (int) Math.min(n - 1, i + endOffset);
                    case UNBOUNDED_FOLLOWING -> n - 1;
                };
                case GROUPS -> switch (k) {
                    case UNBOUNDED_PRECEDING -> -1;
                    case OFFSET_PRECEDING -> groupNo[i] - endOffset >= 0
                            ? groupEnd[groupFirst.get((int) (groupNo[i] - endOffset))] : -1;
                    case CURRENT_ROW -> groupEnd[i];
                    case OFFSET_FOLLOWING -> groupEnd[groupFirst.get((int) Math.min(groupFirst.size() - 1,
                            groupNo[i] + endOffset))];
                    case UNBOUNDED_FOLLOWING -> n - 1;
                };
                case RANGE -> switch (k) {
                    case UNBOUNDED_PRECEDING -> -1;
                    case CURRENT_ROW -> groupEnd[i];
                    case OFFSET_PRECEDING, OFFSET_FOLLOWING -> rangeEnd(i, k == WindowFrame.BoundKind.OFFSET_PRECEDING);
                    case UNBOUNDED_FOLLOWING -> n - 1;
                };
            };
        }

        // ---- RANGE with an offset: the one ORDER BY key against the current row's key +/- the offset.

        /** The first row whose key is at or past (in sort order) the current key moved by the start offset. */
        private int rangeStart(int i, boolean preceding) {
            Object key = rows.get(i).order()[0];
            if (key == null) {
                return groupStart[i];
            }
            BigDecimal bound = moved(key, startValue, preceding);
            int[] nn = nonNullRows();
            // Keys run in sort order over nn: find the first row not before the bound.
            int lo = nn[0];
            int hi = nn[1] + 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (beforeBound(rows.get(mid).order()[0], bound)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo > nn[1] ? n : lo;
        }

        /** The last row whose key is not past (in sort order) the current key moved by the end offset. */
        private int rangeEnd(int i, boolean preceding) {
            Object key = rows.get(i).order()[0];
            if (key == null) {
                return groupEnd[i];
            }
            BigDecimal bound = moved(key, endValue, preceding);
            int[] nn = nonNullRows();
            int lo = nn[0];
            int hi = nn[1] + 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (!afterBound(rows.get(mid).order()[0], bound)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo - 1 < nn[0] ? -1 : lo - 1;
        }

        /** The key moved back (PRECEDING) or on (FOLLOWING) in sort order by the offset. */
        private BigDecimal moved(Object key, Object offset, boolean preceding) {
            boolean descending = orderBy.getFirst().descending();
            BigDecimal k = decimal(key);
            BigDecimal o = decimal(offset);
            return preceding != descending ? k.subtract(o) : k.add(o);
        }

        private boolean beforeBound(Object key, BigDecimal bound) {
            int c = decimal(key).compareTo(bound);
            return orderBy.getFirst().descending() ? c > 0 : c < 0;
        }

        private boolean afterBound(Object key, BigDecimal bound) {
            int c = decimal(key).compareTo(bound);
            return orderBy.getFirst().descending() ? c < 0 : c > 0;
        }

        /** The first and last rows whose ORDER BY key is not null (NULLs sort together at one end). */
        private int[] nonNullRows() {
            int first = 0;
            while (first < n && rows.get(first).order()[0] == null) {
                first++;
            }
            int last = n - 1;
            while (last >= 0 && rows.get(last).order()[0] == null) {
                last--;
            }
            return new int[] {first, last};
        }
    }

    /** A numeric key or offset as a decimal; infinities are not in_range values PostgreSQL accepts either. */
    private static BigDecimal decimal(Object v) {
        return switch (v) {
            case BigDecimal d -> d;
            case Double d -> BigDecimal.valueOf(d);
            case Float f -> BigDecimal.valueOf(f.doubleValue());
            default -> BigDecimal.valueOf(((Number) v).longValue());
        };
    }

    @Override
    public String label() {
        return "WindowAgg";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(input);
    }

    @Override
    public List<Expression> expressions() {
        List<Expression> out = new ArrayList<>(super.expressions());
        out.addAll(partitionBy);
        for (SortKey k : orderBy) {
            out.add(k.expr());
        }
        for (WindowFunc w : functions) {
            out.addAll(w.args());
            if (w.filter() != null) {
                out.add(w.filter());
            }
        }
        for (WindowFrame.Bound b : List.of(frame.start(), frame.end())) {
            if (b.offset() != null) {
                out.add(b.offset());
            }
        }
        return out;
    }

    /**
     * The type a RANGE offset of type {@code offset} is converted to for an ORDER BY key of type
     * {@code key} (the in_range functions PostgreSQL has for numbers), or null if there is none.
     */
    public static SqlType rangeOffsetType(SqlType key, SqlType offset) {
        boolean integer = offset == SqlType.INT2 || offset == SqlType.INT4 || offset == SqlType.INT8
                || offset == SqlType.UNKNOWN;
        return switch (key) {
            case INT2, INT4, INT8 -> integer ? SqlType.INT8 : null;
            case NUMERIC -> integer || offset == SqlType.NUMERIC ? SqlType.NUMERIC : null;
            case FLOAT4, FLOAT8 -> integer || offset == SqlType.NUMERIC || offset == SqlType.FLOAT4
                    || offset == SqlType.FLOAT8 ? SqlType.FLOAT8 : null;
            default -> null;
        };
    }
}
