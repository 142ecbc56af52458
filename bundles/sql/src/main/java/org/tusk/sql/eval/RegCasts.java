package org.tusk.sql.eval;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.TypeName;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.types.SqlType;

/**
 * Casts to the object-identifier alias types regtype, regnamespace and regrole, as catalog queries write them:
 * {@code 'int4'::regtype} (a name to its OID) and {@code reloftype::regtype::text},
 * {@code stxnamespace::regnamespace::text} (an OID printed as its name, psql's {@code \d}). regclass is a
 * real type ({@link org.tusk.sql.types.SqlType#REGCLASS}) and is not handled here.
 *
 * <p>This engine has no SqlTypes for these yet, so the two directions are modelled by the two values they yield:
 * a name cast to a reg type is its OID (type oid, so it compares with oid columns as regclass does), and
 * an OID cast to a reg type is its name as the type's output function prints it (type text). Both print
 * what PostgreSQL prints except a name cast that is printed as is (PostgreSQL prints the name back, this
 * prints the number), and the column's type in RowDescription is oid or text rather than the reg type.
 */
final class RegCasts {

    /** The reg types handled, by pg_type.typname. */
    enum Kind {
        REGTYPE, REGNAMESPACE, REGROLE
    }

    private RegCasts() {
    }

    /** The reg type {@code name} names (bare or pg_catalog-qualified, not an array), or null. */
    static Kind kind(TypeName name) {
        if (name.array() || name.names().size() > 2
                || (name.names().size() == 2 && !name.names().getFirst().equals("pg_catalog"))) {
            return null;
        }
        return switch (name.lastName()) {
            case "regtype" -> Kind.REGTYPE;
            case "regnamespace" -> Kind.REGNAMESPACE;
            case "regrole" -> Kind.REGROLE;
            default -> null;
        };
    }

    /** The routine converting {@code from} to {@code kind}, or null if there is no such cast. */
    static Routine routine(Kind kind, SqlType from) {
        String type = kind.name().toLowerCase(java.util.Locale.ROOT);
        if (from == SqlType.UNKNOWN || from.isString()) {
            return new Routine(type + "in", List.of(SqlType.TEXT), SqlType.OID, true,
                    (a, c) -> (long) input(kind, (String) a[0], cache(c)));
        }
        if (from == SqlType.OID || from.isInteger()) {
            return new Routine(type + "out", List.of(SqlType.OID), SqlType.TEXT, true,
                    (a, c) -> output(kind, ((Number) a[0]).longValue(), cache(c)));
        }
        return null;
    }

    private static RelationCache cache(EvalContext c) {
        return c.db() != null && c.db().catalog() instanceof RelationCache rc ? rc : null;
    }

    /** The input function: a number is taken as the OID itself, "-" as 0, anything else looked up by name. */
    static int input(Kind kind, String text, RelationCache cache) {
        String s = text.strip();
        if (s.equals("-")) {
            return 0;
        }
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            return (int) Long.parseLong(s);
        }
        List<String> names = splitName(s);
        Integer oid = null;
        if (cache != null) {
            oid = switch (kind) {
                case REGNAMESPACE -> names.size() == 1 ? cache.namespaceOid(names.get(0)) : null;
                case REGROLE -> names.size() == 1 ? roleOid(cache, names.get(0)) : null;
                case REGTYPE -> typeOid(cache, names);
            };
        }
        if (oid == null) {
            throw switch (kind) {
                case REGNAMESPACE -> new SqlException("3F000", "schema \"" + s + "\" does not exist");
                case REGROLE -> new SqlException("42704", "role \"" + s + "\" does not exist");
                case REGTYPE -> new SqlException("42704", "type \"" + s + "\" does not exist");
            };
        }
        return oid;
    }

    /** The output function: the object's name (qualified where the path would not find it), "-" for 0. */
    static String output(Kind kind, long oid, RelationCache cache) {
        if (oid == 0) {
            return "-";
        }
        String number = Long.toString(oid);
        if (cache == null) {
            return number;
        }
        return switch (kind) {
            case REGTYPE -> {
                String t = CatalogInfoFunctions.formatType(cache, oid, null);
                yield t.equals("???") ? number : t;
            }
            case REGNAMESPACE -> {
                String n = cache.namespaceName((int) oid);
                yield n == null ? number : CatalogInfoFunctions.quoteIdentifier(n);
            }
            case REGROLE -> {
                List<CatalogRow> r = cache.tables().rows(CatalogDefinitions.PG_AUTHID, a -> a.oid("oid") == (int) oid);
                yield r.isEmpty() ? number : CatalogInfoFunctions.quoteIdentifier(r.getFirst().text("rolname"));
            }
        };
    }

    private static Integer roleOid(RelationCache cache, String name) {
        List<CatalogRow> r = cache.tables().rows(CatalogDefinitions.PG_AUTHID, a -> a.text("rolname").equals(name));
        return r.isEmpty() ? null : r.getFirst().oid("oid");
    }

    private static Integer typeOid(RelationCache cache, List<String> names) {
        if (names.isEmpty() || names.size() > 2) {
            return null;
        }
        String name = names.getLast();
        List<CatalogRow> types = cache.tables().rows(CatalogDefinitions.PG_TYPE, t -> t.text("typname").equals(name));
        List<String> path = names.size() == 2 ? List.of(names.getFirst()) : cache.searchPath();
        for (String schema : path) {
            Integer ns = cache.namespaceOid(schema);
            for (CatalogRow t : types) {
                if (ns != null && t.oid("typnamespace") == ns) {
                    return t.oid("oid");
                }
            }
        }
        return null;
    }

    /** A possibly qualified name as the reg types' input reads it: unquoted parts fold to lower case. */
    static List<String> splitName(String s) {
        List<String> parts = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == '.' && !quoted) {
                parts.add(b.toString());
                b.setLength(0);
            } else {
                b.append(quoted ? ch : Character.toLowerCase(ch));
            }
        }
        parts.add(b.toString());
        return parts;
    }
}
