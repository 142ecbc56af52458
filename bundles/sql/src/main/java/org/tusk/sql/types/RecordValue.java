package org.tusk.sql.types;

import java.util.Arrays;

/**
 * A row value (a composite datum): the values of its fields, null for SQL NULL, and the {@link RowType}
 * that says what they are. The value carries its type because a {@code record} expression's shape is
 * only known for certain when it is computed (a whole-row reference, a function returning record), as
 * a PostgreSQL composite datum carries its type OID and typmod. Immutable: {@link #values()} copies.
 *
 * <p>Java's equals and hashCode are identity's: equality of rows is SQL's ({@link
 * org.tusk.sql.eval.Ordering#hashKey} for grouping, the record comparison operators otherwise).
 */
public final class RecordValue {

    private final RowType type;
    private final Object[] values;

    public RecordValue(RowType type, Object[] values) {
        if (values.length != type.size()) {
            throw new IllegalArgumentException("row of " + values.length + " values for a type of " + type.size());
        }
        this.type = type;
        this.values = values.clone();
    }

    public RowType type() {
        return type;
    }

    public int size() {
        return values.length;
    }

    /** The value of field {@code i} (0-based), null for NULL. */
    public Object get(int i) {
        return values[i];
    }

    /** The type of field {@code i}. */
    public SqlType fieldType(int i) {
        return type.fieldTypes().get(i);
    }

    public Object[] values() {
        return values.clone();
    }

    /** Whether every field is NULL (SQL's {@code row IS NULL}); true for a row of no fields. */
    public boolean allNull() {
        for (Object v : values) {
            if (v != null) {
                return false;
            }
        }
        return true;
    }

    /** Whether no field is NULL (SQL's {@code row IS NOT NULL}). */
    public boolean noneNull() {
        for (Object v : values) {
            if (v == null) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return type.fieldNames() + "=" + Arrays.toString(values);
    }
}
