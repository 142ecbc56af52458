package org.tusk.sql.types;

import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;

/**
 * The text form of row values, rowtypes.c's record_out and record_in: {@code (1,a)}, a NULL field as
 * nothing, a field quoted when it is empty or holds a double quote, backslash, parenthesis, comma or
 * white space, with double quotes and backslashes doubled inside the quotes ({@code ("a b",,"x""y")}).
 * Input reverses that, accepting backslash escapes anywhere and quotes around any part of a field.
 */
public final class RecordFormat {

    private RecordFormat() {
    }

    /** record_out. */
    public static String output(RecordValue row, TypeContext ctx) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            Object v = row.get(i);
            if (v == null) {
                continue;
            }
            appendField(b, TypeOutput.format(row.fieldType(i), v, ctx));
        }
        return b.append(')').toString();
    }

    private static void appendField(StringBuilder b, String text) {
        boolean quote = text.isEmpty();
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' || isSpace(c);
        }
        if (!quote) {
            b.append(text);
            return;
        }
        b.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                b.append(c);
            }
            b.append(c);
        }
        b.append('"');
    }

    /** C's isspace in the C locale. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    /** record_in for a value of {@code type}: each field through its type's input function. */
    public static RecordValue input(String text, RowType type, TypeContext ctx) {
        List<SqlType> types = type.fieldTypes();
        Object[] values = new Object[types.size()];
        int p = 0;
        int n = text.length();
        while (p < n && isSpace(text.charAt(p))) {
            p++;
        }
        if (p >= n || text.charAt(p) != '(') {
            throw malformed(text, "Missing left parenthesis.");
        }
        p++;
        for (int i = 0; i < types.size(); i++) {
            if (i > 0) {
                if (p < n && text.charAt(p) == ',') {
                    p++;
                } else {
                    throw malformed(text, p >= n ? "Unexpected end of input." : "Too few columns.");
                }
            }
            if (p < n && (text.charAt(p) == ',' || text.charAt(p) == ')')) {
                values[i] = null; // an empty unquoted field is NULL
                continue;
            }
            StringBuilder field = new StringBuilder();
            boolean inQuote = false;
            while (inQuote || p < n && text.charAt(p) != ',' && text.charAt(p) != ')') {
                if (p >= n) {
                    throw malformed(text, "Unexpected end of input.");
                }
                char c = text.charAt(p++);
                if (c == '\\') {
                    if (p >= n) {
                        throw malformed(text, "Unexpected end of input.");
                    }
                    field.append(text.charAt(p++));
                } else if (c == '"') {
                    if (!inQuote) {
                        inQuote = true;
                    } else if (p < n && text.charAt(p) == '"') {
                        field.append('"'); // a doubled quote inside quotes
                        p++;
                    } else {
                        inQuote = false;
                    }
                } else {
                    field.append(c);
                }
            }
            RowType nested = type.fieldRowType(i);
            values[i] = nested == null ? TypeInput.parse(types.get(i), field.toString(), ctx)
                    : types.get(i) == SqlType.RECORD_ARRAY ? inputArray(field.toString(), nested, ctx)
                    : input(field.toString(), nested, ctx);
        }
        if (p >= n) {
            throw malformed(text, "Unexpected end of input.");
        }
        if (text.charAt(p) != ')') {
            throw malformed(text, "Too many columns.");
        }
        p++;
        while (p < n && isSpace(text.charAt(p))) {
            p++;
        }
        if (p < n) {
            throw malformed(text, "Junk after right parenthesis.");
        }
        return new RecordValue(type, values);
    }

    /** array_in of record_in: an array of rows of composite type {@code type}. */
    public static ArrayValue inputArray(String text, RowType type, TypeContext ctx) {
        org.tusk.protocol.ArrayFormats.TextArray t;
        try {
            t = org.tusk.protocol.ArrayFormats.parse(text);
        } catch (org.tusk.protocol.ArrayFormats.MalformedArrayException e) {
            throw new SqlException(ErrorFields.of("ERROR", "22P02", e.getMessage()).detail(e.detail()).build());
        } catch (org.tusk.protocol.ArrayFormats.InvalidArrayException e) {
            throw new SqlException(e.sqlState(), e.getMessage());
        }
        List<Object> values = new java.util.ArrayList<>();
        for (String e : t.elements()) {
            values.add(e == null ? null : input(e, type, ctx));
        }
        return new ArrayValue(t.dims().stream().mapToInt(Integer::intValue).toArray(),
                t.lowerBounds().stream().mapToInt(Integer::intValue).toArray(), values);
    }

    private static SqlException malformed(String text, String detail) {
        return new SqlException(ErrorFields.of("ERROR", "22P02", "malformed record literal: \"" + text + "\"")
                .detail(detail).build());
    }
}
