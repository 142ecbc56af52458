package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.Casts;
import org.tusk.sql.types.SqlType;

/**
 * The elements of a {@code x op ANY|ALL (array)}'s array as the planner can see them (scalararraysel's
 * two known cases): a constant array (a literal, possibly converted) gives one constant per element,
 * converted to the operator's right type; an {@code ARRAY[...]} gives its element expressions. Any
 * other array (a parameter, a column, a function's result) is known only when the scan runs.
 */
final class ScalarArrayElements {

    /** How many elements scalararraysel assumes for an array it cannot see. */
    static final int UNKNOWN_ELEMENTS = 10;

    private ScalarArrayElements() {
    }

    /** The elements, each of the operator's right type, or null when the array is not known now. */
    static List<Expression> known(Expression.ScalarArrayOp a) {
        SqlType element = a.array().type().elementType();
        if (a.array() instanceof Expression.ArrayExpr arr) {
            if (!arr.elements().isEmpty() && arr.elements().getFirst().type() == arr.type()) {
                return null; // ARRAY[ARRAY[..], ..]: nested, not worth seeing through
            }
            List<Expression> out = new ArrayList<>();
            for (Expression e : arr.elements()) {
                out.add(element == a.compareType() ? e : new Expression.Cast(e, a.compareType(), -1, false));
            }
            return out;
        }
        Object value = ColumnComparison.constant(a.array());
        if (!(value instanceof ArrayValue av)) {
            return null;
        }
        List<Expression> out = new ArrayList<>();
        for (Object e : av.elements()) {
            Object v = e;
            if (e != null && element != a.compareType()) {
                try {
                    v = Casts.convert(e, element, a.compareType(), -1, false, null);
                } catch (RuntimeException ex) {
                    return null; // a conversion that needs the session: estimated as unknown
                }
            }
            out.add(new Expression.Const(a.compareType(), -1, v, -1));
        }
        return out;
    }

    /** Whether {@code array} is a constant NULL (possibly converted). */
    static boolean isNullConstant(Expression array) {
        return ColumnComparison.constant(array) == null;
    }
}
