package org.tusk.sql.plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.tusk.protocol.Interval;
import org.tusk.spi.SqlException;
import org.tusk.sql.exec.FunctionScan;
import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.IntervalMath;
import org.tusk.sql.types.SqlType;

/**
 * The set-returning functions usable in FROM and in a select list: generate_series, unnest and
 * pg_partition_ancestors (which psql's {@code \d TABLE} calls: a partition and the tables above it, none for a
 * relation that is neither a partition nor partitioned).
 */
public final class SetReturningFunctions {

    /**
     * pg_partition_ancestors: the relation itself and the partitioned tables above it, nearest first; nothing
     * for a relation that is neither a partition nor partitioned.
     */
    private static List<Object> ancestors(Object relid, org.tusk.sql.eval.EvalContext c) {
        if (relid == null || c.db() == null) {
            return List.of();
        }
        org.tusk.sql.schema.Catalog catalog = c.db().catalog();
        int oid = (int) ((Number) relid).longValue();
        if (catalog.partitionParent(oid) == 0 && catalog.partitionKey(oid) == null) {
            return List.of();
        }
        List<Object> out = new java.util.ArrayList<>();
        for (int r = oid; r != 0; r = catalog.partitionParent(r)) {
            out.add(relid instanceof Integer ? (Object) r : (Object) Integer.toUnsignedLong(r));
        }
        return out;
    }

    /** A chosen function: its generator, result type and the types its arguments are converted to. */
    record Resolved(FunctionScan.Generator generator, SqlType result, List<SqlType> argTypes, String column,
            List<String> columns, List<SqlType> columnTypes) {

        Resolved(FunctionScan.Generator generator, SqlType result, List<SqlType> argTypes) {
            this(generator, result, argTypes, null, null, null);
        }

        Resolved(FunctionScan.Generator generator, SqlType result, List<SqlType> argTypes, String column) {
            this(generator, result, argTypes, column, null, null);
        }
    }

    private SetReturningFunctions() {
    }

    public static boolean isSetReturning(String name) {
        return name.equals("generate_series") || name.equals("unnest") || name.equals("pg_partition_ancestors")
                || name.equals("pg_prepared_statement") || name.equals("pg_cursor") || name.equals(ActivityFunction.NAME)
                || name.equals(LockStatusFunction.NAME)
                || name.equals("pg_show_all_settings") || name.equals("pg_options_to_table")
                || name.equals("regexp_matches") || name.equals("regexp_split_to_table") || name.equals("pg_get_keywords")
                || org.tusk.sql.json.JsonSetFunctions.handles(name)
                || org.tusk.sql.json.JsonPathFunctions.isSetReturning(name)
                || org.tusk.sql.extension.AvailableExtensions.handles(name);
    }

    /** Null when no variant fits the argument types. */
    static Resolved resolve(String name, List<SqlType> types) {
        if (org.tusk.sql.json.JsonPathFunctions.isSetReturning(name)) {
            // jsonb_path_query(target, path [, vars [, silent]]): one jsonb per item the path yields.
            for (List<SqlType> args : org.tusk.sql.json.JsonPathFunctions.signatures()) {
                if (types.size() == args.size() && java.util.stream.IntStream.range(0, args.size()).allMatch(
                        i -> org.tusk.sql.types.Casts.canCoerceImplicitly(types.get(i), args.get(i)))) {
                    return new Resolved((a, c) -> org.tusk.sql.json.JsonPathFunctions.query(a), SqlType.JSONB, args,
                            null);
                }
            }
            return null;
        }
        if (org.tusk.sql.json.JsonSetFunctions.handles(name)) {
            org.tusk.sql.json.JsonSetFunctions.Resolved r = org.tusk.sql.json.JsonSetFunctions.resolve(name, types);
            return r == null ? null : new Resolved(r.generator(), r.result(), r.argTypes(), r.column(), r.columns(),
                    r.columnTypes());
        }
        if (name.equals("pg_prepared_statement")) {
            // The function behind the pg_prepared_statements view: the session's statements, one row each.
            if (!types.isEmpty()) {
                return null;
            }
            return new Resolved((a, c) -> c.preparedStatements().stream().map(r -> (Object) r).iterator(), null,
                    List.of(), null, List.of("name", "statement", "prepare_time", "parameter_types", "from_sql",
                            "generic_plans", "custom_plans"),
                    List.of(SqlType.TEXT, SqlType.TEXT, SqlType.TIMESTAMPTZ, SqlType.REGTYPE_ARRAY, SqlType.BOOL,
                            SqlType.INT8, SqlType.INT8));
        }
        if (name.equals("pg_get_keywords")) {
            // The parser's keywords with their categories, as psql's and tools' syntax highlighting read them.
            if (!types.isEmpty()) {
                return null;
            }
            return new Resolved((a, c) -> org.tusk.sql.lexer.Keywords.all().stream().map(w -> (Object) keywordRow(w))
                    .iterator(), null, List.of(), null, List.of("word", "catcode", "barelabel", "catdesc", "baredesc"),
                    List.of(SqlType.TEXT, SqlType.TEXT, SqlType.BOOL, SqlType.TEXT, SqlType.TEXT));
        }
        if (name.equals("pg_cursor")) {
            // The function behind the pg_cursors view: the session's open cursors, one row each.
            if (!types.isEmpty()) {
                return null;
            }
            return new Resolved((a, c) -> c.cursorRows().stream().map(r -> (Object) r).iterator(), null,
                    List.of(), null, List.of("name", "statement", "is_holdable", "is_binary", "is_scrollable",
                            "creation_time"),
                    List.of(SqlType.TEXT, SqlType.TEXT, SqlType.BOOL, SqlType.BOOL, SqlType.BOOL,
                            SqlType.TIMESTAMPTZ));
        }
        if (org.tusk.sql.extension.AvailableExtensions.handles(name)) {
            // The functions behind pg_available_extensions and pg_available_extension_versions.
            if (!types.isEmpty()) {
                return null;
            }
            boolean versions = name.equals(org.tusk.sql.extension.AvailableExtensions.VERSIONS);
            return new Resolved((a, c) -> org.tusk.sql.extension.AvailableExtensions.rows(name).iterator(), null,
                    List.of(), null, versions ? org.tusk.sql.extension.AvailableExtensions.VERSION_COLUMNS
                            : org.tusk.sql.extension.AvailableExtensions.EXTENSION_COLUMNS,
                    versions ? org.tusk.sql.extension.AvailableExtensions.VERSION_TYPES
                            : org.tusk.sql.extension.AvailableExtensions.EXTENSION_TYPES);
        }
        if (name.equals("pg_show_all_settings")) {
            // The function behind the pg_settings view: the session's parameters, one row each.
            if (!types.isEmpty()) {
                return null;
            }
            List<SqlType> columnTypes = new java.util.ArrayList<>(java.util.Collections.nCopies(17, SqlType.TEXT));
            columnTypes.set(11, SqlType.TEXT_ARRAY);
            columnTypes.set(15, SqlType.INT4);
            columnTypes.set(16, SqlType.BOOL);
            return new Resolved((a, c) -> c.settingRows().stream().map(r -> (Object) r).iterator(), null, List.of(),
                    null, org.tusk.sql.settings.SettingsView.COLUMNS, columnTypes);
        }
        if (name.equals(LockStatusFunction.NAME)) {
            // pg_lock_status(): every lock held or awaited in the cluster, from the shared lock table.
            if (!types.isEmpty()) {
                return null;
            }
            return new Resolved((a, c) -> LockStatusFunction.rows(c).stream().map(r -> (Object) r).iterator(), null,
                    List.of(), null, LockStatusFunction.COLUMNS, LockStatusFunction.TYPES);
        }
        if (name.equals(ActivityFunction.NAME)) {
            // pg_stat_get_activity(pid): every backend's status row (NULL: all of them), from shared memory.
            if (types.size() != 1 || !org.tusk.sql.types.Casts.canCoerceImplicitly(types.getFirst(), SqlType.INT4)) {
                return null;
            }
            return new Resolved((a, c) -> ActivityFunction.rows(a, c).stream().map(r -> (Object) r).iterator(), null,
                    List.of(SqlType.INT4), null, ActivityFunction.COLUMNS, ActivityFunction.TYPES);
        }
        if (name.equals("pg_options_to_table")) {
            // pg_options_to_table(text[]): a reloptions-style array of name=value items as (name, value) rows,
            // split at the first '=' (a value may hold more); pg_dump reads attribute and FDW options with it.
            if (types.size() != 1 || !org.tusk.sql.types.Casts.canCoerceImplicitly(types.getFirst(),
                    SqlType.TEXT_ARRAY)) {
                return null;
            }
            return new Resolved((a, c) -> a[0] == null ? java.util.Collections.emptyIterator()
                    : ((ArrayValue) a[0]).elements().stream().filter(java.util.Objects::nonNull).map(e -> {
                        String item = e.toString();
                        int eq = item.indexOf('=');
                        return (Object) (eq < 0 ? new Object[] {item, null}
                                : new Object[] {item.substring(0, eq), item.substring(eq + 1)});
                    }).iterator(), null, List.of(SqlType.TEXT_ARRAY), null, List.of("option_name", "option_value"),
                    List.of(SqlType.TEXT, SqlType.TEXT));
        }
        if (name.equals("regexp_matches") || name.equals("regexp_split_to_table")) {
            // (string, pattern [, flags]): all text; a NULL argument gives no rows, as a strict SRF.
            if (types.size() < 2 || types.size() > 3 || !types.stream().allMatch(
                    t -> org.tusk.sql.types.Casts.canCoerceImplicitly(t, SqlType.TEXT))) {
                return null;
            }
            boolean matches = name.equals("regexp_matches");
            return new Resolved((a, c) -> {
                for (Object v : a) {
                    if (v == null) {
                        return java.util.Collections.emptyIterator();
                    }
                }
                String flags = a.length > 2 ? (String) a[2] : "";
                return (matches ? org.tusk.sql.eval.RegexFunctions.matches((String) a[0], (String) a[1], flags)
                        : org.tusk.sql.eval.RegexFunctions.splitToTable((String) a[0], (String) a[1], flags)).iterator();
            }, matches ? SqlType.TEXT_ARRAY : SqlType.TEXT, java.util.Collections.nCopies(types.size(), SqlType.TEXT));
        }
        if (name.equals("pg_partition_ancestors")) {
            // pg_partition_ancestors(partitionid regclass, OUT relid regclass): the name's lookup (regclass input)
            // still fails for a missing relation; an existing one has no partition tree here.
            if (types.size() != 1 || !org.tusk.sql.types.Casts.canCoerceImplicitly(types.getFirst(),
                    SqlType.REGCLASS)) {
                return null;
            }
            return new Resolved((a, c) -> ancestors(a[0], c).iterator(), SqlType.REGCLASS,
                    List.of(SqlType.REGCLASS), "relid");
        }
        if (name.equals("unnest")) {
            if (types.size() != 1 || !types.getFirst().isArray()) {
                return null;
            }
            return new Resolved((a, c) -> a[0] == null ? List.of().iterator()
                    : ((ArrayValue) a[0]).elements().iterator(), types.getFirst().elementType(), types);
        }
        if (types.size() < 2 || types.size() > 3) {
            return null;
        }
        SqlType t = widest(types.subList(0, 2));
        if (t == SqlType.INT4 || t == SqlType.INT8) {
            if (types.size() == 3 && widest(List.of(t, types.get(2))) != t) {
                t = widest(List.of(t, types.get(2)));
            }
        }
        if (t == SqlType.INT4 || t == SqlType.INT8) {
            boolean int4 = t == SqlType.INT4;
            return new Resolved((a, c) -> {
                if (a[0] == null || a[1] == null || (a.length > 2 && a[2] == null)) {
                    return List.of().iterator();
                }
                long start = ((Number) a[0]).longValue();
                long stop = ((Number) a[1]).longValue();
                long step = a.length > 2 ? ((Number) a[2]).longValue() : 1;
                if (step == 0) {
                    throw new SqlException("22023", "step size cannot equal zero");
                }
                return new Iterator<>() {
                    long next = start;
                    boolean done = step > 0 ? start > stop : start < stop;

                    @Override
                    public boolean hasNext() {
                        return !done;
                    }

                    @Override
                    public Object next() {
                        if (done) {
                            throw new NoSuchElementException();
                        }
                        long v = next;
                        try {
                            next = Math.addExact(next, step);
                            done = step > 0 ? next > stop : next < stop;
                        } catch (ArithmeticException e) {
                            done = true;
                        }
                        return int4 ? (Object) (int) v : (Object) v;
                    }
                };
            }, t, types.size() == 3 ? List.of(t, t, t) : List.of(t, t));
        }
        if (t == SqlType.NUMERIC) {
            return new Resolved((a, c) -> {
                if (a[0] == null || a[1] == null || (a.length > 2 && a[2] == null)) {
                    return List.of().iterator();
                }
                BigDecimal start = finiteSeriesBound(a[0], "start value");
                BigDecimal stop = finiteSeriesBound(a[1], "stop value");
                BigDecimal step = a.length > 2 ? finiteSeriesBound(a[2], "step size") : BigDecimal.ONE;
                if (step.signum() == 0) {
                    throw new SqlException("22023", "step size cannot equal zero");
                }
                return new Iterator<>() {
                    BigDecimal next = start;

                    @Override
                    public boolean hasNext() {
                        return step.signum() > 0 ? next.compareTo(stop) <= 0 : next.compareTo(stop) >= 0;
                    }

                    @Override
                    public Object next() {
                        BigDecimal v = next;
                        next = next.add(step);
                        return v;
                    }
                };
            }, t, types.size() == 3 ? List.of(t, t, t) : List.of(t, t));
        }
        if ((t == SqlType.TIMESTAMP || t == SqlType.TIMESTAMPTZ) && types.size() == 3) {
            boolean tz = t == SqlType.TIMESTAMPTZ;
            return new Resolved((a, c) -> {
                if (a[0] == null || a[1] == null || a[2] == null) {
                    return List.of().iterator();
                }
                Interval step = (Interval) a[2];
                return new Iterator<>() {
                    Object next = a[0];
                    final int direction = IntervalMath.add(step, new Interval(0, 0, 0)).micros() >= 0
                            && step.days() >= 0 && step.months() >= 0 ? 1 : -1;

                    @Override
                    public boolean hasNext() {
                        int cmp = tz ? ((Instant) next).compareTo((Instant) a[1])
                                : ((LocalDateTime) next).compareTo((LocalDateTime) a[1]);
                        return direction > 0 ? cmp <= 0 : cmp >= 0;
                    }

                    @Override
                    public Object next() {
                        Object v = next;
                        next = tz ? IntervalMath.plus((Instant) next, step, c.timeZone())
                                : IntervalMath.plus((LocalDateTime) next, step);
                        return v;
                    }
                };
            }, t, List.of(t, t, SqlType.INTERVAL));
        }
        return null;
    }

    private static SqlType widest(List<SqlType> types) {
        SqlType w = null;
        for (SqlType t : types) {
            SqlType u = t == SqlType.INT2 || t == SqlType.UNKNOWN ? SqlType.INT4 : t;
            if (w == null) {
                w = u;
            } else if (w != u) {
                if (w == SqlType.NUMERIC || u == SqlType.NUMERIC) {
                    w = SqlType.NUMERIC;
                } else if ((w == SqlType.INT8 || u == SqlType.INT8) && (w.isInteger() && u.isInteger())) {
                    w = SqlType.INT8;
                } else if (w.isInteger() && u == SqlType.INTERVAL) {
                    // generate_series(int, int, interval) does not exist
                    return null;
                } else if ((w == SqlType.TIMESTAMPTZ || u == SqlType.TIMESTAMPTZ)) {
                    w = SqlType.TIMESTAMPTZ;
                } else if (w == SqlType.TIMESTAMP || u == SqlType.TIMESTAMP) {
                    w = SqlType.TIMESTAMP;
                } else {
                    return null;
                }
            }
        }
        return w;
    }

    /** generate_series_step_numeric: NaN and the infinities are refused, start, stop and step in that order. */
    private static BigDecimal finiteSeriesBound(Object v, String what) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        throw new SqlException("22023", what + " cannot be " + (v == org.tusk.sql.types.Numeric.NAN ? "NaN"
                : "infinity"));
    }

    /** One row of pg_get_keywords(): the word, its category's code and description, and its label rule. */
    private static Object[] keywordRow(String word) {
        org.tusk.sql.lexer.Keywords.Category c = org.tusk.sql.lexer.Keywords.category(word);
        boolean bare = org.tusk.sql.lexer.Keywords.isBareLabel(word);
        String code = switch (c) {
            case RESERVED -> "R";
            case TYPE_FUNC_NAME -> "T";
            case COL_NAME -> "C";
            default -> "U";
        };
        String description = switch (c) {
            case RESERVED -> "reserved";
            case TYPE_FUNC_NAME -> "reserved (can be function or type name)";
            case COL_NAME -> "unreserved (cannot be function or type name)";
            default -> "unreserved";
        };
        return new Object[] {word, code, bare, description, bare ? "can be bare label" : "requires AS"};
    }
}
