package org.tusk.sql.stats;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.SqlType;

/**
 * How many bytes a variable-width value takes in a PostgreSQL heap tuple (VARSIZE_ANY of the
 * stored datum), which is what pg_statistic.stawidth averages. A varlena of at most 126 data bytes
 * is stored with a one-byte header, longer ones with four (compression of values beyond about 2kB is
 * not modelled). Numeric is counted in base-10000 digits after stripping leading and trailing zero
 * digits, with numeric.c's two-byte short header when scale and weight allow it; an array is
 * array.c's one-dimensional layout (24-byte header, null bitmap, aligned elements).
 */
public final class StoredWidth {

    private static final int SHORT_VARLENA_MAX_DATA = 126;

    private StoredWidth() {
    }

    /** The stored size of a non-null value of a variable-width type. */
    public static int of(Object value, SqlType type) {
        return asHeapDatum(unpackedSize(value, type));
    }

    /** The size of the value uncompressed, with a four-byte header (toast_raw_datum_size). */
    public static int rawSize(Object value, SqlType type) {
        return unpackedSize(value, type);
    }

    /** A varlena of {@code size} bytes (four-byte header included) as a heap tuple stores it. */
    private static int asHeapDatum(int size) {
        int data = size - 4;
        return data <= SHORT_VARLENA_MAX_DATA ? data + 1 : size;
    }

    /** The size with a four-byte header, as inside an array or before heap_fill_tuple shortens it. */
    private static int unpackedSize(Object value, SqlType type) {
        if (value instanceof ArrayValue a) {
            return arraySize(a, type.elementType());
        }
        if (value instanceof BigDecimal d) {
            return numericSize(d);
        }
        if (value instanceof org.tusk.storage.access.NumericSpecial) {
            // NaN and the infinities are a bare two-byte short header (NUMERIC_SPECIAL).
            return 4 + 2;
        }
        if (value instanceof byte[] b) {
            return 4 + b.length;
        }
        return 4 + value.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** numeric.c's on-disk form: header, then one int16 per base-10000 digit. */
    static int numericSize(BigDecimal value) {
        BigDecimal a = value.abs();
        int dscale = Math.max(0, a.scale());
        if (a.signum() == 0) {
            return 4 + 2;
        }
        int fracGroups = (dscale + 3) / 4;
        BigInteger digits = a.movePointRight(fracGroups * 4).toBigInteger();
        String decimal = digits.toString();
        int groups = (decimal.length() + 3) / 4;
        int weight = groups - fracGroups - 1;
        // Count groups from the least significant end, skipping trailing zero groups.
        BigInteger base = BigInteger.valueOf(10000);
        int trailingZeros = 0;
        while (digits.mod(base).signum() == 0) {
            digits = digits.divide(base);
            trailingZeros++;
        }
        int ndigits = groups - trailingZeros;
        boolean shortForm = dscale <= 63 && weight <= 63 && weight >= -64;
        return 4 + (shortForm ? 2 : 4) + 2 * ndigits;
    }

    /** A one-dimensional array: ArrayType header, dimensions, null bitmap, elements at their alignment. */
    private static int arraySize(ArrayValue a, SqlType element) {
        if (a.elements().isEmpty()) {
            return 16;
        }
        boolean nulls = a.elements().contains(null);
        int header = 16 + 8 + (nulls ? (a.elements().size() + 7) / 8 : 0);
        int size = (header + 7) & ~7;
        int length = element.length();
        int align = alignment(element);
        for (Object e : a.elements()) {
            if (e == null) {
                continue;
            }
            size = (size + align - 1) & -align;
            size += length > 0 ? length : unpackedSize(e, element);
        }
        return size;
    }

    /** pg_type.typalign in bytes. */
    private static int alignment(SqlType t) {
        return switch (t) {
            case BOOL, UUID, NAME -> 1;
            case INT2 -> 2;
            case INT8, FLOAT8, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> 8;
            default -> 4;
        };
    }
}
