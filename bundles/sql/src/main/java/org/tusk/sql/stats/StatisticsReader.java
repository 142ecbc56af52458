package org.tusk.sql.stats;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_STATISTIC;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.ColumnStats;
import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeInput;

/**
 * Reads a table's pg_statistic rows back into {@link ColumnStats} for the planner (what
 * get_attstatsslot does for selfuncs.c), by attnum. The relation cache calls it when it builds a
 * relation, so statistics are dropped and reloaded with the rest of the relation when the catalogs
 * change (ANALYZE bumps the catalog version). Values of bytea columns are left out: their Java form
 * has no value equality, which the plan cache's check that a relation is unchanged relies on.
 */
public final class StatisticsReader {

    private StatisticsReader() {
    }

    public static Map<Integer, ColumnStats> read(CatalogTables tables, int relation, List<Column> columns) {
        Map<Integer, ColumnStats> result = new HashMap<>();
        List<CatalogRow> rows = tables.rows(PG_STATISTIC, r -> r.oid("starelid") == relation && !r.bool("stainherit"));
        for (CatalogRow r : rows) {
            int attnum = r.int2("staattnum");
            Column column = columns.stream().filter(c -> c.number() == attnum).findFirst().orElse(null);
            if (column == null) {
                continue;
            }
            List<Object> mcv = List.of();
            List<Double> freqs = List.of();
            List<Object> histogram = List.of();
            Double correlation = null;
            for (int slot = 1; slot <= 5; slot++) {
                short kind = r.int2("stakind" + slot);
                if (kind == StatisticsWriter.KIND_MCV) {
                    mcv = values(r.text("stavalues" + slot), column);
                    freqs = numbers(r.get("stanumbers" + slot));
                    if (mcv.size() != freqs.size()) {
                        mcv = List.of();
                        freqs = List.of();
                    }
                } else if (kind == StatisticsWriter.KIND_HISTOGRAM) {
                    histogram = values(r.text("stavalues" + slot), column);
                } else if (kind == StatisticsWriter.KIND_CORRELATION) {
                    List<Double> n = numbers(r.get("stanumbers" + slot));
                    correlation = n.isEmpty() ? null : n.getFirst();
                }
            }
            result.put(attnum, new ColumnStats(number(r.get("stanullfrac")), r.int4("stawidth"),
                    number(r.get("stadistinct")), mcv, freqs, histogram, correlation));
        }
        return result;
    }

    private static double number(Object v) {
        return v == null ? 0 : ((Number) v).doubleValue();
    }

    private static List<Double> numbers(Object stored) {
        List<Double> out = new ArrayList<>();
        if (stored instanceof List<?> list) {
            for (Object o : list) {
                out.add(number(o));
            }
        }
        return out;
    }

    private static List<Object> values(String text, Column column) {
        SqlType type = column.type();
        SqlType array = type.arrayType();
        if (text == null || array == null || type == SqlType.BYTEA) {
            return List.of();
        }
        try {
            // An enum's labels are read for the column's enum, which its modifier names (types.EnumLabels).
            Object parsed = type == SqlType.ENUM
                    ? org.tusk.sql.types.Casts.convert(text, SqlType.TEXT, array, column.typmod(), false,
                            ValueTextContext.READING)
                    : TypeInput.parse(array, text, ValueTextContext.READING);
            return parsed instanceof ArrayValue a && !a.elements().contains(null) ? a.elements() : List.of();
        } catch (RuntimeException e) {
            // Statistics are advice: values that no longer parse (a type's text form changed) are ignored
            // rather than making the table unusable.
            return List.of();
        }
    }
}
