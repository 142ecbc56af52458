package org.tusk.sql.json;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * jsonb's normal form and order (jsonb_util.c): object keys sorted shorter first, then by their bytes,
 * the last of duplicate keys kept; and compareJsonbContainers' btree order, in which a different type
 * decides first (null &lt; string &lt; number &lt; boolean &lt; array &lt; object), arrays and objects compare
 * their sizes before their contents, and a top-level scalar sorts below any non-empty top-level array but
 * above an empty one.
 */
public final class JsonObjects {
    /** The order of jsonb's object keys: by UTF-8 length, then bytes (lengthCompareJsonbStringValue). */
    public static final Comparator<String> KEY_ORDER = (a, b) -> {
        int c = Integer.compare(utf8Length(a), utf8Length(b));
        return c != 0 ? c : compareStrings(a, b);
    };

    private JsonObjects() {
    }

    /** The tree in jsonb's normal form, recursively. */
    public static JsonValue normalize(JsonValue v) {
        return switch (v) {
            case JsonValue.Arr a -> {
                List<JsonValue> out = new ArrayList<>(a.elements().size());
                for (JsonValue e : a.elements()) {
                    out.add(normalize(e));
                }
                yield new JsonValue.Arr(out, null);
            }
            case JsonValue.Obj o -> {
                List<JsonValue.Member> sorted = new ArrayList<>(o.members().size());
                for (JsonValue.Member m : o.members()) {
                    sorted.add(new JsonValue.Member(m.key(), normalize(m.value())));
                }
                // A stable sort keeps duplicates in input order, so the last one of each run is kept.
                sorted.sort((x, y) -> KEY_ORDER.compare(x.key(), y.key()));
                List<JsonValue.Member> unique = new ArrayList<>(sorted.size());
                for (JsonValue.Member m : sorted) {
                    if (!unique.isEmpty() && unique.getLast().key().equals(m.key())) {
                        unique.set(unique.size() - 1, m);
                    } else {
                        unique.add(m);
                    }
                }
                yield new JsonValue.Obj(unique, null);
            }
            case JsonValue.Null n -> JsonValue.Null.INSTANCE;
            case JsonValue.Bool b -> b.raw() == null ? b : JsonValue.Bool.of(b.value());
            case JsonValue.Num n -> n.raw() == null ? n : JsonValue.Num.of(n.value());
            case JsonValue.Str s -> s.raw() == null ? s : JsonValue.Str.of(s.value());
        };
    }

    /** compareJsonbContainers for two top-level values. */
    public static int compareTopLevel(JsonValue a, JsonValue b) {
        if (a.isScalar() != b.isScalar() && (a instanceof JsonValue.Arr || b instanceof JsonValue.Arr)) {
            // A raw scalar is a one-element pseudo array: fewer elements sort first, else the scalar does.
            JsonValue.Arr array = (JsonValue.Arr) (a instanceof JsonValue.Arr ? a : b);
            int scalarFirst = array.elements().isEmpty() ? 1 : -1;
            return a.isScalar() ? scalarFirst : -scalarFirst;
        }
        return compare(a, b);
    }

    /** The order of two values at the same place inside containers. */
    static int compare(JsonValue a, JsonValue b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return switch (a) {
            case JsonValue.Null n -> 0;
            case JsonValue.Str s -> compareStrings(s.value(), ((JsonValue.Str) b).value());
            case JsonValue.Num n -> n.value().compareTo(((JsonValue.Num) b).value());
            case JsonValue.Bool x -> Boolean.compare(x.value(), ((JsonValue.Bool) b).value());
            case JsonValue.Arr x -> {
                List<JsonValue> ea = x.elements();
                List<JsonValue> eb = ((JsonValue.Arr) b).elements();
                if (ea.size() != eb.size()) {
                    yield ea.size() > eb.size() ? 1 : -1;
                }
                for (int i = 0; i < ea.size(); i++) {
                    int c = compare(ea.get(i), eb.get(i));
                    if (c != 0) {
                        yield c;
                    }
                }
                yield 0;
            }
            case JsonValue.Obj x -> {
                List<JsonValue.Member> ma = x.members();
                List<JsonValue.Member> mb = ((JsonValue.Obj) b).members();
                if (ma.size() != mb.size()) {
                    yield ma.size() > mb.size() ? 1 : -1;
                }
                for (int i = 0; i < ma.size(); i++) {
                    // Keys compare as strings do (the collation's order), in storage order.
                    int c = compareStrings(ma.get(i).key(), mb.get(i).key());
                    if (c == 0) {
                        c = compare(ma.get(i).value(), mb.get(i).value());
                    }
                    if (c != 0) {
                        yield c;
                    }
                }
                yield 0;
            }
        };
    }

    /** jbvNull, jbvString, jbvNumeric, jbvBool, jbvArray, jbvObject: the order of JsonbValue's type codes. */
    private static int rank(JsonValue v) {
        return switch (v) {
            case JsonValue.Null n -> 0;
            case JsonValue.Str s -> 1;
            case JsonValue.Num n -> 2;
            case JsonValue.Bool b -> 3;
            case JsonValue.Arr a -> 4;
            case JsonValue.Obj o -> 5;
        };
    }

    /** A hash consistent with {@link #compare}: numbers by value, whatever their scale. */
    static int hash(JsonValue v) {
        return switch (v) {
            case JsonValue.Null n -> 1;
            case JsonValue.Str s -> 31 + s.value().hashCode();
            case JsonValue.Num n -> 37 + (n.value().signum() == 0 ? 0 : n.value().stripTrailingZeros().hashCode());
            case JsonValue.Bool b -> b.value() ? 41 : 43;
            case JsonValue.Arr a -> {
                int h = 47;
                for (JsonValue e : a.elements()) {
                    h = h * 31 + hash(e);
                }
                yield h;
            }
            case JsonValue.Obj o -> {
                int h = 53;
                for (JsonValue.Member m : o.members()) {
                    h = h * 31 + m.key().hashCode();
                    h = h * 31 + hash(m.value());
                }
                yield h;
            }
        };
    }

    /** Code point order, which is UTF-8 byte order (the C collation). */
    static int compareStrings(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
