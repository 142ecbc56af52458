package org.tusk.sql.eval;

import java.util.List;
import java.util.Set;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.TypeName;
import org.tusk.sql.catalog.EnumTypes;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.types.EnumLabels;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeCatalog;

/**
 * Parse analysis of enum-typed expressions: casts to an enum type, assignment to an enum column, and the
 * comparison operators. An enum expression is {@link SqlType#ENUM} with the enum's OID as its modifier
 * (types.EnumLabels), so what PostgreSQL decides from the two types' OIDs is decided here from the modifiers:
 * an unknown literal is read as the other side's enum, two different enums (or an enum and text) have no
 * operator (42883), and only text-like values cast to an enum.
 */
final class EnumValues {
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", ">", "<=", ">=");

    private EnumValues() {
    }

    /** The enum (array) type a cast names, with the enum's OID as modifier; null for a built-in or unknown name. */
    static TypeCatalog.Resolved target(Analyzer a, TypeName type) {
        if (type.names().size() > 2 || !(RowValues.catalog(a) instanceof RelationCache cache)) {
            return null;
        }
        try {
            TypeCatalog.resolve(type);
            return null;
        } catch (SqlException notBuiltin) {
            int oid = EnumTypes.of(cache).lookup(type.names());
            return oid == 0 ? null : new TypeCatalog.Resolved(type.array() ? SqlType.ENUM_ARRAY : SqlType.ENUM, oid);
        }
    }

    /** {@code x::mood}: text-like values through enum_in, the same enum as it is, anything else 42846. */
    static Expression cast(Analyzer a, Expr.TypeCast t, TypeCatalog.Resolved target) {
        Expression arg = a.transform(t.arg());
        if (target.type() == SqlType.ENUM_ARRAY && t.arg() instanceof Expr.ArrayConstructor c) {
            List<Expression> elements = new java.util.ArrayList<>();
            for (Expr e : c.elements()) {
                elements.add(castElement(a, a.transform(e), target.typmod(), Locations.leftmost(e)));
            }
            return new Expression.Cast(new Expression.ArrayExpr(SqlType.ENUM_ARRAY, elements), SqlType.ENUM_ARRAY,
                    target.typmod(), true);
        }
        if (!castable(arg, target.type(), target.typmod())) {
            int position = t.position() >= 0 ? t.position() : t.type().position();
            throw SqlException.at("42846", "cannot cast type " + name(arg) + " to "
                    + EnumLabels.displayName(target.type(), target.typmod()), position);
        }
        return a.coerce(arg, target.type(), target.typmod(), true);
    }

    private static Expression castElement(Analyzer a, Expression x, int enumOid, int position) {
        if (!castable(x, SqlType.ENUM, enumOid)) {
            throw SqlException.at("42846", "cannot cast type " + name(x) + " to " + EnumLabels.typeName(enumOid),
                    position);
        }
        return a.coerce(x, SqlType.ENUM, enumOid, true);
    }

    private static boolean castable(Expression x, SqlType type, int enumOid) {
        if (x.type() == type) {
            return x.typmod() == enumOid || x.typmod() <= 0;
        }
        SqlType from = type == SqlType.ENUM_ARRAY && x.type().isArray() ? x.type().elementType() : x.type();
        return from == SqlType.UNKNOWN || from.isString() || x.type() == SqlType.UNKNOWN;
    }

    /**
     * A value assigned to an enum column (INSERT, UPDATE, DEFAULT): unknown literals and untyped parameters are
     * read for the enum; anything else must be the enum already (42804).
     */
    static Expression assign(Analyzer a, Expression x, String column, SqlType type, int enumOid, int position) {
        boolean unknown = x.type() == SqlType.UNKNOWN
                || x instanceof Expression.Param p && (p.type() == SqlType.UNKNOWN || p.type() == SqlType.TEXT
                        || type == SqlType.ENUM_ARRAY && p.type() == SqlType.TEXT_ARRAY);
        boolean same = x.type() == type && (x.typmod() == enumOid || x.typmod() <= 0);
        if (!unknown && !same) {
            throw new SqlException(ErrorFields.of("ERROR", "42804", "column \"" + column + "\" is of type "
                    + EnumLabels.displayName(type, enumOid) + " but expression is of type " + name(x))
                    .hint("You will need to rewrite or cast the expression.").position(position).build());
        }
        try {
            return a.coerce(x, type, enumOid, false);
        } catch (SqlException e) {
            throw Analyzer.withPosition(e, position);
        }
    }

    /**
     * An operator with an enum operand, or null when neither operand is one. The comparisons pair an enum with
     * itself (an unknown literal or parameter becomes that enum); every other pairing is 42883, named as
     * PostgreSQL names it ({@code mood = character varying}).
     */
    static Expression operator(Analyzer a, String written, String name, Expression left, Expression right,
            int position) {
        boolean l = left.type() == SqlType.ENUM;
        boolean r = right.type() == SqlType.ENUM;
        if (!l && !r) {
            return null;
        }
        int enumOid = l ? left.typmod() : right.typmod();
        if (COMPARISONS.contains(name) && compatible(left, enumOid) && compatible(right, enumOid)) {
            Routine routine = Analyzer.operatorRoutine(name, SqlType.ENUM, SqlType.ENUM);
            return new Expression.Call(routine, List.of(a.coerce(left, SqlType.ENUM, enumOid, false),
                    a.coerce(right, SqlType.ENUM, enumOid, false)));
        }
        throw Analyzer.operatorError(null, name(left) + " " + written + " " + name(right), position);
    }

    /**
     * Whether {@code x} may stand for a value of the enum: the enum itself, an unknown literal, or a parameter
     * without a declared type. Such a parameter takes text (Parameters hold built-in types only), and a statement
     * is analyzed again when it is bound, so a text parameter is accepted as well: unlike PostgreSQL, one
     * declared text compares with an enum (a varchar one, pgjdbc's setString, is refused as there).
     */
    private static boolean compatible(Expression x, int enumOid) {
        if (x.type() == SqlType.ENUM) {
            return x.typmod() == enumOid || x.typmod() <= 0 || enumOid <= 0;
        }
        return x.type() == SqlType.UNKNOWN || x instanceof Expression.Param && x.type() == SqlType.TEXT;
    }

    /**
     * enum_first, enum_last, enum_range (enum.c): the labels of the argument's enum type (its value does not
     * matter, a typed NULL names the type), or of the range between two values, NULL meaning an open end.
     * Null when {@code name} is none of them or the arguments are no enums (resolution goes on, to 42883).
     */
    static Expression function(Analyzer a, String name, List<Expression> args, int position) {
        boolean one = args.size() == 1 && (name.equals("enum_first") || name.equals("enum_last")
                || name.equals("enum_range"));
        boolean two = args.size() == 2 && name.equals("enum_range");
        if (!one && !two) {
            return null;
        }
        int enumOid = 0;
        for (Expression x : args) {
            if (x.type() == SqlType.ENUM) {
                enumOid = x.typmod();
            } else if (x.type() != SqlType.UNKNOWN) {
                return null;
            }
        }
        if (enumOid <= 0) {
            return null;
        }
        for (Expression x : args) {
            if (!compatible(x, enumOid)) {
                return null;
            }
        }
        final int type = enumOid;
        if (one && !name.equals("enum_range")) {
            boolean first = name.equals("enum_first");
            Routine r = new Routine(name, List.of(SqlType.ENUM), SqlType.ENUM, false, (v, c) -> {
                List<org.tusk.sql.types.EnumValue> labels = EnumLabels.labels(type);
                return labels.isEmpty() ? null : first ? labels.getFirst() : labels.getLast();
            });
            return new Expression.Cast(new Expression.Call(r, List.of(args.getFirst())), SqlType.ENUM, type, false);
        }
        List<Expression> coerced = args.stream().map(x -> a.coerce(x, SqlType.ENUM, type, false)).toList();
        Routine r = new Routine(name, java.util.Collections.nCopies(args.size(), SqlType.ENUM), SqlType.ENUM_ARRAY,
                false, (v, c) -> range(type, v));
        return new Expression.Cast(new Expression.Call(r, coerced), SqlType.ENUM_ARRAY, type, false);
    }

    private static Object range(int type, Object[] bounds) {
        org.tusk.sql.types.EnumValue lower = bounds.length == 2 ? (org.tusk.sql.types.EnumValue) bounds[0] : null;
        org.tusk.sql.types.EnumValue upper = bounds.length == 2 ? (org.tusk.sql.types.EnumValue) bounds[1] : null;
        List<Object> out = new java.util.ArrayList<>();
        boolean in = lower == null;
        for (org.tusk.sql.types.EnumValue v : EnumLabels.labels(type)) {
            if (!in && v.equals(lower)) {
                in = true;
            }
            if (in) {
                out.add(v);
            }
            if (upper != null && v.equals(upper)) {
                break;
            }
        }
        // enum_range(a, b) with b before a is empty (the walk from a never meets b).
        if (lower != null && upper != null && lower.compareTo(upper) > 0) {
            out.clear();
        }
        return new org.tusk.sql.types.ArrayValue(1, out);
    }

    /**
     * The enum several expressions of CASE, COALESCE, ARRAY[...] ... share (their modifier), for
     * select_common_type: two different enums are 42804 {@code CASE types a and b cannot be matched}.
     */
    static int commonEnum(List<Expression> exprs, String construct, List<Expr> sources) {
        int found = -1;
        for (int i = 0; i < exprs.size(); i++) {
            Expression x = exprs.get(i);
            if (!EnumLabels.isEnum(x.type()) || x.typmod() <= 0) {
                continue;
            }
            if (found > 0 && x.typmod() != found) {
                throw SqlException.at("42804", construct + " types " + EnumLabels.typeName(found) + " and "
                        + name(x) + " cannot be matched", Locations.leftmost(sources.get(i)));
            }
            found = x.typmod();
        }
        return found;
    }

    /** An expression's type as messages name it: its enum's name for an enum. */
    static String name(Expression x) {
        return EnumLabels.typeName(x.type(), x.typmod());
    }
}
