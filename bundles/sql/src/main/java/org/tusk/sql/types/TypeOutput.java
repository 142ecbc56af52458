package org.tusk.sql.types;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ArrayFormats;
import org.tusk.protocol.FloatFormat;
import org.tusk.protocol.TextFormats;

/** Value to text: each type's output function, in the text format clients receive. */
public final class TypeOutput {

    private TypeOutput() {
    }

    /** The text of a non-null value. */
    public static String format(SqlType type, Object value, TypeContext ctx) {
        if (type.isVector()) {
            return formatVector(type.elementType(), (ArrayValue) value, ctx);
        }
        if (type.isArray()) {
            return formatArray(type.elementType(), (ArrayValue) value, ctx);
        }
        if (type.isRange()) {
            return Ranges.format(type, (RangeValue) value, ctx);
        }
        return switch (type) {
            case BOOL -> ((Boolean) value) ? "t" : "f";
            case INT2, INT4, INT8 -> value.toString();
            case NUMERIC -> Numeric.format(value);
            case FLOAT4 -> FloatFormat.format((Float) value, true, ctx.extraFloatDigits());
            case FLOAT8 -> FloatFormat.format((Double) value, false, ctx.extraFloatDigits());
            case TEXT, VARCHAR, BPCHAR, NAME, UNKNOWN, VOID, REFCURSOR -> (String) value;
            case DATE -> DateStyles.formatDate((LocalDate) value, ctx);
            case TIMESTAMP -> DateStyles.formatTimestamp((LocalDateTime) value, ctx);
            case TIMESTAMPTZ -> DateStyles.formatTimestamptz((Instant) value, ctx);
            case TIME -> TextFormats.timeText((Long) value);
            case TIMETZ -> value.toString();
            case INTERVAL -> IntervalFormats.format((org.tusk.protocol.Interval) value, ctx.intervalStyle());
            case UUID -> value.toString();
            case BYTEA -> ctx.byteaOutputEscape() ? byteaEscape((byte[]) value)
                    : TextFormats.byteaText((byte[]) value);
            case OID -> value.toString();
            case JSON, JSONPATH -> (String) value;
            case JSONB -> value.toString();
            case INET, CIDR, MACADDR, MACADDR8 -> org.tusk.sql.net.NetworkTypes.output(type, value);
            case BIT, VARBIT -> value.toString();
            case ENUM -> ((EnumValue) value).label();
            case RECORD -> RecordFormat.output((RecordValue) value, ctx);
            case REGCLASS -> RegClass.output((Long) value, ctx);
            case REGPROC, REGTYPE, REGNAMESPACE, REGPROCEDURE, REGROLE -> org.tusk.sql.eval.RegCasts.output(type, (Long) value, ctx);
            default -> throw new IllegalStateException("no output function for " + type);
        };
    }

    /**
     * byteaout with bytea_output = 'escape': printable ASCII as itself, a backslash doubled, every other byte
     * as a backslash and three octal digits.
     */
    static String byteaEscape(byte[] value) {
        StringBuilder b = new StringBuilder(value.length);
        for (byte x : value) {
            int v = x & 0xff;
            if (v == '\\') {
                b.append("\\\\");
            } else if (v < 0x20 || v > 0x7e) {
                b.append('\\').append((char) ('0' + (v >> 6))).append((char) ('0' + ((v >> 3) & 7)))
                        .append((char) ('0' + (v & 7)));
            } else {
                b.append((char) v);
            }
        }
        return b.toString();
    }

    /** array_out: each element through its type's output function, then PostgreSQL's quoting. */
    private static String formatArray(SqlType element, ArrayValue value, TypeContext ctx) {
        List<String> texts = new ArrayList<>(value.elements().size());
        for (Object e : value.elements()) {
            texts.add(e == null ? null : format(element, e, ctx));
        }
        return ArrayFormats.format(new ArrayFormats.TextArray(java.util.Arrays.stream(value.dims()).boxed().toList(),
                java.util.Arrays.stream(value.lowerBounds()).boxed().toList(), texts));
    }

    /** int2vectorout, oidvectorout: the elements separated by single spaces. */
    private static String formatVector(SqlType element, ArrayValue value, TypeContext ctx) {
        StringBuilder b = new StringBuilder();
        for (Object e : value.elements()) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(e == null ? "" : format(element, e, ctx));
        }
        return b.toString();
    }
}
