package org.tusk.sql.types;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a row value (PostgreSQL's tuple descriptor of a composite type): its fields' names and
 * types, and the composite type it is an instance of. An anonymous row ({@code ROW(1, 'a')}) is of the
 * pseudo-type {@code record} (OID 2249) with fields f1, f2, ...; a table's row or a {@code CREATE TYPE ..
 * AS (...)} value carries the OID and name of its pg_type row (typtype 'c').
 *
 * @param typeOid the composite type's pg_type OID, {@link #RECORD_OID} for an anonymous row
 * @param name the composite type's name, null for an anonymous row
 * @param fieldNames the field (attribute) names in order
 * @param fieldTypes the field types in order
 * @param fieldRowTypes for each field of a composite type or an array of one, that type (a column of a table's
 *        row type whose type is a composite type); null for every other field, or null altogether when no field
 *        is one
 */
public record RowType(int typeOid, String name, List<String> fieldNames, List<SqlType> fieldTypes,
        List<RowType> fieldRowTypes) {

    /** pg_type's {@code record}. */
    public static final int RECORD_OID = 2249;
    /** pg_type's {@code _record}. */
    public static final int RECORD_ARRAY_OID = 2287;

    public RowType {
        fieldNames = List.copyOf(fieldNames);
        fieldTypes = List.copyOf(fieldTypes);
        if (fieldNames.size() != fieldTypes.size()) {
            throw new IllegalArgumentException("names and types differ in number");
        }
        if (fieldRowTypes != null) {
            if (fieldRowTypes.size() != fieldTypes.size()) {
                throw new IllegalArgumentException("nested row types and types differ in number");
            }
            // Kept only when some field has one, so that equal shapes compare equal however they were made.
            fieldRowTypes = fieldRowTypes.stream().allMatch(t -> t == null) ? null
                    : java.util.Collections.unmodifiableList(new ArrayList<>(fieldRowTypes));
        }
    }

    /** A row type none of whose fields is of a composite type known here. */
    public RowType(int typeOid, String name, List<String> fieldNames, List<SqlType> fieldTypes) {
        this(typeOid, name, fieldNames, fieldTypes, null);
    }

    /** The composite type of field {@code i}, null if it is not one or is not known. */
    public RowType fieldRowType(int i) {
        return fieldRowTypes == null ? null : fieldRowTypes.get(i);
    }

    /** An anonymous row of these field types, its fields named f1, f2, ... as PostgreSQL names them. */
    public static RowType anonymous(List<SqlType> types) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= types.size(); i++) {
            names.add("f" + i);
        }
        return new RowType(RECORD_OID, null, names, types);
    }

    public int size() {
        return fieldTypes.size();
    }

    /** The 0-based index of the field called {@code field}, -1 if none is. */
    public int indexOf(String field) {
        return fieldNames.indexOf(field);
    }

    /** Whether this is an anonymous record rather than an instance of a named composite type. */
    public boolean anonymous() {
        return name == null;
    }
}
