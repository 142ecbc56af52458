package org.tusk.sql.exec;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.tusk.protocol.Interval;
import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.TimeTz;
import org.tusk.storage.access.NumericSpecial;

/**
 * Rows as bytes for the temporary files of sorts and hash tables that outgrow work_mem: each value
 * with a one-byte tag, nested arrays (a row's per-slot value arrays, SQL arrays) recursively. Only
 * this backend reads them back, so the format needs no versioning.
 */
final class RowCodec {
    private static final int NULL = 0;
    private static final int ARRAY = 1;
    private static final int BOOL = 2;
    private static final int SHORT = 3;
    private static final int INT = 4;
    private static final int LONG = 5;
    private static final int FLOAT = 6;
    private static final int DOUBLE = 7;
    private static final int DECIMAL = 8;
    private static final int STRING = 9;
    private static final int BYTES = 10;
    private static final int DATE = 11;
    private static final int TIMESTAMP = 12;
    private static final int INSTANT = 13;
    private static final int UUID_VALUE = 14;
    private static final int INTERVAL = 15;
    private static final int SQL_ARRAY = 16;
    private static final int NUMERIC_SPECIAL = 17;
    private static final int TIME_TZ = 18;
    private static final int JSONB = 19;
    private static final int INET = 20;
    private static final int MACADDR = 21;
    private static final int BITS = 22;
    private static final int RANGE = 23;
    private static final int ROW = 24;

    private RowCodec() {
    }

    static void write(DataOutputStream out, Object v) throws IOException {
        switch (v) {
            case null -> out.writeByte(NULL);
            case Object[] a -> {
                out.writeByte(ARRAY);
                out.writeInt(a.length);
                for (Object e : a) {
                    write(out, e);
                }
            }
            case Boolean b -> {
                out.writeByte(BOOL);
                out.writeBoolean(b);
            }
            case Short s -> {
                out.writeByte(SHORT);
                out.writeShort(s);
            }
            case Integer i -> {
                out.writeByte(INT);
                out.writeInt(i);
            }
            case Long l -> {
                out.writeByte(LONG);
                out.writeLong(l);
            }
            case Float f -> {
                out.writeByte(FLOAT);
                out.writeFloat(f);
            }
            case Double d -> {
                out.writeByte(DOUBLE);
                out.writeDouble(d);
            }
            case BigDecimal d -> {
                out.writeByte(DECIMAL);
                out.writeInt(d.scale());
                byte[] b = d.unscaledValue().toByteArray();
                out.writeInt(b.length);
                out.write(b);
            }
            case NumericSpecial n -> {
                out.writeByte(NUMERIC_SPECIAL);
                out.writeByte(n.ordinal());
            }
            case String s -> {
                out.writeByte(STRING);
                byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
            case byte[] b -> {
                out.writeByte(BYTES);
                out.writeInt(b.length);
                out.write(b);
            }
            case LocalDate d -> {
                out.writeByte(DATE);
                out.writeLong(d.toEpochDay());
            }
            case LocalDateTime t -> {
                out.writeByte(TIMESTAMP);
                out.writeLong(t.toLocalDate().toEpochDay());
                out.writeLong(t.toLocalTime().toNanoOfDay());
            }
            case Instant t -> {
                out.writeByte(INSTANT);
                out.writeLong(t.getEpochSecond());
                out.writeInt(t.getNano());
            }
            case UUID u -> {
                out.writeByte(UUID_VALUE);
                out.writeLong(u.getMostSignificantBits());
                out.writeLong(u.getLeastSignificantBits());
            }
            case Interval i -> {
                out.writeByte(INTERVAL);
                out.writeInt(i.months());
                out.writeInt(i.days());
                out.writeLong(i.micros());
            }
            case org.tusk.sql.json.Jsonb j -> {
                out.writeByte(JSONB);
                byte[] b = j.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
            case ArrayValue a -> {
                out.writeByte(SQL_ARRAY);
                out.writeInt(a.ndim());
                for (int d = 0; d < a.ndim(); d++) {
                    out.writeInt(a.dim(d));
                    out.writeInt(a.lowerBound(d));
                }
                for (Object e : a.elements()) {
                    write(out, e);
                }
            }
            case org.tusk.sql.net.Inet i -> writeBytes(out, INET, i.storageKey());
            case org.tusk.sql.net.MacAddr m -> writeBytes(out, MACADDR, m.bytes());
            case org.tusk.sql.bits.BitString b -> writeBytes(out, BITS, b.storageKey());
            case org.tusk.sql.types.RangeValue r -> {
                // The bounds are values of the kinds above; empty and inclusivity in one byte.
                out.writeByte(RANGE);
                out.writeByte((r.empty() ? 1 : 0) | (r.lowerInc() ? 2 : 0) | (r.upperInc() ? 4 : 0));
                write(out, r.lower());
                write(out, r.upper());
            }
            case org.tusk.sql.types.RecordValue r -> {
                out.writeByte(ROW);
                writeRowType(out, r.type());
                for (int i = 0; i < r.size(); i++) {
                    write(out, r.get(i));
                }
            }
            case TimeTz t -> {
                out.writeByte(TIME_TZ);
                out.writeLong(t.micros());
                out.writeInt(t.offsetSeconds());
            }
            default -> {
                if (v != TableScan.NOT_DECODED) {
                    throw new IllegalStateException("cannot spill a value of " + v.getClass());
                }
                out.writeByte(NULL); // a whole scan row spilled: the column nobody reads comes back null
            }
        }
    }

    private static void writeBytes(DataOutputStream out, int tag, byte[] b) throws IOException {
        out.writeByte(tag);
        out.writeInt(b.length);
        out.write(b);
    }

    static Object read(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case NULL -> null;
            case ARRAY -> {
                Object[] a = new Object[in.readInt()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = read(in);
                }
                yield a;
            }
            case BOOL -> in.readBoolean();
            case SHORT -> in.readShort();
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case FLOAT -> in.readFloat();
            case DOUBLE -> in.readDouble();
            case DECIMAL -> {
                int scale = in.readInt();
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                yield new BigDecimal(new BigInteger(b), scale);
            }
            case INET, MACADDR, BITS -> {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                yield tag == INET ? org.tusk.sql.net.Inet.fromStorageKey(b) : tag == BITS
                        ? org.tusk.sql.bits.BitString.fromStorageKey(b) : new org.tusk.sql.net.MacAddr(b);
            }
            case JSONB -> {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                yield org.tusk.sql.json.Jsonb.parse(new String(b, java.nio.charset.StandardCharsets.UTF_8));
            }
            case NUMERIC_SPECIAL -> NumericSpecial.values()[in.readUnsignedByte()];
            case STRING -> {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                yield new String(b, java.nio.charset.StandardCharsets.UTF_8);
            }
            case BYTES -> {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                yield b;
            }
            case DATE -> LocalDate.ofEpochDay(in.readLong());
            case TIMESTAMP -> LocalDateTime.of(LocalDate.ofEpochDay(in.readLong()),
                    java.time.LocalTime.ofNanoOfDay(in.readLong()));
            case INSTANT -> Instant.ofEpochSecond(in.readLong(), in.readInt());
            case UUID_VALUE -> new UUID(in.readLong(), in.readLong());
            case INTERVAL -> new Interval(in.readInt(), in.readInt(), in.readLong());
            case SQL_ARRAY -> {
                int ndim = in.readInt();
                int[] dims = new int[ndim];
                int[] lowers = new int[ndim];
                int n = ndim == 0 ? 0 : 1;
                for (int d = 0; d < ndim; d++) {
                    dims[d] = in.readInt();
                    lowers[d] = in.readInt();
                    n *= dims[d];
                }
                List<Object> elements = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    elements.add(read(in));
                }
                yield new ArrayValue(dims, lowers, elements);
            }
            case TIME_TZ -> new TimeTz(in.readLong(), in.readInt());
            case RANGE -> {
                int flags = in.readUnsignedByte();
                Object lower = read(in);
                Object upper = read(in);
                yield (flags & 1) != 0 ? org.tusk.sql.types.RangeValue.EMPTY
                        : new org.tusk.sql.types.RangeValue(false, lower, (flags & 2) != 0, upper, (flags & 4) != 0);
            }
            case ROW -> {
                org.tusk.sql.types.RowType type = readRowType(in);
                Object[] values = new Object[type.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = read(in);
                }
                yield new org.tusk.sql.types.RecordValue(type, values);
            }
            default -> throw new IllegalStateException("bad spill file tag " + tag);
        };
    }

    /** A row value's type, which the row carries (its fields' composite types with it). */
    private static void writeRowType(DataOutputStream out, org.tusk.sql.types.RowType t) throws IOException {
        out.writeInt(t.typeOid());
        out.writeUTF(t.name() == null ? "" : t.name());
        out.writeInt(t.size());
        for (int i = 0; i < t.size(); i++) {
            out.writeUTF(t.fieldNames().get(i));
            out.writeInt(t.fieldTypes().get(i).oid());
            out.writeBoolean(t.fieldRowType(i) != null);
            if (t.fieldRowType(i) != null) {
                writeRowType(out, t.fieldRowType(i));
            }
        }
    }

    private static org.tusk.sql.types.RowType readRowType(DataInputStream in) throws IOException {
        int oid = in.readInt();
        String name = in.readUTF();
        int n = in.readInt();
        List<String> names = new ArrayList<>(n);
        List<org.tusk.sql.types.SqlType> types = new ArrayList<>(n);
        List<org.tusk.sql.types.RowType> nested = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(in.readUTF());
            types.add(org.tusk.sql.types.SqlType.byOid(in.readInt()));
            nested.add(in.readBoolean() ? readRowType(in) : null);
        }
        return new org.tusk.sql.types.RowType(oid, name.isEmpty() ? null : name, names, types, nested);
    }

    /** A rough size of a value in memory, to compare with work_mem. */
    static long size(Object v) {
        return switch (v) {
            case null -> 8;
            case Object[] a -> {
                long s = 16 + 8L * a.length;
                for (Object e : a) {
                    s += size(e);
                }
                yield s;
            }
            case String s -> 40 + 2L * s.length();
            case byte[] b -> 16 + b.length;
            case BigDecimal d -> 64;
            case org.tusk.sql.json.Jsonb j -> 16 + jsonSize(j.root());
            case ArrayValue a -> {
                long s = 48;
                for (Object e : a.elements()) {
                    s += size(e);
                }
                yield s;
            }
            case org.tusk.sql.types.RecordValue r -> {
                long s = 32 + 8L * r.size();
                for (int i = 0; i < r.size(); i++) {
                    s += size(r.get(i));
                }
                yield s;
            }
            default -> 24;
        };
    }

    /** A rough size of a jsonb tree in memory: a big document must count as big against work_mem. */
    private static long jsonSize(org.tusk.sql.json.JsonValue v) {
        long s = 32 + (v.raw() == null ? 0 : 40 + 2L * v.raw().length());
        return switch (v) {
            case org.tusk.sql.json.JsonValue.Str t -> s + 40 + 2L * t.value().length();
            case org.tusk.sql.json.JsonValue.Num n -> s + 64;
            case org.tusk.sql.json.JsonValue.Arr a -> {
                for (org.tusk.sql.json.JsonValue e : a.elements()) {
                    s += 8 + jsonSize(e);
                }
                yield s;
            }
            case org.tusk.sql.json.JsonValue.Obj o -> {
                for (org.tusk.sql.json.JsonValue.Member m : o.members()) {
                    s += 32 + 40 + 2L * m.key().length() + jsonSize(m.value());
                }
                yield s;
            }
            default -> s;
        };
    }
}
