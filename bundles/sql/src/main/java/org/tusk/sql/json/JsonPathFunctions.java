package org.tusk.sql.json;

import static org.tusk.sql.types.SqlType.BOOL;
import static org.tusk.sql.types.SqlType.JSONB;
import static org.tusk.sql.types.SqlType.JSONPATH;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.eval.Routine;
import org.tusk.sql.types.SqlType;

/**
 * The SQL/JSON path functions and operators over jsonb: jsonb_path_exists, jsonb_path_match,
 * jsonb_path_query (set-returning), jsonb_path_query_array, jsonb_path_query_first, their _tz twins
 * (the same here: the datetime() method they differ in is not built), and {@code @?} / {@code @@}, which
 * are the first two with {@code silent} on. {@code vars} defaults to no variables, {@code silent} to false.
 */
public final class JsonPathFunctions {
    private static final String[] SUFFIXES = {"", "_tz"};
    private static final List<String> PARAMETER_NAMES = List.of("target", "path", "vars", "silent");

    private JsonPathFunctions() {
    }

    /** jsonb_path_query and jsonb_path_query_tz, the set-returning ones. */
    public static boolean isSetReturning(String name) {
        return name.equals("jsonb_path_query") || name.equals("jsonb_path_query_tz");
    }

    /** The argument lists of the path functions: target, path, and the optional vars and silent. */
    public static List<List<SqlType>> signatures() {
        return List.of(List.of(JSONB, JSONPATH), List.of(JSONB, JSONPATH, JSONB), List.of(JSONB, JSONPATH, JSONB, BOOL));
    }

    public static void registerOperators(JsonFunctions.Sink op) {
        op.add("@?", List.of(JSONB, JSONPATH), BOOL, (a, c) -> exists(a[0], a[1], null, true));
        op.add("@@", List.of(JSONB, JSONPATH), BOOL, (a, c) -> match(a[0], a[1], null, true));
    }

    public static void registerFunctions(JsonFunctions.Sink f) {
        for (String suffix : SUFFIXES) {
            for (List<SqlType> args : signatures()) {
                f.add("jsonb_path_exists" + suffix, args, BOOL, named(args, (a, c) -> exists(a[0], a[1], vars(a),
                        silent(a))));
                f.add("jsonb_path_match" + suffix, args, BOOL, named(args, (a, c) -> match(a[0], a[1], vars(a),
                        silent(a))));
                f.add("jsonb_path_query_array" + suffix, args, JSONB, named(args, (a, c) -> {
                    List<JsonValue> found = run(a[0], a[1], vars(a), silent(a));
                    return Jsonb.of(JsonValue.Arr.of(found == null ? List.of() : found));
                }));
                f.add("jsonb_path_query_first" + suffix, args, JSONB, named(args, (a, c) -> {
                    List<JsonValue> found = run(a[0], a[1], vars(a), silent(a));
                    return found == null || found.isEmpty() ? null : Jsonb.of(found.getFirst());
                }));
            }
        }
    }

    /** pg_proc's parameter names (target, path, vars, silent), so that calls may name them. */
    private static Routine.Body named(List<SqlType> args, Routine.Body body) {
        List<String> names = PARAMETER_NAMES.subList(0, args.size());
        return new Routine.Body() {
            @Override
            public Object apply(Object[] a, org.tusk.sql.eval.EvalContext ctx) {
                return body.apply(a, ctx);
            }

            @Override
            public List<String> argNames() {
                return names;
            }
        };
    }

    /** jsonb_path_query's rows: one jsonb per item found; none after an error silenced. */
    public static Iterator<Object> query(Object[] a) {
        if (a[0] == null || a[1] == null || a.length > 2 && a[2] == null || a.length > 3 && a[3] == null) {
            return java.util.Collections.emptyIterator();
        }
        List<JsonValue> found = run(a[0], a[1], vars(a), silent(a));
        List<Object> rows = new ArrayList<>();
        if (found != null) {
            for (JsonValue v : found) {
                rows.add(Jsonb.of(v));
            }
        }
        return rows.iterator();
    }

    private static Object vars(Object[] a) {
        return a.length > 2 ? a[2] : null;
    }

    private static boolean silent(Object[] a) {
        return a.length > 3 && (Boolean) a[3];
    }

    private static List<JsonValue> run(Object target, Object path, Object vars, boolean silent) {
        return JsonPathExecutor.execute(JsonPathParser.parse((String) path), ((Jsonb) target).root(),
                vars == null ? null : ((Jsonb) vars).root(), silent);
    }

    private static Object exists(Object target, Object path, Object vars, boolean silent) {
        List<JsonValue> found = run(target, path, vars, silent);
        return found == null ? null : !found.isEmpty();
    }

    /** jsonb_path_match: the path must yield one boolean (or null, which is SQL NULL). */
    private static Object match(Object target, Object path, Object vars, boolean silent) {
        List<JsonValue> found = run(target, path, vars, silent);
        if (found == null) {
            return null;
        }
        if (found.size() == 1) {
            if (found.getFirst() instanceof JsonValue.Bool b) {
                return b.value();
            }
            if (found.getFirst() instanceof JsonValue.Null) {
                return null;
            }
        }
        if (silent) {
            return null;
        }
        throw new SqlException("22038", "single boolean result is expected");
    }
}
