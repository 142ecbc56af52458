package org.tusk.client;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One row of a result in text format. Column indexes are 0-based. Object getters return {@code null}
 * for SQL NULL; primitive getters throw {@link IllegalStateException} for it (check {@link #isNull}).
 * Values that do not parse as the requested type raise {@link NumberFormatException} or
 * {@link IllegalArgumentException}.
 */
public final class Row {
    private final List<Column> columns;
    private final byte[][] values;

    Row(List<Column> columns, byte[][] values) {
        this.columns = columns;
        this.values = values;
    }

    /** Creates a row; for the implementation. */
    public static Row of(List<Column> columns, byte[][] values) {
        return new Row(columns, values);
    }

    public int size() {
        return values.length;
    }

    /** The index of the first column with this name. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column \"" + name + "\"");
    }

    public boolean isNull(int i) {
        return values[i] == null;
    }

    /** The raw bytes as sent (text format: UTF-8), {@code null} for SQL NULL. */
    public byte[] bytes(int i) {
        return values[i] == null ? null : values[i].clone();
    }

    public String getString(int i) {
        return values[i] == null ? null : new String(values[i], StandardCharsets.UTF_8);
    }

    public String getString(String name) {
        return getString(indexOf(name));
    }

    public int getInt(int i) {
        return Integer.parseInt(notNull(i));
    }

    public long getLong(int i) {
        return Long.parseLong(notNull(i));
    }

    /** Accepts PostgreSQL's {@code NaN}, {@code Infinity}, {@code -Infinity}. */
    public double getDouble(int i) {
        return Double.parseDouble(notNull(i));
    }

    public BigDecimal getBigDecimal(int i) {
        String s = getString(i);
        return s == null ? null : new BigDecimal(s);
    }

    /** PostgreSQL's boolean output: {@code t} or {@code f}. */
    public boolean getBoolean(int i) {
        return switch (notNull(i)) {
            case "t" -> true;
            case "f" -> false;
            default -> throw new IllegalArgumentException("not a boolean: " + getString(i));
        };
    }

    private String notNull(int i) {
        String s = getString(i);
        if (s == null) {
            throw new IllegalStateException("column " + i + " (" + columns.get(i).name() + ") is null");
        }
        return s;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(values[i] == null ? "NULL" : getString(i));
        }
        return b.append(')').toString();
    }
}
