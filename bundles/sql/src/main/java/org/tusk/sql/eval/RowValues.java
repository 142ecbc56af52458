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
    record Field(int index) implements Routine.Body {
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
            case Expression.Const c when c.value() instanceof RecordValue r -> r.type();
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

    /** {@code ROW(a, b, ...)}: an anonymous record; literals of unknown type become text. */
    static Expression constructor(Analyzer a, Expr.RowConstructor row) {
        List<Expression> fields = new ArrayList<>();
        for (Expr f : row.fields()) {
            Expression x = a.transform(f);
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
        Routine r = new Routine(name, List.of(SqlType.RECORD), type.fieldTypes().get(i), true, new Field(i));
        return new Expression.Call(r, List.of(row));
    }

    /** {@code row IS [NOT] NULL} for a row that is not written as a constructor. */
    static Expression nullTest(Expression row, boolean negated) {
        Routine r = new Routine(negated ? "isnotnull" : "isnull", List.of(SqlType.RECORD), SqlType.BOOL, false,
                new NullTest(negated));
        return new Expression.Call(r, List.of(row));
    }
}
