package org.tusk.psql;

import java.util.ArrayList;
import java.util.List;

import org.tusk.client.Result;
import org.tusk.psql.DisplayWidth.Line;

/**
 * Prints a table the way psql 15's printTable does (fe_utils/print.c), byte for byte: aligned (borders
 * 0, 1 and 2, ascii line style), unaligned and CSV, each also expanded; title, footers, tuples-only, NULL
 * display and expanded auto (vertical when the table is wider than {@code \pset columns}).
 */
public final class ResultPrinter {

    private ResultPrinter() {
    }

    /** Prints a query result (psql's printQuery with the session's options) into {@code out}. */
    public static void print(Result result, PrintOptions opt, StringBuilder out) {
        print(PrintTable.of(result, opt.title, opt.nullPrint), opt, out);
    }

    static void print(PrintTable t, PrintOptions opt, StringBuilder out) {
        boolean vertical = opt.expanded == PrintOptions.Expanded.ON;
        switch (opt.format) {
            case ALIGNED, WRAPPED -> {
                if (vertical) {
                    alignedVertical(t, opt, out);
                } else {
                    alignedText(t, opt, out);
                }
            }
            case UNALIGNED -> {
                if (vertical) {
                    unalignedVertical(t, opt, out);
                } else {
                    unalignedText(t, opt, out);
                }
            }
            case HTML -> HtmlPrinter.print(t, opt, footersWithDefault(t, opt), out);
            case CSV -> {
                if (vertical) {
                    csvVertical(t, opt, out);
                } else {
                    csvText(t, opt, out);
                }
            }
        }
    }

    /** psql's footers_with_default: the explicit footers, else {@code (N rows)} when the footer is on. */
    private static List<String> footersWithDefault(PrintTable t, PrintOptions opt) {
        if (t.footers() != null) {
            return t.footers();
        }
        if (!opt.footer) {
            return List.of();
        }
        int n = t.rows().size();
        return List.of("(" + n + (n == 1 ? " row)" : " rows)"));
    }

    // ---------------------------------------------------------------- aligned

    private static void horizontalLine(int[] widths, int border, StringBuilder out) {
        if (border == 1) {
            out.append('-');
        } else if (border == 2) {
            out.append("+-");
        }
        for (int i = 0; i < widths.length; i++) {
            out.append("-".repeat(widths[i]));
            if (i < widths.length - 1) {
                out.append(border == 0 ? " " : "-+-");
            }
        }
        if (border == 2) {
            out.append("-+");
        } else if (border == 1) {
            out.append('-');
        }
        out.append('\n');
    }

    private static void alignedText(PrintTable t, PrintOptions opt, StringBuilder out) {
        int border = Math.min(opt.border, 2);
        String[] headers = t.headers();
        boolean[] right = t.rightAligned();
        List<String[]> rows = t.rows();
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
        int widthTotal = border == 0 ? n : border == 1 ? n * 3 - (n > 0 ? 1 : 0) : n * 3 + 1;
        int totalHeaderWidth = widthTotal;
        for (int j = 0; j < n; j++) {
            widthTotal += width[j];
            totalHeaderWidth += width[j];
        }
        if (opt.expanded == PrintOptions.Expanded.AUTO && opt.columns > 0
                && (opt.columns < totalHeaderWidth || opt.columns < widthTotal)) {
            alignedVertical(t, opt, out);
            return;
        }

        if (t.title() != null && !opt.tuplesOnly) {
            int tw = DisplayWidth.width(t.title());
            if (tw >= widthTotal) {
                out.append(t.title()).append('\n');
            } else {
                out.append(DisplayWidth.spaces((widthTotal - tw) / 2)).append(t.title()).append('\n');
            }
        }

        if (!opt.tuplesOnly) {
            if (border == 2) {
                horizontalLine(width, border, out);
            }
            boolean[] done = new boolean[n];
            int more = n;
            for (int line = 0; more > 0; line++) {
                if (border == 2) {
                    out.append('|');
                }
                for (int j = 0; j < n; j++) {
                    if (border != 0) {
                        out.append(' ');
                    }
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
                    if (border != 0 && j < n - 1) {
                        out.append('|');
                    }
                }
                if (border == 2) {
                    out.append('|');
                }
                out.append('\n');
            }
            horizontalLine(width, border, out);
        }

        // Without columns there are no cells, so no row lines either.
        for (List<List<Line>> rl : n == 0 ? List.<List<List<Line>>>of() : cellLines) {
            int[] cur = new int[n];
            boolean[] newlineMark = new boolean[n];
            boolean moreLines = true;
            while (moreLines) {
                moreLines = false;
                if (border == 2) {
                    out.append('|');
                }
                for (int j = 0; j < n; j++) {
                    List<Line> cl = rl.get(j);
                    boolean finalSpaces = border == 2 || j < n - 1;
                    if (border != 0) {
                        out.append(' ');
                    }
                    newlineMark[j] = false;
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
                        newlineMark[j] = cur[j] < cl.size();
                        moreLines |= newlineMark[j];
                        if (!right[j] && (finalSpaces || newlineMark[j])) {
                            out.append(DisplayWidth.spaces(width[j] - l.width()));
                        }
                    }
                    if (newlineMark[j]) {
                        out.append('+');
                    } else if (finalSpaces) {
                        out.append(' ');
                    }
                    if (border != 0 && j < n - 1) {
                        out.append('|');
                    }
                }
                if (border == 2) {
                    out.append('|');
                }
                out.append('\n');
            }
        }
        if (border == 2) {
            horizontalLine(width, border, out);
        }
        if (!opt.tuplesOnly) {
            for (String f : footersWithDefault(t, opt)) {
                out.append(f).append('\n');
            }
        }
        out.append('\n');
    }

    private static void alignedVertical(PrintTable t, PrintOptions opt, StringBuilder out) {
        int border = Math.min(opt.border, 2);
        String[] headers = t.headers();
        List<String[]> rows = t.rows();
        int n = headers.length;
        if (rows.isEmpty() || n == 0) {
            if (!opt.tuplesOnly) {
                for (String f : footersWithDefault(t, opt)) {
                    out.append(f).append('\n');
                }
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
        // The data column is widened so that the data lines reach the end of the "-[ RECORD n ]" line.
        int swidth = border == 0 ? 1 + (hmultiline ? 1 : 0) : border == 1 ? 3 : 7;
        if (dmultiline && border < 2) {
            swidth++;
        }
        int rwidth = 0;
        if (!opt.tuplesOnly) {
            rwidth = 1 + (int) Math.log10(rows.size()) + (border == 0 ? 9 : border == 1 ? 12 : 15);
        }
        if (hwidth + swidth + dwidth < rwidth) {
            dwidth = rwidth - hwidth - swidth;
        }
        if (!opt.tuplesOnly && t.title() != null) {
            out.append(t.title()).append('\n');
        }
        int record = 1;
        for (int r = 0; r < rows.size(); r++) {
            if (!opt.tuplesOnly) {
                verticalLine(border, record++, hwidth, dwidth, out);
            } else if (r != 0 || border == 2) {
                verticalLine(border, 0, hwidth, dwidth, out);
            }
            String[] row = rows.get(r);
            for (int j = 0; j < n; j++) {
                verticalField(border, headers[j], row[j], hwidth, dwidth, hmultiline, dmultiline, out);
            }
        }
        if (border == 2) {
            verticalLine(border, 0, hwidth, dwidth, out);
        }
        if (!opt.tuplesOnly && t.footers() != null) {
            if (border < 2) {
                out.append('\n');
            }
            for (String f : t.footers()) {
                out.append(f).append('\n');
            }
        }
        out.append('\n');
    }

    private static void verticalField(int border, String header, String value, int hwidth, int dwidth,
            boolean hmultiline, boolean dmultiline, StringBuilder out) {
        List<Line> hl = DisplayWidth.lines(header);
        List<Line> dl = DisplayWidth.lines(value);
        int hline = 0;
        int dline = 0;
        boolean hcomplete = false;
        boolean dcomplete = false;
        while (!hcomplete || !dcomplete) {
            if (border == 2) {
                out.append('|');
            }
            if (!hcomplete) {
                if (border == 2) {
                    out.append(' ');
                }
                Line l = hl.get(hline);
                out.append(l.text()).append(DisplayWidth.spaces(hwidth - l.width()));
                if (hline + 1 < hl.size()) {
                    if (border > 0 || hmultiline) {
                        out.append('+');
                    }
                    hline++;
                } else {
                    if (border > 0 || hmultiline) {
                        out.append(' ');
                    }
                    hcomplete = true;
                }
            } else {
                int sw = hwidth + border;
                if (border == 0 && hmultiline) {
                    sw++;
                }
                out.append(DisplayWidth.spaces(sw));
            }
            if (border > 0) {
                out.append('|');
            }
            if (!dcomplete) {
                Line l = dl.get(dline);
                out.append(' ').append(l.text());
                int sw = dwidth - l.width();
                if (dline + 1 < dl.size()) {
                    if (border > 1 || dmultiline) {
                        out.append(DisplayWidth.spaces(sw)).append('+');
                    }
                    dline++;
                } else {
                    if (border > 1) {
                        out.append(DisplayWidth.spaces(sw)).append(' ');
                    }
                    dcomplete = true;
                }
                if (border == 2) {
                    out.append('|');
                }
                out.append('\n');
            } else {
                if (border < 2) {
                    out.append('\n');
                } else {
                    out.append(DisplayWidth.spaces(dwidth)).append("  |\n");
                }
            }
        }
    }

    /** psql's print_aligned_vertical_line (ascii style); record 0 draws a plain separator line. */
    private static void verticalLine(int border, int record, int hwidth, int dwidth, StringBuilder out) {
        if (border == 2) {
            out.append("+-");
        } else if (border == 1) {
            out.append('-');
        }
        int reclen = 0;
        if (record != 0) {
            String s = border == 0 ? "* Record " + record : "[ RECORD " + record + " ]";
            out.append(s);
            reclen = s.length();
        }
        if (border != 2) {
            reclen++;
        }
        for (int i = reclen; i < hwidth; i++) {
            out.append(border > 0 ? '-' : ' ');
        }
        reclen -= hwidth;
        if (border > 0) {
            if (reclen-- <= 0) {
                out.append('-');
            }
            if (reclen-- <= 0) {
                out.append('+');
            }
            if (reclen-- <= 0) {
                out.append('-');
            }
        } else if (reclen-- <= 0) {
            out.append(' ');
        }
        if (reclen < 0) {
            reclen = 0;
        }
        for (int i = reclen; i < dwidth; i++) {
            out.append(border > 0 ? '-' : ' ');
        }
        if (border == 2) {
            out.append("-+");
        }
        out.append('\n');
    }

    // ---------------------------------------------------------------- unaligned

    private static void unalignedText(PrintTable t, PrintOptions opt, StringBuilder out) {
        boolean needRecordSep = false;
        if (!opt.tuplesOnly && t.title() != null) {
            out.append(t.title()).append(opt.recordSep);
        }
        if (!opt.tuplesOnly) {
            out.append(String.join(opt.fieldSep, t.headers()));
            needRecordSep = true;
        }
        for (String[] row : t.headers().length == 0 ? List.<String[]>of() : t.rows()) {
            if (needRecordSep) {
                out.append(opt.recordSep);
            }
            out.append(String.join(opt.fieldSep, row));
            needRecordSep = true;
        }
        if (!opt.tuplesOnly) {
            for (String f : footersWithDefault(t, opt)) {
                if (needRecordSep) {
                    out.append(opt.recordSep);
                    needRecordSep = false;
                }
                out.append(f);
                needRecordSep = true;
            }
        }
        if (needRecordSep) {
            out.append('\n');
        }
    }

    private static void unalignedVertical(PrintTable t, PrintOptions opt, StringBuilder out) {
        String[] headers = t.headers();
        boolean needRecordSep = false;
        if (!opt.tuplesOnly && t.title() != null) {
            out.append(t.title());
            needRecordSep = true;
        }
        for (String[] row : headers.length == 0 ? List.<String[]>of() : t.rows()) {
            for (int j = 0; j < headers.length; j++) {
                if (needRecordSep) {
                    out.append(opt.recordSep).append(opt.recordSep);
                    needRecordSep = false;
                }
                out.append(headers[j]).append(opt.fieldSep).append(row[j]);
                if (j < headers.length - 1) {
                    out.append(opt.recordSep);
                } else {
                    needRecordSep = true;
                }
            }
        }
        if (!opt.tuplesOnly && t.footers() != null) {
            out.append(opt.recordSep);
            for (String f : t.footers()) {
                out.append(opt.recordSep).append(f);
            }
        }
        if (needRecordSep) {
            out.append('\n');
        }
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

    private static void csvText(PrintTable t, PrintOptions opt, StringBuilder out) {
        char sep = opt.csvFieldSep.charAt(0);
        String[] headers = t.headers();
        if (!opt.tuplesOnly) {
            for (int j = 0; j < headers.length; j++) {
                if (j > 0) {
                    out.append(sep);
                }
                csvField(headers[j], sep, out);
            }
            out.append('\n');
        }
        for (String[] row : t.rows()) {
            for (int j = 0; j < row.length; j++) {
                csvField(row[j], sep, out);
                out.append(j < row.length - 1 ? sep : '\n');
            }
        }
    }

    private static void csvVertical(PrintTable t, PrintOptions opt, StringBuilder out) {
        char sep = opt.csvFieldSep.charAt(0);
        for (String[] row : t.rows()) {
            for (int j = 0; j < row.length; j++) {
                csvField(t.headers()[j], sep, out);
                out.append(sep);
                csvField(row[j], sep, out);
                out.append('\n');
            }
        }
    }
}
