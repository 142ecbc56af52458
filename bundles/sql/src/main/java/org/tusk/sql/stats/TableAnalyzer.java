package org.tusk.sql.stats;

import java.util.List;

import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.TypeContext;
import org.tusk.storage.access.Table;

/**
 * ANALYZE of one table (analyze.c's do_analyze_rel without the VACUUM bookkeeping): sample the rows,
 * compute each requested column's statistics, and replace their pg_statistic rows, all in the
 * caller's transaction. The caller holds the table's SHARE UPDATE EXCLUSIVE lock and announces the
 * catalog change afterwards, so other backends drop their cached statistics when it commits.
 */
public final class TableAnalyzer {

    private TableAnalyzer() {
    }

    /**
     * @param columns the columns to analyze (a subset of the relation's, in any order)
     * @param target  the statistics target (default_statistics_target)
     * @return the sample, whose {@code totalRows} is the table's live row count
     */
    public static TableSample analyze(CatalogTables tables, Table heap, Relation relation, List<Column> columns,
            int target, TypeContext session) {
        boolean[] wanted = new boolean[relation.columns().size()];
        for (Column c : columns) {
            wanted[relation.columns().indexOf(c)] = true;
        }
        TableSample sample = TableSample.of(heap, relation.columns(), TableSample.sampleSize(target), wanted);
        ValueTextContext text = ValueTextContext.writing(session);
        for (Column c : columns) {
            int index = relation.columns().indexOf(c);
            ColumnStatistics s = ScalarStatistics.compute(sample.column(index), c.type(), sample.totalRows(),
                    target);
            if (s != null) {
                StatisticsWriter.write(tables, relation.oid(), c.number(), c.type(), s, text);
            }
        }
        return sample;
    }
}
