package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.BitmapPage;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.Table;

/**
 * Bitmap Heap Scan (nodeBitmapHeapscan.c): builds the bitmap of its input (a Bitmap Index Scan, or a
 * BitmapAnd/BitmapOr of them) and then reads the table's pages it names in block order, so a table is
 * read at most once and in physical order however scattered the matching index entries are. Every
 * row is checked against the index conditions again ("Recheck Cond"): a lossy page returns all its
 * rows, and the bitmap of an OR or AND may hold rows only some inputs found. PostgreSQL rechecks only
 * rows of lossy pages; rechecking all gives the same rows, and EXPLAIN ANALYZE counts only rows the
 * recheck removed ("Rows Removed by Index Recheck"), which exact pages never contribute. Then the
 * other conditions filter as in any scan. EXPLAIN ANALYZE shows the pages read, exact and lossy.
 */
public final class BitmapHeapScan extends TableScan {
    private final BitmapNode bitmapQual;
    private final Expression recheck;
    private long exactPages;
    private long lossyPages;
    private long removedByRecheck;

    /**
     * @param bitmapQual the node whose bitmap names the rows
     * @param recheck    the conditions the bitmap stands for, checked again on every row
     */
    public BitmapHeapScan(Relation relation, String alias, RowSlot slot, BitmapNode bitmapQual, Expression recheck) {
        super(relation, alias, slot);
        this.bitmapQual = bitmapQual;
        this.recheck = recheck;
    }

    public BitmapNode bitmapQual() {
        return bitmapQual;
    }

    public Expression recheck() {
        return recheck;
    }

    @Override
    protected RowScan openScan(Table table) {
        if (bitmapQual instanceof BitmapIndexScan s) {
            s.table(table);
        } else if (bitmapQual instanceof BitmapCombine c) {
            c.table(table);
        }
        bitmapQual.open(ctx);
        rowCounts = tableCounts(); // a bitmap heap scan's rows are the table's tuples_fetched
        rowCountsFetched = true;
        TidBitmap bitmap = bitmapQual.bitmap(maxEntries(ctx.workMemBytes()));
        Iterator<BitmapPage> pages = bitmap.pages();
        return table.bitmapScan(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pages.hasNext();
            }

            @Override
            public BitmapPage next() {
                BitmapPage p = pages.next();
                if (p.lossy()) {
                    lossyPages++;
                } else {
                    exactPages++;
                }
                return p;
            }
        });
    }

    /** tbm_calculate_entries: page entries that fit in work_mem (48 bytes and two pointers each), at least 16. */
    static double maxEntries(long workMemBytes) {
        return Math.max(16, Math.floor(workMemBytes / (48.0 + 8 + 8)));
    }

    @Override
    protected Object[] fetch() {
        while (true) {
            Object[] row = super.fetch();
            if (row == null || recheck == null) {
                return row;
            }
            load(row);
            if (Boolean.TRUE.equals(recheck.eval(ctx.eval()))) {
                return row;
            }
            removedByRecheck++;
        }
    }

    /** A locked row's newest version must meet the Recheck Cond as well as the filter. */
    @Override
    protected boolean stillQualifies() {
        return (recheck == null || Boolean.TRUE.equals(recheck.eval(ctx.eval()))) && super.stillQualifies();
    }

    @Override
    public String label() {
        return "Bitmap Heap Scan " + onRelation();
    }

    @Override
    public List<PlanNode> children() {
        return List.of(bitmapQual);
    }

    @Override
    public List<Expression> expressions() {
        List<Expression> out = new ArrayList<>(super.expressions());
        if (recheck != null) {
            out.add(recheck);
        }
        return out;
    }

    @Override
    public List<String> details(boolean verbose) {
        List<String> out = new ArrayList<>();
        if (recheck != null) {
            out.add("Recheck Cond: " + ExpressionText.of(recheck, verbose, scanSlot()));
        }
        out.addAll(super.details(verbose));
        return out;
    }

    @Override
    public List<String> analyzeDetails() {
        List<String> out = new ArrayList<>();
        if (removedByRecheck > 0) {
            out.add("Rows Removed by Index Recheck: " + removedByRecheck / Math.max(1, loops));
        }
        if (exactPages > 0 || lossyPages > 0) {
            out.add("Heap Blocks:" + (exactPages > 0 ? " exact=" + exactPages : "")
                    + (lossyPages > 0 ? " lossy=" + lossyPages : ""));
        }
        return out;
    }

    @Override
    public void close() {
        super.close();
        bitmapQual.close();
    }
}
