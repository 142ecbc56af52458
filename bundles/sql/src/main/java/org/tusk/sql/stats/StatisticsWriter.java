package org.tusk.sql.stats;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_STATISTIC;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeContext;
import org.tusk.sql.types.TypeOutput;

/**
 * Writes a column's statistics as its pg_statistic row (update_attstats), replacing the row an
 * earlier ANALYZE left. Slots are filled in PostgreSQL's order: most common values (kind 1, the
 * equality operator), histogram (kind 2, less-than), correlation (kind 3, less-than); unused slots
 * have kind 0 and no operator. stavalues hold arrays of the column's type; Tusk keeps anyarray
 * columns as the array's text (see CatalogStorage), written with the values' output functions, which
 * is also what pg_stats shows.
 */
public final class StatisticsWriter {

    /** pg_statistic's kinds (STATISTIC_KIND_MCV, _HISTOGRAM, _CORRELATION). */
    public static final short KIND_MCV = 1;
    public static final short KIND_HISTOGRAM = 2;
    public static final short KIND_CORRELATION = 3;
    private static final int SLOTS = 5;
    /** The most text one value slot may have: two of them and the rest of the row stay within a page. */
    static final int MAX_SLOT_TEXT = 3000;

    private StatisticsWriter() {
    }

    /** Replaces the statistics of column {@code attnum} of {@code relation}. */
    public static void write(CatalogTables tables, int relation, int attnum, SqlType type, ColumnStatistics s,
            TypeContext ctx) {
        tables.deleteWhere(PG_STATISTIC, r -> r.oid("starelid") == relation && r.int2("staattnum") == attnum
                && !r.bool("stainherit"));
        CatalogRow row = CatalogRow.create(PG_STATISTIC).set("starelid", relation).set("staattnum", (short) attnum)
                .set("stainherit", false).set("stanullfrac", s.nullFrac()).set("stawidth", s.width())
                .set("stadistinct", s.distinct());
        int slot = 1;
        // Values of array columns would need arrays of arrays, which Tusk cannot represent: no value slots.
        boolean values = !type.isArray() && type.arrayType() != null;
        String mcv = values && !s.mcvValues().isEmpty() ? arrayText(type, s.mcvValues(), ctx) : null;
        if (fits(mcv)) {
            fill(row, slot++, KIND_MCV, StatisticOperators.equality(type), type, s.mcvFreqs(), mcv);
        }
        String histogram = values && !s.histogram().isEmpty() ? arrayText(type, s.histogram(), ctx) : null;
        if (fits(histogram)) {
            fill(row, slot++, KIND_HISTOGRAM, StatisticOperators.lessThan(type), type, null, histogram);
        }
        if (s.correlation() != null) {
            fill(row, slot++, KIND_CORRELATION, StatisticOperators.lessThan(type), type, List.of(s.correlation()),
                    null);
        }
        for (; slot <= SLOTS; slot++) {
            row.set("stakind" + slot, (short) 0).set("staop" + slot, 0).set("stacoll" + slot, 0)
                    .set("stanumbers" + slot, null).set("stavalues" + slot, null);
        }
        tables.insert(row);
    }

    /**
     * Whether a value slot's text is short enough for the row to fit in a page: the storage has no
     * TOAST, where PostgreSQL would move a long stavalues out of line. A slot that does not fit is left
     * out, as if ANALYZE had found no such statistics.
     */
    private static boolean fits(String text) {
        return text != null && text.getBytes(StandardCharsets.UTF_8).length <= MAX_SLOT_TEXT;
    }

    private static void fill(CatalogRow row, int slot, short kind, int operator, SqlType type, List<Float> numbers,
            String values) {
        row.set("stakind" + slot, kind).set("staop" + slot, operator)
                .set("stacoll" + slot, StatisticOperators.collation(type))
                .set("stanumbers" + slot, numbers == null ? null : new ArrayList<Object>(numbers))
                .set("stavalues" + slot, values);
    }

    /** The values as an array of the column's type, in array_out's text form. */
    private static String arrayText(SqlType type, List<Object> values, TypeContext ctx) {
        return TypeOutput.format(type.arrayType(), new ArrayValue(1, values), ctx);
    }
}
