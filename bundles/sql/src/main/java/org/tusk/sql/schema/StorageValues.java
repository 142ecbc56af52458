package org.tusk.sql.schema;

import java.util.ArrayList;
import java.util.List;
import org.tusk.protocol.Interval;
import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TimeTz;
import org.tusk.storage.access.ColumnType;
import org.tusk.storage.access.StoredArray;
import org.tusk.storage.access.TimeWithZone;

/**
 * SQL values to and from the storage API's values ({@link ColumnType} lists those). Most types are
 * the same Java class on both sides; intervals and timetz change record (timetz's zone sign flips to
 * PostgreSQL's west-positive), and arrays change from {@link ArrayValue} to a list when one-dimensional
 * with lower bound 1, to a {@link StoredArray} (dimensions and lower bounds kept) otherwise.
 */
public final class StorageValues {

    /**
     * Ranges are stored as their text (as jsonb is): range_out in ISO style with UTC for tstzrange, which
     * range_in reads back to the same value whatever the session's settings.
     */
    private static final RangeText RANGE_TEXT = new RangeText();

    private StorageValues() {
    }

    /** The fixed settings a stored range's text is written and read with. */
    private static final class RangeText implements org.tusk.sql.types.TypeContext {
        String format(SqlType type, Object value) {
            return org.tusk.sql.types.Ranges.format(type, (org.tusk.sql.types.RangeValue) value, this);
        }

        Object parse(SqlType type, String text) {
            return org.tusk.sql.types.Ranges.parse(type, text, this);
        }

        @Override
        public java.time.ZoneId timeZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public int extraFloatDigits() {
            return 3;
        }

        @Override
        public boolean byteaOutputEscape() {
            return false;
        }

        @Override
        public java.time.Instant transactionStart() {
            return java.time.Instant.EPOCH;
        }
    }

    /** The storage's column type for a column. */
    public static ColumnType columnType(Column column) {
        SqlType t = column.type();
        // int2vector and oidvector are stored as the arrays of their elements.
        int oid = t.isVector() ? t.elementType().arrayType().oid() : storedTypeOid(t);
        return new ColumnType(column.name(), oid, column.notNull());
    }

    /**
     * The type OID the storage stores values of {@code t} as (also an index key's): the type's own, except
     * that json, jsonb, jsonpath and refcursor are stored as text, a varlena as text is (see
     * org.tusk.sql.json), the reg types as oid, and the network and bit string types as bytea in an
     * order-preserving encoding.
     */
    public static int storedTypeOid(SqlType t) {
        if (t == SqlType.ENUM) {
            return SqlType.OID.oid(); // the pg_enum row's OID, as PostgreSQL stores an enum value
        }
        if (t == SqlType.ENUM_ARRAY) {
            return SqlType.OID_ARRAY.oid();
        }
        if (t.isRegType()) {
            return SqlType.OID.oid(); // regproc and the other OID aliases are an oid underneath
        }
        if (t == SqlType.RECORD || t == SqlType.RECORD_ARRAY) {
            return SqlType.BYTEA.oid(); // a composite column's rows, in RecordStorage's self-describing form
        }
        if (storedAsText(t) || t.isArray() && storedAsText(t.elementType())
                || t.isRange() || t.isArray() && t.elementType().isRange()) {
            return t.isArray() ? SqlType.TEXT_ARRAY.oid() : SqlType.TEXT.oid();
        }
        SqlType base = t.isArray() ? t.elementType() : t;
        if (org.tusk.sql.net.NetworkTypes.isNetwork(base) || org.tusk.sql.bits.BitTypes.isBits(base)) {
            return t.isArray() ? SqlType.BYTEA_ARRAY.oid() : SqlType.BYTEA.oid(); // see org.tusk.sql.net and .bits
        }
        return t.oid();
    }

    private static boolean storedAsText(SqlType t) {
        return org.tusk.sql.json.JsonTypes.isJson(t) || t == SqlType.JSONPATH || t == SqlType.REFCURSOR;
    }

    /** A SQL value of {@code type} as the storage stores it. */
    public static Object toStorage(SqlType type, Object value) {
        if (value == null) {
            return null;
        }
        if (type == SqlType.RECORD || type == SqlType.RECORD_ARRAY) {
            return RecordStorage.encode(value);
        }
        if (type.isArray()) {
            SqlType element = type.elementType();
            ArrayValue array = (ArrayValue) value;
            List<Object> out = new ArrayList<>();
            for (Object e : array.elements()) {
                out.add(toStorage(element, e));
            }
            // int2vector and oidvector (lower bound 0) are kept as plain lists, as the catalogs always were.
            if (array.ndim() > 1 || array.ndim() == 1 && array.lowerBound() != 1 && !type.isVector()) {
                return new StoredArray(array.dims(), array.lowerBounds(), out);
            }
            return out;
        }
        if (type == SqlType.ENUM) {
            return Integer.toUnsignedLong(((org.tusk.sql.types.EnumValue) value).oid());
        }
        if (type == SqlType.JSONB) {
            return value.toString();
        }
        if (org.tusk.sql.net.NetworkTypes.isNetwork(type)) {
            return org.tusk.sql.net.NetworkTypes.toStorage(value);
        }
        if (value instanceof org.tusk.sql.bits.BitString b) {
            return b.storageKey();
        }
        if (type.isRange()) {
            return RANGE_TEXT.format(type, value);
        }
        if (type == SqlType.TIMETZ) {
            TimeTz t = (TimeTz) value;
            return new TimeWithZone(t.micros(), -t.offsetSeconds()); // PostgreSQL's zone is west-positive
        }
        if (type == SqlType.INTERVAL) {
            Interval i = (Interval) value;
            return new org.tusk.storage.access.Interval(i.micros(), i.days(), i.months());
        }
        return value;
    }

    /** A stored value as a SQL value of {@code type}. */
    public static Object fromStorage(SqlType type, Object value) {
        if (value == null) {
            return null;
        }
        if (type == SqlType.RECORD || type == SqlType.RECORD_ARRAY) {
            return RecordStorage.decode((byte[]) value);
        }
        if (type.isArray()) {
            SqlType element = type.elementType();
            List<Object> out = new ArrayList<>();
            List<?> stored = value instanceof StoredArray a ? a.elements() : (List<?>) value;
            for (Object e : stored) {
                out.add(fromStorage(element, e));
            }
            if (value instanceof StoredArray a) {
                return new ArrayValue(a.dims(), a.lowerBounds(), out);
            }
            return new ArrayValue(type.isVector() ? 0 : 1, out);
        }
        if (type == SqlType.ENUM) {
            return org.tusk.sql.types.EnumLabels.fromOid((int) (long) (Long) value);
        }
        if (type == SqlType.JSONB) {
            return org.tusk.sql.json.Jsonb.parse((String) value);
        }
        if (org.tusk.sql.net.NetworkTypes.isNetwork(type)) {
            return org.tusk.sql.net.NetworkTypes.fromStorage(type, (byte[]) value);
        }
        if (org.tusk.sql.bits.BitTypes.isBits(type)) {
            return org.tusk.sql.bits.BitString.fromStorageKey((byte[]) value);
        }
        if (type.isRange()) {
            return RANGE_TEXT.parse(type, (String) value);
        }
        if (type == SqlType.TIMETZ) {
            TimeWithZone t = (TimeWithZone) value;
            return new TimeTz(t.microseconds(), -t.zone());
        }
        if (type == SqlType.INTERVAL) {
            org.tusk.storage.access.Interval i = (org.tusk.storage.access.Interval) value;
            return new Interval(i.months(), i.days(), i.microseconds());
        }
        return value;
    }

    /**
     * A stored value of a composite-typed column (or of an array of one) stored again for the type's new
     * fields {@code type}: new field {@code i} is old field {@code from[i]}, NULL where that is -1.
     */
    public static Object restructureRows(Object stored, org.tusk.sql.types.RowType type, int[] from) {
        return stored == null ? null : RecordStorage.restructure((byte[]) stored, type, from);
    }

    /** A whole row, in place. */
    public static Object[] rowToStorage(List<Column> columns, Object[] values) {
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = toStorage(columns.get(i).type(), values[i]);
        }
        return out;
    }

    public static Object[] rowFromStorage(List<Column> columns, Object[] values) {
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = fromStorage(columns.get(i), values[i]);
        }
        return out;
    }

    /** A stored value of column {@code c}: a composite column's rows of the column's current row type. */
    public static Object fromStorage(Column c, Object value) {
        Object v = fromStorage(c.type(), value);
        return c.rowType() == null ? v : RecordStorage.retype(v, c.rowType());
    }
}
