package org.tusk.sql.plan;

import org.tusk.sql.types.SqlType;

/**
 * Converts a comparison's value to the type of the index column it is compared with, for the
 * cross-type comparisons of one btree operator family (PostgreSQL compares int4 with int8 without a
 * cast, and its index scan does the same; our storage compares keys of the column's type, so the value
 * is converted, and a value the column type cannot hold decides the bound instead).
 */
final class KeyValues {

    private KeyValues() {
    }

    /** How a value fits the column type. */
    enum Fit {
        /** converted without loss */
        EXACT,
        /** converted to the nearest value of the column type (float8 to float4): the bound must be inclusive and rechecked */
        ROUNDED,
        /** above every value of the column type */
        ABOVE_RANGE,
        /** below every value of the column type */
        BELOW_RANGE,
        /** SQL NULL: no comparison with it is true */
        NULL
    }

    record Converted(Fit kind, Object value) {
    }

    /** Whether a value of {@code valueType} can bound a key of {@code keyType} (same btree family). */
    static boolean compatible(SqlType keyType, SqlType valueType) {
        if (!searchable(keyType)) {
            return false;
        }
        if (keyType == valueType) {
            return true;
        }
        return family(keyType) != null && family(keyType).equals(family(valueType));
    }

    /**
     * Whether an index on a column of this type finds equal values. jsonb and range keys are stored as their
     * text (two equal values may be written differently: {@code [1.0,2)} and {@code [1.00,2)}), a row as its
     * self-describing bytes (schema.StorageValues): such an index only enforces uniqueness.
     */
    static boolean searchable(SqlType type) {
        SqlType t = type.isArray() ? type.elementType() : type;
        return t != SqlType.JSONB && t != SqlType.RECORD && !t.isRange();
    }

    /**
     * Whether an index on a column of this type is in the type's own order, so that a range of keys or an
     * ordered scan means what SQL means: a searchable key, but not an enum's, which is its pg_enum OID, in the
     * labels' order only until a label is added BEFORE another (such an index serves equality only).
     */
    static boolean orderedAsStored(SqlType type) {
        SqlType t = type.isArray() ? type.elementType() : type;
        return searchable(type) && t != SqlType.ENUM;
    }

    /** Whether the comparison is enforced exactly by the key range (no recheck needed). */
    static boolean exact(SqlType keyType, SqlType valueType) {
        return !(keyType == SqlType.FLOAT4 && valueType == SqlType.FLOAT8);
    }

    private static String family(SqlType t) {
        return switch (t) {
            case INT2, INT4, INT8 -> "integer";
            case FLOAT4, FLOAT8 -> "float";
            case TEXT, VARCHAR, NAME -> "text";
            default -> null;
        };
    }

    static Converted convert(Object value, SqlType from, SqlType to) {
        if (value == null) {
            return new Converted(Fit.NULL, null);
        }
        if (from == to) {
            return new Converted(Fit.EXACT, value);
        }
        return switch (to) {
            case INT2 -> integer(((Number) value).longValue(), Short.MIN_VALUE, Short.MAX_VALUE, to);
            case INT4 -> integer(((Number) value).longValue(), Integer.MIN_VALUE, Integer.MAX_VALUE, to);
            case INT8 -> new Converted(Fit.EXACT, ((Number) value).longValue());
            case FLOAT8 -> new Converted(Fit.EXACT, ((Number) value).doubleValue());
            case FLOAT4 -> {
                double d = ((Number) value).doubleValue();
                float f = (float) d;
                yield new Converted(f == d || Double.isNaN(d) ? Fit.EXACT : Fit.ROUNDED, f);
            }
            default -> new Converted(Fit.EXACT, value); // the text family: all Strings
        };
    }

    private static Converted integer(long v, long min, long max, SqlType to) {
        if (v > max) {
            return new Converted(Fit.ABOVE_RANGE, null);
        }
        if (v < min) {
            return new Converted(Fit.BELOW_RANGE, null);
        }
        return new Converted(Fit.EXACT, to == SqlType.INT2 ? (Object) (short) v : (Object) (int) v);
    }
}
