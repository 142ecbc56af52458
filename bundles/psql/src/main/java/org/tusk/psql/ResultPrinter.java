package org.tusk.psql;

import java.util.ArrayList;
import java.util.List;

import org.tusk.client.Column;
import org.tusk.client.Result;
import org.tusk.client.Row;
import org.tusk.psql.DisplayWidth.Line;

/**
 * Prints a result the way psql 15's {@code printQuery} does (fe_utils/print.c), byte for byte: aligned
 * (border 1, ascii line style), unaligned, CSV, each also expanded, with tuples-only, NULL display and the
 * default {@code (N rows)} footer.
 */
public final class ResultPrinter {

    private ResultPrinter() {
    }

    /** Prints {@code result}'s columns and rows into {@code out}. */
    public static void print(Result result, PrintOptions opt, StringBuilder out) {
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
                cells[i] = v == null ? opt.nullPrint : v;
            }
            rows.add(cells);
        }
        print(headers, right, rows, opt, out);
    }

    /** psql's column_type_alignment: numeric types are right-aligned. */
    static boolean rightAligned(int oid) {
        return switch (oid) {
            case 20, 21, 23, 26, 28, 29, 700, 701, 790, 1700, 5069 -> true;
            default -> false;
        };
    }

    static void print(String[] headers, boolean[] right, List<String[]> rows, PrintOptions opt, StringBuilder out) {
        switch (opt.format) {
            case ALIGNED -> {
                if (opt.expanded) {
                    alignedVertical(headers, rows, opt, out);
                } else {
                    alignedText(headers, right, rows, opt, out);
                }
            }
            case UNALIGNED -> {
                if (opt.expanded) {
                    unalignedVertical(headers, rows, opt, out);
                } else {
                    unalignedText(headers, rows, opt, out);
                }
            }
            case CSV -> {
                if (opt.expanded) {
                    csvVertical(headers, rows, opt, out);
                } else {
                    csvText(headers, rows, opt, out);
                }
            }
        }
    }

    private static String defaultFooter(int n) {
        return "(" + n + (n == 1 ? " row)" : " rows)");
    }

    // ---------------------------------------------------------------- aligned

    private static void alignedText(String[] headers, boolean[] right, List<String[]> rows, PrintOptions opt,
            StringBuilder out) {
        int n = headers.length;
        int[] width = new int[n];
        List<List<Line>> headerLines = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            List<Line> hl = DisplayWidth.lines(headers[j]);
            headerLines.add(hl);
            for (Line l : hl) {
                width[j] = Math.max(width[j], l.width());
            }
        }
        List<List<List<Line>>> cellLines = new ArrayList<>();
        for (String[] row : rows) {
            List<List<Line>> rl = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                List<Line> cl = DisplayWidth.lines(row[j]);
                rl.add(cl);
                for (Line l : cl) {
                    width[j] = Math.max(width[j], l.width());
                }
            }
            cellLines.add(rl);
        }

        if (!opt.tuplesOnly) {
            boolean[] done = new boolean[n];
            int more = n;
            for (int line = 0; more > 0; line++) {
                for (int j = 0; j < n; j++) {
                    out.append(' ');
                    if (!done[j]) {
                        Line l = headerLines.get(j).get(line);
                        int nb = width[j] - l.width();
                        out.append(DisplayWidth.spaces(nb / 2)).append(l.text()).append(DisplayWidth.spaces((nb + 1) / 2));
                        if (line + 1 >= headerLines.get(j).size()) {
                            more--;
                            done[j] = true;
                        }
                    } else {
                        out.append(DisplayWidth.spaces(width[j]));
                    }
                    out.append(!done[j] ? '+' : ' ');
                    if (j < n - 1) {
                        out.append('|');
                    }
                }
                out.append('\n');
            }
            out.append('-');
            for (int j = 0; j < n; j++) {
                out.append("-".repeat(width[j]));
                if (j < n - 1) {
                    out.append("-+-");
                }
            }
            out.append("-\n");
        }

        for (List<List<Line>> rl : n == 0 ? List.<List<List<Line>>>of() : cellLines) {
            int[] cur = new int[n];
            boolean moreLines = true;
            while (moreLines) {
                moreLines = false;
                for (int j = 0; j < n; j++) {
                    List<Line> cl = rl.get(j);
                    boolean finalSpaces = j < n - 1;
                    boolean newline = false;
                    out.append(' ');
                    if (cur[j] >= cl.size()) {
                        if (finalSpaces) {
                            out.append(DisplayWidth.spaces(width[j]));
                        }
                    } else {
                        Line l = cl.get(cur[j]);
                        if (right[j]) {
                            out.append(DisplayWidth.spaces(width[j] - l.width())).append(l.text());
                        } else {
                            out.append(l.text());
                        }
                        cur[j]++;
                        newline = cur[j] < cl.size();
                        if (newline) {
                            moreLines = true;
                        }
                        if (!right[j] && (finalSpaces || newline)) {
                            out.append(DisplayWidth.spaces(width[j] - l.width()));
                        }
                    }
                    if (newline) {
                        out.append('+');
                    } else if (finalSpaces) {
                        out.append(' ');
                    }
                    if (j < n - 1) {
                        out.append('|');
                    }
                }
                out.append('\n');
            }
        }
        if (!opt.tuplesOnly && opt.footer) {
            out.append(defaultFooter(rows.size())).append('\n');
        }
        out.append('\n');
    }

    private static void alignedVertical(String[] headers, List<String[]> rows, PrintOptions opt, StringBuilder out) {
        int n = headers.length;
        if (rows.isEmpty() || n == 0) {
            if (!opt.tuplesOnly && opt.footer) {
                out.append(defaultFooter(rows.size())).append('\n');
            }
            out.append('\n');
            return;
        }
        int hwidth = 0;
        boolean hmultiline = false;
        for (String h : headers) {
            List<Line> hl = DisplayWidth.lines(h);
            hmultiline |= hl.size() > 1;
            for (Line l : hl) {
                hwidth = Math.max(hwidth, l.width());
            }
        }
        int dwidth = 0;
        boolean dmultiline = false;
        for (String[] row : rows) {
            for (String c : row) {
                List<Line> cl = DisplayWidth.lines(c);
                dmultiline |= cl.size() > 1;
                for (Line l : cl) {
                    dwidth = Math.max(dwidth, l.width());
                }
            }
        }
        // The data column is widened so that lines reach the end of the "-[ RECORD n ]" header.
        int swidth = 3 + (dmultiline ? 1 : 0);
        int rwidth = opt.tuplesOnly ? 0 : 1 + (int) Math.log10(rows.size()) + 12;
        if (hwidth + swidth + dwidth < rwidth) {
            dwidth = rwidth - hwidth - swidth;
        }
        int record = 1;
        for (int r = 0; r < rows.size(); r++) {
            if (!opt.tuplesOnly) {
                verticalLine(record++, hwidth, dwidth, out);
            } else if (r != 0) {
                verticalLine(0, hwidth, dwidth, out);
            }
            String[] row = rows.get(r);
            for (int j = 0; j < n; j++) {
                List<Line> hl = DisplayWidth.lines(headers[j]);
                List<Line> dl = DisplayWidth.lines(row[j]);
                int hline = 0;
                int dline = 0;
                boolean hcomplete = false;
                boolean dcomplete = false;
                while (!hcomplete || !dcomplete) {
                    if (!hcomplete) {
                        Line l = hl.get(hline);
                        out.append(l.text()).append(DisplayWidth.spaces(hwidth - l.width()));
                        if (hline + 1 < hl.size()) {
                            out.append('+');
                            hline++;
                        } else {
                            out.append(' ');
                            hcomplete = true;
                        }
                    } else {
                        out.append(DisplayWidth.spaces(hwidth + 1));
                    }
                    out.append('|');
                    if (!dcomplete) {
                        Line l = dl.get(dline);
                        out.append(' ').append(l.text());
                        if (dline + 1 < dl.size()) {
                            if (dmultiline) {
                                out.append(DisplayWidth.spaces(dwidth - l.width())).append('+');
                            }
                            dline++;
                        } else {
                            dcomplete = true;
                        }
                    }
                    out.append('\n');
                }
            }
        }
        out.append('\n');
    }

    /** psql's print_aligned_vertical_line for border 1. */
    private static void verticalLine(int record, int hwidth, int dwidth, StringBuilder out) {
        out.append('-');
        int reclen = 0;
        if (record != 0) {
            String s = "[ RECORD " + record + " ]";
            out.append(s);
            reclen = s.length();
        }
        reclen++;
        for (int i = reclen; i < hwidth; i++) {
            out.append('-');
        }
        reclen -= hwidth;
        if (reclen-- <= 0) {
            out.append('-');
        }
        if (reclen-- <= 0) {
            out.append('+');
        }
        if (reclen-- <= 0) {
            out.append('-');
        }
        if (reclen < 0) {
            reclen = 0;
        }
        for (int i = reclen; i < dwidth; i++) {
            out.append('-');
        }
        out.append('\n');
    }

    // ---------------------------------------------------------------- unaligned

    private static void unalignedText(String[] headers, List<String[]> rows, PrintOptions opt, StringBuilder out) {
        boolean needRecordSep = false;
        if (!opt.tuplesOnly) {
            out.append(String.join(opt.fieldSep, headers));
            needRecordSep = true;
        }
        for (String[] row : headers.length == 0 ? List.<String[]>of() : rows) {
            if (needRecordSep) {
                out.append(opt.recordSep);
            }
            out.append(String.join(opt.fieldSep, row));
            needRecordSep = true;
        }
        if (!opt.tuplesOnly && opt.footer) {
            if (needRecordSep) {
                out.append(opt.recordSep);
            }
            out.append(defaultFooter(rows.size()));
            needRecordSep = true;
        }
        if (needRecordSep) {
            out.append('\n');
        }
    }

    private static void unalignedVertical(String[] headers, List<String[]> rows, PrintOptions opt, StringBuilder out) {
        if (rows.isEmpty() || headers.length == 0) {
            return;
        }
        boolean needRecordSep = false;
        for (String[] row : rows) {
            if (needRecordSep) {
                out.append(opt.recordSep).append(opt.recordSep);
            }
            for (int j = 0; j < headers.length; j++) {
                out.append(headers[j]).append(opt.fieldSep).append(row[j]);
                if (j < headers.length - 1) {
                    out.append(opt.recordSep);
                }
            }
            needRecordSep = true;
        }
        out.append('\n');
    }

    // ---------------------------------------------------------------- csv

    private static void csvField(String s, char sep, StringBuilder out) {
        if (s.indexOf(sep) >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('"') >= 0
                || s.equals("\\.") || sep == '\\' || sep == '.') {
            out.append('"').append(s.replace("\"", "\"\"")).append('"');
        } else {
            out.append(s);
        }
    }

    private static void csvText(String[] headers, List<String[]> rows, PrintOptions opt, StringBuilder out) {
        char sep = opt.csvFieldSep.charAt(0);
        if (!opt.tuplesOnly) {
            for (int j = 0; j < headers.length; j++) {
                if (j > 0) {
                    out.append(sep);
                }
                csvField(headers[j], sep, out);
            }
            out.append('\n');
        }
        for (String[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                csvField(row[j], sep, out);
                out.append(j < row.length - 1 ? sep : '\n');
            }
        }
    }

    private static void csvVertical(String[] headers, List<String[]> rows, PrintOptions opt, StringBuilder out) {
        char sep = opt.csvFieldSep.charAt(0);
        for (String[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                csvField(headers[j], sep, out);
                out.append(sep);
                csvField(row[j], sep, out);
                out.append('\n');
            }
        }
    }
}
