package org.tusk.sql.types;

import java.util.List;

import org.tusk.spi.SqlException;

/**
 * Where values of enum types find their labels: the backend's catalog, bound to the backend's thread
 * when a statement starts (catalog.EnumTypes). A stored enum value is a pg_enum OID, and the places that
 * turn stored values into SQL values (schema.StorageValues) have no session at hand, so the lookup is
 * per thread: one backend's catalog snapshot, never shared with another backend.
 *
 * <p>An expression of an enum type has the static type {@link SqlType#ENUM} and carries the enum's
 * pg_type OID as its type modifier (a modifier an enum never has in PostgreSQL), so that coercion of
 * unknown literals, RowDescription and messages know which enum it is.
 */
public final class EnumLabels {

    /** What the catalog answers about enum types. */
    public interface Source {
        /** The label whose pg_enum OID is {@code oid}, or null. */
        EnumValue byOid(int oid);

        /** The labels of enum type {@code typeOid} in sort order (empty for no enum type). */
        List<EnumValue> labels(int typeOid);

        /** The enum type's name as format_type prints it (qualified when search_path does not find it). */
        String typeName(int typeOid);

        /** pg_type.typarray of the enum type. */
        int arrayType(int typeOid);

        /** Whether the label was added by ALTER TYPE ... ADD VALUE in this backend's open transaction. */
        boolean uncommitted(int oid);
    }

    private static final ThreadLocal<Source> CURRENT = new ThreadLocal<>();

    private EnumLabels() {
    }

    /** The catalog this thread's backend reads enum labels from (set when its statements start). */
    public static void bind(Source source) {
        CURRENT.set(source);
    }

    static Source current() {
        Source s = CURRENT.get();
        if (s == null) {
            throw new IllegalStateException("no catalog bound for enum values");
        }
        return s;
    }

    /** enum_in: the label's value, or 22P02 {@code invalid input value for enum mood: "x"}. */
    public static EnumValue input(int typeOid, String text) {
        Source source = current();
        for (EnumValue v : source.labels(typeOid)) {
            if (v.label().equals(text)) {
                if (source.uncommitted(v.oid())) {
                    throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "55P04",
                            "unsafe use of new value \"" + text + "\" of enum type " + typeName(typeOid))
                            .hint("New enum values must be committed before they can be used.").build());
                }
                return v;
            }
        }
        throw new SqlException("22P02", "invalid input value for enum " + typeName(typeOid) + ": \""
                + text + "\"");
    }

    /** A stored pg_enum OID as its value. */
    public static EnumValue fromOid(int oid) {
        EnumValue v = current().byOid(oid);
        if (v == null) {
            throw new SqlException("22P02", "invalid internal value for enum: " + Integer.toUnsignedString(oid));
        }
        return v;
    }

    public static List<EnumValue> labels(int typeOid) {
        return current().labels(typeOid);
    }

    public static String typeName(int typeOid) {
        return typeOid <= 0 ? "anyenum" : current().typeName(typeOid);
    }

    public static int arrayType(int typeOid) {
        return typeOid <= 0 ? 0 : current().arrayType(typeOid);
    }

    /** The name of {@code type} with its modifier (format_type), its enum's for an enum (array) type. */
    public static String displayName(SqlType type, int typmod) {
        if (type == SqlType.ENUM && typmod > 0) {
            return typeName(typmod);
        }
        if (type == SqlType.ENUM_ARRAY && typmod > 0) {
            return typeName(typmod) + "[]";
        }
        return type.displayName(typmod);
    }

    /** The name of {@code type} in messages (format_type_be: no modifier), its enum's for an enum (array) type. */
    public static String typeName(SqlType type, int typmod) {
        return isEnum(type) && typmod > 0 ? displayName(type, typmod) : type.displayName();
    }

    /** The type OID clients are told for an expression of {@code type} with modifier {@code typmod}. */
    public static int typeOid(SqlType type, int typmod) {
        if (type == SqlType.ENUM && typmod > 0) {
            return typmod;
        }
        if (type == SqlType.ENUM_ARRAY && typmod > 0) {
            return arrayType(typmod);
        }
        return type.oid();
    }

    /** Whether {@code type} is an enum or an array of one: its modifier names the enum, not a length. */
    public static boolean isEnum(SqlType type) {
        return type == SqlType.ENUM || type == SqlType.ENUM_ARRAY;
    }
}
