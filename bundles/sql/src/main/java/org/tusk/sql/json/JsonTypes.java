package org.tusk.sql.json;

import org.tusk.spi.SqlException;
import org.tusk.sql.types.Casts;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeContext;

/**
 * What the type registries need to know about json and jsonb: json_in, and the casts of pg_cast (json and
 * jsonb convert into each other on assignment; jsonb's scalars convert explicitly to boolean and the
 * numeric types, failing with jsonb.c's "cannot cast jsonb ..." for another kind of value).
 */
public final class JsonTypes {

    private JsonTypes() {
    }

    /** json_in: the text is checked and kept as is. */
    public static String jsonIn(String text) {
        JsonParser.validateJson(text);
        return text;
    }

    /** Whether this is json or jsonb. */
    public static boolean isJson(SqlType t) {
        return t == SqlType.JSON || t == SqlType.JSONB;
    }

    /**
     * pg_cast's context for a cast from or to json or jsonb, or null if there is none. Strings convert
     * through the input and output functions (explicitly to json, by assignment from it), as for any type.
     */
    public static Casts.Context castContext(SqlType from, SqlType to) {
        if (isJson(from) && isJson(to)) {
            return Casts.Context.ASSIGNMENT;
        }
        if (to.isString()) {
            return Casts.Context.ASSIGNMENT;
        }
        if (from.isString()) {
            return Casts.Context.EXPLICIT;
        }
        if (from == SqlType.JSONB) {
            return switch (to) {
                case BOOL, NUMERIC, INT2, INT4, INT8, FLOAT4, FLOAT8 -> Casts.Context.EXPLICIT;
                default -> null;
            };
        }
        return null;
    }

    /** Converts a non-null value between json/jsonb and another type with a cast (not a string type). */
    public static Object convert(Object value, SqlType from, SqlType to, TypeContext ctx) {
        if (from == SqlType.JSON && to == SqlType.JSONB) {
            return Jsonb.parse((String) value);
        }
        if (from == SqlType.JSONB && to == SqlType.JSON) {
            return value.toString();
        }
        if (from == SqlType.JSONB) {
            return scalar((Jsonb) value, to, ctx);
        }
        throw new SqlException("42846", "cannot cast type " + from.displayName() + " to " + to.displayName());
    }

    /** jsonb_bool, jsonb_numeric, jsonb_int4, ...: a scalar of the matching kind, else 22023. */
    private static Object scalar(Jsonb value, SqlType to, TypeContext ctx) {
        JsonValue v = value.root();
        if (to == SqlType.BOOL) {
            if (v instanceof JsonValue.Bool b) {
                return b.value();
            }
            throw cannotCast(v, to);
        }
        if (v instanceof JsonValue.Num n) {
            return Casts.convert(n.value(), SqlType.NUMERIC, to, -1, true, ctx);
        }
        throw cannotCast(v, to);
    }

    private static SqlException cannotCast(JsonValue v, SqlType to) {
        // JsonbTypeName: the kind as jsonb's messages name it ("numeric", not jsonb_typeof's "number").
        String kind = v instanceof JsonValue.Num ? "numeric" : v.typeName();
        return new SqlException("22023", "cannot cast jsonb " + kind + " to type " + to.displayName());
    }

    /**
     * json has no equality operator (only jsonb has a btree and a hash operator class), so grouping or
     * DISTINCT over it fails as get_sort_group_operators does; {@code position} is the expression's.
     */
    public static void requireEquality(SqlType t, int position) {
        if (t == SqlType.JSON || t == SqlType.JSON_ARRAY) {
            throw SqlException.at("42883", "could not identify an equality operator for type " + t.displayName(),
                    position);
        }
    }
}
