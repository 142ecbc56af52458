package org.tusk.sql.eval;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeOutput;

/**
 * pg_column_size(any): the bytes PostgreSQL's datum of the value occupies (toast_datum_size /
 * datumGetSize). A fixed-length type is its typlen; a variable-length one its data plus its varlena header,
 * which is 4 bytes for a value computed in memory and 1 byte for a short value (at most 126 data bytes)
 * read from a table column, where heap_form_tuple packed it. So {@code pg_column_size('abc'::text)} is 7
 * while a stored 'abc' is 4, as in PostgreSQL. numeric counts its base-10000 digits and 2- or 4-byte
 * header, arrays their header, null bitmap and aligned elements (fixed-length elements only).
 *
 * <p>Known differences: Tusk compresses TOASTed values with DEFLATE where PostgreSQL uses pglz and does not
 * report stored sizes, so a large compressible stored value is counted uncompressed; jsonb, records and
 * arrays of variable-length elements are estimated from their text form plus a 4-byte header.
 */
final class ColumnSize {
    private static final int VARHDRSZ = 4;
    /** VARATT_SHORT_MAX: a packed varlena's size, header included, is at most 127 bytes. */
    private static final int SHORT_MAX = 127;

    private ColumnSize() {
    }

    static Expression call(Expression arg) {
        SqlType type = arg.type();
        boolean stored = arg instanceof Expression.Var;
        Routine r = new Routine("pg_column_size", List.of(type), SqlType.INT4, true,
                (a, c) -> size(type, a[0], stored, c));
        return new Expression.Call(r, List.of(arg));
    }

    static int size(SqlType type, Object value, boolean stored, EvalContext ctx) {
        if (type.length() > 0 && !type.isArray()) {
            return type == SqlType.VOID ? 4 : type.length();
        }
        if (type == SqlType.UNKNOWN) {
            // A literal of type unknown is a C string (typlen -2): its bytes and the terminating zero.
            return ((String) value).getBytes(StandardCharsets.UTF_8).length + 1;
        }
        int data = switch (type) {
            case TEXT, VARCHAR, BPCHAR, JSON, JSONPATH -> ((String) value).getBytes(StandardCharsets.UTF_8).length;
            case BYTEA -> ((byte[]) value).length;
            case NUMERIC -> numericData(value);
            // inet: family, bits and the address (inet_struct without padding); bit strings: the length word and bits.
            case INET, CIDR -> 2 + ((org.tusk.sql.net.Inet) value).maxBits() / 8;
            case BIT, VARBIT -> 4 + (((org.tusk.sql.bits.BitString) value).length() + 7) / 8;
            default -> type.isArray() ? arrayData(type, (ArrayValue) value, ctx)
                    : type.isRange() ? rangeData(type.rangeSubtype(), (org.tusk.sql.types.RangeValue) value) : -1;
        };
        if (data < 0) {
            data = TypeOutput.format(type, value, ctx).getBytes(StandardCharsets.UTF_8).length;
        }
        return data + (stored && data + 1 <= SHORT_MAX ? 1 : VARHDRSZ);
    }

    /** numeric's bytes after the varlena header: a 2-byte (short) or 4-byte header and 2 bytes per digit. */
    private static int numericData(Object value) {
        if (!(value instanceof BigDecimal d)) {
            return 2; // NaN and the infinities: the short header alone
        }
        BigDecimal abs = d.abs();
        int scale = Math.max(abs.scale(), 0);
        String digits = abs.setScale(scale).unscaledValue().toString();
        String integer = digits.length() > scale ? digits.substring(0, digits.length() - scale) : "";
        String fraction = "0".repeat(Math.max(0, scale - digits.length())) + digits.substring(Math.max(0,
                digits.length() - scale));
        integer = "0".repeat((4 - integer.length() % 4) % 4) + integer;
        fraction = fraction + "0".repeat((4 - fraction.length() % 4) % 4);
        String all = integer + fraction;
        int groups = all.length() / 4;
        int first = 0;
        while (first < groups && all.substring(first * 4, first * 4 + 4).equals("0000")) {
            first++;
        }
        int last = groups;
        while (last > first && all.substring(last * 4 - 4, last * 4).equals("0000")) {
            last--;
        }
        int ndigits = last - first;
        int weight = ndigits == 0 ? 0 : integer.length() / 4 - 1 - first;
        boolean shortHeader = scale <= 63 && weight >= -64 && weight <= 63;
        return (shortHeader ? 2 : 4) + 2 * ndigits;
    }

    /**
     * RangeType's bytes after the varlena header (range_serialize): the range type's OID, each finite bound
     * at its subtype's alignment (a numeric bound as a packed varlena, unaligned), then the flags byte.
     */
    private static int rangeData(SqlType subtype, org.tusk.sql.types.RangeValue r) {
        int size = VARHDRSZ + 4;
        for (Object bound : new Object[] {r.lower(), r.upper()}) {
            if (bound == null) {
                continue;
            }
            if (subtype == SqlType.NUMERIC) {
                int data = numericData(bound);
                size += data + 1 <= SHORT_MAX ? data + 1 : ((size + 3) & ~3) - size + data + VARHDRSZ;
            } else {
                int align = subtype.length() == 8 ? 8 : 4; // int8 and the timestamps 'd', int4 and date 'i'
                size = (size + align - 1) & -align;
                size += subtype.length();
            }
        }
        return size + 1 - VARHDRSZ;
    }

    /** ArrayType's bytes after the varlena header, for elements of a fixed length; -1 for others. */
    private static int arrayData(SqlType type, ArrayValue array, EvalContext ctx) {
        SqlType element = type.elementType();
        int len = element.length();
        if (len <= 0) {
            return -1;
        }
        int ndim = array.ndim();
        List<Object> elements = array.elements();
        boolean nulls = elements.contains(null);
        // ndim, dataoffset and element type (12 bytes after the header), dimensions and lower bounds, then
        // the null bitmap if any, padded to MAXALIGN (8) counting the 4-byte header.
        int overhead = VARHDRSZ + 12 + 8 * ndim + (nulls ? (elements.size() + 7) / 8 : 0);
        overhead = (overhead + 7) & ~7;
        int align = switch (element) {
            case BOOL, UUID, NAME -> 1; // typalign 'c'
            case INT2 -> 2;
            case INT8, FLOAT8, TIMESTAMP, TIMESTAMPTZ, TIME, TIMETZ, INTERVAL -> 8;
            default -> 4;
        };
        int size = overhead;
        for (Object e : elements) {
            if (e != null) {
                size = (size + align - 1) / align * align + len;
            }
        }
        return size - VARHDRSZ;
    }
}
