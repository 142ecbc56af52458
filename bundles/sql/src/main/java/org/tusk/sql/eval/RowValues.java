package org.tusk.sql.eval;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.types.RecordValue;
import org.tusk.sql.types.RowType;
import org.tusk.sql.types.SqlType;

/**
 * Parse analysis of row values (parse_expr.c's transformRowExpr, ParseFuncOrColumn's field selection,
 * a whole-row Var): they become ordinary {@link Expression.Call}s whose routine bodies know the
 * {@link RowType} they produce, so that constant folding, plan rewriting and evaluation need nothing new,
 * and {@link #rowTypeOf} can tell the analyzer the fields of a {@code record} expression.
 */
public final class RowValues {

    private RowValues() {
    }

    /** A routine body that produces rows of a type known at analysis. */
    public interface RowTyped {
        RowType rowType();
    }

    /** ROW(...): the fields' values as a {@link RecordValue} of {@code rowType}. */
    public record Construct(RowType rowType) implements Routine.Body, RowTyped {
        @Override
        public Object apply(Object[] args, EvalContext ctx) {
            return new RecordValue(rowType, args);
        }
    }

    /** {@code (x).f}: field {@code index} of a row. */
    record Field(int index, RowType rowType) implements Routine.Body, RowTyped {
        @Override
        public Object apply(Object[] args, EvalContext ctx) {
            return ((RecordValue) args[0]).get(index);
        }
    }

    /** {@code x IS [NOT] NULL} on a row: every field NULL, or none (a NULL row is both all-NULL and not "none"). */
    record NullTest(boolean negated) implements Routine.Body {
        @Override
        public Object apply(Object[] args, EvalContext ctx) {
            RecordValue r = (RecordValue) args[0];
            if (r == null) {
                return !negated;
            }
            return negated ? r.noneNull() : r.allNull();
        }
    }

    /**
     * The row type {@code e} produces, or null if it is not a row of a type known at analysis (a
     * {@code record} column of a subquery, a parameter).
     */
    public static RowType rowTypeOf(Expression e) {
        if (e.type() != SqlType.RECORD) {
            return null;
        }
        return switch (e) {
            case Expression.Call c when c.routine().body() instanceof RowTyped t -> t.rowType();
            // An element of a composite-array column: the slot knows the element's type (tags[1]).
            case Expression.Call c when c.routine().name().equals("array_subscript")
                    && c.args().getFirst() instanceof Expression.Var v && v.type() == SqlType.RECORD_ARRAY ->
                    v.slot().rowType(v.index());
            case Expression.Const c when c.value() instanceof RecordValue r -> r.type();
            case Expression.Var v -> v.slot().rowType(v.index());
            case Expression.Param p -> p.parameters().rowType(p.number());
            default -> null;
        };
    }

    /** A row of these analyzed fields, of {@code type}. */
    public static Expression construct(List<Expression> fields, RowType type) {
        List<SqlType> types = new ArrayList<>();
        for (Expression f : fields) {
            types.add(f.type());
        }
        Routine r = new Routine("row", types, SqlType.RECORD, false, new Construct(type));
        return new Expression.Call(r, List.copyOf(fields));
    }

    /**
     * {@code ROW(a, b, ...)}: an anonymous record; literals of unknown type become text, a {@code t.*}
     * field is t's columns.
     */
    static Expression constructor(Analyzer a, Expr.RowConstructor row) {
        List<Expression> fields = new ArrayList<>();
        for (Expr f : row.fields()) {
            Expression x = a.transform(f);
            if (f instanceof Expr.ColumnRef c && c.names().getLast().equals("*") && x instanceof Expression.Call call
                    && call.routine().body() instanceof Construct) {
                fields.addAll(call.args()); // ROW(t.*, ...): t.* stands for t's columns here
                continue;
            }
            fields.add(x.type() == SqlType.UNKNOWN ? a.coerceTo(x, SqlType.TEXT, -1) : x);
        }
        return construct(fields, RowType.anonymous(fields.stream().map(Expression::type).toList()));
    }

    /** {@code (x).field}; {@code (x).*} outside a select list is the row itself. */
    static Expression field(Analyzer a, Expr.FieldSelection s) {
        Expression row = a.transform(s.arg());
        if (s.field().equals("*")) {
            if (row.type() != SqlType.RECORD) {
                throw SqlException.at("42809", "type " + row.type().displayName() + " is not composite", s.position());
            }
            return row;
        }
        return field(row, s.field(), s.position());
    }

    /** Field {@code name} of the analyzed row {@code row}. */
    public static Expression field(Expression row, String name, int position) {
        if (row.type() != SqlType.RECORD) {
            throw SqlException.at("42809", "column notation ." + name + " applied to type "
                    + row.type().displayName() + ", which is not a composite type", position);
        }
        RowType type = rowTypeOf(row);
        int i = type == null ? -1 : type.indexOf(name);
        if (i < 0) {
            throw SqlException.at("42703", type == null || type.anonymous()
                    ? "could not identify column \"" + name + "\" in record data type"
                    : "column \"" + name + "\" not found in data type " + type.name(), position);
        }
        // A field of a row constructor is the field's own expression (as the planner simplifies it).
        if (row instanceof Expression.Call c && c.routine().body() instanceof Construct) {
            return c.args().get(i);
        }
        Routine r = new Routine(name, List.of(SqlType.RECORD), type.fieldTypes().get(i), true,
                new Field(i, type.fieldRowType(i)));
        return new Expression.Call(r, List.of(row));
    }

    /** {@code row IS [NOT] NULL} for a row that is not written as a constructor. */
    static Expression nullTest(Expression row, boolean negated) {
        Routine r = new Routine(negated ? "isnotnull" : "isnull", List.of(SqlType.RECORD), SqlType.BOOL, false,
                new NullTest(negated));
        return new Expression.Call(r, List.of(row));
    }

    /** The type OID RowDescription reports for {@code e}: a row's composite type, else its type's. */
    public static int typeOid(Expression e) {
        RowType t = rowTypeOf(e);
        return t == null ? org.tusk.sql.types.EnumLabels.typeOid(e.type(), e.typmod()) : t.typeOid();
    }

    /** The session's catalog as analysis sees it, null without storage. */
    static org.tusk.sql.schema.Catalog catalog(Analyzer a) {
        return a.typeContext() instanceof EvalContext ctx && ctx.db() != null ? ctx.db().catalog() : null;
    }

    /**
     * {@code x::name} where name is a composite type (a table's, a view's, CREATE TYPE's), else null: a
     * literal goes through record_in, a row constructor has its fields converted to the type's fields as
     * by assignment (coerce_record_to_complex), a row of the same field types is relabeled.
     */
    static Expression castToNamedType(Analyzer a, Expression arg, Expr.TypeCast cast) {
        if (cast.type().array() || builtinName(cast.type())) {
            return null;
        }
        RowType target = org.tusk.sql.catalog.CompositeTypes.lookup(catalog(a), cast.type().names());
        if (target == null) {
            return null;
        }
        int position = cast.position() >= 0 ? cast.position() : cast.type().position();
        if (arg instanceof Expression.Const c && c.type() == SqlType.UNKNOWN) {
            if (c.value() == null) {
                // A typed NULL keeps its row type (json_populate_record(null::t, ...) needs it).
                Routine r = new Routine(target.name(), List.of(), SqlType.RECORD, false, new TypedNull(target));
                return new Expression.Call(r, List.of());
            }
            Object v;
            try {
                v = c.value() == null ? null
                        : org.tusk.sql.types.RecordFormat.input((String) c.value(), target, a.typeContext());
            } catch (SqlException e) {
                if (c.position() < 0 || e.fields().get(org.tusk.protocol.ErrorFields.POSITION) != null) {
                    throw e;
                }
                throw new SqlException(e.fields().toBuilder().position(c.position()).build());
            }
            return new Expression.Const(SqlType.RECORD, -1, v, c.position());
        }
        if (arg.type() != SqlType.RECORD) {
            throw SqlException.at("42846", "cannot cast type " + arg.type().displayName() + " to " + target.name(),
                    position);
        }
        return toRowType(a, arg, target, position);
    }

    /** A row converted to composite type {@code target} (coerce_record_to_complex). */
    private static Expression toRowType(Analyzer a, Expression arg, RowType target, int position) {
        RowType source = rowTypeOf(arg);
        if (arg instanceof Expression.Call c && c.routine().body() instanceof Construct) {
            List<Expression> fields = c.args();
            if (fields.size() != target.size()) {
                throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "42846", "cannot cast type record to "
                        + target.name()).detail(fields.size() < target.size() ? "Input has too few columns."
                                : "Input has too many columns.").position(position).build());
            }
            List<Expression> converted = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                RowType nested = target.fieldRowType(i);
                Expression f = fields.get(i);
                boolean array = target.fieldTypes().get(i) == SqlType.RECORD_ARRAY;
                converted.add(nested != null && (f.type() == target.fieldTypes().get(i) || f.type() == SqlType.UNKNOWN)
                        ? assign(a, f, target.fieldNames().get(i), nested, array, position)
                        : a.coerceTo(f, target.fieldTypes().get(i), -1));
            }
            return construct(converted, target);
        }
        if (source != null && source.fieldTypes().equals(target.fieldTypes())) {
            Routine r = new Routine(target.name(), List.of(SqlType.RECORD), SqlType.RECORD, true, new Relabel(target));
            return new Expression.Call(r, List.of(arg));
        }
        throw SqlException.at("42846", "cannot cast type record to " + target.name(), position);
    }

    /**
     * A value assigned to a column of composite type {@code target} (or, with {@code array}, of an array of
     * it): a literal or an untyped parameter through record_in (array_in of record_in), a row through the
     * cast to the type, a value of the column's type as it is; anything else is 42804 as for any column.
     */
    static Expression assign(Analyzer a, Expression x, String column, RowType target, boolean array, int position) {
        SqlType type = array ? SqlType.RECORD_ARRAY : SqlType.RECORD;
        String typeName = target.name() + (array ? "[]" : "");
        boolean untyped = x.type() == SqlType.UNKNOWN
                || x instanceof Expression.Param p && (p.type() == SqlType.UNKNOWN || p.type() == SqlType.TEXT);
        if (untyped) {
            if (x instanceof Expression.Const c && c.value() == null) {
                return array ? new Expression.Const(SqlType.RECORD_ARRAY, -1, null, c.position())
                        : new Expression.Call(new Routine(target.name(), List.of(), SqlType.RECORD, false,
                                new TypedNull(target)), List.of());
            }
            Expression.Call input = new Expression.Call(new Routine(typeName, List.of(x.type()), type, true,
                    new Input(target, array)), List.of(x));
            if (x instanceof Expression.Const c) {
                try {
                    return new Expression.Const(type, -1, input.routine().body().apply(new Object[] {c.value()},
                            (EvalContext) a.typeContext()), c.position());
                } catch (SqlException e) {
                    if (e.fields().get(org.tusk.protocol.ErrorFields.POSITION) != null) {
                        throw e;
                    }
                    throw new SqlException(e.fields().toBuilder().position(position).build());
                }
            }
            return input;
        }
        if (!array && x.type() == SqlType.RECORD) {
            RowType source = rowTypeOf(x);
            if (source != null && source.equals(target)) {
                return x;
            }
            return toRowType(a, x, target, position);
        }
        if (array && x.type() == SqlType.RECORD_ARRAY && !(x instanceof Expression.ArrayExpr e
                && e.elements().stream().anyMatch(RowValues::anonymousRow))) {
            return x;
        }
        throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "42804", "column \"" + column
                + "\" is of type " + typeName + " but expression is of type " + x.type().displayName())
                .hint("You will need to rewrite or cast the expression.").position(position).build());
    }

    /**
     * {@code SET col.field = value}: the column's row with the field replaced, the value converted to the
     * field's type by assignment (transformAssignmentIndirection). A NULL row becomes a row of NULLs but that
     * field, as in PostgreSQL.
     */
    static Expression assignField(Analyzer a, Expr.FieldAssign f) {
        Expression row = a.transform(f.column());
        String column = f.column().names().getLast();
        if (row.type() != SqlType.RECORD) {
            throw SqlException.at("42809", "cannot assign to field \"" + f.field() + "\" of column \"" + column
                    + "\" because its type " + row.type().displayName() + " is not a composite type", f.position());
        }
        RowType type = rowTypeOf(row);
        int i = type == null ? -1 : type.indexOf(f.field());
        if (i < 0) {
            throw SqlException.at("42703", "cannot assign to field \"" + f.field() + "\" of column \"" + column
                    + "\" because there is no such column in data type "
                    + (type == null || type.anonymous() ? "record" : type.name()), f.position());
        }
        Expression value = a.coerceToColumn(a.transform(f.value()), f.field(), type.fieldTypes().get(i), -1,
                Analyzer.leftmost(f.value()));
        Routine r = new Routine(type.name(), List.of(SqlType.RECORD, value.type()), SqlType.RECORD, false,
                new FieldStore(type, i));
        return new Expression.Call(r, List.of(row, value));
    }

    /** A row with field {@code index} replaced by a value. */
    record FieldStore(RowType rowType, int index) implements Routine.Body, RowTyped {
        @Override
        public Object apply(Object[] args, EvalContext ctx) {
            Object[] values = args[0] == null ? new Object[rowType.size()] : ((RecordValue) args[0]).values();
            values[index] = args[1];
            return new RecordValue(rowType, values);
        }
    }

    /** Whether {@code e} is a row of no composite type known at analysis (ARRAY[ROW(...)] is record[]). */
    private static boolean anonymousRow(Expression e) {
        RowType t = rowTypeOf(e);
        return t == null || t.anonymous();
    }

    /** record_in (or array_in of it) of a text value, for a composite type known at analysis. */
    record Input(RowType rowType, boolean array) implements Routine.Body, RowTyped {
        @Override
        public Object apply(Object[] args, EvalContext ctx) {
            return input((String) args[0], rowType, array, ctx);
        }

        @Override
        public RowType rowType() {
            return array ? null : rowType;
        }
    }

    /** The value of a column of composite type {@code rowType} (an array of it with {@code array}) that text is. */
    public static Object input(String text, RowType rowType, boolean array, org.tusk.sql.types.TypeContext ctx) {
        return array ? org.tusk.sql.types.RecordFormat.inputArray(text, rowType, ctx)
                : org.tusk.sql.types.RecordFormat.input(text, rowType, ctx);
    }

    /** A NULL of a composite type. */
    record TypedNull(RowType rowType) implements Routine.Body, RowTyped {
        @Override
        public Object apply(Object[] args, EvalContext ctx) {
            return null;
        }
    }

    /** The same fields as a row of another (field-compatible) type. */
    record Relabel(RowType rowType) implements Routine.Body, RowTyped {
        @Override
        public Object apply(Object[] args, EvalContext ctx) {
            return new RecordValue(rowType, ((RecordValue) args[0]).values());
        }
    }

    /** Whether the name is one of the built-in types' (which a table of that name does not hide). */
    private static boolean builtinName(org.tusk.sql.ast.TypeName name) {
        try {
            org.tusk.sql.types.TypeCatalog.resolve(name);
            return true;
        } catch (SqlException e) {
            return false;
        }
    }

    /** {@code (x).*} in a select list: the fields of the row, as (name, expression) pairs. */
    public static List<java.util.Map.Entry<String, Expression>> expand(Analyzer a, Expr.FieldSelection s) {
        Expression row = a.transform(s.arg());
        if (row.type() != SqlType.RECORD) {
            throw SqlException.at("42809", "type " + row.type().displayName() + " is not composite", s.position());
        }
        RowType type = rowTypeOf(row);
        if (type == null) {
            throw SqlException.at("42809", "record type has not been registered", s.position());
        }
        List<java.util.Map.Entry<String, Expression>> out = new ArrayList<>();
        for (String name : type.fieldNames()) {
            out.add(java.util.Map.entry(name, field(row, name, s.position())));
        }
        return out;
    }
}
