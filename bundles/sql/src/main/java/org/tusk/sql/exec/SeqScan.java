package org.tusk.sql.exec;

import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.Table;

/** A sequential scan of a table: the rows the statement's snapshot sees, converted to SQL values. */
public final class SeqScan extends TableScan {

    public SeqScan(Relation relation, String alias, RowSlot slot) {
        super(relation, alias, slot);
    }

    @Override
    protected RowScan openScan(Table table) {
        // pgstat_count_heap_scan at every (re)start, pgstat_count_heap_getnext per row.
        rowCounts = tableCounts();
        rowCountsFetched = false;
        rowCounts.scanStarted();
        boolean[] columns = columnsToDecode();
        return columns == null ? table.scan() : table.scan(columns, null);
    }

    @Override
    public String label() {
        return "Seq Scan " + onRelation();
    }
}
