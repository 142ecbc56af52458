package org.tusk.sql.json;

import java.math.BigDecimal;
import java.util.List;

/**
 * Trees to text: jsonb's output (JsonbToCString: ", " between elements, ": " after keys), jsonb_pretty's
 * four-space indentation, and escape_json for strings. A json value's text is its input, so a tree with
 * raw text prints that.
 */
public final class JsonWriter {

    private JsonWriter() {
    }

    /** jsonb_out. */
    public static String jsonb(JsonValue v) {
        StringBuilder b = new StringBuilder();
        write(b, v, -1, 0);
        return b.toString();
    }

    /** jsonb_pretty. */
    public static String pretty(JsonValue v) {
        StringBuilder b = new StringBuilder();
        write(b, v, 4, 0);
        return b.toString();
    }

    /**
     * A tree re-serialized without spaces, as json_strip_nulls writes: scalars as written (strings
     * escaped again), structure without whitespace.
     */
    public static String compact(JsonValue v) {
        StringBuilder b = new StringBuilder();
        compact(b, v);
        return b.toString();
    }

    private static void compact(StringBuilder b, JsonValue v) {
        switch (v) {
            case JsonValue.Str s -> escape(b, s.value());
            case JsonValue.Arr a -> {
                b.append('[');
                for (int i = 0; i < a.elements().size(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    compact(b, a.elements().get(i));
                }
                b.append(']');
            }
            case JsonValue.Obj o -> {
                b.append('{');
                for (int i = 0; i < o.members().size(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    escape(b, o.members().get(i).key());
                    b.append(':');
                    compact(b, o.members().get(i).value());
                }
                b.append('}');
            }
            default -> b.append(v.raw() != null ? v.raw() : jsonb(v));
        }
    }

    /** A json value's text: its raw text if it was parsed, else the jsonb form. */
    public static String json(JsonValue v) {
        return v.raw() != null ? v.raw() : jsonb(v);
    }

    private static void write(StringBuilder b, JsonValue v, int indent, int level) {
        switch (v) {
            case JsonValue.Null n -> b.append("null");
            case JsonValue.Bool x -> b.append(x.value());
            case JsonValue.Num n -> b.append(number(n.value()));
            case JsonValue.Str s -> escape(b, s.value());
            case JsonValue.Arr a -> {
                b.append('[');
                List<JsonValue> elements = a.elements();
                for (int i = 0; i < elements.size(); i++) {
                    if (i > 0) {
                        b.append(indent < 0 ? ", " : ",");
                    }
                    newline(b, indent, level + 1);
                    write(b, elements.get(i), indent, level + 1);
                }
                // jsonb_pretty closes even an empty container on a line of its own.
                newline(b, indent, level);
                b.append(']');
            }
            case JsonValue.Obj o -> {
                b.append('{');
                List<JsonValue.Member> members = o.members();
                for (int i = 0; i < members.size(); i++) {
                    if (i > 0) {
                        b.append(indent < 0 ? ", " : ",");
                    }
                    newline(b, indent, level + 1);
                    escape(b, members.get(i).key());
                    b.append(": ");
                    write(b, members.get(i).value(), indent, level + 1);
                }
                newline(b, indent, level);
                b.append('}');
            }
        }
    }

    private static void newline(StringBuilder b, int indent, int level) {
        if (indent >= 0) {
            b.append('\n').append(" ".repeat(indent * level));
        }
    }

    /** numeric_out of a finite value. */
    public static String number(BigDecimal v) {
        return v.toPlainString();
    }

    /** escape_json: the string quoted, with JSON's short escapes and \\u00XX for other control characters. */
    public static void escape(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < ' ') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /** escape_json as a String. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        escape(b, s);
        return b.toString();
    }
}
