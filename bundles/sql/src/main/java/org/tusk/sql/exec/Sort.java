package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.tusk.sql.eval.Expression;

/**
 * ORDER BY: reads its whole input, computing each row's keys once, and returns the rows in key order
 * (stable for equal keys). Beyond work_mem, sorted runs go to temporary files and are merged.
 */
public final class Sort extends PlanNode {
    private final PlanNode input;
    private final List<SortKey> keys;
    private List<Object[]> sorted;
    private int pos;

    private record Keyed(Object[] keys, Object[] row) {
    }

    public Sort(PlanNode input, List<SortKey> keys) {
        super(input.slots());
        this.input = input;
        this.keys = List.copyOf(keys);
        rows = input.rows;
        startupCost = input.totalCost + input.rows * Math.log(Math.max(2, input.rows)) * 0.01;
        totalCost = startupCost + input.rows * 0.01;
        width = input.width;
    }

    /** One sorted run being merged: the rows of a spill file, or the last batch still in memory. */
    private static final class Run {
        final int number;
        final SpillFile file;
        final java.util.Iterator<Keyed> memory;
        Keyed head;

        Run(int number, SpillFile file, java.util.Iterator<Keyed> memory) {
            this.number = number;
            this.file = file;
            this.memory = memory;
            advance();
        }

        void advance() {
            if (memory != null) {
                head = memory.hasNext() ? memory.next() : null;
                return;
            }
            Object v = file.read(null);
            if (v == null) {
                head = null;
                file.close();
            } else {
                Object[] pair = (Object[]) v;
                head = new Keyed((Object[]) pair[0], (Object[]) pair[1]);
            }
        }
    }

    private java.util.PriorityQueue<Run> merge;
    private final List<SpillFile> files = new ArrayList<>();
    /** How many sorted runs went to temporary files in the last execution (EXPLAIN ANALYZE shows it). */
    private int spilledRuns;

    private int compare(Keyed a, Keyed b) {
        for (int i = 0; i < keys.size(); i++) {
            int c = keys.get(i).compare(a.keys[i], b.keys[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * Reads the input, sorting batches of up to work_mem; a batch that fills work_mem is written to a
     * temporary file as a sorted run, and the runs are merged while rows are fetched (tuplesort.c's
     * external sort, with one merge pass).
     */
    @Override
    protected void start() {
        closeFiles();
        List<Keyed> batch = new ArrayList<>();
        long bytes = 0;
        long limit = Math.max(64 * 1024, ctx.workMemBytes());
        input.open(ctx);
        for (Object[] r = input.next(); r != null; r = input.next()) {
            Object[] k = new Object[keys.size()];
            for (int i = 0; i < k.length; i++) {
                k[i] = keys.get(i).expr().eval(ctx.eval());
            }
            batch.add(new Keyed(k, r));
            bytes += RowCodec.size(k) + RowCodec.size(r) + 32;
            if (bytes > limit) {
                batch.sort(this::compare);
                SpillFile f = new SpillFile();
                files.add(f);
                for (Keyed x : batch) {
                    f.write(new Object[] {x.keys, x.row});
                }
                f.rewind();
                batch = new ArrayList<>();
                bytes = 0;
            }
        }
        batch.sort(this::compare);
        spilledRuns = files.size();
        if (files.isEmpty()) {
            sorted = new ArrayList<>(batch.size());
            for (Keyed k : batch) {
                sorted.add(k.row);
            }
            pos = 0;
            merge = null;
            return;
        }
        sorted = null;
        merge = new java.util.PriorityQueue<>((x, y) -> {
            int c = compare(x.head, y.head);
            return c != 0 ? c : Integer.compare(x.number, y.number);
        });
        for (int i = 0; i < files.size(); i++) {
            Run run = new Run(i, files.get(i), null);
            if (run.head != null) {
                merge.add(run);
            }
        }
        Run last = new Run(files.size(), null, batch.iterator());
        if (last.head != null) {
            merge.add(last);
        }
    }

    @Override
    protected Object[] fetch() {
        if (merge != null) {
            Run run = merge.poll();
            if (run == null) {
                return null;
            }
            Object[] row = run.head.row;
            run.advance();
            if (run.head != null) {
                merge.add(run);
            }
            return row;
        }
        if (sorted == null || pos >= sorted.size()) {
            sorted = List.of();
            pos = 0;
            return null;
        }
        return sorted.get(pos++);
    }

    private void closeFiles() {
        for (SpillFile f : files) {
            f.close();
        }
        files.clear();
        merge = null;
    }

    @Override
    public void close() {
        super.close();
        sorted = null;
        closeFiles();
    }

    @Override
    public String label() {
        return "Sort";
    }

    /** A key reading the projection below shows as the projected expression. */
    private Expression projected(Expression e) {
        PlanNode n = input;
        while (n instanceof Distinct || n instanceof Limit) {
            n = n.children().getFirst();
        }
        if (e instanceof Expression.Var v && n instanceof Project p && v.slot() == p.slots().getFirst()) {
            return p.exprs().get(v.index());
        }
        return e;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(input);
    }

    @Override
    public List<String> details(boolean verbose) {
        List<String> out = new ArrayList<>();
        out.add("Sort Key: " + keys.stream().map(k -> ExpressionText.of(projected(k.expr()), verbose)
                + (k.descending() ? " DESC" : "") + (k.nullsFirst() != k.descending()
                        ? (k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST") : "")).collect(Collectors.joining(", ")));
        out.addAll(super.details(verbose));
        if (spilledRuns > 0) {
            out.add("Sort Method: external merge  Runs: " + (spilledRuns + 1));
        }
        return out;
    }
}
