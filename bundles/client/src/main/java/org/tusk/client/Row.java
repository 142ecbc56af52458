package org.tusk.client;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.tusk.client.internal.Codec;

/**
 * One row of a result, its values in text or binary format as each {@link Column#format()} says;
 * the getters decode either. Column indexes are 0-based. Object getters return {@code null}
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

    /** The raw bytes as sent (text format: UTF-8; binary: the type's send format), {@code null} for SQL NULL. */
    public byte[] bytes(int i) {
        return values[i] == null ? null : values[i].clone();
    }

    /**
     * The value as text: what the server sent for a text-format column; for a binary column the text
     * form of the decoded value (timestamptz in UTC, floats as Java prints them).
     */
    public String getString(int i) {
        if (values[i] == null) {
            return null;
        }
        if (binary(i) && !Codec.isBinaryText(columns.get(i).typeOid())) {
            return textOf(getObject(i));
        }
        return new String(values[i], StandardCharsets.UTF_8);
    }

    public String getString(String name) {
        return getString(indexOf(name));
    }

    public int getInt(int i) {
        byte[] v = values[notNullIndex(i)];
        if (binary(i)) {
            int oid = columns.get(i).typeOid();
            return Codec.isBinaryInteger(oid) ? Math.toIntExact(Codec.binaryInteger(v))
                    : ((Number) getObject(i)).intValue();
        }
        long l = Codec.parseInteger(v);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new NumberFormatException("out of range for int: " + getString(i));
        }
        return (int) l;
    }

    public long getLong(int i) {
        byte[] v = values[notNullIndex(i)];
        if (binary(i)) {
            int oid = columns.get(i).typeOid();
            return Codec.isBinaryInteger(oid) ? Codec.binaryInteger(v) : ((Number) getObject(i)).longValue();
        }
        return Codec.parseInteger(v);
    }

    public short getShort(int i) {
        if (binary(i)) {
            return ((Number) getObject(notNullIndex(i))).shortValue();
        }
        return Short.parseShort(notNull(i));
    }

    /** Accepts PostgreSQL's {@code NaN}, {@code Infinity}, {@code -Infinity}. */
    public double getDouble(int i) {
        if (binary(i)) {
            byte[] v = values[notNullIndex(i)];
            int oid = columns.get(i).typeOid();
            if (oid == org.tusk.protocol.TypeOids.FLOAT8) {
                return Double.longBitsToDouble(Codec.binaryInteger(v));
            }
            return ((Number) getObject(i)).doubleValue();
        }
        return Double.parseDouble(notNull(i));
    }

    public float getFloat(int i) {
        if (binary(i)) {
            return ((Number) getObject(notNullIndex(i))).floatValue();
        }
        return Float.parseFloat(notNull(i));
    }

    public BigDecimal getBigDecimal(int i) {
        if (values[i] == null) {
            return null;
        }
        Object o = getObject(i);
        return o instanceof BigDecimal d ? d : new BigDecimal(o.toString());
    }

    /** PostgreSQL's boolean output: {@code t} or {@code f}. */
    public boolean getBoolean(int i) {
        if (binary(i)) {
            return (Boolean) getObject(notNullIndex(i));
        }
        return switch (notNull(i)) {
            case "t" -> true;
            case "f" -> false;
            default -> throw new IllegalArgumentException("not a boolean: " + getString(i));
        };
    }

    /**
     * The value decoded to the Java type of its column's PostgreSQL type, {@code null} for SQL NULL:
     * bool Boolean, int2 Short, int4 Integer, int8 and oid Long, float4 Float, float8 Double, numeric
     * BigDecimal, text types String, bytea byte[], date LocalDate, time LocalTime, timestamp
     * LocalDateTime, timestamptz OffsetDateTime (UTC when sent in binary, the session's offset in text),
     * uuid UUID, arrays of these List (nested for several dimensions); any other type its text as String.
     * Infinite dates and timestamps are the MAX and MIN of their Java type.
     */
    public Object getObject(int i) {
        byte[] v = values[i];
        if (v == null) {
            return null;
        }
        Column c = columns.get(i);
        return Codec.decode(c.typeOid(), c.format(), v);
    }

    public Object getObject(String name) {
        return getObject(indexOf(name));
    }

    /** The value as the given Java type (see {@link #getObject(int)}); numbers convert between widths. */
    public <T> T get(int i, Class<T> type) {
        Object o = getObject(i);
        if (o == null || type.isInstance(o)) {
            return type.cast(o);
        }
        if (o instanceof Number n) {
            Object converted = type == Integer.class ? (Object) n.intValue()
                    : type == Long.class ? (Object) n.longValue()
                    : type == Short.class ? (Object) n.shortValue()
                    : type == Double.class ? (Object) n.doubleValue()
                    : type == Float.class ? (Object) n.floatValue()
                    : type == BigDecimal.class ? new BigDecimal(n.toString()) : null;
            if (converted != null) {
                return type.cast(converted);
            }
        }
        if (type == String.class) {
            return type.cast(getString(i));
        }
        throw new ClassCastException("column " + i + " (" + columns.get(i).name() + ") is " + o.getClass().getName()
                + ", not " + type.getName());
    }

    public <T> T get(String name, Class<T> type) {
        return get(indexOf(name), type);
    }

    public LocalDate getLocalDate(int i) {
        return get(i, LocalDate.class);
    }

    public LocalTime getLocalTime(int i) {
        return get(i, LocalTime.class);
    }

    public LocalDateTime getLocalDateTime(int i) {
        return get(i, LocalDateTime.class);
    }

    public OffsetDateTime getOffsetDateTime(int i) {
        return get(i, OffsetDateTime.class);
    }

    public UUID getUuid(int i) {
        return get(i, UUID.class);
    }

    /** A bytea value's bytes (decoded from the hex text form when sent as text). */
    public byte[] getBytes(int i) {
        return get(i, byte[].class);
    }

    /** An array value as a list of decoded elements. */
    public List<?> getList(int i) {
        return get(i, List.class);
    }

    /** The column descriptions this row belongs to. */
    public List<Column> columns() {
        return columns;
    }

    private boolean binary(int i) {
        return columns.get(i).format() == 1;
    }

    private int notNullIndex(int i) {
        if (values[i] == null) {
            throw new IllegalStateException("column " + i + " (" + columns.get(i).name() + ") is null");
        }
        return i;
    }

    private String notNull(int i) {
        String s = getString(i);
        if (s == null) {
            throw new IllegalStateException("column " + i + " (" + columns.get(i).name() + ") is null");
        }
        return s;
    }

    private static String textOf(Object o) {
        return switch (o) {
            case byte[] b -> Codec.text(b);
            case Boolean b -> b ? "t" : "f";
            case BigDecimal d -> d.toPlainString();
            case LocalDateTime t -> Codec.text(t);
            case OffsetDateTime t -> Codec.text(t);
            case List<?> l -> Codec.text(l);
            default -> o.toString();
        };
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
