package org.tusk.sql.eval;

import static org.tusk.sql.types.SqlType.BOOL;
import static org.tusk.sql.types.SqlType.INT4;
import static org.tusk.sql.types.SqlType.NAME;
import static org.tusk.sql.types.SqlType.OID;
import static org.tusk.sql.types.SqlType.TEXT;

import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.types.SqlType;

/**
 * The system information functions psql's and drivers' catalog queries call (PostgreSQL's
 * "System Information Functions" chapter): owner names, encodings, visibility in the search path,
 * type names and comments. They read the catalogs of the backend's database through its relation
 * cache, so they see the current transaction's own DDL; without storage (expression-only engine) there
 * are no catalog rows and they answer as PostgreSQL does for an OID that names nothing.
 */
final class CatalogInfoFunctions {
    /** pg_class.oid of pg_class itself: the classoid of a relation's or column's comment. */
    private static final long PG_CLASS_OID = 1259;

    /** pg_enc2name_tbl: the server encodings by their number (pg_database.encoding). */
    static final List<String> ENCODINGS = List.of("SQL_ASCII", "EUC_JP", "EUC_CN", "EUC_KR", "EUC_TW",
            "EUC_JIS_2004", "UTF8", "MULE_INTERNAL", "LATIN1", "LATIN2", "LATIN3", "LATIN4", "LATIN5", "LATIN6",
            "LATIN7", "LATIN8", "LATIN9", "LATIN10", "WIN1256", "WIN1258", "WIN866", "WIN874", "KOI8R", "WIN1251",
            "WIN1252", "ISO_8859_5", "ISO_8859_6", "ISO_8859_7", "ISO_8859_8", "WIN1250", "WIN1253", "WIN1254",
            "WIN1255", "WIN1257", "KOI8U", "SJIS", "BIG5", "GBK", "UHC", "GB18030", "JOHAB", "SHIFT_JIS_2004");

    /** Where the functions are registered: Functions' add and addNonStrict. */
    @FunctionalInterface
    interface Sink {
        void add(String name, List<SqlType> args, SqlType result, Routine.Body body);
    }

    private CatalogInfoFunctions() {
    }

    static void register(Sink strict, Sink nonStrict) {
        strict.add("pg_get_userbyid", List.of(OID), NAME, (a, c) -> userName(cache(c), oid(a[0])));
        strict.add("pg_encoding_to_char", List.of(INT4), NAME, (a, c) -> encodingName((Integer) a[0]));
        // The client's encoding: client_encoding, which only UTF8 (and its aliases, normalized) may be here.
        strict.add("pg_client_encoding", List.of(), NAME, (a, c) -> c.setting("client_encoding"));
        // to_regclass('name') and the others: the reg type's input, but NULL where the input would say the
        // object does not exist (migration tools' "does this table exist" test).
        for (SqlType reg : List.of(SqlType.REGCLASS, SqlType.REGTYPE, SqlType.REGPROC, SqlType.REGPROCEDURE,
                SqlType.REGNAMESPACE, SqlType.REGROLE)) {
            strict.add("to_" + reg.internalName(), List.of(SqlType.TEXT), reg, (a, c) -> toReg(reg, (String) a[0], c));
        }
        // The backend's temporary schema once it made or claimed it (0 before), and whether a schema is
        // another backend's temporary one.
        strict.add("pg_my_temp_schema", List.of(), OID, (a, c) -> {
            var cache = cache(c);
            Integer ns = cache.tempSchemaClaimed() ? cache.tempNamespaceOid() : null;
            return ns == null ? 0L : ns.longValue();
        });
        strict.add("pg_is_other_temp_schema", List.of(OID), BOOL, (a, c) -> {
            var cache = cache(c);
            long ns = oid(a[0]);
            Integer own = cache.tempNamespaceOid();
            return cache.isTempNamespace((int) ns) && (own == null || own != ns);
        });
        strict.add("pg_table_is_visible", List.of(OID), BOOL, (a, c) -> tableVisible(cache(c), oid(a[0])));
        strict.add("pg_type_is_visible", List.of(OID), BOOL, (a, c) -> typeVisible(cache(c), oid(a[0])));
        strict.add("pg_function_is_visible", List.of(OID), BOOL, (a, c) -> functionVisible(cache(c), oid(a[0])));
        nonStrict.add("format_type", List.of(OID, INT4), TEXT, (a, c) -> a[0] == null ? null
                : formatType(cache(c), oid(a[0]), (Integer) a[1]));
        // Expressions are kept in adbin/conbin as their SQL text (see CatalogWriter); pg_get_expr analyzes
        // that again over the relation and prints it as ruleutils would (StoredExpressions).
        strict.add("pg_get_expr", List.of(TEXT, OID), TEXT, (a, c) -> StoredExpressions.deparse(c, (String) a[0],
                oid(a[1]), false));
        strict.add("pg_get_expr", List.of(TEXT, OID, BOOL), TEXT, (a, c) -> StoredExpressions.deparse(c,
                (String) a[0], oid(a[1]), (Boolean) a[2]));
        strict.add("pg_get_partkeydef", List.of(OID), TEXT, (a, c) -> c.db() == null ? null
                : org.tusk.sql.partition.PartitionText.keyDefinition(c.db().catalog(), (int) oid(a[0])));
        strict.add("pg_get_partition_constraintdef", List.of(OID), TEXT, (a, c) -> c.db() == null ? null
                : org.tusk.sql.partition.PartitionText.constraintDefinition(c.db().catalog(), (int) oid(a[0]), c));
        strict.add("pg_get_function_result", List.of(OID), TEXT, (a, c) -> functionResult(cache(c), oid(a[0])));
        strict.add("pg_get_function_arguments", List.of(OID), TEXT, (a, c) -> functionArguments(c, oid(a[0])));
        strict.add("pg_get_function_identity_arguments", List.of(OID), TEXT, (a, c) -> functionArguments(c,
                oid(a[0]), false));
        strict.add("pg_get_functiondef", List.of(OID), TEXT, (a, c) -> org.tusk.sql.func.FunctionSource.definition(
                cache(c), oid(a[0]), functionArguments(c, oid(a[0])), functionResult(cache(c), oid(a[0]))));
        // psql's \df+ shows COALESCE(pg_get_function_sqlbody(oid), prosrc): Tusk keeps a SQL-standard body
        // (RETURN expr) as its query's text in prosrc, with no prosqlbody tree, so there is none to print.
        strict.add("pg_get_function_sqlbody", List.of(OID), TEXT, (a, c) -> null);
        strict.add("pg_get_indexdef", List.of(OID), TEXT, (a, c) -> ObjectDefinitions.indexDef(c, cache(c), oid(a[0]), 0,
                false));
        strict.add("pg_get_indexdef", List.of(OID, INT4, BOOL), TEXT, (a, c) -> ObjectDefinitions.indexDef(c, cache(c),
                oid(a[0]), (Integer) a[1], (Boolean) a[2]));
        strict.add("pg_get_constraintdef", List.of(OID), TEXT, (a, c) -> ObjectDefinitions.constraintDef(c,
                oid(a[0]), false));
        strict.add("pg_get_constraintdef", List.of(OID, BOOL), TEXT, (a, c) -> ObjectDefinitions.constraintDef(
                c, oid(a[0]), (Boolean) a[1]));
        DescribeFunctions.register(strict);
        strict.add("pg_describe_object", List.of(OID, OID, INT4), TEXT, (a, c) -> cache(c) == null ? null
                : org.tusk.sql.extension.ObjectDescriptions.describe(cache(c), oid(a[0]), oid(a[1])));
        SizeFunctions.register(strict);
        strict.add("shobj_description", List.of(OID, NAME), TEXT, (a, c) -> sharedDescription(cache(c), oid(a[0]),
                catalogOid(cache(c), (String) a[1])));
        // No function has a SQL-standard body (prosqlbody), so psql's \df+ falls back to prosrc.
        strict.add("pg_get_function_sqlbody", List.of(OID), TEXT, (a, c) -> null);
        strict.add("pg_get_viewdef", List.of(OID), TEXT, (a, c) -> ViewDefinitions.viewDef(c, oid(a[0]), false));
        strict.add("pg_get_viewdef", List.of(OID, BOOL), TEXT, (a, c) -> ViewDefinitions.viewDef(c, oid(a[0]),
                (Boolean) a[1]));
        strict.add("pg_tablespace_location", List.of(OID), TEXT, (a, c) -> tablespaceLocation(oid(a[0])));
        strict.add("pg_relation_is_updatable", List.of(SqlType.REGCLASS, BOOL), INT4, (a, c) -> c.db() == null ? 0
                : org.tusk.sql.dml.ViewUpdatability.relation(c.db().catalog(), (int) oid(a[0]), (Boolean) a[1]));
        strict.add("pg_column_is_updatable", List.of(SqlType.REGCLASS, SqlType.INT2, BOOL), BOOL, (a, c) ->
                c.db() != null && org.tusk.sql.dml.ViewUpdatability.column(c.db().catalog(), (int) oid(a[0]),
                        ((Number) a[1]).intValue(), (Boolean) a[2]));
        strict.add("obj_description", List.of(OID, NAME), TEXT, (a, c) -> description(cache(c), oid(a[0]),
                catalogOid(cache(c), (String) a[1]), 0));
        strict.add("col_description", List.of(OID, INT4), TEXT, (a, c) -> description(cache(c), oid(a[0]),
                PG_CLASS_OID, (Integer) a[1]));
    }

    private static long oid(Object v) {
        return ((Number) v).longValue();
    }

    /** The backend's relation cache, or null in an engine without storage. */
    private static RelationCache cache(EvalContext c) {
        return c.db() != null && c.db().catalog() instanceof RelationCache rc ? rc : null;
    }

    private static List<CatalogRow> rows(RelationCache cache, org.tusk.sql.catalog.CatalogRelation catalog,
            java.util.function.Predicate<CatalogRow> filter) {
        return cache == null ? List.of() : cache.tables().rows(catalog, filter);
    }

    /** pg_get_userbyid: the role's name, or "unknown (OID=n)" as PostgreSQL prints for a dropped owner. */
    static String userName(RelationCache cache, long oid) {
        List<CatalogRow> r = rows(cache, CatalogDefinitions.PG_AUTHID, row -> row.oid("oid") == (int) oid);
        return r.isEmpty() ? "unknown (OID=" + Integer.toUnsignedString((int) oid) + ")" : r.getFirst().text("rolname");
    }

    /** pg_encoding_to_char: the encoding's name, or the empty string for a number that names none. */
    static String encodingName(int encoding) {
        return encoding >= 0 && encoding < ENCODINGS.size() ? ENCODINGS.get(encoding) : "";
    }

    /**
     * pg_table_is_visible: whether the relation is found by its unqualified name, i.e. its schema is in the
     * search path and no schema before it has a relation of that name. NULL for an OID that is no relation.
     */
    static Boolean tableVisible(RelationCache cache, long oid) {
        CatalogRow row = cache == null ? null : cache.classRow((int) oid);
        if (row == null) {
            return null;
        }
        String name = row.text("relname");
        for (String schema : cache.searchPath()) {
            Integer ns = cache.namespaceOid(schema);
            Integer found = ns == null ? null : cache.classOid(ns, name);
            if (found != null) {
                return found == (int) oid;
            }
        }
        return false;
    }

    /** pg_type_is_visible: as pg_table_is_visible, among types. */
    static Boolean typeVisible(RelationCache cache, long oid) {
        CatalogRow type = typeRow(cache, oid);
        if (type == null) {
            return null;
        }
        String name = type.text("typname");
        List<CatalogRow> sameName = rows(cache, CatalogDefinitions.PG_TYPE, r -> r.text("typname").equals(name));
        return firstInPath(cache, sameName, "typnamespace") == type.oid("oid");
    }

    /** pg_function_is_visible: the first function of that name and argument types along the path is this one. */
    static Boolean functionVisible(RelationCache cache, long oid) {
        List<CatalogRow> self = rows(cache, CatalogDefinitions.PG_PROC, r -> r.oid("oid") == (int) oid);
        if (self.isEmpty()) {
            return null;
        }
        CatalogRow proc = self.getFirst();
        List<CatalogRow> same = rows(cache, CatalogDefinitions.PG_PROC, r -> r.text("proname").equals(
                proc.text("proname")) && String.valueOf(r.get("proargtypes")).equals(
                String.valueOf(proc.get("proargtypes"))));
        return firstInPath(cache, same, "pronamespace") == proc.oid("oid");
    }

    /** The OID of the row of {@code candidates} whose namespace comes first in the search path, or 0. */
    private static int firstInPath(RelationCache cache, List<CatalogRow> candidates, String namespaceColumn) {
        for (String schema : cache.searchPath()) {
            Integer ns = cache.namespaceOid(schema);
            for (CatalogRow r : candidates) {
                if (ns != null && r.oid(namespaceColumn) == ns) {
                    return r.oid("oid");
                }
            }
        }
        return 0;
    }

    private static CatalogRow typeRow(RelationCache cache, long oid) {
        // format_type asks once per row of a catalog query (information_schema.columns): one pg_type scan.
        List<CatalogRow> r = cache == null ? List.of() : cache.rowsOf(CatalogDefinitions.PG_TYPE, "oid", (int) oid);
        return r.isEmpty() ? null : r.getFirst();
    }

    /**
     * format_type(type, typmod): the SQL name of the type with its modifier, as format_type_extended
     * prints it. A typmod of -1 given for bpchar prints "bpchar" (unlike "character", it implies no length
     * of 1); a NULL typmod (none given) prints "character". An OID that is no type prints "???".
     */
    static String formatType(RelationCache cache, long oid, Integer typmod) {
        SqlType t = SqlType.byOid((int) oid);
        if (t != null) {
            if (typmod != null && typmod < 0 && t == SqlType.BPCHAR) {
                return "bpchar";
            }
            if (typmod != null && typmod < 0 && t == SqlType.BIT) {
                return "\"bit\""; // bare bit means bit(1)
            }
            return t.displayName(typmod == null ? -1 : typmod);
        }
        CatalogRow type = typeRow(cache, oid);
        if (type == null) {
            return "???";
        }
        int element = type.oid("typelem");
        if (element != 0 && type.int2("typlen") == -1 && type.text("typname").startsWith("_")) {
            return formatType(cache, element, typmod) + "[]";
        }
        String name = Keywords.quoteIdentifier(type.text("typname"));
        if (name.equals("\"char\"") || Boolean.TRUE.equals(typeVisible(cache, oid))) {
            return name;
        }
        String schema = cache.namespaceName(type.oid("typnamespace"));
        return Keywords.quoteIdentifier(schema) + "." + name;
    }


    /** The OID of catalog {@code name} (obj_description's second argument), 0 if there is none. */
    private static long catalogOid(RelationCache cache, String name) {
        return CatalogDefinitions.byName(name).map(c -> (long) c.oid()).orElse(0L);
    }

    /** The comment on an object (pg_description), or NULL. */
    static String description(RelationCache cache, long objoid, long classoid, int subid) {
        List<CatalogRow> r = rows(cache, CatalogDefinitions.PG_DESCRIPTION, row -> row.oid("objoid") == (int) objoid
                && row.oid("classoid") == (int) classoid && row.int4("objsubid") == subid);
        return r.isEmpty() ? null : r.getFirst().text("description");
    }

    /** The comment on a shared object (pg_shdescription: databases, roles, tablespaces), or NULL. */
    static String sharedDescription(RelationCache cache, long objoid, long classoid) {
        List<CatalogRow> r = rows(cache, CatalogDefinitions.PG_SHDESCRIPTION,
                row -> row.oid("objoid") == (int) objoid && row.oid("classoid") == (int) classoid);
        return r.isEmpty() ? null : r.getFirst().text("description");
    }

    private static CatalogRow procRow(RelationCache cache, long oid) {
        List<CatalogRow> r = rows(cache, CatalogDefinitions.PG_PROC, row -> row.oid("oid") == (int) oid);
        return r.isEmpty() ? null : r.getFirst();
    }

    /**
     * pg_get_function_result: the RETURNS clause's type ("SETOF " for a set-returning function); NULL for a
     * procedure, which returns nothing, or for an OID that is no function.
     */
    static String functionResult(RelationCache cache, long oid) {
        CatalogRow proc = procRow(cache, oid);
        if (proc == null || proc.character("prokind") == 'p') {
            return null;
        }
        String table = org.tusk.sql.func.FunctionSource.tableResult(proc, t -> formatType(cache, t, null));
        if (table != null) {
            return table;
        }
        String type = formatType(cache, proc.oid("prorettype"), null);
        return proc.bool("proretset") ? "SETOF " + type : type;
    }

    /**
     * pg_get_function_arguments: the argument list as CREATE FUNCTION writes it, each argument its mode (for
     * other than IN), name (where it has one) and type, and DEFAULT with the text CREATE FUNCTION gave
     * (user-defined functions keep it in proargdefaults; built-ins have none here).
     */
    static String functionArguments(EvalContext ctx, long oid) {
        return functionArguments(ctx, oid, true);
    }

    /**
     * The argument list with or without the DEFAULT clauses: without them it is
     * pg_get_function_identity_arguments, what names the function in DROP, COMMENT and GRANT.
     */
    static String functionArguments(EvalContext ctx, long oid, boolean withDefaults) {
        RelationCache cache = cache(ctx);
        CatalogRow proc = procRow(cache, oid);
        if (proc == null) {
            return null;
        }
        List<?> all = proc.get("proallargtypes") != null ? proc.list("proallargtypes") : proc.list("proargtypes");
        List<?> names = proc.get("proargnames") != null ? proc.list("proargnames") : List.of();
        List<?> modes = proc.get("proargmodes") != null ? proc.list("proargmodes") : List.of();
        StringBuilder b = new StringBuilder();
        List<String> defaults = org.tusk.sql.func.FunctionSource.defaults(proc);
        int inputs = proc.list("proargtypes").size();
        int input = 0;
        for (int i = 0; i < all.size(); i++) {
            String mode = i < modes.size() ? String.valueOf(modes.get(i)) : "i";
            if (mode.equals("t")) {
                continue; // TABLE columns belong to the result
            }
            if (!b.isEmpty()) {
                b.append(", ");
            }
            switch (mode) {
                case "o" -> b.append("OUT ");
                case "b" -> b.append("INOUT ");
                case "v" -> b.append("VARIADIC ");
                default -> {
                    if (proc.character("prokind") == 'p') {
                        b.append("IN "); // ruleutils marks every mode of a procedure's arguments
                    }
                }
            }
            String name = i < names.size() && names.get(i) != null ? names.get(i).toString() : "";
            if (!name.isEmpty()) {
                b.append(Keywords.quoteIdentifier(name)).append(' ');
            }
            b.append(formatType(cache, ((Number) all.get(i)).longValue(), null));
            if (mode.equals("i") || mode.equals("b") || mode.equals("v")) {
                // the defaults (CREATE FUNCTION's texts) belong to the last input arguments
                int d = input++ - (inputs - defaults.size());
                if (d >= 0 && withDefaults) {
                    b.append(" DEFAULT ").append(StoredExpressions.argumentDefault(ctx, defaults.get(d),
                            SqlType.byOid((int) ((Number) all.get(i)).longValue())));
                }
            }
        }
        return b.toString();
    }

    /**
     * pg_tablespace_location: where a tablespace's files are. pg_default and pg_global (and 0, "the database's
     * default") live in the data directory, which PostgreSQL reports as the empty string. Tusk has no other
     * tablespaces, so any other OID is what PostgreSQL finds for one without a pg_tblspc link.
     */
    static String tablespaceLocation(long oid) {
        if (oid == 0 || oid == 1663 || oid == 1664) {
            return "";
        }
        throw new org.tusk.spi.SqlException("58P01", "could not stat file \"pg_tblspc/"
                + Integer.toUnsignedString((int) oid) + "\": No such file or directory");
    }

    private static Object toReg(SqlType type, String name, EvalContext c) {
        try {
            return org.tusk.sql.types.TypeInput.parse(type, name, c);
        } catch (SqlException e) {
            return switch (e.sqlState()) {
                // undefined table, object, function, schema; an ambiguous function name
                case "42P01", "42704", "42883", "3F000", "42725" -> null;
                default -> throw e;
            };
        }
    }
}
