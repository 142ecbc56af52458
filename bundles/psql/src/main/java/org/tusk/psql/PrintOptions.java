package org.tusk.psql;

import java.util.Locale;

/**
 * psql's {@code \pset} state (printTableOpt): output format, expanded mode, tuples-only, NULL display,
 * separators, border, title, target width and the default footer. Mutable: meta-commands and command-line
 * options change it in place, as psql's {@code pset.popt}.
 */
public final class PrintOptions {

    /** psql's output formats; the ones psql has and Tusk does not (html, latex, ...) are refused by \pset. */
    public enum Format {
        ALIGNED, UNALIGNED, CSV, WRAPPED, HTML;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** psql's expanded modes: off, on, auto (vertical when the table is wider than the target width). */
    public enum Expanded { OFF, ON, AUTO }

    Format format = Format.ALIGNED;
    Expanded expanded = Expanded.OFF;
    boolean tuplesOnly;
    boolean footer = true;
    String nullPrint = "";
    /** Whether {@code \\pset null} was given (psql's nullPrint is then set, else NULL: some messages differ). */
    boolean nullPrintSet;
    String fieldSep = "|";
    String recordSep = "\n";
    String csvFieldSep = ",";
    int border = 1;
    /** {@code \pset tableattr} ({@code \T}): attributes of the html {@code <table>} tag, or null. */
    String tableAttr;
    /** {@code \pset pager}: 0 off, 1 for long output, 2 always. */
    int pager = 1;
    /** {@code \pset pager_min_lines}. */
    int pagerMinLines;
    /** {@code \pset title}, or null. */
    String title;
    /** {@code \pset columns}: 0 means unset (then a non-terminal output never wraps nor auto-expands). */
    int columns;

    public PrintOptions() {
    }

    /** Sets every option to {@code o}'s (for {@code \\g (OPTIONS)}, which changes them for one query). */
    void copyFrom(PrintOptions o) {
        format = o.format;
        expanded = o.expanded;
        tuplesOnly = o.tuplesOnly;
        footer = o.footer;
        nullPrint = o.nullPrint;
        nullPrintSet = o.nullPrintSet;
        fieldSep = o.fieldSep;
        recordSep = o.recordSep;
        csvFieldSep = o.csvFieldSep;
        border = o.border;
        title = o.title;
        pager = o.pager;
        pagerMinLines = o.pagerMinLines;
        tableAttr = o.tableAttr;
        columns = o.columns;
    }

    public PrintOptions format(Format f) {
        this.format = f;
        return this;
    }

    public PrintOptions expanded(Expanded mode) {
        this.expanded = mode;
        return this;
    }

    public PrintOptions tuplesOnly(boolean on) {
        this.tuplesOnly = on;
        return this;
    }

    public PrintOptions footer(boolean on) {
        this.footer = on;
        return this;
    }

    public PrintOptions nullPrint(String s) {
        this.nullPrint = s;
        this.nullPrintSet = true;
        return this;
    }

    public PrintOptions fieldSep(String s) {
        this.fieldSep = s;
        return this;
    }

    public PrintOptions recordSep(String s) {
        this.recordSep = s;
        return this;
    }

    public PrintOptions csvFieldSep(String s) {
        this.csvFieldSep = s;
        return this;
    }

    public PrintOptions border(int b) {
        this.border = b;
        return this;
    }

    public PrintOptions title(String t) {
        this.title = t;
        return this;
    }

    public PrintOptions columns(int c) {
        this.columns = c;
        return this;
    }

    /** A copy, for commands (the \d family) that print with their own title and footers. */
    PrintOptions copy() {
        PrintOptions p = new PrintOptions();
        p.format = format;
        p.expanded = expanded;
        p.tuplesOnly = tuplesOnly;
        p.footer = footer;
        p.nullPrint = nullPrint;
        p.nullPrintSet = nullPrintSet;
        p.fieldSep = fieldSep;
        p.recordSep = recordSep;
        p.csvFieldSep = csvFieldSep;
        p.border = border;
        p.title = title;
        p.pager = pager;
        p.pagerMinLines = pagerMinLines;
        p.tableAttr = tableAttr;
        p.columns = columns;
        return p;
    }
}
