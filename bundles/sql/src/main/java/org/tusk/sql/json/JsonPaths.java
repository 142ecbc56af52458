package org.tusk.sql.json;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;

/**
 * Navigation and path edits (jsonfuncs.c): field and element access with negative indexes counted from
 * the end, #&gt; paths, jsonb_set, jsonb_insert and #-. Paths are text arrays; an element that is not an
 * integer where an array is met means "not found" for reading, and an error for editing.
 */
public final class JsonPaths {

    private JsonPaths() {
    }

    /** -&gt; text: the member, or null when absent or not an object. */
    public static JsonValue field(JsonValue v, String key) {
        return v instanceof JsonValue.Obj o ? o.get(key) : null;
    }

    /** -&gt; int: the element, negative counting from the end, or null. */
    public static JsonValue element(JsonValue v, long index) {
        if (!(v instanceof JsonValue.Arr a)) {
            return null;
        }
        long i = index < 0 ? a.elements().size() + index : index;
        return i >= 0 && i < a.elements().size() ? a.elements().get((int) i) : null;
    }

    /** #&gt;: each path element in turn, as a key or (in an array) an integer; null when anything is missing. */
    public static JsonValue path(JsonValue v, List<Object> path) {
        JsonValue cur = v;
        for (Object p : path) {
            if (p == null || cur == null) {
                return null;
            }
            String s = (String) p;
            if (cur instanceof JsonValue.Obj) {
                cur = field(cur, s);
            } else if (cur instanceof JsonValue.Arr) {
                Long index = integer(s);
                if (index == null) {
                    return null;
                }
                cur = element(cur, index);
            } else {
                return null;
            }
        }
        return cur;
    }

    /** strtoint's view of a path element: an optional sign and digits, within int range; else null. */
    static Long integer(String s) {
        String t = s.strip();
        if (t.isEmpty() || !t.matches("[+-]?\\d+")) {
            return null;
        }
        try {
            long v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
            return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The text of a path's elements as an ArrayValue gives them, with nulls rejected for edits (22004). */
    private static List<String> editPath(List<Object> path) {
        List<String> out = new ArrayList<>(path.size());
        for (int i = 0; i < path.size(); i++) {
            if (path.get(i) == null) {
                throw new SqlException("22004", "path element at position " + (i + 1) + " is null");
            }
            out.add((String) path.get(i));
        }
        return out;
    }

    private static int arrayIndex(String s, int position) {
        Long index = integer(s);
        if (index == null) {
            throw new SqlException("22P02", "path element at position " + position + " is not an integer: \"" + s
                    + "\"");
        }
        return (int) (long) index;
    }

    /** What an edit does at the end of the path. */
    private enum Mode {
        SET, SET_OR_CREATE, INSERT_BEFORE, INSERT_AFTER
    }

    /** jsonb_set(target, path, new_value, create_if_missing). */
    public static JsonValue set(JsonValue target, List<Object> path, JsonValue value, boolean create) {
        List<String> p = editPath(path);
        if (target.isScalar()) {
            throw new SqlException("22023", "cannot set path in scalar");
        }
        if (p.isEmpty()) {
            return target;
        }
        return edit(target, p, 0, value, create ? Mode.SET_OR_CREATE : Mode.SET);
    }

    /** jsonb_insert(target, path, new_value, insert_after). */
    public static JsonValue insert(JsonValue target, List<Object> path, JsonValue value, boolean after) {
        List<String> p = editPath(path);
        if (target.isScalar()) {
            throw new SqlException("22023", "cannot set path in scalar");
        }
        if (p.isEmpty()) {
            return target;
        }
        return edit(target, p, 0, value, after ? Mode.INSERT_AFTER : Mode.INSERT_BEFORE);
    }

    private static JsonValue edit(JsonValue v, List<String> path, int level, JsonValue value, Mode mode) {
        boolean last = level == path.size() - 1;
        String key = path.get(level);
        if (v instanceof JsonValue.Obj o) {
            List<JsonValue.Member> members = new ArrayList<>(o.members());
            for (int i = 0; i < members.size(); i++) {
                JsonValue.Member m = members.get(i);
                if (m.key().equals(key)) {
                    if (last) {
                        if (mode == Mode.INSERT_BEFORE || mode == Mode.INSERT_AFTER) {
                            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "22023",
                                    "cannot replace existing key")
                                    .hint("Try using the function jsonb_set to replace key value.").build());
                        }
                        members.set(i, new JsonValue.Member(key, value));
                    } else {
                        members.set(i, new JsonValue.Member(key, edit(m.value(), path, level + 1, value, mode)));
                    }
                    return new JsonValue.Obj(members, null);
                }
            }
            if (last && mode != Mode.SET) {
                members.add(new JsonValue.Member(key, value));
                return JsonObjects.normalize(new JsonValue.Obj(members, null));
            }
            return v;
        }
        if (v instanceof JsonValue.Arr a) {
            List<JsonValue> elements = new ArrayList<>(a.elements());
            int n = elements.size();
            int index = arrayIndex(key, level + 1);
            int i = index < 0 ? n + index : index;
            if (i >= 0 && i < n) {
                if (!last) {
                    elements.set(i, edit(elements.get(i), path, level + 1, value, mode));
                } else {
                    switch (mode) {
                        case SET, SET_OR_CREATE -> elements.set(i, value);
                        case INSERT_BEFORE -> elements.add(i, value);
                        case INSERT_AFTER -> elements.add(i + 1, value);
                    }
                }
                return new JsonValue.Arr(elements, null);
            }
            if (last && mode != Mode.SET) {
                // Out of range: before the start prepends, past the end appends.
                if (i < 0) {
                    elements.addFirst(value);
                } else {
                    elements.add(value);
                }
                return new JsonValue.Arr(elements, null);
            }
            return v;
        }
        return v;
    }

    /** #-: the value at the path removed (nothing changes when it is absent). */
    public static JsonValue deletePath(JsonValue target, List<Object> path) {
        List<String> p = editPath(path);
        if (target.isScalar()) {
            throw new SqlException("22023", "cannot delete path in scalar");
        }
        if (p.isEmpty()) {
            return target;
        }
        return delete(target, p, 0);
    }

    private static JsonValue delete(JsonValue v, List<String> path, int level) {
        boolean last = level == path.size() - 1;
        String key = path.get(level);
        if (v instanceof JsonValue.Obj o) {
            List<JsonValue.Member> members = new ArrayList<>(o.members());
            for (int i = 0; i < members.size(); i++) {
                if (members.get(i).key().equals(key)) {
                    if (last) {
                        members.remove(i);
                    } else {
                        members.set(i, new JsonValue.Member(key, delete(members.get(i).value(), path, level + 1)));
                    }
                    return new JsonValue.Obj(members, null);
                }
            }
            return v;
        }
        if (v instanceof JsonValue.Arr a) {
            List<JsonValue> elements = new ArrayList<>(a.elements());
            int index = arrayIndex(key, level + 1);
            int i = index < 0 ? elements.size() + index : index;
            if (i < 0 || i >= elements.size()) {
                return v;
            }
            if (last) {
                elements.remove(i);
            } else {
                elements.set(i, delete(elements.get(i), path, level + 1));
            }
            return new JsonValue.Arr(elements, null);
        }
        return v;
    }
}
