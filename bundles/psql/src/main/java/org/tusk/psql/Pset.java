package org.tusk.psql;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * psql's do_pset and printPsetInfo: changes one printing option and describes it. As in psql, the boolean
 * options given an explicit value ({@code \pset footer off}, {@code \pset tuples_only on}) change silently,
 * while toggles and the other options print their new state unless quiet.
 */
final class Pset {

    /** The options {@code \pset} without arguments lists, in psql's order. */
    static final List<String> NAMES = List.of("border", "columns", "csv_fieldsep", "expanded", "fieldsep",
            "fieldsep_zero", "footer", "format", "linestyle", "null", "numericlocale", "pager", "pager_min_lines",
            "recordsep", "recordsep_zero", "tableattr", "title", "tuples_only", "unicode_border_linestyle",
            "unicode_column_linestyle", "unicode_header_linestyle");

    private Pset() {
    }

    /**
     * Applies {@code \pset name [value]}.
     *
     * @param error receives psql's error message on failure
     * @return the status line to print (without newline), "" for none, or null on error
     */
    static String apply(PrintOptions p, String name, String value, Consumer<String> error) {
        switch (name) {
            case "format" -> {
                if (value != null) {
                    PrintOptions.Format f = null;
                    for (PrintOptions.Format c : PrintOptions.Format.values()) {
                        if (c.label().startsWith(value.toLowerCase(Locale.ROOT)) && !value.isEmpty()) {
                            f = f == null ? c : null;
                        }
                    }
                    if (f == null) {
                        error.accept("\\pset: allowed formats are aligned, asciidoc, csv, html, latex, "
                                + "latex-longtable, troff-ms, unaligned, wrapped");
                        return null;
                    }
                    p.format = f;
                }
            }
            case "border" -> {
                if (value != null) {
                    p.border = atoi(value);
                }
            }
            case "columns" -> {
                if (value != null) {
                    p.columns = atoi(value);
                }
            }
            case "x", "expanded" -> {
                if (value != null && value.equalsIgnoreCase("auto")) {
                    p.expanded = PrintOptions.Expanded.AUTO;
                } else if (value != null) {
                    Boolean b = Variables.parseBool(value);
                    if (b == null) {
                        error.accept("unrecognized value \"" + value + "\" for \"" + name
                                + "\"\nAvailable values are: on, off, auto.");
                        return null;
                    }
                    p.expanded = b ? PrintOptions.Expanded.ON : PrintOptions.Expanded.OFF;
                } else {
                    p.expanded = p.expanded == PrintOptions.Expanded.ON ? PrintOptions.Expanded.OFF
                            : PrintOptions.Expanded.ON;
                }
            }
            case "t", "tuples_only" -> {
                if (value != null) {
                    return bool(value, name, b -> p.tuplesOnly = b, error);
                }
                p.tuplesOnly = !p.tuplesOnly;
            }
            case "footer" -> {
                if (value != null) {
                    return bool(value, name, b -> p.footer = b, error);
                }
                p.footer = !p.footer;
            }
            case "null" -> {
                if (value != null) {
                    p.nullPrint = value;
                    p.nullPrintSet = true;
                }
            }
            case "fieldsep" -> {
                if (value != null) {
                    p.fieldSep = value;
                }
            }
            case "recordsep" -> {
                if (value != null) {
                    p.recordSep = value;
                }
            }
            case "csv_fieldsep" -> {
                if (value != null) {
                    if (value.length() != 1 || value.equals("\"") || value.equals("\n") || value.equals("\r")) {
                        error.accept("\\pset: csv_fieldsep must be a single one-byte character");
                        return null;
                    }
                    p.csvFieldSep = value;
                }
            }
            case "title" -> p.title = value;
            case "T", "tableattr" -> p.tableAttr = value;
            case "pager" -> {
                if (value != null && value.equalsIgnoreCase("always")) {
                    p.pager = 2;
                } else if (value != null) {
                    Boolean b = Variables.parseBool(value);
                    if (b == null) {
                        error.accept("unrecognized value \"" + value + "\" for \"pager\"\nAvailable values are: on, off, always.");
                        return null;
                    }
                    p.pager = b ? 1 : 0;
                } else {
                    p.pager = p.pager == 1 ? 0 : 1;
                }
            }
            case "pager_min_lines" -> {
                if (value != null) {
                    p.pagerMinLines = atoi(value);
                }
            }
            case "linestyle", "numericlocale", "fieldsep_zero",
                    "recordsep_zero", "unicode_border_linestyle", "unicode_column_linestyle",
                    "unicode_header_linestyle" -> {
                error.accept("\\pset: option \"" + name + "\" is not supported by tusk psql");
                return null;
            }
            default -> {
                error.accept("\\pset: unknown option: " + name);
                return null;
            }
        }
        return info(p, name);
    }

    private static String bool(String value, String name, Consumer<Boolean> set, Consumer<String> error) {
        Boolean b = Variables.parseBool(value);
        if (b == null) {
            error.accept("unrecognized value \"" + value + "\" for \"" + name + "\": Boolean expected");
            return null;
        }
        set.accept(b);
        return "";
    }

    /** C's atoi: leading digits, 0 otherwise. */
    private static int atoi(String s) {
        String t = s.strip();
        int i = 0;
        if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            i++;
        }
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        try {
            return Integer.parseInt(t.substring(0, i));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** printPsetInfo's sentence for one option. */
    static String info(PrintOptions p, String name) {
        return switch (name) {
            case "format" -> "Output format is " + p.format.label() + ".";
            case "border" -> "Border style is " + p.border + ".";
            case "columns" -> p.columns == 0 ? "Target width is unset." : "Target width is " + p.columns + ".";
            case "x", "expanded" -> switch (p.expanded) {
                case AUTO -> "Expanded display is used automatically.";
                case ON -> "Expanded display is on.";
                case OFF -> "Expanded display is off.";
            };
            case "t", "tuples_only" -> p.tuplesOnly ? "Tuples only is on." : "Tuples only is off.";
            case "footer" -> "Default footer is " + (p.footer ? "on." : "off.");
            case "null" -> "Null display is \"" + p.nullPrint + "\".";
            case "fieldsep" -> "Field separator is \"" + p.fieldSep + "\".";
            case "recordsep" -> p.recordSep.equals("\n") ? "Record separator is <newline>."
                    : "Record separator is \"" + p.recordSep + "\".";
            case "csv_fieldsep" -> "Field separator for CSV is \"" + p.csvFieldSep + "\".";
            case "title" -> p.title == null ? "Title is unset." : "Title is \"" + p.title + "\".";
            case "pager" -> p.pager == 1 ? "Pager is used for long output."
                    : p.pager == 2 ? "Pager is always used." : "Pager usage is off.";
            case "pager_min_lines" -> "Pager won't be used for less than " + p.pagerMinLines
                    + (p.pagerMinLines == 1 ? " line." : " lines.");
            case "T", "tableattr" -> p.tableAttr == null ? "Table attributes unset."
                    : "Table attributes are \"" + p.tableAttr + "\".";
            default -> "";
        };
    }

    /** The {@code \pset} listing: every option and its value, as psql's printPsetInfo(NULL). */
    static String listing(PrintOptions p) {
        StringBuilder b = new StringBuilder();
        for (String n : NAMES) {
            String v = switch (n) {
                case "border" -> Integer.toString(p.border);
                case "columns" -> Integer.toString(p.columns);
                case "csv_fieldsep" -> quoted(p.csvFieldSep);
                case "expanded" -> p.expanded.name().toLowerCase(Locale.ROOT);
                case "fieldsep" -> quoted(p.fieldSep);
                case "footer" -> p.footer ? "on" : "off";
                case "format" -> p.format.label();
                case "linestyle" -> "ascii";
                case "null" -> quoted(p.nullPrint);
                case "pager" -> Integer.toString(p.pager);
                case "pager_min_lines" -> Integer.toString(p.pagerMinLines);
                case "recordsep" -> quoted(p.recordSep);
                case "tableattr" -> p.tableAttr == null ? "" : quoted(p.tableAttr);
                case "title" -> p.title == null ? "" : quoted(p.title);
                case "tuples_only" -> p.tuplesOnly ? "on" : "off";
                case "unicode_border_linestyle", "unicode_column_linestyle", "unicode_header_linestyle" -> "single";
                default -> "off";
            };
            b.append(String.format(Locale.ROOT, "%-24s %s%n", n, v));
        }
        return b.toString();
    }

    /** psql's pset_quoted_string: single quotes, with ' and newline escaped. */
    private static String quoted(String s) {
        return "'" + s.replace("'", "\\'").replace("\n", "\\n") + "'";
    }
}
