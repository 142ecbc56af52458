package org.tusk.sql.eval;

import java.math.BigDecimal;

import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.SqlType;

/**
 * What sorting, grouping and hashing need from a type: its btree ordering (the same comparisons the
 * operators use) and a hash key under which values that compare equal are equal Java objects
 * (numeric 1.0 and 1.00, float -0 and 0, char(n) with and without trailing spaces).
 */
public final class Ordering {

    private Ordering() {
    }

    /** Whether values of {@code type} can be sorted and grouped here. */
    public static boolean sortable(SqlType type) {
        if (type.isArray()) {
            return sortable(type.elementType());
        }
        if (type.isRange()) {
            return true;
        }
        return switch (type) {
            case INT2, INT4, INT8, FLOAT4, FLOAT8, NUMERIC, BOOL, BPCHAR, TEXT, VARCHAR, NAME, UNKNOWN, DATE,
                    TIMESTAMP, TIMESTAMPTZ, TIME, OID, UUID, BYTEA, INTERVAL, TIMETZ, JSONB, RECORD, INET,
                    CIDR, MACADDR, MACADDR8, BIT, VARBIT, ENUM -> true;
            // The reg types sort as the OIDs they are (PostgreSQL's btree oid_ops serves them).
            case REGPROC, REGCLASS, REGTYPE, REGNAMESPACE, REGPROCEDURE, REGROLE -> true;
            default -> false;
        };
    }

    /** btree order of two non-null values of {@code type}. */
    public static int compare(Object a, Object b, SqlType type) {
        if (type.isArray()) {
            return ArrayOperations.compare((ArrayValue) a, (ArrayValue) b, type.elementType());
        }
        if (type.isRange()) {
            return org.tusk.sql.types.Ranges.compare(type, (org.tusk.sql.types.RangeValue) a,
                    (org.tusk.sql.types.RangeValue) b);
        }
        if (type == SqlType.RECORD) {
            return RecordComparison.compare((org.tusk.sql.types.RecordValue) a, (org.tusk.sql.types.RecordValue) b);
        }
        return Comparisons.compare(a, type, b, type);
    }

    /** A value usable as (part of) a hash key: equal under {@link #compare} means equal here. */
    public static Object hashKey(Object v, SqlType type) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (v instanceof Double d) {
            return d == 0.0 ? 0.0 : (d.isNaN() ? Double.NaN : d);
        }
        if (v instanceof Float f) {
            return f == 0.0f ? 0.0 : (double) f;
        }
        if (v instanceof Short || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        if (type == SqlType.BPCHAR && v instanceof String s) {
            return Comparisons.stripTrailingSpaces(s);
        }
        if (v instanceof byte[] b) {
            return java.nio.ByteBuffer.wrap(b);
        }
        if (v instanceof ArrayValue a) {
            java.util.List<Object> out = new java.util.ArrayList<>();
            // The shape too: arrays of different dimensions or bounds are not equal (array_eq).
            out.add(java.util.Arrays.toString(a.dims()) + java.util.Arrays.toString(a.lowerBounds()));
            for (Object e : a.elements()) {
                out.add(hashKey(e, type.isArray() ? type.elementType() : type));
            }
            return out;
        }
        if (v instanceof org.tusk.sql.types.RangeValue r) {
            return org.tusk.sql.types.Ranges.hashKey(type.isArray() ? type.elementType() : type, r);
        }
        if (v instanceof org.tusk.sql.types.RecordValue r) {
            return RecordComparison.hashKey(r);
        }
        if (v instanceof org.tusk.protocol.Interval i) {
            return Comparisons.compare(i, SqlType.INTERVAL, new org.tusk.protocol.Interval(0, 0, 0), SqlType.INTERVAL)
                    == 0 ? java.math.BigInteger.ZERO : java.math.BigInteger.valueOf(i.months()).multiply(
                            java.math.BigInteger.valueOf(30L * 86_400_000_000L)).add(java.math.BigInteger.valueOf(
                                    i.days()).multiply(java.math.BigInteger.valueOf(86_400_000_000L))).add(
                                            java.math.BigInteger.valueOf(i.micros()));
        }
        return v;
    }
}
