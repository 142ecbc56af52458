package org.tusk.sql.json;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;

/**
 * The jsonb operators and functions that compute on whole values (jsonb_op.c, jsonfuncs.c): containment
 * (JsonbDeepContains), key existence, concatenation, deletion, jsonb_strip_nulls, and the text a value
 * gives to -&gt;&gt; and the *_text functions.
 */
public final class JsonbOperations {

    private JsonbOperations() {
    }

    /** -&gt;&gt;'s text: a string unquoted, a JSON null as SQL NULL, anything else as its JSON text. */
    public static String text(JsonValue v) {
        return switch (v) {
            case null -> null;
            case JsonValue.Null n -> null;
            case JsonValue.Str s -> s.value();
            default -> JsonWriter.json(v);
        };
    }

    /** @&gt;: whether {@code container} contains {@code contained}. */
    public static boolean contains(JsonValue container, JsonValue contained) {
        if (container.isScalar() || contained.isScalar()) {
            // A top-level scalar is a one-element pseudo array: a real array may contain it, not the reverse.
            if (container.isScalar() && contained.isScalar()) {
                return JsonObjects.compare(container, contained) == 0;
            }
            if (container instanceof JsonValue.Arr a && contained.isScalar()) {
                return deepContains(a, JsonValue.Arr.of(List.of(contained)));
            }
            return false;
        }
        return deepContains(container, contained);
    }

    private static boolean deepContains(JsonValue val, JsonValue cont) {
        if (val instanceof JsonValue.Obj vo && cont instanceof JsonValue.Obj co) {
            if (co.members().size() > vo.members().size()) {
                return false;
            }
            for (JsonValue.Member m : co.members()) {
                JsonValue lhs = vo.get(m.key());
                if (lhs == null || !sameKind(lhs, m.value())) {
                    return false;
                }
                if (lhs.isScalar() ? JsonObjects.compare(lhs, m.value()) != 0 : !deepContains(lhs, m.value())) {
                    return false;
                }
            }
            return true;
        }
        if (val instanceof JsonValue.Arr va && cont instanceof JsonValue.Arr ca) {
            for (JsonValue c : ca.elements()) {
                boolean found = false;
                for (JsonValue e : va.elements()) {
                    if (c.isScalar() ? e.isScalar() && JsonObjects.compare(e, c) == 0
                            : sameKind(e, c) && deepContains(e, c)) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean sameKind(JsonValue a, JsonValue b) {
        return a.getClass() == b.getClass();
    }

    /** ?: a top-level key, or a string element of a top-level array (or the string itself). */
    public static boolean exists(JsonValue v, String key) {
        return switch (v) {
            case JsonValue.Obj o -> o.get(key) != null;
            case JsonValue.Arr a -> a.elements().stream().anyMatch(e -> e instanceof JsonValue.Str s
                    && s.value().equals(key));
            case JsonValue.Str s -> s.value().equals(key);
            default -> false;
        };
    }

    /** ?| (any) and ?&amp; (all); null keys are ignored. */
    public static boolean existsAny(JsonValue v, List<Object> keys, boolean all) {
        for (Object k : keys) {
            if (k == null) {
                continue;
            }
            boolean e = exists(v, (String) k);
            if (all && !e) {
                return false;
            }
            if (!all && e) {
                return true;
            }
        }
        return all;
    }

    /** ||: two objects merge (the right side wins), anything else concatenates as arrays. */
    public static JsonValue concat(JsonValue a, JsonValue b) {
        if (a instanceof JsonValue.Obj oa && b instanceof JsonValue.Obj ob) {
            List<JsonValue.Member> members = new ArrayList<>(oa.members());
            members.addAll(ob.members());
            return JsonObjects.normalize(new JsonValue.Obj(members, null));
        }
        List<JsonValue> elements = new ArrayList<>();
        addAsArray(elements, a);
        addAsArray(elements, b);
        return new JsonValue.Arr(elements, null);
    }

    private static void addAsArray(List<JsonValue> out, JsonValue v) {
        if (v instanceof JsonValue.Arr a) {
            out.addAll(a.elements());
        } else {
            out.add(v);
        }
    }

    /** jsonb - text: the key removed from an object, or the equal strings from an array. */
    public static JsonValue deleteKey(JsonValue v, String key) {
        return deleteKeys(v, List.of(key));
    }

    /** jsonb - text[]. */
    public static JsonValue deleteKeys(JsonValue v, List<?> keys) {
        if (v.isScalar()) {
            throw new SqlException("22023", "cannot delete from scalar");
        }
        if (v instanceof JsonValue.Obj o) {
            List<JsonValue.Member> members = new ArrayList<>();
            for (JsonValue.Member m : o.members()) {
                if (!keys.contains(m.key())) {
                    members.add(m);
                }
            }
            return new JsonValue.Obj(members, null);
        }
        List<JsonValue> elements = new ArrayList<>();
        for (JsonValue e : ((JsonValue.Arr) v).elements()) {
            if (!(e instanceof JsonValue.Str s && keys.contains(s.value()))) {
                elements.add(e);
            }
        }
        return new JsonValue.Arr(elements, null);
    }

    /** jsonb - int: the element removed, negative counting from the end. */
    public static JsonValue deleteIndex(JsonValue v, int index) {
        if (v.isScalar()) {
            throw new SqlException("22023", "cannot delete from scalar");
        }
        if (v instanceof JsonValue.Obj) {
            throw new SqlException("22023", "cannot delete from object using integer index");
        }
        List<JsonValue> elements = new ArrayList<>(((JsonValue.Arr) v).elements());
        int i = index < 0 ? elements.size() + index : index;
        if (i >= 0 && i < elements.size()) {
            elements.remove(i);
        }
        return new JsonValue.Arr(elements, null);
    }

    /** jsonb_strip_nulls / json_strip_nulls: object members whose value is null removed, recursively. */
    public static JsonValue stripNulls(JsonValue v) {
        return switch (v) {
            case JsonValue.Obj o -> {
                List<JsonValue.Member> members = new ArrayList<>();
                for (JsonValue.Member m : o.members()) {
                    if (!(m.value() instanceof JsonValue.Null)) {
                        members.add(new JsonValue.Member(m.key(), stripNulls(m.value())));
                    }
                }
                yield new JsonValue.Obj(members, null);
            }
            case JsonValue.Arr a -> {
                List<JsonValue> elements = new ArrayList<>();
                for (JsonValue e : a.elements()) {
                    elements.add(stripNulls(e));
                }
                yield new JsonValue.Arr(elements, null);
            }
            default -> v;
        };
    }

    /** json(b)_array_length. */
    public static int arrayLength(JsonValue v) {
        if (v instanceof JsonValue.Arr a) {
            return a.elements().size();
        }
        throw new SqlException("22023", v.isScalar() ? "cannot get array length of a scalar"
                : "cannot get array length of a non-array");
    }
}
