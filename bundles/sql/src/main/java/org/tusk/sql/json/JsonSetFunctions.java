package org.tusk.sql.json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.tusk.spi.SqlException;
import org.tusk.sql.exec.FunctionScan;
import org.tusk.sql.types.SqlType;

/**
 * The set-returning json functions: json(b)_each(_text) (rows of key and value), json(b)_object_keys and
 * json(b)_array_elements(_text), with jsonfuncs.c's errors for a value of the wrong kind (which differ
 * between json and jsonb).
 */
public final class JsonSetFunctions {
    private static final Set<String> NAMES = Set.of("json_each", "jsonb_each", "json_each_text", "jsonb_each_text",
            "json_object_keys", "jsonb_object_keys", "json_array_elements", "jsonb_array_elements",
            "json_array_elements_text", "jsonb_array_elements_text");

    /**
     * A resolved function: its generator, its result type (single column, named {@code column} or after the
     * function) or its {@code columns} and their types, and the type its argument is converted to.
     */
    public record Resolved(FunctionScan.Generator generator, SqlType result, List<SqlType> argTypes, String column,
            List<String> columns, List<SqlType> columnTypes) {
    }

    private JsonSetFunctions() {
    }

    public static boolean handles(String name) {
        return NAMES.contains(name);
    }

    /** The function for these argument types, or null if none fits. */
    public static Resolved resolve(String name, List<SqlType> types) {
        boolean jsonb = name.startsWith("jsonb");
        SqlType type = jsonb ? SqlType.JSONB : SqlType.JSON;
        if (types.size() != 1 || types.getFirst() != type && types.getFirst() != SqlType.UNKNOWN) {
            return null;
        }
        boolean text = name.endsWith("_text");
        SqlType valueType = text ? SqlType.TEXT : type;
        List<SqlType> args = List.of(type);
        if (name.contains("_each")) {
            return new Resolved((a, c) -> each(name, value(a[0], jsonb), jsonb, text), null, args, null,
                    List.of("key", "value"), List.of(SqlType.TEXT, valueType));
        }
        if (name.endsWith("object_keys")) {
            return new Resolved((a, c) -> keys(name, value(a[0], jsonb)), SqlType.TEXT, args, null, null, null);
        }
        return new Resolved((a, c) -> elements(name, value(a[0], jsonb), jsonb, text), valueType, args, "value",
                null, null);
    }

    private static JsonValue value(Object v, boolean jsonb) {
        return v == null ? null : jsonb ? ((Jsonb) v).root() : JsonParser.parseJson((String) v);
    }

    private static Object result(JsonValue v, boolean jsonb, boolean text) {
        return text ? JsonbOperations.text(v) : jsonb ? Jsonb.of(v) : JsonWriter.json(v);
    }

    private static Iterator<Object> each(String name, JsonValue v, boolean jsonb, boolean text) {
        if (v == null) {
            return java.util.Collections.emptyIterator();
        }
        if (!(v instanceof JsonValue.Obj o)) {
            throw new SqlException("22023", jsonb ? "cannot call " + name + " on a non-object"
                    : v instanceof JsonValue.Arr ? "cannot deconstruct an array as an object"
                    : "cannot deconstruct a scalar");
        }
        List<Object> rows = new ArrayList<>();
        for (JsonValue.Member m : o.members()) {
            rows.add(new Object[] {m.key(), result(m.value(), jsonb, text)});
        }
        return rows.iterator();
    }

    private static Iterator<Object> keys(String name, JsonValue v) {
        if (v == null) {
            return java.util.Collections.emptyIterator();
        }
        if (!(v instanceof JsonValue.Obj o)) {
            throw new SqlException("22023", "cannot call " + name + " on "
                    + (v instanceof JsonValue.Arr ? "an array" : "a scalar"));
        }
        List<Object> rows = new ArrayList<>();
        for (JsonValue.Member m : o.members()) {
            rows.add(m.key());
        }
        return rows.iterator();
    }

    private static Iterator<Object> elements(String name, JsonValue v, boolean jsonb, boolean text) {
        if (v == null) {
            return java.util.Collections.emptyIterator();
        }
        if (!(v instanceof JsonValue.Arr a)) {
            throw new SqlException("22023", jsonb ? "cannot extract elements from "
                    + (v instanceof JsonValue.Obj ? "an object" : "a scalar")
                    : "cannot call " + name + " on " + (v instanceof JsonValue.Obj ? "a non-array" : "a scalar"));
        }
        List<Object> rows = new ArrayList<>();
        for (JsonValue e : a.elements()) {
            rows.add(result(e, jsonb, text));
        }
        return rows.iterator();
    }
}
