package org.tusk.sql.json;

import java.math.BigDecimal;
import java.util.List;

/**
 * A parsed JSON value. Both types are processed as these trees: a jsonb value's tree is in normal form
 * (object members sorted, keys unique), a json value's tree keeps its members in input order with
 * duplicates, and each node keeps the text it was parsed from ({@code raw}), because json's functions
 * return sub-values exactly as they were written. Nodes built by functions have no raw text (null).
 */
public sealed interface JsonValue {

    /** The text the value was parsed from (json), or null for a normalized or constructed value. */
    String raw();

    /** JSON's null. */
    record Null(String raw) implements JsonValue {
        public static final Null INSTANCE = new Null(null);
    }

    /** true or false. */
    record Bool(boolean value, String raw) implements JsonValue {
        public static Bool of(boolean b) {
            return new Bool(b, null);
        }
    }

    /** A number, read as numeric is (always finite). */
    record Num(BigDecimal value, String raw) implements JsonValue {
        public static Num of(BigDecimal v) {
            return new Num(v, null);
        }
    }

    /** A string, de-escaped. */
    record Str(String value, String raw) implements JsonValue {
        public static Str of(String s) {
            return new Str(s, null);
        }
    }

    /** An array. */
    record Arr(List<JsonValue> elements, String raw) implements JsonValue {
        public static Arr of(List<JsonValue> elements) {
            return new Arr(List.copyOf(elements), null);
        }
    }

    /** An object: for jsonb sorted by {@link JsonObjects#KEY_ORDER} with unique keys; for json as written. */
    record Obj(List<Member> members, String raw) implements JsonValue {
        /** The member with this key (the last one, for json's duplicates, as PostgreSQL's functions take). */
        public JsonValue get(String key) {
            JsonValue found = null;
            for (Member m : members) {
                if (m.key().equals(key)) {
                    found = m.value();
                }
            }
            return found;
        }
    }

    /** An object member. */
    record Member(String key, JsonValue value) {
    }

    /** jsonb_typeof/json_typeof's name of the value's type. */
    default String typeName() {
        return switch (this) {
            case Null n -> "null";
            case Bool b -> "boolean";
            case Num n -> "number";
            case Str s -> "string";
            case Arr a -> "array";
            case Obj o -> "object";
        };
    }

    /** Whether this is a scalar (not an array or object). */
    default boolean isScalar() {
        return !(this instanceof Arr) && !(this instanceof Obj);
    }
}
