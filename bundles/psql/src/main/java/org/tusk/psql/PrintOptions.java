package org.tusk.psql;

/**
 * psql's {@code \pset} state (printTableOpt): output format, expanded mode, tuples-only, NULL display,
 * separators and the default footer. Mutable: meta-commands and options change it in place.
 */
public final class PrintOptions {

    /** psql's output formats; only these are implemented so far. */
    public enum Format {
        ALIGNED, UNALIGNED, CSV;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    Format format = Format.ALIGNED;
    boolean expanded;
    boolean tuplesOnly;
    boolean footer = true;
    String nullPrint = "";
    String fieldSep = "|";
    String recordSep = "\n";
    String csvFieldSep = ",";
    int border = 1;

    public PrintOptions() {
    }

    public PrintOptions format(Format f) {
        this.format = f;
        return this;
    }

    public PrintOptions expanded(boolean on) {
        this.expanded = on;
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

    public Format format() {
        return format;
    }

    public boolean expanded() {
        return expanded;
    }

    public boolean tuplesOnly() {
        return tuplesOnly;
    }
}
