package org.tusk.psql;

import java.util.ArrayList;
import java.util.List;

import org.tusk.client.Column;
import org.tusk.client.Result;
import org.tusk.client.Row;

/**
 * What psql's printTableContent holds: a title, column headers with their alignment, the cells (NULLs
 * already replaced by the null display string) and the footers. {@code footers} null means "the default
 * footer", {@code (N rows)}, when the footer option is on (psql's footers_with_default).
 */
record PrintTable(String title, String[] headers, boolean[] rightAligned, List<String[]> rows, List<String> footers) {

    /** A query result as psql's printQuery sees it: right alignment by type OID, the null string for NULL. */
    static PrintTable of(Result result, String title, String nullPrint) {
        List<Column> cols = result.columns();
        String[] headers = new String[cols.size()];
        boolean[] right = new boolean[cols.size()];
        for (int i = 0; i < headers.length; i++) {
            headers[i] = cols.get(i).name();
            right[i] = rightAligned(cols.get(i).typeOid());
        }
        List<String[]> rows = new ArrayList<>();
        for (Row r : result.rows()) {
            String[] cells = new String[headers.length];
            for (int i = 0; i < cells.length; i++) {
                String v = r.getString(i);
                cells[i] = v == null ? nullPrint : v;
            }
            rows.add(cells);
        }
        return new PrintTable(title, headers, right, rows, null);
    }

    /** psql's column_type_alignment: int2/4/8, oid, xid, cid, float4/8, money, numeric, xid8 go right. */
    static boolean rightAligned(int oid) {
        return switch (oid) {
            case 20, 21, 23, 26, 28, 29, 700, 701, 790, 1700, 5069 -> true;
            default -> false;
        };
    }

    /** The same table with other footers (null: the default one). */
    PrintTable withFooters(List<String> newFooters) {
        return new PrintTable(title, headers, rightAligned, rows, newFooters);
    }
}
