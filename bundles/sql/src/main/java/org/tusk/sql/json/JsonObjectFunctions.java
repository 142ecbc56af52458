package org.tusk.sql.json;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.types.ArrayValue;

/**
 * json_object and jsonb_object: an object from a text array of alternating keys and values (one
 * dimension, or two with two columns), or from separate arrays of keys and values. json's result is
 * written as json_object writes it ({"a" : "1", "b" : null}).
 */
final class JsonObjectFunctions {

    private JsonObjectFunctions() {
    }

    /** json_object(text[]). */
    static String jsonObject(ArrayValue pairs) {
        return write(members(pairs));
    }

    /** json_object(keys text[], values text[]). */
    static String jsonObject(ArrayValue keys, ArrayValue values) {
        return write(members(keys, values));
    }

    static JsonValue jsonbObject(ArrayValue pairs) {
        return tree(members(pairs));
    }

    static JsonValue jsonbObject(ArrayValue keys, ArrayValue values) {
        return tree(members(keys, values));
    }

    private static List<Object[]> members(ArrayValue a) {
        List<Object> e = a.elements();
        switch (a.ndim()) {
            case 0 -> {
                return List.of();
            }
            case 1 -> {
                if (e.size() % 2 != 0) {
                    throw new SqlException("2202E", "array must have even number of elements");
                }
            }
            case 2 -> {
                if (a.dim(1) != 2) {
                    throw new SqlException("2202E", "array must have two columns");
                }
            }
            default -> throw new SqlException("2202E", "wrong number of array subscripts");
        }
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < e.size(); i += 2) {
            out.add(new Object[] {key(e.get(i)), e.get(i + 1)});
        }
        return out;
    }

    private static List<Object[]> members(ArrayValue keys, ArrayValue values) {
        if (keys.ndim() > 1 || values.ndim() > 1) {
            throw new SqlException("2202E", "wrong number of array subscripts");
        }
        if (keys.elements().size() != values.elements().size()) {
            throw new SqlException("2202E", "mismatched array dimensions");
        }
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < keys.elements().size(); i++) {
            out.add(new Object[] {key(keys.elements().get(i)), values.elements().get(i)});
        }
        return out;
    }

    private static String key(Object k) {
        if (k == null) {
            throw new SqlException("22004", "null value not allowed for object key");
        }
        return (String) k;
    }

    private static String write(List<Object[]> members) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            JsonWriter.escape(b, (String) members.get(i)[0]);
            b.append(" : ");
            Object v = members.get(i)[1];
            if (v == null) {
                b.append("null");
            } else {
                JsonWriter.escape(b, (String) v);
            }
        }
        return b.append('}').toString();
    }

    private static JsonValue tree(List<Object[]> members) {
        List<JsonValue.Member> out = new ArrayList<>();
        for (Object[] m : members) {
            out.add(new JsonValue.Member((String) m[0], m[1] == null ? JsonValue.Null.INSTANCE
                    : JsonValue.Str.of((String) m[1])));
        }
        return new JsonValue.Obj(out, null);
    }
}
