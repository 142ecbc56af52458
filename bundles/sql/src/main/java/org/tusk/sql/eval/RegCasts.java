package org.tusk.sql.eval;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.TextFormats;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.types.RegClass;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeCatalog;
import org.tusk.sql.types.TypeContext;

/**
 * The input and output functions of the object-identifier alias types regproc, regprocedure, regtype,
 * regnamespace and regrole (regproc.c's regprocin/out, ...); regclass has its own ({@code types.RegClass}).
 * Also pg_typeof, whose result is a regtype.
 * A value is an OID (a Long, as oid); input takes an object's name, found through search_path unless qualified,
 * and output prints the name, qualified only where the path would not find it. On both sides digits are the OID
 * itself and "-" is OID 0; an OID that names nothing prints as its number, as PostgreSQL does.
 *
 * <p>The names are looked up in the session's catalogs through the relation cache; without storage nothing
 * exists (input fails as for a missing object, output prints numbers).
 */
public final class RegCasts {

    private RegCasts() {
    }

    private static RelationCache cache(TypeContext ctx) {
        return ctx instanceof EvalContext c && c.db() != null && c.db().catalog() instanceof RelationCache rc ? rc
                : null;
    }

    /**
     * pg_typeof(any): the type of its argument as analysis decided it (so {@code pg_typeof('a')} is unknown),
     * a regtype. The argument is still evaluated, as PostgreSQL's fmgr call evaluates it.
     */
    static Expression typeOf(Expression arg) {
        long type = Integer.toUnsignedLong(RowValues.typeOid(arg)); // a row: its composite type
        Routine r = new Routine("pg_typeof", List.of(arg.type()), SqlType.REGTYPE, false, (a, c) -> type);
        return new Expression.Call(r, List.of(arg));
    }

    /** The input function of {@code type}, one of the reg types but regclass. */
    public static Long input(SqlType type, String text, TypeContext ctx) {
        String s = text.strip();
        if (s.equals("-")) {
            return 0L;
        }
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            return Integer.toUnsignedLong(TextFormats.oidValue(s));
        }
        RelationCache cache = cache(ctx);
        List<String> names = RegClass.names(s);
        Integer oid = switch (type) {
            case REGNAMESPACE -> {
                if (names.size() != 1) {
                    throw new SqlException("42601", "invalid name syntax");
                }
                yield cache == null ? null : cache.namespaceOid(names.getFirst());
            }
            case REGTYPE -> typeOid(cache, names, s);
            case REGPROC -> procOid(cache, names, s);
            case REGROLE -> {
                if (names.size() != 1) {
                    throw new SqlException("42601", "invalid name syntax");
                }
                yield cache == null ? null : roleOid(cache, names.getFirst());
            }
            case REGPROCEDURE -> procedureOid(cache, s);
            default -> throw new IllegalArgumentException(type.name());
        };
        if (oid == null) {
            throw switch (type) {
                case REGNAMESPACE -> new SqlException("3F000", "schema \"" + names.getFirst() + "\" does not exist");
                case REGPROC, REGPROCEDURE -> new SqlException("42883", "function \"" + s + "\" does not exist");
                case REGROLE -> new SqlException("42704", "role \"" + names.getFirst() + "\" does not exist");
                default -> new SqlException("42704", "type \"" + s + "\" does not exist");
            };
        }
        return Integer.toUnsignedLong(oid);
    }

    /** The output function of {@code type}: the object's name, "-" for 0, the number for an unknown OID. */
    public static String output(SqlType type, long oid, TypeContext ctx) {
        if (oid == 0) {
            return "-";
        }
        String number = Long.toString(oid);
        RelationCache cache = cache(ctx);
        if (cache == null) {
            return number;
        }
        return switch (type) {
            case REGTYPE -> {
                String t = CatalogInfoFunctions.formatType(cache, oid, null);
                yield t.equals("???") ? number : t;
            }
            case REGNAMESPACE -> {
                String n = cache.namespaceName((int) oid);
                yield n == null ? number : Keywords.quoteIdentifier(n);
            }
            case REGPROC -> procName(cache, (int) oid, number);
            case REGPROCEDURE -> procedureName(cache, (int) oid, number);
            case REGROLE -> {
                List<CatalogRow> r = cache.tables().rows(CatalogDefinitions.PG_AUTHID, a -> a.oid("oid") == (int) oid);
                yield r.isEmpty() ? number : Keywords.quoteIdentifier(r.getFirst().text("rolname"));
            }
            default -> throw new IllegalArgumentException(type.name());
        };
    }

    /**
     * regtypein: a pg_type name (typname, optionally schema-qualified, found along the path), else a type as SQL
     * writes it ("integer", "character varying(10)", "double precision", "int[]"), as parseTypeString reads it.
     */
    private static Integer typeOid(RelationCache cache, List<String> names, String text) {
        if (cache != null && names.size() <= 2) {
            String name = names.getLast();
            List<CatalogRow> types = cache.tables().rows(CatalogDefinitions.PG_TYPE,
                    t -> t.text("typname").equals(name));
            List<String> path = names.size() == 2 ? List.of(names.getFirst()) : cache.searchPath();
            for (String schema : path) {
                Integer ns = cache.namespaceOid(schema);
                for (CatalogRow t : types) {
                    if (ns != null && t.oid("typnamespace") == ns) {
                        return t.oid("oid");
                    }
                }
            }
        }
        try {
            if (Parser.parseExpression("NULL::" + text) instanceof Expr.TypeCast cast) {
                return TypeCatalog.resolve(cast.type()).type().oid();
            }
        } catch (SqlException e) {
            // Not a type name SQL knows either.
        }
        return null;
    }

    /** regprocin: the one function of that name along the path (or in the given schema). */
    private static Integer procOid(RelationCache cache, List<String> names, String text) {
        if (cache == null || names.size() > 2) {
            return null;
        }
        String name = names.getLast();
        List<CatalogRow> procs = cache.tables().rows(CatalogDefinitions.PG_PROC, p -> p.text("proname").equals(name));
        List<String> path = names.size() == 2 ? List.of(names.getFirst()) : cache.searchPath();
        List<Integer> found = new ArrayList<>();
        for (String schema : path) {
            Integer ns = cache.namespaceOid(schema);
            for (CatalogRow p : procs) {
                if (ns != null && p.oid("pronamespace") == ns) {
                    found.add(p.oid("oid"));
                }
            }
        }
        if (found.size() > 1) {
            throw new SqlException("42725", "more than one function named \"" + text + "\"");
        }
        return found.isEmpty() ? null : found.getFirst();
    }

    /** regprocout: the bare name if the path finds exactly this function by it, else schema-qualified. */
    private static String procName(RelationCache cache, int oid, String number) {
        List<CatalogRow> self = cache.tables().rows(CatalogDefinitions.PG_PROC, p -> p.oid("oid") == oid);
        if (self.isEmpty()) {
            return number;
        }
        CatalogRow proc = self.getFirst();
        String name = proc.text("proname");
        List<Integer> visible = new ArrayList<>();
        for (String schema : cache.searchPath()) {
            Integer ns = cache.namespaceOid(schema);
            for (CatalogRow p : cache.tables().rows(CatalogDefinitions.PG_PROC, p -> p.text("proname").equals(name))) {
                if (ns != null && p.oid("pronamespace") == ns) {
                    visible.add(p.oid("oid"));
                }
            }
        }
        if (visible.size() == 1 && visible.getFirst() == oid) {
            return Keywords.quoteIdentifier(name);
        }
        return Keywords.quoteIdentifier(cache.namespaceName(proc.oid("pronamespace"))) + "."
                + Keywords.quoteIdentifier(name);
    }

    private static Integer roleOid(RelationCache cache, String name) {
        List<CatalogRow> r = cache.tables().rows(CatalogDefinitions.PG_AUTHID, a -> a.text("rolname").equals(name));
        return r.isEmpty() ? null : r.getFirst().oid("oid");
    }

    /**
     * regprocedurein: {@code name(type, ...)}, the function of that name (along the path, or in the given schema)
     * whose argument types are those, each read as regtypein reads a type.
     */
    private static Integer procedureOid(RelationCache cache, String text) {
        int open = text.indexOf('(');
        if (!text.endsWith(")") || open < 0) {
            throw new SqlException("22P02", "expected a left parenthesis");
        }
        List<String> names = RegClass.names(text.substring(0, open).strip());
        String inside = text.substring(open + 1, text.length() - 1).strip();
        List<Integer> argTypes = new ArrayList<>();
        if (!inside.isEmpty()) {
            for (String arg : inside.split(",")) {
                Integer t = typeOid(cache, RegClass.names(arg.strip()), arg.strip());
                if (t == null) {
                    throw new SqlException("42704", "type \"" + arg.strip() + "\" does not exist");
                }
                argTypes.add(t);
            }
        }
        if (cache == null || names.size() > 2) {
            return null;
        }
        String name = names.getLast();
        List<String> path = names.size() == 2 ? List.of(names.getFirst()) : cache.searchPath();
        for (String schema : path) {
            Integer ns = cache.namespaceOid(schema);
            for (CatalogRow p : cache.tables().rows(CatalogDefinitions.PG_PROC, p -> p.text("proname").equals(name))) {
                if (ns != null && p.oid("pronamespace") == ns && argTypes(p).equals(argTypes)) {
                    return p.oid("oid");
                }
            }
        }
        return null;
    }

    private static List<Integer> argTypes(CatalogRow proc) {
        List<Integer> out = new ArrayList<>();
        Object v = proc.get("proargtypes");
        if (v instanceof List<?> list) {
            for (Object o : list) {
                out.add(((Number) o).intValue());
            }
        }
        return out;
    }

    /** regprocedureout: {@code name(type,type)}, the name qualified unless visible, types as format_type prints. */
    private static String procedureName(RelationCache cache, int oid, String number) {
        List<CatalogRow> self = cache.tables().rows(CatalogDefinitions.PG_PROC, p -> p.oid("oid") == oid);
        if (self.isEmpty()) {
            return number;
        }
        CatalogRow proc = self.getFirst();
        String name = Keywords.quoteIdentifier(proc.text("proname"));
        if (!Boolean.TRUE.equals(CatalogInfoFunctions.functionVisible(cache, oid))) {
            name = Keywords.quoteIdentifier(cache.namespaceName(proc.oid("pronamespace"))) + "." + name;
        }
        List<String> types = new ArrayList<>();
        for (int t : argTypes(proc)) {
            types.add(CatalogInfoFunctions.formatType(cache, t, null));
        }
        return name + "(" + String.join(",", types) + ")";
    }
}
