package org.tusk.sql.catalog;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The text form PostgreSQL's output functions give a bootstrap row's Java values, so that rows can be
 * compared with what psql printed. Only the cases the catalogs need: the reg* columns were recorded
 * as plain OIDs.
 */
final class PgText {
    private PgText() {
    }

    static String format(Object value, int typeOid) {
        if (value == null) {
            return null;
        }
        return switch (typeOid) {
            case CatalogOids.BOOL_OID -> ((Boolean) value) ? "t" : "f";
            case CatalogOids.OID_OID, CatalogOids.REGPROC_OID, CatalogOids.XID_OID ->
                Integer.toUnsignedString((Integer) value);
            case CatalogOids.FLOAT4_OID -> float4((Float) value);
            case CatalogOids.CHAR_OID -> (Character) value == 0 ? "" : value.toString(); // charout of '\0'

            case CatalogOids.OIDVECTOR_OID, CatalogOids.INT2VECTOR_OID ->
                ((List<?>) value).stream().map(String::valueOf).collect(Collectors.joining(" "));
            case CatalogOids.ACLITEM_ARRAY_OID, CatalogOids.TEXT_ARRAY_OID ->
                ((List<?>) value).stream().map(e -> arrayElement((String) e))
                        .collect(Collectors.joining(",", "{", "}"));
            default -> String.valueOf(value);
        };
    }

    private static String float4(float f) {
        return f == Math.rint(f) && !Float.isInfinite(f) ? Long.toString((long) f) : Float.toString(f);
    }

    /** array_out's quoting: elements with delimiters, quotes, braces or spaces, or NULL-like, are quoted. */
    private static String arrayElement(String e) {
        boolean quote = e.isEmpty() || e.equalsIgnoreCase("NULL") || e.chars().anyMatch(c -> c == ',' || c == '{'
                || c == '}' || c == '"' || c == '\\' || Character.isWhitespace(c));
        if (!quote) {
            return e;
        }
        return '"' + e.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
