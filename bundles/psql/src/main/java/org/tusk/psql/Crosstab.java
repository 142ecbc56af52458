package org.tusk.psql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.tusk.client.Result;
import org.tusk.client.Row;

/**
 * psql's {@code \crosstabview [colV [colH [colD [sortcolH]]]]} (crosstabview.c): a result of at least three
 * columns turned into a grid, one output row per distinct value of colV and one output column per distinct
 * value of colH, each cell holding colD's value.
 *
 * <p>The headers come in the order their values first appear in the result, as psql's ranks do; with
 * sortcolH the horizontal header is ordered by that column's integer values instead (values that are
 * not integers count as 0), ties keeping the order of the names. Errors are psql's texts, without
 * the {@code \crosstabview: } prefix the caller adds.
 */
final class Crosstab {

    /** psql's CROSSTABVIEW_MAX_COLUMNS. */
    static final int MAX_COLUMNS = 1600;

    /** The four optional arguments as given (null when left out). */
    record Args(String colV, String colH, String colD, String sortColH) {
    }

    /** One of psql's \crosstabview errors. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    private Crosstab() {
    }

    /** A distinct header value: its text (null for NULL), sort value and position in the output. */
    private static final class Field {
        final String name;
        final String sortValue;
        int rank;

        Field(String name, String sortValue, int rank) {
            this.name = name;
            this.sortValue = sortValue;
            this.rank = rank;
        }
    }

    /** psql's pivotFieldCompare: byte order of the text (strcmp), NULL after every value. */
    private static final Comparator<String> NAME_ORDER = (a, b) -> {
        if (b == null) {
            return a == null ? 0 : -1;
        }
        if (a == null) {
            return 1;
        }
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    };

    /**
     * psql's PrintResultInCrosstab and printCrosstab: the grid for {@code result}, ready to print.
     *
     * @param result the query's last result, or null when the query returned none
     * @param nullInMessages how an error names a NULL header value ({@code \\pset null}, else "(null)")
     */
    static PrintTable build(Result result, Args args, String title, String nullPrint, String nullInMessages)
            throws Failure {
        if (result == null || result.columns().isEmpty()) {
            throw new Failure("statement did not return a result set");
        }
        int nfields = result.columns().size();
        if (nfields < 3) {
            throw new Failure("query must return at least three columns");
        }
        int rowsField = args.colV() == null ? 0 : indexOfColumn(args.colV(), result);
        int columnsField = args.colH() == null ? 1 : indexOfColumn(args.colH(), result);
        if (columnsField == rowsField) {
            throw new Failure("vertical and horizontal headers must be different columns");
        }
        int dataField;
        if (args.colD() == null) {
            if (nfields != 3) {
                throw new Failure("data column must be specified when query returns more than three columns");
            }
            dataField = 3 - rowsField - columnsField;
        } else {
            dataField = indexOfColumn(args.colD(), result);
        }
        int sortField = args.sortColH() == null ? -1 : indexOfColumn(args.sortColH(), result);

        // the distinct values, ranked by first appearance
        java.util.TreeMap<String, Field> columns = new java.util.TreeMap<>(NAME_ORDER);
        java.util.TreeMap<String, Field> rows = new java.util.TreeMap<>(NAME_ORDER);
        for (Row r : result.rows()) {
            String h = r.getString(columnsField);
            if (!columns.containsKey(h)) {
                String sortValue = sortField >= 0 ? r.getString(sortField) : null;
                columns.put(h, new Field(h, sortValue, columns.size()));
            }
            if (columns.size() > MAX_COLUMNS) {
                throw new Failure("maximum number of columns (" + MAX_COLUMNS + ") exceeded");
            }
            String v = r.getString(rowsField);
            if (!rows.containsKey(v)) {
                rows.put(v, new Field(v, null, rows.size()));
            }
        }
        if (sortField >= 0) {
            rankSort(new ArrayList<>(columns.values()));
        }

        int ncols = columns.size();
        String[] headers = new String[ncols + 1];
        boolean[] right = new boolean[ncols + 1];
        headers[0] = result.columns().get(rowsField).name();
        right[0] = PrintTable.rightAligned(result.columns().get(rowsField).typeOid());
        boolean dataRight = PrintTable.rightAligned(result.columns().get(dataField).typeOid());
        for (Field f : columns.values()) {
            headers[f.rank + 1] = f.name != null ? f.name : nullPrint;
            right[f.rank + 1] = dataRight;
        }
        String[][] cells = new String[rows.size()][ncols + 1];
        for (Field f : rows.values()) {
            cells[f.rank][0] = f.name != null ? f.name : nullPrint;
        }
        for (Row r : result.rows()) {
            Field rp = rows.get(r.getString(rowsField));
            Field cp = columns.get(r.getString(columnsField));
            int idx = cp.rank + 1;
            if (cells[rp.rank][idx] != null) {
                throw new Failure("query result contains multiple data values for row \""
                        + (rp.name != null ? rp.name : nullInMessages) + "\", column \""
                        + (cp.name != null ? cp.name : nullInMessages) + "\"");
            }
            String d = r.getString(dataField);
            cells[rp.rank][idx] = d != null ? d : nullPrint;
        }
        List<String[]> out = new ArrayList<>();
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                if (row[i] == null) {
                    row[i] = "";
                }
            }
            out.add(row);
        }
        return new PrintTable(title, headers, right, out, null);
    }

    /**
     * psql's rankSort: the horizontal header ordered by the sort column's values read as integers
     * ({@code -?[0-9]+}, anything else ranks as 0); equal values keep the order of the names.
     */
    private static void rankSort(List<Field> byName) {
        List<Field> sorted = new ArrayList<>(byName);
        sorted.sort(Comparator.comparingInt(f -> rankValue(f.sortValue)));
        for (int i = 0; i < sorted.size(); i++) {
            sorted.get(i).rank = i;
        }
    }

    /** atoi of a value that matches {@code -?[0-9]*}, else 0 (C's int arithmetic wraps as atoi does here). */
    private static int rankValue(String v) {
        if (v == null || !v.matches("-?[0-9]*")) {
            return 0;
        }
        String digits = v.startsWith("-") ? v.substring(1) : v;
        long n = 0;
        for (int i = 0; i < digits.length(); i++) {
            n = n * 10 + (digits.charAt(i) - '0');
            n = (int) n;
        }
        return (int) (v.startsWith("-") ? -n : n);
    }

    /**
     * psql's indexOfColumn: a column number (1-based, digits only) or a name, double-quoted to keep its
     * case, else folded to lower case.
     */
    static int indexOfColumn(String arg, Result result) throws Failure {
        int n = result.columns().size();
        if (!arg.isEmpty() && arg.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long idx;
            try {
                idx = Long.parseLong(arg) - 1;
            } catch (NumberFormatException e) {
                idx = -1;
            }
            if (idx < 0 || idx >= n) {
                throw new Failure("column number " + (idx + 1) + " is out of range 1.." + n);
            }
            return (int) idx;
        }
        String name = dequoteDowncase(arg);
        int found = -1;
        for (int i = 0; i < n; i++) {
            if (name.equals(result.columns().get(i).name())) {
                if (found >= 0) {
                    throw new Failure("ambiguous column name: \"" + name + "\"");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new Failure("column name not found: \"" + name + "\"");
        }
        return found;
    }

    /** psql's dequote_downcase_identifier: quoted parts as written ({@code ""} for a quote), the rest lower case. */
    static String dequoteDowncase(String s) {
        StringBuilder b = new StringBuilder();
        boolean inQuotes = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                if (inQuotes && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else {
                    inQuotes = !inQuotes;
                }
            } else if (inQuotes || c >= 0x80) {
                b.append(c);
            } else {
                b.append(Character.toString(c).toLowerCase(Locale.ROOT));
            }
        }
        return b.toString();
    }
}
