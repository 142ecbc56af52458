package org.tusk.psql;

import java.util.List;

/**
 * psql's html output format ({@code \H}, {@code \pset format html}; print_html_text and
 * print_html_vertical in fe_utils/print.c): a {@code <table>} with the border and {@code \T} attributes,
 * the title as caption, header cells, one row per record (or a two-column block per record when
 * expanded), then the footers in a paragraph. Text is escaped as html_escaped_print does; an empty or
 * blank cell becomes {@code &nbsp; } so that browsers still draw it.
 */
final class HtmlPrinter {

    private HtmlPrinter() {
    }

    static void print(PrintTable t, PrintOptions opt, List<String> footersWithDefault, StringBuilder out) {
        if (opt.expanded == PrintOptions.Expanded.ON) {
            vertical(t, opt, out);
        } else {
            text(t, opt, footersWithDefault, out);
        }
    }

    private static void tableStart(PrintTable t, PrintOptions opt, StringBuilder out) {
        out.append("<table border=\"").append(opt.border).append('"');
        if (opt.tableAttr != null) {
            out.append(' ').append(opt.tableAttr);
        }
        out.append(">\n");
        if (!opt.tuplesOnly && t.title() != null) {
            out.append("  <caption>");
            escaped(t.title(), out);
            out.append("</caption>\n");
        }
    }

    private static void text(PrintTable t, PrintOptions opt, List<String> footers, StringBuilder out) {
        tableStart(t, opt, out);
        if (!opt.tuplesOnly) {
            out.append("  <tr>\n");
            for (String h : t.headers()) {
                out.append("    <th align=\"center\">");
                escaped(h, out);
                out.append("</th>\n");
            }
            out.append("  </tr>\n");
        }
        for (String[] row : t.rows()) {
            out.append("  <tr valign=\"top\">\n");
            for (int j = 0; j < row.length; j++) {
                out.append("    <td align=\"").append(t.rightAligned()[j] ? "right" : "left").append("\">");
                cell(row[j], out);
                out.append("</td>\n");
            }
            out.append("  </tr>\n");
        }
        out.append("</table>\n");
        footers(opt, footers, out);
        out.append('\n');
    }

    /** Expanded: psql prints only the explicit footers here, not the default "(N rows)". */
    private static void vertical(PrintTable t, PrintOptions opt, StringBuilder out) {
        tableStart(t, opt, out);
        long record = 1;
        for (String[] row : t.rows()) {
            if (!opt.tuplesOnly) {
                out.append("\n  <tr><td colspan=\"2\" align=\"center\">Record ").append(record++)
                        .append("</td></tr>\n");
            } else {
                out.append("\n  <tr><td colspan=\"2\">&nbsp;</td></tr>\n");
            }
            for (int j = 0; j < row.length; j++) {
                out.append("  <tr valign=\"top\">\n    <th>");
                escaped(t.headers()[j], out);
                out.append("</th>\n");
                out.append("    <td align=\"").append(t.rightAligned()[j] ? "right" : "left").append("\">");
                cell(row[j], out);
                out.append("</td>\n  </tr>\n");
            }
        }
        out.append("</table>\n");
        footers(opt, t.footers(), out);
        out.append('\n');
    }

    private static void footers(PrintOptions opt, List<String> footers, StringBuilder out) {
        if (!opt.tuplesOnly && footers != null && !footers.isEmpty()) {
            out.append("<p>");
            for (String f : footers) {
                escaped(f, out);
                out.append("<br />\n");
            }
            out.append("</p>");
        }
    }

    /** A cell of only blanks and tabs (or empty) is shown as a non-breaking space. */
    private static void cell(String s, StringBuilder out) {
        if (s.chars().allMatch(c -> c == ' ' || c == '\t')) {
            out.append("&nbsp; ");
        } else {
            escaped(s, out);
        }
    }

    /** psql's html_escaped_print: {@code & < > "} as entities, newlines as {@code <br />}, leading spaces kept. */
    static void escaped(String s, StringBuilder out) {
        boolean leadingSpace = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\n' -> out.append("<br />\n");
                case '"' -> out.append("&quot;");
                case ' ' -> out.append(leadingSpace ? "&nbsp;" : " ");
                default -> out.append(c);
            }
            if (c != ' ') {
                leadingSpace = false;
            }
        }
    }
}
