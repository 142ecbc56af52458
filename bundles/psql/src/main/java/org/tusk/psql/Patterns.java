package org.tusk.psql;

/**
 * psql's processSQLNamePattern (fe_utils/string_utils.c): turns a shell-style pattern such as
 * {@code public.it*} into the WHERE conditions the \d family sends. Outside double quotes letters are
 * folded to lower case, {@code *} becomes {@code .*}, {@code ?} becomes {@code .} and a dot separates the
 * schema; inside them everything is literal (regular-expression characters are escaped). {@code $} is
 * always escaped, as is {@code []}.
 */
final class Patterns {

    private Patterns() {
    }

    /** The regular expressions of one pattern: schema (null when the pattern has no dot) and name. */
    record Parsed(String schema, String name) {
    }

    static Parsed parse(String pattern) {
        return parse(pattern, true);
    }

    /** @param schemas false for objects without a schema: a dot is then part of the name's expression */
    static Parsed parse(String pattern, boolean schemas) {
        StringBuilder name = new StringBuilder("^(");
        StringBuilder schema = null;
        boolean inQuotes = false;
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == '"') {
                if (inQuotes && i + 1 < pattern.length() && pattern.charAt(i + 1) == '"') {
                    name.append('"');
                    i++;
                } else {
                    inQuotes = !inQuotes;
                }
            } else if (!inQuotes && Character.isUpperCase(ch)) {
                name.append(Character.toLowerCase(ch));
            } else if (!inQuotes && ch == '*') {
                name.append(".*");
            } else if (!inQuotes && ch == '?') {
                name.append('.');
            } else if (!inQuotes && ch == '.' && schemas) {
                schema = new StringBuilder(name).append(")$");
                name = new StringBuilder("^(");
            } else if (ch == '$') {
                name.append("\\$");
            } else {
                if (inQuotes && "|*+?()[]{}.^\\".indexOf(ch) >= 0) {
                    name.append('\\');
                } else if (ch == '[' && i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') {
                    name.append('\\');
                }
                name.append(ch);
            }
        }
        name.append(")$");
        return new Parsed(schema == null ? null : schema.toString(), name.toString());
    }

    /**
     * Appends the conditions for {@code pattern} (null: only the visibility rule) to {@code sql}.
     *
     * @param haveWhere whether the query already has a WHERE clause (then conditions start with "  AND ")
     * @param altName a second expression the name may match (\dT's format_type), or null
     * @return whether the query has a WHERE clause afterwards
     */
    static boolean where(StringBuilder sql, String pattern, boolean haveWhere, String schemaVar, String nameVar,
            String altName, String visibility) {
        boolean where = haveWhere;
        if (pattern == null) {
            if (visibility != null) {
                sql.append(where ? "  AND " : "WHERE ").append(visibility).append('\n');
                where = true;
            }
            return where;
        }
        Parsed p = parse(pattern);
        if (!p.name().equals("^(.*)$")) {
            sql.append(where ? "  AND " : "WHERE ");
            where = true;
            String lit = literal(p.name());
            if (altName != null) {
                sql.append('(').append(nameVar).append(" OPERATOR(pg_catalog.~) ").append(lit)
                        .append(" COLLATE pg_catalog.default\n        OR ").append(altName)
                        .append(" OPERATOR(pg_catalog.~) ").append(lit).append(" COLLATE pg_catalog.default)\n");
            } else {
                sql.append(nameVar).append(" OPERATOR(pg_catalog.~) ").append(lit)
                        .append(" COLLATE pg_catalog.default\n");
            }
        }
        if (p.schema() != null && schemaVar != null) {
            if (!p.schema().equals("^(.*)$")) {
                sql.append(where ? "  AND " : "WHERE ").append(schemaVar).append(" OPERATOR(pg_catalog.~) ")
                        .append(literal(p.schema())).append(" COLLATE pg_catalog.default\n");
                where = true;
            }
        } else if (visibility != null) {
            sql.append(where ? "  AND " : "WHERE ").append(visibility).append('\n');
            where = true;
        }
        return where;
    }

    /** A string literal as appendStringLiteralConn makes it with standard_conforming_strings on. */
    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
