package org.tusk.sql.plan;

import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.SqlType;

/**
 * A table's size for the planner, as PostgreSQL's estimate_rel_size (plancat.c) computes it: the
 * current number of pages, and rows = pages times a density. The density is what VACUUM or ANALYZE last
 * counted (pg_class.reltuples / relpages); before the first count it is the rows of the average width
 * that fit a page. A table never counted and smaller than 10 pages is taken to have 10: it has probably
 * just been created and filled, and a guess of a few rows would make every plan over it look free
 * (PostgreSQL 15's rule, which is why a fresh small table shows rows in the thousands in EXPLAIN).
 */
public final class RelationSize {
    private static final double BLCKSZ = 8192;
    /** Page header (SizeOfPageHeaderData). */
    private static final double PAGE_HEADER = 24;
    /** Heap tuple header, MAXALIGNed (SizeofHeapTupleHeader). */
    private static final double TUPLE_HEADER = 24;
    /** A line pointer (ItemIdData). */
    private static final double ITEM_ID = 4;

    private RelationSize() {
    }

    /** Pages the planner assumes for a table now {@code blocks} long. */
    static double pages(Relation r, long blocks) {
        if (blocks < 10 && r.relpages() == 0) {
            return 10;
        }
        return blocks;
    }

    /** Rows the planner assumes for a table now {@code blocks} long. */
    static double tuples(Relation r, long blocks) {
        double pages = pages(r, blocks);
        if (pages == 0) {
            return 0;
        }
        double density;
        if (r.reltuples() >= 0 && r.relpages() > 0) {
            density = r.reltuples() / r.relpages();
        } else {
            // whole rows only: PostgreSQL divides integers here
            density = Math.floor((BLCKSZ - PAGE_HEADER) / (dataWidth(r) + TUPLE_HEADER + ITEM_ID));
        }
        return Math.rint(density * pages);
    }

    /**
     * The average width of a row's data (get_rel_data_width, set_rel_width): the sum of its columns',
     * each ANALYZE's average width (pg_statistic.stawidth) when it has one, else the type's
     * (get_typavgwidth).
     */
    static int dataWidth(Relation r) {
        int width = 0;
        for (Column c : r.columns()) {
            var stats = r.columnStats(c.number());
            width += stats != null && stats.width() > 0 ? stats.width() : averageWidth(c.type(), c.typmod());
        }
        return width;
    }

    /**
     * get_typavgwidth: a fixed-length type's length; a variable-length one's declared maximum when it
     * has one (char(n) all of it, varchar(n) up to 32 bytes and half of the rest), else 32 bytes.
     */
    public static int averageWidth(SqlType type, int typmod) {
        if (type.length() > 0) {
            return type.length();
        }
        if (typmod > 4 && (type == SqlType.BPCHAR || type == SqlType.VARCHAR)) {
            int max = (typmod - 4) * 4 + 4; // at most 4 bytes a character in UTF8, plus the length word
            if (type == SqlType.BPCHAR) {
                return max;
            }
            if (max <= 32) {
                return max;
            }
            return max < 1000 ? 32 + (max - 32) / 2 : 32 + (1000 - 32) / 2;
        }
        return 32;
    }
}
