package org.tusk.sql.json;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeContext;

/**
 * json_build_object, json_build_array and their jsonb twins (VARIADIC "any"): each argument keeps its own
 * type and goes through datum_to_json/datum_to_jsonb. json's results are written as json.c writes them
 * ({"a" : 1, "b" : 2} and [1, 2]).
 */
public final class JsonConstructors {

    private JsonConstructors() {
    }

    /** json_build_object. */
    public static String jsonBuildObject(List<SqlType> types, Object[] values, TypeContext ctx) {
        checkEven(values.length, "json_build_object()");
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.length; i += 2) {
            if (values[i] == null) {
                throw new SqlException(ErrorFields.of("ERROR", "22023", "argument " + (i + 1) + " cannot be null")
                        .hint("Object keys should be text.").build());
            }
            if (i > 0) {
                b.append(", ");
            }
            JsonWriter.escape(b, key(types.get(i), values[i], ctx));
            b.append(" : ");
            b.append(JsonBuilder.toJson(types.get(i + 1), values[i + 1], ctx));
        }
        return b.append('}').toString();
    }

    /** jsonb_build_object. */
    public static Jsonb jsonbBuildObject(List<SqlType> types, Object[] values, TypeContext ctx) {
        checkEven(values.length, "jsonb_build_object()");
        List<JsonValue.Member> members = new ArrayList<>();
        for (int i = 0; i < values.length; i += 2) {
            if (values[i] == null) {
                throw new SqlException("22023", "argument " + (i + 1) + ": key must not be null");
            }
            members.add(new JsonValue.Member(key(types.get(i), values[i], ctx),
                    JsonBuilder.toJsonb(types.get(i + 1), values[i + 1], ctx)));
        }
        return Jsonb.of(new JsonValue.Obj(members, null));
    }

    /** json_build_array. */
    public static String jsonBuildArray(List<SqlType> types, Object[] values, TypeContext ctx) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(JsonBuilder.toJson(types.get(i), values[i], ctx));
        }
        return b.append(']').toString();
    }

    /** jsonb_build_array. */
    public static Jsonb jsonbBuildArray(List<SqlType> types, Object[] values, TypeContext ctx) {
        List<JsonValue> elements = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            elements.add(JsonBuilder.toJsonb(types.get(i), values[i], ctx));
        }
        return Jsonb.of(new JsonValue.Arr(elements, null));
    }

    private static void checkEven(int n, String function) {
        if (n % 2 != 0) {
            throw new SqlException(ErrorFields.of("ERROR", "22023", "argument list must have even number of elements")
                    .hint("The arguments of " + function + " must consist of alternating keys and values.").build());
        }
    }

    /** An object key: a scalar's text (a string unquoted); arrays and json are refused. */
    static String key(SqlType type, Object value, TypeContext ctx) {
        if (type.isArray() || JsonTypes.isJson(type)) {
            throw new SqlException("22023", "key value must be scalar, not array, composite, or json");
        }
        JsonValue v = JsonBuilder.toJsonb(type, value, ctx);
        return v instanceof JsonValue.Str s ? s.value() : JsonWriter.jsonb(v);
    }
}
