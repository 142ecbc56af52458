package org.tusk.psql;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code \copy}: psql's client-side COPY. Tusk's client library does not speak the COPY sub-protocol yet, so
 * this emulates it with ordinary queries: {@code \copy ... to} runs the equivalent SELECT and writes the rows
 * in COPY's text or CSV format (the server's text output is what COPY writes); {@code \copy ... from} parses
 * the data and sends it as INSERT statements in one Query message, which the server runs as one implicit
 * transaction, so that a bad row loads nothing, as with COPY. The output ({@code COPY n}) is psql's.
 */
final class Copy {

    /** What {@code \copy} was asked to do. */
    record Spec(String relation, String columns, String query, boolean from, String file, Options options) {
    }

    /** COPY's format options. */
    static final class Options {
        boolean csv;
        boolean header;
        String delimiter;
        String nullString;
        char quote = '"';
        char escape = '"';

        String delimiter() {
            return delimiter != null ? delimiter : csv ? "," : "\t";
        }

        String nullString() {
            return nullString != null ? nullString : csv ? "" : "\\N";
        }
    }

    private Copy() {
    }

    /** Parses the text after {@code \copy} (psql's parse_slash_copy, without binary and program). */
    static Spec parse(String text) {
        String s = text.strip();
        int i = 0;
        String relation = null;
        String columns = null;
        String query = null;
        if (s.startsWith("(")) {
            int depth = 0;
            int j = 0;
            char q = 0;
            for (; j < s.length(); j++) {
                char c = s.charAt(j);
                if (q != 0) {
                    if (c == q) {
                        q = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    q = c;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    break;
                }
            }
            if (j >= s.length()) {
                return null;
            }
            query = s.substring(1, j).strip();
            i = j + 1;
        } else {
            int j = i;
            while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && s.charAt(j) != '(') {
                if (s.charAt(j) == '"') {
                    j = s.indexOf('"', j + 1);
                    if (j < 0) {
                        return null;
                    }
                }
                j++;
            }
            relation = s.substring(i, j);
            i = j;
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i < s.length() && s.charAt(i) == '(') {
                int end = s.indexOf(')', i);
                if (end < 0) {
                    return null;
                }
                columns = s.substring(i, end + 1);
                i = end + 1;
            }
        }
        List<String> words = words(s.substring(i));
        if (words.size() < 2) {
            return null;
        }
        String dir = words.get(0).toLowerCase(Locale.ROOT);
        if (!dir.equals("from") && !dir.equals("to")) {
            return null;
        }
        boolean from = dir.equals("from");
        if (query != null && from) {
            return null;
        }
        String file = words.get(1);
        Options o = new Options();
        List<String> rest = words.subList(2, words.size());
        for (int k = 0; k < rest.size(); k++) {
            String w = rest.get(k).toLowerCase(Locale.ROOT).replace(",", "").replace("(", "").replace(")", "");
            String next = k + 1 < rest.size() ? unquote(rest.get(k + 1).replaceAll("[,)]+$", "")) : null;
            switch (w) {
                case "csv" -> o.csv = true;
                case "format" -> {
                    o.csv = next != null && next.equalsIgnoreCase("csv");
                    k++;
                }
                case "header" -> {
                    o.header = true;
                    if (next != null && Variables.parseBool(next) != null) {
                        o.header = Variables.parseBool(next);
                        k++;
                    }
                }
                case "delimiter" -> {
                    if (next != null && next.equalsIgnoreCase("as") && k + 2 < rest.size()) {
                        k++;
                        next = unquote(rest.get(k + 1));
                    }
                    o.delimiter = next;
                    k++;
                }
                case "null" -> {
                    if (next != null && next.equalsIgnoreCase("as") && k + 2 < rest.size()) {
                        k++;
                        next = unquote(rest.get(k + 1));
                    }
                    o.nullString = next;
                    k++;
                }
                case "quote" -> {
                    o.quote = next == null || next.isEmpty() ? '"' : next.charAt(0);
                    k++;
                }
                case "escape" -> {
                    o.escape = next == null || next.isEmpty() ? '"' : next.charAt(0);
                    k++;
                }
                default -> {
                    // "with", "true" and the like carry no information
                }
            }
        }
        return new Spec(relation, columns, query, from, file, o);
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                break;
            }
            int start = i;
            if (s.charAt(i) == '\'') {
                i++;
                while (i < s.length()) {
                    if (s.charAt(i) == '\'' && (i + 1 >= s.length() || s.charAt(i + 1) != '\'')) {
                        break;
                    }
                    i += s.charAt(i) == '\'' ? 2 : 1;
                }
                i++;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
            } else {
                while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
            }
            out.add(s.substring(start, Math.min(i, s.length())));
        }
        return out;
    }

    static String unquote(String w) {
        if (w.length() >= 2 && w.startsWith("'") && w.endsWith("'")) {
            return w.substring(1, w.length() - 1).replace("''", "'");
        }
        if (w.length() >= 3 && (w.startsWith("E'") || w.startsWith("e'")) && w.endsWith("'")) {
            return w.substring(2, w.length() - 1).replace("\\t", "\t").replace("\\n", "\n").replace("''", "'");
        }
        return w;
    }

    /** The SELECT that produces what COPY ... TO would write. */
    static String selectFor(Spec spec) {
        if (spec.query() != null) {
            return spec.query();
        }
        String cols = spec.columns() == null ? "*" : spec.columns().substring(1, spec.columns().length() - 1);
        return "SELECT " + cols + " FROM " + spec.relation();
    }

    /** Where COPY data lines come from (the script being read counts them for its line numbers). */
    interface LineSource {
        String readLine() throws IOException;
    }

    /** One row in COPY's text format (CopyAttributeOutText) or CSV format (CopyAttributeOutCSV). */
    static void formatRow(String[] values, Options o, StringBuilder out) {
        String delim = o.delimiter();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(delim);
            }
            String v = values[i];
            if (v == null) {
                out.append(o.nullString());
            } else if (o.csv) {
                csvValue(v, o, out);
            } else {
                textValue(v, delim.charAt(0), out);
            }
        }
        out.append('\n');
    }

    private static void textValue(String v, char delim, StringBuilder out) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0b -> out.append("\\v");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c == delim) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
    }

    private static void csvValue(String v, Options o, StringBuilder out) {
        boolean quote = v.equals(o.nullString()) || v.isEmpty() && o.nullString().isEmpty()
                || v.contains(o.delimiter()) || v.indexOf(o.quote) >= 0 || v.indexOf('\n') >= 0
                || v.indexOf('\r') >= 0 || v.equals("\\.");
        if (!quote) {
            out.append(v);
            return;
        }
        out.append(o.quote);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == o.quote || c == o.escape) {
                out.append(o.escape);
            }
            out.append(c);
        }
        out.append(o.quote);
    }

    /**
     * Reads COPY data up to the end of input or a {@code \.} line and returns its rows (null for NULL).
     *
     * @param header whether the first line is a header to skip
     */
    static List<String[]> readRows(LineSource in, Options o) throws IOException {
        List<String[]> rows = new ArrayList<>();
        boolean skipHeader = o.header;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("\\.")) {
                break;
            }
            if (o.csv) {
                // A quoted field may span lines.
                while (openQuote(line, o.quote)) {
                    String more = in.readLine();
                    if (more == null) {
                        break;
                    }
                    line = line + "\n" + more;
                }
            }
            if (skipHeader) {
                skipHeader = false;
                continue;
            }
            rows.add(o.csv ? csvFields(line, o) : textFields(line, o));
        }
        return rows;
    }

    private static boolean openQuote(String line, char quote) {
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == quote) {
                n++;
            }
        }
        return n % 2 != 0;
    }

    private static String[] textFields(String line, Options o) {
        char delim = o.delimiter().charAt(0);
        List<String> fields = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        StringBuilder val = new StringBuilder();
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == delim) {
                fields.add(raw.toString().equals(o.nullString()) ? null : val.toString());
                raw.setLength(0);
                val.setLength(0);
                continue;
            }
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char e = line.charAt(++i);
                raw.append(c).append(e);
                switch (e) {
                    case 'b' -> val.append('\b');
                    case 'f' -> val.append('\f');
                    case 'n' -> val.append('\n');
                    case 'r' -> val.append('\r');
                    case 't' -> val.append('\t');
                    case 'v' -> val.append((char) 0x0b);
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int v = e - '0';
                            for (int k = 0; k < 2 && i + 1 < line.length() && line.charAt(i + 1) >= '0'
                                    && line.charAt(i + 1) <= '7'; k++) {
                                v = v * 8 + line.charAt(++i) - '0';
                            }
                            val.append((char) v);
                        } else {
                            val.append(e);
                        }
                    }
                }
            } else {
                raw.append(c);
                val.append(c);
            }
        }
        return fields.toArray(new String[0]);
    }

    private static String[] csvFields(String line, Options o) {
        char delim = o.delimiter().charAt(0);
        List<String> fields = new ArrayList<>();
        StringBuilder val = new StringBuilder();
        boolean quoted = false;
        boolean inQuotes = false;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || !inQuotes && line.charAt(i) == delim) {
                String v = val.toString();
                fields.add(!quoted && v.equals(o.nullString()) ? null : v);
                val.setLength(0);
                quoted = false;
                continue;
            }
            char c = line.charAt(i);
            if (inQuotes) {
                if (c == o.escape && i + 1 < line.length() && line.charAt(i + 1) == o.quote) {
                    val.append(o.quote);
                    i++;
                } else if (c == o.quote) {
                    inQuotes = false;
                } else {
                    val.append(c);
                }
            } else if (c == o.quote) {
                inQuotes = true;
                quoted = true;
            } else {
                val.append(c);
            }
        }
        return fields.toArray(new String[0]);
    }

    /** The INSERT statements loading {@code rows}, 500 rows per statement, as one Query string. */
    static String inserts(Spec spec, List<String[]> rows) {
        StringBuilder sql = new StringBuilder();
        for (int start = 0; start < rows.size(); start += 500) {
            sql.append("INSERT INTO ").append(spec.relation());
            if (spec.columns() != null) {
                sql.append(' ').append(spec.columns());
            }
            sql.append(" VALUES ");
            for (int r = start; r < Math.min(rows.size(), start + 500); r++) {
                if (r > start) {
                    sql.append(", ");
                }
                sql.append('(');
                String[] row = rows.get(r);
                for (int c = 0; c < row.length; c++) {
                    if (c > 0) {
                        sql.append(", ");
                    }
                    sql.append(row[c] == null ? "NULL" : Patterns.literal(row[c]));
                }
                sql.append(')');
            }
            sql.append(";\n");
        }
        return sql.toString();
    }
}
