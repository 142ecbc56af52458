package org.tusk.sql.func;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CompositeTypes;
import org.tusk.sql.schema.Catalog;
import org.tusk.sql.types.RowType;
import org.tusk.sql.types.SqlType;

/**
 * A user-defined function as its pg_proc row describes it: what a call needs to resolve it (name,
 * input argument types, defaults) and to run it (language, body, result).
 *
 * @param oid          the pg_proc OID
 * @param namespace    pronamespace
 * @param name         proname
 * @param argNames     the names of the input arguments (null where unnamed)
 * @param argTypes     the input argument types (proargtypes)
 * @param defaults     the SQL texts of the defaults of the last input arguments (proargdefaults)
 * @param result       the result type (for several result columns: the row as text)
 * @param returnsSet   proretset
 * @param columns      the result columns' names for RETURNS TABLE or OUT arguments, else empty
 * @param columnTypes  their types
 * @param language     "sql", "plpgsql" or "c"
 * @param source       prosrc: the body
 * @param volatility   provolatile
 * @param strict       proisstrict
 * @param kind         prokind: 'f' function, 'p' procedure
 * @param securityDefiner prosecdef: the function runs as its owner
 * @param owner        proowner
 * @param callModes    the modes of the arguments a CALL writes ('i', 'b', 'v', 'o': all but TABLE columns)
 * @param callTypes    their types
 * @param callNames    their names (null where one has none)
 * @param variadic     whether the last input argument is VARIADIC (an array collecting the trailing arguments)
 * @param rowType      the row a call produces: the named composite type of {@code RETURNS t}, the anonymous row
 *                     of the OUT/TABLE columns; null for a scalar result and for {@code record} without OUT
 *                     arguments, whose shape only the call's column definition list gives
 * @param argRowTypes  per input argument, its composite type ({@code f(e emp)}), null for other types
 * @param columnRowTypes per result column ({@code columns}), its composite type, null for other types
 * @param config       proconfig: the SET clauses ({@code name=value}) that hold while the function runs
 */
public record FunctionDefinition(int oid, int namespace, String name, List<String> argNames, List<SqlType> argTypes,
        List<String> defaults, SqlType result, boolean returnsSet, List<String> columns, List<SqlType> columnTypes,
        String language, String source, char volatility, boolean strict, char kind, boolean securityDefiner,
        int owner, List<Character> callModes, List<SqlType> callTypes, List<String> callNames, boolean variadic,
        RowType rowType, List<RowType> argRowTypes, List<RowType> columnRowTypes, List<String> config) {

    /** FirstNormalObjectId: OIDs of objects users created start here. */
    public static final int FIRST_USER_OID = 16384;
    /** pg_language's OIDs: sql is 14; plpgsql is installed in template1 by initdb with the first OID after it. */
    public static final int SQL_LANGUAGE = 14;
    public static final int PLPGSQL_LANGUAGE = 13563;
    /** pg_language's c: the functions of extensions (org.tusk.sql.extension), found by prosrc's symbol. */
    public static final int C_LANGUAGE = 13;
    /** pg_type's record, the result type of a function with several result columns. */
    public static final int RECORD_TYPE = 2249;

    /** Reads a pg_proc row written by CREATE FUNCTION. */
    public static FunctionDefinition of(CatalogRow row) {
        return of(row, null);
    }

    /**
     * Reads a pg_proc row written by CREATE FUNCTION; {@code catalog} finds the composite types of its result
     * and arguments (a composite argument is a {@code record} to resolution).
     */
    public static FunctionDefinition of(CatalogRow row, Catalog catalog) {
        List<?> in = row.list("proargtypes");
        List<SqlType> argTypes = new ArrayList<>();
        List<RowType> argRowTypes = new ArrayList<>();
        for (Object t : in) {
            int oid = (int) ((Number) t).longValue();
            argTypes.add(typeOf(oid));
            argRowTypes.add(SqlType.byOid(oid) == null ? CompositeTypes.byOid(catalog, oid) : null);
        }
        List<?> all = row.get("proallargtypes") != null ? row.list("proallargtypes") : in;
        List<?> modes = row.get("proargmodes") != null ? row.list("proargmodes") : List.of();
        List<?> names = row.get("proargnames") != null ? row.list("proargnames") : List.of();
        List<String> argNames = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        List<SqlType> columnTypes = new ArrayList<>();
        List<RowType> columnRowTypes = new ArrayList<>();
        List<Character> callModes = new ArrayList<>();
        List<SqlType> callTypes = new ArrayList<>();
        List<String> callNames = new ArrayList<>();
        boolean variadic = false;
        for (int i = 0; i < all.size(); i++) {
            String mode = i < modes.size() ? String.valueOf(modes.get(i)) : "i";
            String name = i < names.size() && names.get(i) != null && !names.get(i).toString().isEmpty()
                    ? names.get(i).toString() : null;
            SqlType type = typeOf((int) ((Number) all.get(i)).longValue());
            if (mode.equals("i") || mode.equals("b") || mode.equals("v")) {
                argNames.add(name);
            }
            if (!mode.equals("t")) {
                callModes.add(mode.charAt(0));
                callTypes.add(type);
                callNames.add(name);
            }
            variadic |= mode.equals("v");
            if (mode.equals("o") || mode.equals("b") || mode.equals("t")) {
                columns.add(name == null ? "column" + (columns.size() + 1) : name);
                columnTypes.add(type);
                columnRowTypes.add(type == SqlType.RECORD ? CompositeTypes.byOid(catalog,
                        (int) ((Number) all.get(i)).longValue()) : null);
            }
        }
        int rettype = row.oid("prorettype");
        SqlType result = typeOf(rettype);
        char kind = row.character("prokind");
        if (columns.size() == 1 && kind != 'p') {
            columns.clear();
            columnTypes.clear();
            columnRowTypes.clear();
        }
        RowType rowType = null;
        if (!columns.isEmpty()) {
            rowType = new RowType(RECORD_TYPE, null, columns, columnTypes);
        } else if (result == SqlType.RECORD && rettype != RECORD_TYPE) {
            rowType = CompositeTypes.byOid(catalog, rettype);
        }
        String language = row.oid("prolang") == SQL_LANGUAGE ? "sql"
                : row.oid("prolang") == C_LANGUAGE ? "c" : "plpgsql";
        return new FunctionDefinition(row.oid("oid"), row.oid("pronamespace"), row.text("proname"), argNames,
                argTypes, DefaultList.parse((String) row.get("proargdefaults")), result, row.bool("proretset"),
                columns, columnTypes, language, row.text("prosrc"), row.character("provolatile"),
                row.bool("proisstrict"), kind, row.bool("prosecdef"), row.oid("proowner"), List.copyOf(callModes),
                List.copyOf(callTypes), java.util.Collections.unmodifiableList(callNames), variadic, rowType,
                java.util.Collections.unmodifiableList(argRowTypes),
                java.util.Collections.unmodifiableList(columnRowTypes),
                row.get("proconfig") == null ? List.of() : row.list("proconfig").stream().map(String::valueOf).toList());
    }

    /** A type by pg_type OID: a built-in type, or {@code record} for a composite type (typtype 'c'). */
    private static SqlType typeOf(int oid) {
        SqlType t = SqlType.byOid(oid);
        return t != null ? t : SqlType.RECORD;
    }

    /** "name(type, type)" as messages and CONTEXT lines print the function. */
    public String signature() {
        return name + "(" + String.join(",", argTypes.stream().map(SqlType::displayName).toList()) + ")";
    }

    /** Whether this is a procedure (CREATE PROCEDURE), called only by CALL. */
    public boolean procedure() {
        return kind == 'p';
    }

    /** Whether the result is a named composite type ({@code RETURNS t}, {@code RETURNS SETOF t}). */
    public boolean returnsComposite() {
        return rowType != null && columns.isEmpty();
    }

    /**
     * Whether the result is {@code record} without OUT arguments: a call in FROM needs a column definition
     * list, since nothing else says what the rows are.
     */
    public boolean returnsRecord() {
        return result == SqlType.RECORD && rowType == null && kind != 'p';
    }

    /** Whether the function returns rows of several named columns (RETURNS TABLE, OUT arguments). */
    public boolean returnsRows() {
        return !columns.isEmpty();
    }
}
