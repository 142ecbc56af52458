package org.tusk.sql.json;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.DateInfinity;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeContext;
import org.tusk.sql.types.TypeOutput;

/**
 * SQL values as JSON (json.c's datum_to_json and jsonb.c's datum_to_jsonb): booleans and finite numbers as
 * themselves, NaN and the infinities as strings, dates and timestamps in ISO 8601 (XSD) form, arrays as
 * JSON arrays, json and jsonb as they are, anything else as the string of its output function.
 */
public final class JsonBuilder {

    private JsonBuilder() {
    }

    /** datum_to_json: the json text of a value (null is JSON's null). */
    public static String toJson(SqlType type, Object value, TypeContext ctx) {
        StringBuilder b = new StringBuilder();
        appendJson(b, type, value, ctx);
        return b.toString();
    }

    private static void appendJson(StringBuilder b, SqlType type, Object value, TypeContext ctx) {
        if (value == null) {
            b.append("null");
            return;
        }
        if (type.isArray()) {
            ArrayValue a = (ArrayValue) value;
            if (a.ndim() == 0) {
                b.append("[]");
                return;
            }
            appendArray(b, type.elementType(), a, 0, new int[] {0}, ctx);
            return;
        }
        switch (type) {
            case JSON -> b.append((String) value);
            case JSONB -> b.append(value);
            case RECORD -> appendRecord(b, (org.tusk.sql.types.RecordValue) value, false, ctx);
            default -> {
                JsonValue v = scalar(type, value, ctx);
                if (v instanceof JsonValue.Str s) {
                    JsonWriter.escape(b, s.value());
                } else {
                    b.append(JsonWriter.jsonb(v));
                }
            }
        }
    }

    /** row_to_json: a row as a JSON object, {@code pretty} putting each field after the first on a new line. */
    public static String recordToJson(org.tusk.sql.types.RecordValue row, boolean pretty, TypeContext ctx) {
        StringBuilder b = new StringBuilder();
        appendRecord(b, row, pretty, ctx);
        return b.toString();
    }

    /** composite_to_json: the fields by name, in order, without spaces. */
    private static void appendRecord(StringBuilder b, org.tusk.sql.types.RecordValue row, boolean pretty,
            TypeContext ctx) {
        b.append('{');
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                b.append(pretty ? ",\n " : ",");
            }
            JsonWriter.escape(b, row.type().fieldNames().get(i));
            b.append(':');
            appendJson(b, row.fieldType(i), row.get(i), ctx);
        }
        b.append('}');
    }

    /** array_to_json's nesting of a multi-dimensional array, without spaces. */
    private static void appendArray(StringBuilder b, SqlType element, ArrayValue a, int dim, int[] next,
            TypeContext ctx) {
        b.append('[');
        for (int i = 0; i < a.dim(dim); i++) {
            if (i > 0) {
                b.append(',');
            }
            if (dim + 1 < a.ndim()) {
                appendArray(b, element, a, dim + 1, next, ctx);
            } else {
                appendJson(b, element, a.elements().get(next[0]++), ctx);
            }
        }
        b.append(']');
    }

    /** datum_to_jsonb: the tree of a value. */
    public static JsonValue toJsonb(SqlType type, Object value, TypeContext ctx) {
        if (value == null) {
            return JsonValue.Null.INSTANCE;
        }
        if (type.isArray()) {
            ArrayValue a = (ArrayValue) value;
            if (a.ndim() == 0) {
                return JsonValue.Arr.of(List.of());
            }
            return jsonbArray(type.elementType(), a, 0, new int[] {0}, ctx);
        }
        return switch (type) {
            case JSON -> JsonParser.parseJsonb((String) value);
            case JSONB -> ((Jsonb) value).root();
            case RECORD -> {
                org.tusk.sql.types.RecordValue r = (org.tusk.sql.types.RecordValue) value;
                List<JsonValue.Member> members = new ArrayList<>();
                for (int i = 0; i < r.size(); i++) {
                    members.add(new JsonValue.Member(r.type().fieldNames().get(i),
                            toJsonb(r.fieldType(i), r.get(i), ctx)));
                }
                yield new JsonValue.Obj(members, null);
            }
            default -> scalar(type, value, ctx);
        };
    }

    private static JsonValue jsonbArray(SqlType element, ArrayValue a, int dim, int[] next, TypeContext ctx) {
        List<JsonValue> out = new ArrayList<>();
        for (int i = 0; i < a.dim(dim); i++) {
            out.add(dim + 1 < a.ndim() ? jsonbArray(element, a, dim + 1, next, ctx)
                    : toJsonb(element, a.elements().get(next[0]++), ctx));
        }
        return new JsonValue.Arr(out, null);
    }

    /** A non-array, non-json value. */
    private static JsonValue scalar(SqlType type, Object value, TypeContext ctx) {
        return switch (type) {
            case BOOL -> JsonValue.Bool.of((Boolean) value);
            case INT2, INT4, INT8 -> JsonValue.Num.of(BigDecimal.valueOf(((Number) value).longValue()));
            case NUMERIC -> value instanceof BigDecimal d ? JsonValue.Num.of(d)
                    : JsonValue.Str.of(TypeOutput.format(type, value, ctx));
            case FLOAT4, FLOAT8 -> {
                double d = ((Number) value).doubleValue();
                String text = TypeOutput.format(type, value, ctx);
                yield Double.isNaN(d) || Double.isInfinite(d) ? JsonValue.Str.of(text)
                        : new JsonValue.Num(new BigDecimal(text), text);
            }
            case DATE -> JsonValue.Str.of(DateInfinity.isFinite(value) ? value.toString()
                    : DateInfinity.text(value));
            case TIMESTAMP -> JsonValue.Str.of(DateInfinity.isFinite(value) ? xsd((LocalDateTime) value)
                    : DateInfinity.text(value));
            case TIMESTAMPTZ -> {
                if (!DateInfinity.isFinite(value)) {
                    yield JsonValue.Str.of(DateInfinity.text(value));
                }
                Instant i = (Instant) value;
                ZoneOffset offset = ctx.timeZone().getRules().getOffset(i);
                int seconds = offset.getTotalSeconds();
                int abs = Math.abs(seconds);
                String zone = (seconds < 0 ? "-" : "+") + String.format("%02d:%02d", abs / 3600, abs / 60 % 60)
                        + (abs % 60 != 0 ? String.format(":%02d", abs % 60) : "");
                yield JsonValue.Str.of(xsd(LocalDateTime.ofInstant(i, offset)) + zone);
            }
            default -> JsonValue.Str.of(TypeOutput.format(type, value, ctx));
        };
    }

    /** EncodeDateTime with USE_XSD_DATES: 2014-05-28T12:22:35.614298 (fraction without trailing zeros). */
    private static String xsd(LocalDateTime t) {
        StringBuilder b = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(),
                t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            String f = String.format("%06d", micros);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            b.append('.').append(f, 0, end);
        }
        return b.toString();
    }
}
