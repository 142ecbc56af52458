package org.tusk.sql.eval;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.types.ArraySubscripts;
import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.Casts;
import org.tusk.sql.types.SqlType;

/**
 * Parse analysis of {@code a[i]} and {@code a[lo:hi]} (PostgreSQL's transformContainerSubscripts and
 * array_subscript_transform): the subscripted expression must be an array, every subscript is
 * coerced to integer, and the result is the element type for a plain fetch or the array type when
 * any bracket is a slice (then the plain ones count as {@code [1:i]}, as in PostgreSQL).
 */
final class SubscriptAnalysis {

    private SubscriptAnalysis() {
    }

    static Expression analyze(Analyzer analyzer, Expr.Subscript s) {
        Expression arg = analyzer.transform(s.arg());
        if (arg.type() == SqlType.NAME && s.indexes().size() == 1 && !s.indexes().getFirst().slice()) {
            return nameByte(arg, integer(analyzer, s.indexes().getFirst().lower()));
        }
        if (!arg.type().isArray()) {
            throw SqlException.at("42804", "cannot subscript type " + arg.type().displayName()
                    + " because it does not support subscripting", Locations.leftmost(s.arg()));
        }
        boolean slice = s.indexes().stream().anyMatch(Expr.Subscript.Index::slice);
        List<Expression> lowers = new ArrayList<>();
        List<Expression> uppers = new ArrayList<>();
        for (Expr.Subscript.Index i : s.indexes()) {
            if (i.slice()) {
                lowers.add(integer(analyzer, i.lower()));
                uppers.add(integer(analyzer, i.upper()));
            } else if (slice) {
                // [i] among slices is [1:i], as in transformArraySubscripts.
                lowers.add(new Expression.Const(SqlType.INT4, -1, 1, -1));
                uppers.add(integer(analyzer, i.lower()));
            } else {
                lowers.add(integer(analyzer, i.lower()));
            }
        }
        // transformContainerType: a slice of int2vector or oidvector is an int2[] or oid[].
        SqlType type = !slice ? arg.type().elementType()
                : arg.type().isVector() ? arg.type().elementType().arrayType() : arg.type();
        // One call of a non-strict routine (a NULL subscript makes NULL, a NULL array too), so that
        // the planner's walkers see the array and subscript expressions as ordinary arguments.
        List<Expression> args = new ArrayList<>();
        args.add(arg);
        List<SqlType> types = new ArrayList<>();
        types.add(arg.type());
        for (int k = 0; k < lowers.size(); k++) {
            addIfPresent(lowers.get(k), args, types);
            if (slice) {
                addIfPresent(uppers.get(k), args, types);
            }
        }
        Routine r = new Routine(slice ? "array_slice" : "array_subscript", List.copyOf(types), type, false,
                slice ? sliceBody(lowers, uppers) : (a, ctx) -> fetch(a));
        if (arg.type() == SqlType.ENUM_ARRAY && arg.typmod() > 0) {
            // An element or slice of an enum array is of its enum, which the modifier names (types.EnumLabels).
            return new Expression.Cast(new Expression.Call(r, args), type, arg.typmod(), false);
        }
        return new Expression.Call(r, args);
    }

    /**
     * {@code name[i]}: name is a fixed array of NAMEDATALEN "char"s with lower bound 0
     * (raw_array_subscript_handler), so this is the i-th byte, NUL ("char" prints it as the empty string)
     * past the end of the name, NULL outside 0..63. pg_dump tests {@code typname[0] = '_'}.
     */
    private static Expression nameByte(Expression name, Expression index) {
        Routine r = new Routine("name_subscript", List.of(SqlType.NAME, SqlType.INT4), SqlType.TEXT, false,
                (a, ctx) -> {
                    if (a[0] == null || a[1] == null) {
                        return null;
                    }
                    int i = (Integer) a[1];
                    byte[] bytes = ((String) a[0]).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    if (i < 0 || i >= 64) {
                        return null;
                    }
                    return i < bytes.length ? String.valueOf((char) (bytes[i] & 0xff)) : "";
                });
        return new Expression.Call(r, List.of(name, index));
    }

    private static void addIfPresent(Expression e, List<Expression> args, List<SqlType> types) {
        if (e != null) {
            args.add(e);
            types.add(SqlType.INT4);
        }
    }

    private static Object fetch(Object[] a) {
        if (a[0] == null) {
            return null;
        }
        int[] at = new int[a.length - 1];
        for (int k = 0; k < at.length; k++) {
            if (a[k + 1] == null) {
                return null;
            }
            at[k] = (Integer) a[k + 1];
        }
        return ArraySubscripts.fetch((ArrayValue) a[0], at);
    }

    /** A slice's body: which bounds were written is known now, their values come as arguments. */
    private static Routine.Body sliceBody(List<Expression> lowers, List<Expression> uppers) {
        int n = lowers.size();
        boolean[] hasLower = new boolean[n];
        boolean[] hasUpper = new boolean[n];
        for (int k = 0; k < n; k++) {
            hasLower[k] = lowers.get(k) != null;
            hasUpper[k] = uppers.get(k) != null;
        }
        return (a, ctx) -> {
            if (a[0] == null) {
                return null;
            }
            Integer[] lo = new Integer[n];
            Integer[] hi = new Integer[n];
            int next = 1;
            for (int k = 0; k < n; k++) {
                if (hasLower[k] && (lo[k] = (Integer) a[next++]) == null
                        || hasUpper[k] && (hi[k] = (Integer) a[next++]) == null) {
                    return null;
                }
            }
            return ArraySubscripts.slice((ArrayValue) a[0], lo, hi);
        };
    }

    /**
     * {@code SET a[i][j] = v} (array_set_element): the array with that element replaced; the value is
     * converted to the element type by assignment rules. Slices cannot be assigned yet.
     */
    static Expression assign(Analyzer analyzer, Expr.ArrayAssign x) {
        Expr.Subscript s = x.target();
        Expression arg = analyzer.transform(s.arg());
        if (!arg.type().isArray() || arg.type().isVector()) {
            throw SqlException.at("42804", "cannot subscript type " + arg.type().displayName()
                    + " because it does not support subscripting", Locations.leftmost(s.arg()));
        }
        if (s.indexes().stream().anyMatch(Expr.Subscript.Index::slice)) {
            throw SqlException.at("0A000", "assigning to array slices is not supported yet", s.position());
        }
        SqlType element = arg.type().elementType();
        List<Expression> args = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        args.add(arg);
        types.add(arg.type());
        Expression value = analyzer.transform(x.value());
        Casts.Context c = Casts.context(value.type(), element);
        if (c == null || c == Casts.Context.EXPLICIT) {
            throw SqlException.at("42804", "subscripted assignment to \"" + org.tusk.sql.eval.ColumnNames.of(s.arg())
                    + "\" requires type " + element.displayName() + " but expression is of type "
                    + value.type().displayName(), Locations.leftmost(x.value()));
        }
        args.add(analyzer.coerce(value, element, -1, false));
        types.add(element);
        for (Expr.Subscript.Index i : s.indexes()) {
            args.add(integer(analyzer, i.lower()));
            types.add(SqlType.INT4);
        }
        Routine r = new Routine("array_set_element", List.copyOf(types), arg.type(), false, (a, ctx) -> {
            int[] at = new int[a.length - 2];
            for (int k = 0; k < at.length; k++) {
                if (a[k + 2] == null) {
                    throw new SqlException("22004", "array subscript in assignment must not be null");
                }
                at[k] = (Integer) a[k + 2];
            }
            return ArraySubscripts.assign((ArrayValue) a[0], at, a[1]);
        });
        return new Expression.Call(r, args);
    }

    /** A subscript as int4 (null for a bound left out), with PostgreSQL's error for other types. */
    private static Expression integer(Analyzer analyzer, Expr e) {
        if (e == null) {
            return null;
        }
        Expression x = analyzer.transform(e);
        if (x.type() == SqlType.INT4) {
            return x;
        }
        Casts.Context c = Casts.context(x.type(), SqlType.INT4);
        if (x.type() != SqlType.UNKNOWN && (c == null || c == Casts.Context.EXPLICIT)) {
            throw SqlException.at("42804", "array subscript must have type integer", Locations.leftmost(e));
        }
        return analyzer.coerce(x, SqlType.INT4, -1, false);
    }
}
