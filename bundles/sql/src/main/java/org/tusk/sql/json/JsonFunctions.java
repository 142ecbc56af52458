package org.tusk.sql.json;

import static org.tusk.sql.types.SqlType.BOOL;
import static org.tusk.sql.types.SqlType.INT4;
import static org.tusk.sql.types.SqlType.JSON;
import static org.tusk.sql.types.SqlType.JSONB;
import static org.tusk.sql.types.SqlType.TEXT;
import static org.tusk.sql.types.SqlType.TEXT_ARRAY;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.eval.Routine;
import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.SqlType;

/**
 * The operators and plain functions of json and jsonb (pg_operator and pg_proc rows), registered into the
 * engine's tables through a {@link Sink}. jsonb values are {@link Jsonb}; json values are their text,
 * parsed again by each function, as PostgreSQL's json functions parse the text each time.
 */
public final class JsonFunctions {
    /** How many text arguments the variadic *_extract_path functions accept here (no VARIADIC arrays). */
    private static final int MAX_PATH_ARGUMENTS = 16;

    /** Where an operator or function is registered. */
    @FunctionalInterface
    public interface Sink {
        void add(String name, List<SqlType> args, SqlType result, Routine.Body body);
    }

    private JsonFunctions() {
    }

    static JsonValue tree(Object jsonb) {
        return ((Jsonb) jsonb).root();
    }

    /** jsonb's result of a computed tree (null stays SQL NULL). */
    static Object jsonb(JsonValue v) {
        return v == null ? null : Jsonb.of(v);
    }

    /** json's result: the raw text of a parsed sub-value. */
    static Object json(JsonValue v) {
        return v == null ? null : JsonWriter.json(v);
    }

    static JsonValue parsed(Object json) {
        return JsonParser.parseJson((String) json);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object array) {
        ArrayValue a = (ArrayValue) array;
        if (a.ndim() > 1) {
            throw new SqlException("2202E", "wrong number of array subscripts");
        }
        return a.elements();
    }

    /** -&gt;, -&gt;&gt;, #&gt;, #&gt;&gt; on both types; the jsonb-only containment, existence, || and deletion operators. */
    public static void registerOperators(Sink op) {
        op.add("->", List.of(JSONB, TEXT), JSONB, (a, c) -> jsonb(JsonPaths.field(tree(a[0]), (String) a[1])));
        op.add("->", List.of(JSONB, INT4), JSONB, (a, c) -> jsonb(JsonPaths.element(tree(a[0]), (Integer) a[1])));
        op.add("->>", List.of(JSONB, TEXT), TEXT, (a, c) -> JsonbOperations.text(JsonPaths.field(tree(a[0]),
                (String) a[1])));
        op.add("->>", List.of(JSONB, INT4), TEXT, (a, c) -> JsonbOperations.text(JsonPaths.element(tree(a[0]),
                (Integer) a[1])));
        op.add("#>", List.of(JSONB, TEXT_ARRAY), JSONB, (a, c) -> jsonb(JsonPaths.path(tree(a[0]), list(a[1]))));
        op.add("#>>", List.of(JSONB, TEXT_ARRAY), TEXT, (a, c) -> JsonbOperations.text(JsonPaths.path(tree(a[0]),
                list(a[1]))));
        op.add("->", List.of(JSON, TEXT), JSON, (a, c) -> json(JsonPaths.field(parsed(a[0]), (String) a[1])));
        op.add("->", List.of(JSON, INT4), JSON, (a, c) -> json(JsonPaths.element(parsed(a[0]), (Integer) a[1])));
        op.add("->>", List.of(JSON, TEXT), TEXT, (a, c) -> JsonbOperations.text(JsonPaths.field(parsed(a[0]),
                (String) a[1])));
        op.add("->>", List.of(JSON, INT4), TEXT, (a, c) -> JsonbOperations.text(JsonPaths.element(parsed(a[0]),
                (Integer) a[1])));
        op.add("#>", List.of(JSON, TEXT_ARRAY), JSON, (a, c) -> json(JsonPaths.path(parsed(a[0]), list(a[1]))));
        op.add("#>>", List.of(JSON, TEXT_ARRAY), TEXT, (a, c) -> JsonbOperations.text(JsonPaths.path(parsed(a[0]),
                list(a[1]))));

        op.add("@>", List.of(JSONB, JSONB), BOOL, (a, c) -> JsonbOperations.contains(tree(a[0]), tree(a[1])));
        op.add("<@", List.of(JSONB, JSONB), BOOL, (a, c) -> JsonbOperations.contains(tree(a[1]), tree(a[0])));
        op.add("?", List.of(JSONB, TEXT), BOOL, (a, c) -> JsonbOperations.exists(tree(a[0]), (String) a[1]));
        op.add("?|", List.of(JSONB, TEXT_ARRAY), BOOL, (a, c) -> JsonbOperations.existsAny(tree(a[0]), list(a[1]),
                false));
        op.add("?&", List.of(JSONB, TEXT_ARRAY), BOOL, (a, c) -> JsonbOperations.existsAny(tree(a[0]), list(a[1]),
                true));
        op.add("||", List.of(JSONB, JSONB), JSONB, (a, c) -> jsonb(JsonbOperations.concat(tree(a[0]), tree(a[1]))));
        op.add("-", List.of(JSONB, TEXT), JSONB, (a, c) -> jsonb(JsonbOperations.deleteKey(tree(a[0]),
                (String) a[1])));
        op.add("-", List.of(JSONB, TEXT_ARRAY), JSONB, (a, c) -> jsonb(JsonbOperations.deleteKeys(tree(a[0]),
                nonNull(list(a[1])))));
        op.add("-", List.of(JSONB, INT4), JSONB, (a, c) -> jsonb(JsonbOperations.deleteIndex(tree(a[0]),
                (Integer) a[1])));
        op.add("#-", List.of(JSONB, TEXT_ARRAY), JSONB, (a, c) -> jsonb(JsonPaths.deletePath(tree(a[0]),
                list(a[1]))));
    }

    private static List<Object> nonNull(List<Object> keys) {
        List<Object> out = new ArrayList<>(keys);
        out.removeIf(k -> k == null);
        return out;
    }

    /** The plain functions; {@code nonStrict} registers those that are called with NULL arguments too. */
    public static void registerFunctions(Sink f, Sink nonStrict) {
        f.add("jsonb_typeof", List.of(JSONB), TEXT, (a, c) -> tree(a[0]).typeName());
        f.add("json_typeof", List.of(JSON), TEXT, (a, c) -> parsed(a[0]).typeName());
        f.add("jsonb_array_length", List.of(JSONB), INT4, (a, c) -> JsonbOperations.arrayLength(tree(a[0])));
        f.add("json_array_length", List.of(JSON), INT4, (a, c) -> JsonbOperations.arrayLength(parsed(a[0])));
        f.add("jsonb_strip_nulls", List.of(JSONB), JSONB, (a, c) -> jsonb(JsonbOperations.stripNulls(tree(a[0]))));
        f.add("json_strip_nulls", List.of(JSON), JSON, (a, c) -> JsonWriter.compact(
                JsonbOperations.stripNulls(parsed(a[0]))));
        f.add("jsonb_pretty", List.of(JSONB), TEXT, (a, c) -> JsonWriter.pretty(tree(a[0])));
        for (boolean after : new boolean[] {false, true}) {
            List<SqlType> args = after ? List.of(JSONB, TEXT_ARRAY, JSONB, BOOL) : List.of(JSONB, TEXT_ARRAY, JSONB);
            f.add("jsonb_set", args, JSONB, (a, c) -> jsonb(JsonPaths.set(tree(a[0]), list(a[1]), tree(a[2]),
                    !after || (Boolean) a[3])));
            f.add("jsonb_insert", args, JSONB, (a, c) -> jsonb(JsonPaths.insert(tree(a[0]), list(a[1]), tree(a[2]),
                    after && (Boolean) a[3])));
        }
        for (int n = 0; n <= MAX_PATH_ARGUMENTS; n++) {
            List<SqlType> jsonbArgs = new ArrayList<>(List.of(JSONB));
            jsonbArgs.addAll(Collections.nCopies(n, TEXT));
            List<SqlType> jsonArgs = new ArrayList<>(List.of(JSON));
            jsonArgs.addAll(Collections.nCopies(n, TEXT));
            // VARIADIC text[]: the function is strict in its array, not its elements (a NULL element finds nothing).
            nonStrict.add("jsonb_extract_path", jsonbArgs, JSONB, (a, c) -> a[0] == null ? null
                    : jsonb(JsonPaths.path(tree(a[0]), rest(a))));
            nonStrict.add("jsonb_extract_path_text", jsonbArgs, TEXT, (a, c) -> a[0] == null ? null
                    : JsonbOperations.text(JsonPaths.path(tree(a[0]), rest(a))));
            nonStrict.add("json_extract_path", jsonArgs, JSON, (a, c) -> a[0] == null ? null
                    : json(JsonPaths.path(parsed(a[0]), rest(a))));
            nonStrict.add("json_extract_path_text", jsonArgs, TEXT, (a, c) -> a[0] == null ? null
                    : JsonbOperations.text(JsonPaths.path(parsed(a[0]), rest(a))));
        }
        f.add("json_object", List.of(TEXT_ARRAY), JSON, (a, c) -> JsonObjectFunctions.jsonObject((ArrayValue) a[0]));
        f.add("json_object", List.of(TEXT_ARRAY, TEXT_ARRAY), JSON, (a, c) -> JsonObjectFunctions.jsonObject(
                (ArrayValue) a[0], (ArrayValue) a[1]));
        f.add("jsonb_object", List.of(TEXT_ARRAY), JSONB, (a, c) -> jsonb(JsonObjectFunctions.jsonbObject(
                (ArrayValue) a[0])));
        f.add("jsonb_object", List.of(TEXT_ARRAY, TEXT_ARRAY), JSONB, (a, c) -> jsonb(
                JsonObjectFunctions.jsonbObject((ArrayValue) a[0], (ArrayValue) a[1])));
    }

    private static List<Object> rest(Object[] a) {
        return java.util.Arrays.asList(a).subList(1, a.length);
    }
}
