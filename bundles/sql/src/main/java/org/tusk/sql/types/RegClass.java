package org.tusk.sql.types;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.TextFormats;
import org.tusk.spi.SqlException;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.schema.Catalog;
import org.tusk.sql.schema.Relation;

/**
 * regclass input and output (PostgreSQL's regclassin and regclassout): a relation's name, qualified
 * or found through search_path, to its OID, and an OID back to the name, qualified only when
 * search_path would not find it. Digits are an OID as they are, and "-" is OID 0. The names are looked up in the
 * session's catalog ({@link EvalContext#db()}); without one no relation exists.
 */
public final class RegClass {

    private RegClass() {
    }

    private static Catalog catalog(TypeContext ctx) {
        return ctx instanceof EvalContext e && e.db() != null ? e.db().catalog() : null;
    }

    static Long input(String text, TypeContext ctx) {
        String t = text.strip();
        if (t.equals("-")) {
            return 0L; // InvalidOid, as regclassout prints it
        }
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            return Integer.toUnsignedLong(TextFormats.oidValue(t));
        }
        List<String> parts = names(t);
        if (t.isEmpty()) {
            throw new SqlException("42602", "invalid name syntax");
        }
        if (parts.size() > 3) {
            throw new SqlException("42601", "improper relation name (too many dotted names): " + t);
        }
        if (parts.size() == 3) {
            // database.schema.relation names this database's relation, as makeRangeVarFromNameList allows
            if (!(ctx instanceof EvalContext e) || !parts.getFirst().equals(e.database())) {
                throw new SqlException("0A000", "cross-database references are not implemented: \""
                        + String.join(".", parts) + "\"");
            }
            parts = parts.subList(1, 3);
        }
        Catalog catalog = catalog(ctx);
        Relation r = catalog == null ? null : catalog.lookup(parts.size() == 2 ? parts.get(0) : null, parts.getLast());
        if (r == null) {
            throw new SqlException("42P01", "relation \"" + t + "\" does not exist");
        }
        return Integer.toUnsignedLong(r.oid());
    }

    static String output(long oid, TypeContext ctx) {
        if (oid == 0) {
            return "-"; // InvalidOid, as regclassout prints it
        }
        Catalog catalog = catalog(ctx);
        Relation r = catalog == null ? null : catalog.relation((int) oid);
        if (r == null) {
            return Long.toString(oid);
        }
        Relation visible = catalog.lookup(null, r.name());
        String name = Keywords.quoteIdentifier(r.name());
        return visible != null && visible.oid() == r.oid() ? name
                : Keywords.quoteIdentifier(r.schema()) + "." + name;
    }

    /**
     * A dotted name as identifiers read it (regclass and the other reg types' input): unquoted parts folded
     * to lower case, "" for a quote.
     */
    public static List<String> names(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '.' && !quoted) {
                parts.add(b.toString());
                b.setLength(0);
            } else {
                b.append(quoted ? c : Character.toLowerCase(c));
            }
        }
        parts.add(b.toString());
        return parts;
    }
}
