package org.tusk.sql.func;

import java.util.List;

import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.types.SqlType;

/**
 * What ruleutils.c prints of a user-defined function: the argument defaults of pg_get_function_arguments,
 * the TABLE(...) of pg_get_function_result, and pg_get_functiondef's CREATE OR REPLACE FUNCTION command
 * (psql's {@code \sf}).
 */
public final class FunctionSource {
    private FunctionSource() {
    }

    /** The defaults' texts of a pg_proc row, for its last input arguments. */
    public static List<String> defaults(CatalogRow proc) {
        return DefaultList.parse((String) proc.get("proargdefaults"));
    }

    /** "TABLE(a integer, b text)" for a function declared RETURNS TABLE, else null. */
    public static String tableResult(CatalogRow proc) {
        return tableResult(proc, oid -> SqlType.byOid(oid).displayName());
    }

    /** As above, {@code typeName} printing each column's type (format_type, composite types included). */
    public static String tableResult(CatalogRow proc, java.util.function.IntFunction<String> typeName) {
        if (proc.get("proargmodes") == null) {
            return null;
        }
        List<?> modes = proc.list("proargmodes");
        List<?> types = proc.list("proallargtypes");
        List<?> names = proc.get("proargnames") == null ? List.of() : proc.list("proargnames");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < modes.size(); i++) {
            if (!String.valueOf(modes.get(i)).equals("t")) {
                continue;
            }
            b.append(b.isEmpty() ? "TABLE(" : ", ");
            b.append(Keywords.quoteIdentifier(String.valueOf(names.get(i)))).append(' ')
                    .append(typeName.apply((int) ((Number) types.get(i)).longValue()));
        }
        return b.isEmpty() ? null : b.append(')').toString();
    }

    /** pg_get_functiondef: null for an OID that is no user-defined function. */
    public static String definition(RelationCache cache, long oid, String arguments, String result) {
        CatalogRow proc = cache.tables().first(CatalogDefinitions.PG_PROC, r -> r.oid("oid") == (int) oid);
        if (proc == null || Integer.toUnsignedLong(proc.oid("oid")) < FunctionDefinition.FIRST_USER_OID) {
            return null;
        }
        boolean procedure = proc.character("prokind") == 'p';
        StringBuilder b = new StringBuilder(procedure ? "CREATE OR REPLACE PROCEDURE " : "CREATE OR REPLACE FUNCTION ");
        b.append(Keywords.quoteIdentifier(cache.namespaceName(proc.oid("pronamespace")))).append('.')
                .append(Keywords.quoteIdentifier(proc.text("proname"))).append('(').append(arguments).append(")\n");
        if (!procedure) {
            b.append(" RETURNS ").append(result).append('\n');
        }
        b.append(" LANGUAGE ").append(proc.oid("prolang") == FunctionDefinition.SQL_LANGUAGE ? "sql" : "plpgsql")
                .append('\n');
        // ruleutils puts the options on one line, ended only if there was one
        int options = b.length();
        switch (proc.character("provolatile")) {
            case 'i' -> b.append(" IMMUTABLE");
            case 's' -> b.append(" STABLE");
            default -> {
            }
        }
        switch (proc.character("proparallel")) {
            case 's' -> b.append(" PARALLEL SAFE");
            case 'r' -> b.append(" PARALLEL RESTRICTED");
            default -> {
            }
        }
        if (proc.bool("proisstrict")) {
            b.append(" STRICT");
        }
        if (proc.bool("prosecdef")) {
            b.append(" SECURITY DEFINER");
        }
        if (proc.bool("proleakproof")) {
            b.append(" LEAKPROOF");
        }
        float cost = ((Number) proc.get("procost")).floatValue();
        if (cost != (proc.oid("prolang") == FunctionDefinition.C_LANGUAGE ? 1 : 100)) {
            b.append(" COST ").append(number(cost));
        }
        float rows = ((Number) proc.get("prorows")).floatValue();
        if (rows > 0 && rows != 1000) {
            b.append(" ROWS ").append(number(rows));
        }
        if (b.length() > options) {
            b.append('\n');
        }
        if (proc.get("proconfig") != null) {
            for (Object item : proc.list("proconfig")) {
                b.append(setLine(String.valueOf(item))).append('\n');
            }
        }
        String body = proc.text("prosrc");
        String delimiter = procedure ? "$procedure$" : "$function$";
        while (body.contains(delimiter)) {
            delimiter = "$" + delimiter.substring(1, delimiter.length() - 1) + "x$";
        }
        b.append("AS ").append(delimiter).append(body).append(delimiter).append('\n');
        return b.toString();
    }

    /** %g of a whole or fractional number, as ruleutils prints COST and ROWS. */
    private static String number(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v) : Float.toString(v);
    }

    /**
     * One proconfig item as pg_get_functiondef prints it: {@code SET name TO 'value'}, a list parameter's
     * items (search_path) each quoted on its own.
     */
    static String setLine(String item) {
        int eq = item.indexOf('=');
        String name = item.substring(0, eq);
        String value = item.substring(eq + 1);
        StringBuilder b = new StringBuilder(" SET ").append(Keywords.quoteIdentifier(name)).append(" TO ");
        if (!org.tusk.sql.settings.SessionSettings.isList(name)) {
            return b.append(literal(value)).toString();
        }
        List<String> parts = RelationCache.splitPath(value);
        return b.append(String.join(", ", parts.stream().map(FunctionSource::literal).toList())).toString();
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
