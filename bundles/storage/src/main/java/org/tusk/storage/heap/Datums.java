package org.tusk.storage.heap;

import org.tusk.storage.access.Interval;
import org.tusk.storage.access.NumericSpecial;
import org.tusk.storage.access.StoredArray;
import org.tusk.storage.access.TimeWithZone;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.tusk.storage.page.Page.INT;
import static org.tusk.storage.page.Page.LONG;
import static org.tusk.storage.page.Page.SHORT;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The bytes of one value of each {@link PgType}, and varlena headers. Everything little-endian
 * except uuid, which is stored in the byte order of its text form, as PostgreSQL does.
 *
 * <h2>Varlena headers (PostgreSQL's, little-endian)</h2>
 * A 4-byte header holds the total length (header included) shifted left by 2 (low bits 00); it is
 * aligned to the type's alignment. A value of at most 126 bytes is stored with a 1-byte header
 * instead, {@code (total << 1) | 1}, and with no alignment at all: padding bytes are always zero and
 * a 1-byte header never is, which is how a reader knows whether to skip padding (att_align_pointer).
 * The 1-byte header {@code 0x01} starts a TOAST pointer ({@link ToastPointer}, 24 bytes, unaligned), and a
 * 4-byte header whose low bits are {@code 10} a value compressed inline ({@link ToastCompression}).
 *
 * <h2>Dates and times</h2>
 * PostgreSQL's epoch is 2000-01-01: date is days since it (int4), time microseconds since midnight,
 * timestamp microseconds since 2000-01-01 00:00 and timestamptz the same in UTC (int8). Nanoseconds
 * beyond the microsecond are dropped on the way in (the SQL layer rounds before). The infinities are
 * not supported yet.
 *
 * <h2>numeric (Tusk's encoding, not PostgreSQL's base-10000 digits)</h2>
 * A varlena payload: one kind byte (0 a number, 1 NaN, 2 +Infinity, 3 -Infinity); for a number then
 * the display scale (int16, &gt;= 0) and the unscaled value as a big-endian two's-complement integer
 * ({@link BigInteger#toByteArray()}). Compact, exact, and a direct round trip to {@link BigDecimal}.
 *
 * <h2>Arrays (one-dimensional; PostgreSQL's ArrayType shape)</h2>
 * A varlena whose payload, counted as if it followed a 4-byte header, is: ndim (int32, 0 or 1),
 * dataoffset (int32: 0 without nulls, else where the elements start), element type OID (int32); if
 * ndim is 1, the length and lower bound (1) as int32s; a null bitmap (1 bit per element, set = not
 * null) if there are nulls; padding to 8; then the non-null elements, each aligned to the element
 * type's alignment, varlena elements always with 4-byte headers (as PostgreSQL, which never stores
 * short headers inside arrays).
 */
public final class Datums {

    /** PostgreSQL's epoch, 2000-01-01, in Unix days. */
    static final long EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    static final LocalDateTime EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);

    /** uuid bytes are in text order: big-endian. */
    private static final ValueLayout.OfLong BIG_ENDIAN_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /** VARATT_SHORT_MAX: the largest value (header included) with a 1-byte header. */
    public static final int SHORT_VARLENA_MAX = 0x7F;
    /** The largest varlena: 1 GB (30 bits of length). */
    public static final int MAX_VARLENA = 0x3FFF_FFFF;

    private Datums() {
    }

    // ---------------------------------------------------------------- varlena headers

    /** True if the byte at {@code at} starts a 1-byte varlena header (VARATT_IS_1B). */
    public static boolean isShortHeader(MemorySegment seg, long at) {
        return (seg.get(JAVA_BYTE, at) & 0x01) == 0x01;
    }

    /** VARATT_NOT_PAD_BYTE: a varlena's first byte is never zero, padding always is. */
    public static boolean isPadByte(MemorySegment seg, long at) {
        return seg.get(JAVA_BYTE, at) == 0;
    }

    /** VARSIZE_ANY: the total size of the varlena at {@code at}, header included. */
    public static int varlenaSize(MemorySegment seg, long at) {
        if (isShortHeader(seg, at)) {
            int header = seg.get(JAVA_BYTE, at) & 0xFF;
            if (header == 0x01) {
                return ToastPointer.storedSize(seg, at);
            }
            return header >>> 1;
        }
        return seg.get(INT, at) >>> 2;
    }

    /** The header size of the varlena at {@code at}: 1 or 4. */
    public static int varlenaHeaderSize(MemorySegment seg, long at) {
        return isShortHeader(seg, at) ? 1 : 4;
    }

    /** Writes a varlena, with a short header if {@code shortHeader} and the value is small enough. */
    static int writeVarlena(byte[] payload, boolean shortHeader, MemorySegment dst, long at) {
        int total;
        if (shortHeader && payload.length + 1 <= SHORT_VARLENA_MAX) {
            total = payload.length + 1;
            dst.set(JAVA_BYTE, at, (byte) (total << 1 | 1));
            MemorySegment.copy(payload, 0, dst, JAVA_BYTE, at + 1, payload.length);
        } else {
            total = payload.length + 4;
            dst.set(INT, at, total << 2);
            MemorySegment.copy(payload, 0, dst, JAVA_BYTE, at + 4, payload.length);
        }
        return total;
    }

    // ---------------------------------------------------------------- fixed-length values

    /** The bytes of a value of a fixed-length type (exactly {@code type.length()} of them). */
    public static byte[] encodeFixed(PgType type, Object value) {
        byte[] bytes = new byte[type.length()];
        writeFixed(type, value, MemorySegment.ofArray(bytes), 0);
        return bytes; // the segment wrote into it: no copy needed
    }

    /**
     * Writes a value of a fixed-length type at {@code at} of {@code out} (exactly {@code type.length()}
     * bytes, a name's unused tail zeroed): what {@link #encodeFixed} returns, without the array, so
     * that forming a tuple writes each value once, straight into the tuple.
     */
    public static void writeFixed(PgType type, Object value, MemorySegment out, long at) {
        switch (type) {
            case BOOL -> out.set(JAVA_BYTE, at, (byte) (((Boolean) value) ? 1 : 0));
            case INT2 -> out.set(SHORT, at, (Short) value);
            case INT4 -> out.set(INT, at, (Integer) value);
            case OID -> out.set(INT, at, ((Number) value).intValue()); // Long 0..2^32-1 (or an Integer's bits)
            case INT8 -> out.set(LONG, at, (Long) value);
            case FLOAT4 -> out.set(INT, at, Float.floatToRawIntBits((Float) value));
            case FLOAT8 -> out.set(LONG, at, Double.doubleToRawLongBits((Double) value));
            case DATE -> out.set(INT, at, dateDays((LocalDate) value));
            case TIME -> out.set(LONG, at, (Long) value); // microseconds since midnight; 24:00:00 is valid
            case TIMESTAMP -> out.set(LONG, at, timestampMicros((LocalDateTime) value));
            case TIMESTAMPTZ -> out.set(LONG, at, timestamptzMicros(instant(value)));
            case INTERVAL -> {
                Interval i = (Interval) value;
                out.set(LONG, at, i.microseconds());
                out.set(INT, at + 8, i.days());
                out.set(INT, at + 12, i.months());
            }
            case TIMETZ -> {
                TimeWithZone t = (TimeWithZone) value;
                out.set(LONG, at, t.microseconds());
                out.set(INT, at + 8, t.zone());
            }
            case UUID -> {
                UUID u = (UUID) value;
                out.set(BIG_ENDIAN_LONG, at, u.getMostSignificantBits());
                out.set(BIG_ENDIAN_LONG, at + 8, u.getLeastSignificantBits());
            }
            case NAME -> {
                byte[] text = ((String) value).getBytes(StandardCharsets.UTF_8);
                if (text.length >= PgType.NAMEDATALEN || indexOfZero(text) >= 0) {
                    throw new IllegalArgumentException("name too long or with a NUL byte: " + value);
                }
                MemorySegment.copy(text, 0, out, JAVA_BYTE, at, text.length);
                out.asSlice(at + text.length, PgType.NAMEDATALEN - text.length).fill((byte) 0);
            }
            default -> throw new IllegalArgumentException(type + " is not a fixed-length type");
        }
    }

    // 'infinity' and '-infinity' are stored as PostgreSQL stores them, the largest and smallest value of the
    // integer (DATEVAL_NOEND/NOBEGIN, DT_NOEND/NOBEGIN); the SQL engine holds them as the Java types' MAX/MIN.

    private static int dateDays(LocalDate d) {
        return d.equals(LocalDate.MAX) ? Integer.MAX_VALUE : d.equals(LocalDate.MIN) ? Integer.MIN_VALUE
                : Math.toIntExact(d.toEpochDay() - EPOCH_DAY);
    }

    private static LocalDate date(int days) {
        return days == Integer.MAX_VALUE ? LocalDate.MAX : days == Integer.MIN_VALUE ? LocalDate.MIN
                : LocalDate.ofEpochDay(EPOCH_DAY + days);
    }

    private static long timestampMicros(LocalDateTime t) {
        return t.equals(LocalDateTime.MAX) ? Long.MAX_VALUE : t.equals(LocalDateTime.MIN) ? Long.MIN_VALUE
                : ChronoUnit.MICROS.between(EPOCH, t);
    }

    private static LocalDateTime timestamp(long micros) {
        return micros == Long.MAX_VALUE ? LocalDateTime.MAX : micros == Long.MIN_VALUE ? LocalDateTime.MIN
                : EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private static long timestamptzMicros(Instant t) {
        return t.equals(Instant.MAX) ? Long.MAX_VALUE : t.equals(Instant.MIN) ? Long.MIN_VALUE
                : ChronoUnit.MICROS.between(EPOCH.toInstant(ZoneOffset.UTC), t);
    }

    private static Instant timestamptz(long micros) {
        return micros == Long.MAX_VALUE ? Instant.MAX : micros == Long.MIN_VALUE ? Instant.MIN
                : EPOCH.plus(micros, ChronoUnit.MICROS).toInstant(ZoneOffset.UTC);
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime o ? o.toInstant() : (Instant) value;
    }

    private static int indexOfZero(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Reads a value of a fixed-length type at {@code at}. */
    public static Object decodeFixed(PgType type, MemorySegment seg, long at) {
        return switch (type) {
            case BOOL -> seg.get(JAVA_BYTE, at) != 0;
            case INT2 -> seg.get(SHORT, at);
            case INT4 -> seg.get(INT, at);
            case OID -> Integer.toUnsignedLong(seg.get(INT, at));
            case INT8 -> seg.get(LONG, at);
            case FLOAT4 -> Float.intBitsToFloat(seg.get(INT, at));
            case FLOAT8 -> Double.longBitsToDouble(seg.get(LONG, at));
            case DATE -> date(seg.get(INT, at));
            case TIME -> seg.get(LONG, at);
            case TIMESTAMP -> timestamp(seg.get(LONG, at));
            case TIMESTAMPTZ -> timestamptz(seg.get(LONG, at));
            case INTERVAL -> new Interval(seg.get(LONG, at), seg.get(INT, at + 8), seg.get(INT, at + 12));
            case TIMETZ -> new TimeWithZone(seg.get(LONG, at), seg.get(INT, at + 8));
            case UUID -> new UUID(
                    seg.get(BIG_ENDIAN_LONG, at),
                    seg.get(BIG_ENDIAN_LONG, at + 8));
            case NAME -> {
                byte[] bytes = seg.asSlice(at, PgType.NAMEDATALEN).toArray(JAVA_BYTE);
                int end = indexOfZero(bytes);
                yield new String(bytes, 0, end < 0 ? bytes.length : end, StandardCharsets.UTF_8);
            }
            default -> throw new IllegalArgumentException(type + " is not a fixed-length type");
        };
    }

    // ---------------------------------------------------------------- varlena payloads

    /** The payload (no header) of a varlena value of {@code attribute}'s type. */
    public static byte[] encodeVarlena(Attribute attribute, Object value) {
        if (attribute.isArray()) {
            return value instanceof StoredArray a ? encodeArray(attribute.element(), a.dims(), a.lowerBounds(),
                    a.elements()) : encodeArray(attribute.element(), (List<?>) value);
        }
        return switch (attribute.type()) {
            case TEXT, VARCHAR, BPCHAR -> ((String) value).getBytes(StandardCharsets.UTF_8);
            case BYTEA -> ((byte[]) value).clone();
            case NUMERIC -> encodeNumeric(value);
            default -> throw new IllegalArgumentException(attribute.type() + " is not a varlena type");
        };
    }

    /** Decodes a varlena payload of {@code attribute}'s type. */
    public static Object decodeVarlena(Attribute attribute, MemorySegment payload) {
        if (attribute.isArray()) {
            return decodeArray(attribute.element(), payload);
        }
        return switch (attribute.type()) {
            case TEXT, VARCHAR, BPCHAR -> new String(payload.toArray(JAVA_BYTE), StandardCharsets.UTF_8);
            case BYTEA -> payload.toArray(JAVA_BYTE);
            case NUMERIC -> decodeNumeric(payload);
            default -> throw new IllegalArgumentException(attribute.type() + " is not a varlena type");
        };
    }

    static byte[] encodeNumeric(Object value) {
        if (value instanceof NumericSpecial special) {
            return new byte[] {(byte) switch (special) {
                case NAN -> 1;
                case POSITIVE_INFINITY -> 2;
                case NEGATIVE_INFINITY -> 3;
            }};
        }
        BigDecimal number = (BigDecimal) value;
        if (number.scale() < 0) {
            number = number.setScale(0);
        }
        if (number.scale() > Short.MAX_VALUE) {
            throw new IllegalArgumentException("numeric scale out of range: " + number.scale());
        }
        byte[] digits = number.unscaledValue().toByteArray();
        byte[] out = new byte[3 + digits.length];
        out[0] = 0;
        out[1] = (byte) number.scale();
        out[2] = (byte) (number.scale() >>> 8);
        System.arraycopy(digits, 0, out, 3, digits.length);
        return out;
    }

    /**
     * {@link #decodeVarlena(Attribute, MemorySegment)} of a payload in an array of its own (a detoasted
     * value): text decodes straight from it and bytea is the array itself, so a large value is not
     * copied once more.
     */
    public static Object decodeVarlena(Attribute attribute, byte[] payload) {
        if (!attribute.isArray()) {
            switch (attribute.type()) {
                case TEXT, VARCHAR, BPCHAR -> {
                    return new String(payload, StandardCharsets.UTF_8);
                }
                case BYTEA -> {
                    return payload;
                }
                default -> {
                }
            }
        }
        return decodeVarlena(attribute, MemorySegment.ofArray(payload));
    }

    static Object decodeNumeric(MemorySegment payload) {
        byte[] b = payload.toArray(JAVA_BYTE);
        return switch (b[0]) {
            case 0 -> new BigDecimal(new BigInteger(b, 3, b.length - 3), (b[1] & 0xFF) | (b[2] & 0xFF) << 8);
            case 1 -> NumericSpecial.NAN;
            case 2 -> NumericSpecial.POSITIVE_INFINITY;
            case 3 -> NumericSpecial.NEGATIVE_INFINITY;
            default -> throw new IllegalStateException("bad numeric kind byte " + b[0]);
        };
    }

    private static int align(int offset, int alignment) {
        return (offset + alignment - 1) & -alignment;
    }

    static byte[] encodeArray(PgType element, List<?> values) {
        return values.isEmpty() ? encodeArray(element, new int[0], new int[0], values)
                : encodeArray(element, new int[] {values.size()}, new int[] {1}, values);
    }

    /**
     * An array in PostgreSQL's ArrayType layout: ndim, data offset (0 without a null bitmap), element
     * type, the dimensions and lower bounds, the null bitmap, then the elements aligned as their type.
     */
    static byte[] encodeArray(PgType element, int[] dims, int[] lowerBounds, List<?> values) {
        int n = values.size();
        int ndim = dims.length;
        boolean hasNulls = values.stream().anyMatch(java.util.Objects::isNull);
        // Offsets count from the (virtual) 4-byte varlena header, as PostgreSQL's do.
        int header = 4 + 12 + 8 * ndim;
        int bitmapAt = header;
        int dataAt = align(header + (hasNulls ? (n + 7) / 8 : 0), 8);
        Attribute elementAttribute = Attribute.of("element", element);
        List<byte[]> encoded = new ArrayList<>(n);
        int end = dataAt;
        for (Object v : values) {
            if (v == null) {
                encoded.add(null);
                continue;
            }
            byte[] bytes = element.length() == -1 ? encodeVarlena(elementAttribute, v) : encodeFixed(element, v);
            end = align(end, element.alignment()) + bytes.length + (element.length() == -1 ? 4 : 0);
            encoded.add(bytes);
        }
        // PostgreSQL aligns after every element, the last one too (construct_md_array's size).
        end = align(end, element.alignment());
        MemorySegment out = MemorySegment.ofArray(new byte[end - 4]);
        out.set(INT, 0, ndim);
        out.set(INT, 4, hasNulls ? dataAt : 0);
        out.set(INT, 8, element.oid());
        for (int d = 0; d < ndim; d++) {
            out.set(INT, 12 + 4 * d, dims[d]);
            out.set(INT, 12 + 4 * ndim + 4 * d, lowerBounds[d]);
        }
        int at = dataAt;
        for (int i = 0; i < n; i++) {
            byte[] bytes = encoded.get(i);
            if (bytes == null) {
                continue;
            }
            if (hasNulls) {
                long bit = bitmapAt - 4 + i / 8;
                out.set(JAVA_BYTE, bit,
                        (byte) (out.get(JAVA_BYTE, bit) | 1 << (i % 8)));
            }
            at = align(at, element.alignment());
            if (element.length() == -1) {
                at += writeVarlena(bytes, false, out, at - 4);
            } else {
                MemorySegment.copy(MemorySegment.ofArray(bytes), 0, out, at - 4, bytes.length);
                at += bytes.length;
            }
        }
        return out.toArray(JAVA_BYTE);
    }

    /** A List for a one-dimensional array with lower bound 1 (or an empty one), else a {@link StoredArray}. */
    static Object decodeArray(PgType element, MemorySegment payload) {
        int ndim = payload.get(INT, 0);
        int dataOffset = payload.get(INT, 4);
        int elementOid = payload.get(INT, 8);
        if (elementOid != element.oid() || ndim < 0 || ndim > 6) {
            throw new IllegalStateException("array of type " + elementOid + " with " + ndim + " dimensions, expected "
                    + element.oid());
        }
        int[] dims = new int[ndim];
        int[] lowerBounds = new int[ndim];
        int n = ndim == 0 ? 0 : 1;
        for (int d = 0; d < ndim; d++) {
            dims[d] = payload.get(INT, 12 + 4 * d);
            lowerBounds[d] = payload.get(INT, 12 + 4 * ndim + 4 * d);
            n *= dims[d];
        }
        List<Object> out = decodeElements(element, payload, ndim, dataOffset, n);
        return ndim == 0 || ndim == 1 && lowerBounds[0] == 1 ? out : new StoredArray(dims, lowerBounds, out);
    }

    private static List<Object> decodeElements(PgType element, MemorySegment payload, int ndim, int dataOffset, int n) {
        int header = 4 + 12 + ndim * 8;
        boolean hasNulls = dataOffset != 0;
        int at = hasNulls ? dataOffset : align(header, 8);
        Attribute elementAttribute = Attribute.of("element", element);
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (hasNulls && (payload.get(JAVA_BYTE, header - 4 + i / 8) & 1 << (i % 8)) == 0) {
                out.add(null);
                continue;
            }
            at = align(at, element.alignment());
            if (element.length() == -1) {
                int size = varlenaSize(payload, at - 4);
                out.add(decodeVarlena(elementAttribute, payload.asSlice(at - 4 + 4, size - 4)));
                at += size;
            } else {
                out.add(decodeFixed(element, payload, at - 4));
                at += element.length();
            }
        }
        return out;
    }
}
