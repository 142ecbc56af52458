package org.tusk.sql.eval;

import java.util.List;

import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.Casts;
import org.tusk.sql.types.SqlType;

/**
 * Resolution of PostgreSQL's polymorphic array operators, which the type-per-signature operator table
 * cannot hold: the comparisons, {@code @>}, {@code <@} and {@code &&} take two arrays of one type
 * (anyarray: an unknown literal on one side becomes the other side's type, two different array types
 * find no operator), and {@code ||} concatenates arrays and elements of compatible types
 * (anycompatiblearray: array_cat, array_append, array_prepend; an unknown literal beside an array is
 * read as an array, so {@code ARRAY['a'] || 'b'} is a malformed array literal as in PostgreSQL).
 */
final class ArrayOperators {
    private static final List<String> BINARY = List.of("=", "<>", "<", ">", "<=", ">=", "@>", "<@", "&&");

    private ArrayOperators() {
    }

    private static boolean isArray(SqlType t) {
        return t.isArray() && !t.isVector();
    }

    /** The array operator {@code name} on these operands, or null if it is not one (then normal resolution runs). */
    static Expression resolve(Analyzer analyzer, String name, Expression left, Expression right) {
        if (!isArray(left.type()) && !isArray(right.type())) {
            return null;
        }
        if (name.equals("||")) {
            return concatenation(analyzer, left, right);
        }
        if (!BINARY.contains(name)) {
            return null;
        }
        SqlType type = isArray(left.type()) ? left.type() : right.type();
        Expression l = left.type() == SqlType.UNKNOWN ? analyzer.coerce(left, type, -1, false) : left;
        Expression r = right.type() == SqlType.UNKNOWN ? analyzer.coerce(right, type, -1, false) : right;
        if (l.type() != type || r.type() != type) {
            return null;
        }
        SqlType element = type.elementType();
        Routine routine = new Routine(name, List.of(type, type), SqlType.BOOL, true, (a, c) -> {
            ArrayValue x = (ArrayValue) a[0];
            ArrayValue y = (ArrayValue) a[1];
            return switch (name) {
                case "@>" -> ArrayOperations.contains(x, y, element, true);
                case "<@" -> ArrayOperations.contains(y, x, element, true);
                case "&&" -> ArrayOperations.contains(x, y, element, false);
                default -> {
                    int cmp = ArrayOperations.compare(x, y, element);
                    yield switch (name) {
                        case "=" -> cmp == 0;
                        case "<>" -> cmp != 0;
                        case "<" -> cmp < 0;
                        case ">" -> cmp > 0;
                        case "<=" -> cmp <= 0;
                        default -> cmp >= 0;
                    };
                }
            };
        });
        return new Expression.Call(routine, List.of(l, r));
    }

    private static Expression concatenation(Analyzer analyzer, Expression left, Expression right) {
        SqlType lt = left.type();
        SqlType rt = right.type();
        if (isArray(lt) && (isArray(rt) || rt == SqlType.UNKNOWN)) {
            SqlType type = rt == SqlType.UNKNOWN ? lt : common(lt, rt);
            if (type == null) {
                return null;
            }
            return call("array_cat", type, type, type, analyzer.coerce(left, type, -1, false),
                    analyzer.coerce(right, type, -1, false), (a, c) -> ArrayOperations.cat((ArrayValue) a[0],
                            (ArrayValue) a[1]));
        }
        if (lt == SqlType.UNKNOWN && isArray(rt)) {
            return call("array_cat", rt, rt, rt, analyzer.coerce(left, rt, -1, false), right,
                    (a, c) -> ArrayOperations.cat((ArrayValue) a[0], (ArrayValue) a[1]));
        }
        if (isArray(lt)) {
            SqlType element = common(lt.elementType(), rt);
            if (element == null || element.arrayType() == null) {
                return null;
            }
            SqlType type = element.arrayType();
            return call("array_append", type, element, type, analyzer.coerce(left, type, -1, false),
                    analyzer.coerce(right, element, -1, false),
                    (a, c) -> ArrayOperations.append((ArrayValue) a[0], a[1]));
        }
        SqlType element = common(lt, rt.elementType());
        if (element == null || element.arrayType() == null) {
            return null;
        }
        SqlType type = element.arrayType();
        return call("array_prepend", element, type, type, analyzer.coerce(left, element, -1, false),
                analyzer.coerce(right, type, -1, false), (a, c) -> ArrayOperations.prepend(a[0], (ArrayValue) a[1]));
    }

    /** anycompatible's common type of two known types: the one the other converts to implicitly. */
    private static SqlType common(SqlType a, SqlType b) {
        if (a == b || b == SqlType.UNKNOWN) {
            return a;
        }
        if (a == SqlType.UNKNOWN) {
            return b;
        }
        if (a.category() != b.category()) {
            return null;
        }
        boolean ab = Casts.canCoerceImplicitly(a, b);
        boolean ba = Casts.canCoerceImplicitly(b, a);
        if (ab && (!ba || b.preferred())) {
            return b;
        }
        return ba ? a : null;
    }

    /** A non-strict call: the array functions behind || give something for NULL inputs. */
    private static Expression call(String name, SqlType l, SqlType r, SqlType result, Expression left,
            Expression right, Routine.Body body) {
        return new Expression.Call(new Routine(name, List.of(l, r), result, false, body), List.of(left, right));
    }
}
