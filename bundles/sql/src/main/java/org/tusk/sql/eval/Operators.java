package org.tusk.sql.eval;

import static org.tusk.sql.types.SqlType.BOOL;
import static org.tusk.sql.types.SqlType.BPCHAR;
import static org.tusk.sql.types.SqlType.DATE;
import static org.tusk.sql.types.SqlType.FLOAT4;
import static org.tusk.sql.types.SqlType.FLOAT8;
import static org.tusk.sql.types.SqlType.INTERVAL;
import static org.tusk.sql.types.SqlType.INT2;
import static org.tusk.sql.types.SqlType.INT4;
import static org.tusk.sql.types.SqlType.INT8;
import static org.tusk.sql.types.SqlType.NAME;
import static org.tusk.sql.types.SqlType.NUMERIC;
import static org.tusk.sql.types.SqlType.TEXT;
import static org.tusk.sql.types.SqlType.TIMESTAMP;
import static org.tusk.sql.types.SqlType.TIMESTAMPTZ;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.protocol.Interval;
import org.tusk.sql.types.Arithmetic;
import org.tusk.sql.types.IntervalMath;
import org.tusk.sql.types.Numeric;
import org.tusk.sql.types.NumericMath;
import org.tusk.sql.types.SqlType;

/**
 * The built-in operators (the part of pg_operator these types use). Mixed-type entries exist where
 * PostgreSQL has them (int4 + int8, float4 * float8, name = text, ...), because they decide which
 * operator resolution picks and therefore the result type; other combinations are reached through
 * implicit casts, exactly as in PostgreSQL.
 */
final class Operators {
    private static final SqlType[] INTS = {INT2, INT4, INT8};
    private static final SqlType[] FLOATS = {FLOAT4, FLOAT8};
    private static final String[] COMPARISONS = {"=", "<>", "<", ">", "<=", ">="};

    private final Map<String, List<Routine>> binary = new HashMap<>();
    private final Map<String, List<Routine>> prefix = new HashMap<>();

    Operators() {
        integerArithmetic();
        bitwise();
        numericArithmetic();
        floatArithmetic();
        comparisons();
        strings();
        dates();
        RegexOperators.register(this::addBinary);
        RangeFunctions.registerOperators((n, args, result, body) -> addBinary(n, args.get(0), args.get(1), result,
                body));
        RecordComparison.registerOperators((n, body) -> addBinary(n, SqlType.RECORD, SqlType.RECORD, BOOL, body));
        org.tusk.sql.json.JsonFunctions.registerOperators((n, args, result, body) -> addBinary(n, args.get(0),
                args.get(1), result, body));
        org.tusk.sql.json.JsonPathFunctions.registerOperators((n, args, result, body) -> addBinary(n, args.get(0),
                args.get(1), result, body));
        org.tusk.sql.bits.BitFunctions.registerOperators((n, args, result, body) -> addBinary(n, args.get(0),
                args.get(1), result, body), (n, args, result, body) -> addPrefix(n, args.get(0), result, body));
        org.tusk.sql.net.NetworkFunctions.registerOperators((n, args, result, body) -> addBinary(n, args.get(0),
                args.get(1), result, body), (n, args, result, body) -> addPrefix(n, args.get(0), result, body));
    }

    List<Routine> binary(String name) {
        return binary.getOrDefault(name, List.of());
    }

    List<Routine> prefix(String name) {
        return prefix.getOrDefault(name, List.of());
    }

    private void addBinary(String name, SqlType left, SqlType right, SqlType result, Routine.Body body) {
        binary.computeIfAbsent(name, k -> new ArrayList<>()).add(new Routine(name, List.of(left, right), result,
                true, body));
    }

    private void addPrefix(String name, SqlType arg, SqlType result, Routine.Body body) {
        prefix.computeIfAbsent(name, k -> new ArrayList<>()).add(new Routine(name, List.of(arg), result, true, body));
    }

    /**
     * The bitwise operators of the integer types: {@code & | #} (xor) and prefix {@code ~} pair equal types only,
     * the shifts take an int4 count. Shifts behave like PostgreSQL's C shifts on x86-64: the count is taken
     * modulo the width of the computation (32 bits for int2 and int4, 64 for int8), and int2 keeps the low 16
     * bits of the result.
     */
    private void bitwise() {
        for (SqlType t : INTS) {
            addBinary("&", t, t, t, (a, c) -> Arithmetic.fit(Arithmetic.toLong(a[0]) & Arithmetic.toLong(a[1]), t));
            addBinary("|", t, t, t, (a, c) -> Arithmetic.fit(Arithmetic.toLong(a[0]) | Arithmetic.toLong(a[1]), t));
            addBinary("#", t, t, t, (a, c) -> Arithmetic.fit(Arithmetic.toLong(a[0]) ^ Arithmetic.toLong(a[1]), t));
            addPrefix("~", t, t, (a, c) -> Arithmetic.fit(~Arithmetic.toLong(a[0]), t));
            addBinary("<<", t, INT4, t, (a, c) -> shift(Arithmetic.toLong(a[0]), (Integer) a[1], true, t));
            addBinary(">>", t, INT4, t, (a, c) -> shift(Arithmetic.toLong(a[0]), (Integer) a[1], false, t));
        }
    }

    private static Object shift(long value, int count, boolean left, SqlType type) {
        return switch (type) {
            case INT8 -> left ? value << count : value >> count;
            case INT4 -> left ? (int) value << count : (int) value >> count;
            default -> (short) (left ? (int) value << count : (int) value >> count);
        };
    }

    /** int2, int4 and int8 in every pairing; the result is the wider type. % only pairs equal types. */
    private void integerArithmetic() {
        for (SqlType l : INTS) {
            for (SqlType r : INTS) {
                SqlType result = l.ordinal() >= r.ordinal() ? l : r;
                addBinary("+", l, r, result, (a, c) -> Arithmetic.add(Arithmetic.toLong(a[0]),
                        Arithmetic.toLong(a[1]), result));
                addBinary("-", l, r, result, (a, c) -> Arithmetic.subtract(Arithmetic.toLong(a[0]),
                        Arithmetic.toLong(a[1]), result));
                addBinary("*", l, r, result, (a, c) -> Arithmetic.multiply(Arithmetic.toLong(a[0]),
                        Arithmetic.toLong(a[1]), result));
                addBinary("/", l, r, result, (a, c) -> Arithmetic.divide(Arithmetic.toLong(a[0]),
                        Arithmetic.toLong(a[1]), result));
            }
            addBinary("%", l, l, l, (a, c) -> Arithmetic.mod(Arithmetic.toLong(a[0]), Arithmetic.toLong(a[1]), l));
            addPrefix("-", l, l, (a, c) -> Arithmetic.negate(Arithmetic.toLong(a[0]), l));
            addPrefix("+", l, l, (a, c) -> a[0]);
            addPrefix("@", l, l, (a, c) -> Arithmetic.abs(Arithmetic.toLong(a[0]), l));
        }
    }

    private void numericArithmetic() {
        // Numeric's methods take NaN and the infinities too (types.Numeric).
        addBinary("+", NUMERIC, NUMERIC, NUMERIC, (a, c) -> Numeric.add(a[0], a[1]));
        addBinary("-", NUMERIC, NUMERIC, NUMERIC, (a, c) -> Numeric.subtract(a[0], a[1]));
        addBinary("*", NUMERIC, NUMERIC, NUMERIC, (a, c) -> Numeric.multiply(a[0], a[1]));
        addBinary("/", NUMERIC, NUMERIC, NUMERIC, (a, c) -> Numeric.divide(a[0], a[1]));
        addBinary("%", NUMERIC, NUMERIC, NUMERIC, (a, c) -> Numeric.mod(a[0], a[1]));
        addBinary("^", NUMERIC, NUMERIC, NUMERIC, (a, c) -> Numeric.power(a[0], a[1]));
        addPrefix("-", NUMERIC, NUMERIC, (a, c) -> Numeric.negate(a[0]));
        addPrefix("+", NUMERIC, NUMERIC, (a, c) -> a[0]);
        addPrefix("@", NUMERIC, NUMERIC, (a, c) -> Numeric.abs(a[0]));
    }

    /** float4 op float4 is float4; any pairing with float8 is float8. */
    private void floatArithmetic() {
        for (SqlType l : FLOATS) {
            for (SqlType r : FLOATS) {
                boolean single = l == FLOAT4 && r == FLOAT4;
                SqlType result = single ? FLOAT4 : FLOAT8;
                addBinary("+", l, r, result, (a, c) -> floatResult(d(a[0]) + d(a[1]), a, true, single));
                addBinary("-", l, r, result, (a, c) -> floatResult(d(a[0]) - d(a[1]), a, true, single));
                addBinary("*", l, r, result, (a, c) -> floatResult(d(a[0]) * d(a[1]), a,
                        d(a[0]) == 0 || d(a[1]) == 0, single));
                addBinary("/", l, r, result, (a, c) -> {
                    if (d(a[1]) == 0) {
                        throw NumericMath.divisionByZero();
                    }
                    return floatResult(d(a[0]) / d(a[1]), a, d(a[0]) == 0 || Double.isInfinite(d(a[1])), single);
                });
            }
            addPrefix("-", l, l, (a, c) -> l == FLOAT4 ? (Object) (-(Float) a[0]) : (Object) (-(Double) a[0]));
            addPrefix("+", l, l, (a, c) -> a[0]);
            addPrefix("@", l, l, (a, c) -> l == FLOAT4 ? (Object) Math.abs((Float) a[0])
                    : (Object) Math.abs((Double) a[0]));
        }
        addBinary("^", FLOAT8, FLOAT8, FLOAT8, (a, c) -> Functions.power(d(a[0]), d(a[1])));
        addPrefix("|/", FLOAT8, FLOAT8, (a, c) -> Functions.sqrt(d(a[0])));
        addPrefix("||/", FLOAT8, FLOAT8, (a, c) -> Math.cbrt(d(a[0])));
    }

    static double d(Object o) {
        return ((Number) o).doubleValue();
    }

    /** Overflow and underflow checks as float.h's float_overflow_error/float_underflow_error. */
    private static Object floatResult(double r, Object[] a, boolean zeroAllowed, boolean single) {
        boolean infiniteInput = Double.isInfinite(d(a[0])) || Double.isInfinite(d(a[1]));
        if (single) {
            return Arithmetic.checkFloat4((float) r, infiniteInput, zeroAllowed);
        }
        return Arithmetic.checkFloat8(r, infiniteInput, zeroAllowed);
    }

    private void comparisons() {
        for (SqlType l : INTS) {
            for (SqlType r : INTS) {
                addComparisons(l, r);
            }
        }
        for (SqlType l : FLOATS) {
            for (SqlType r : FLOATS) {
                addComparisons(l, r);
            }
        }
        for (SqlType t : new SqlType[] {NUMERIC, BOOL, TEXT, BPCHAR, NAME, DATE, TIMESTAMP, TIMESTAMPTZ,
            SqlType.TIME, SqlType.INTERVAL, SqlType.UUID, SqlType.BYTEA, SqlType.OID, SqlType.TIMETZ, SqlType.JSONB,
            SqlType.INET, SqlType.MACADDR, SqlType.MACADDR8, SqlType.BIT, SqlType.VARBIT,
            SqlType.ENUM}) {
            addComparisons(t, t);
        }
        addComparisons(NAME, TEXT);
        addComparisons(TEXT, NAME);
    }

    private void addComparisons(SqlType l, SqlType r) {
        for (String op : COMPARISONS) {
            addBinary(op, l, r, BOOL, (a, c) -> {
                // name vs text compares as text; both are Strings.
                int cmp = Comparisons.compare(a[0], l == NAME && r == TEXT ? TEXT : l, a[1],
                        r == NAME && l == TEXT ? TEXT : r);
                return switch (op) {
                    case "=" -> cmp == 0;
                    case "<>" -> cmp != 0;
                    case "<" -> cmp < 0;
                    case ">" -> cmp > 0;
                    case "<=" -> cmp <= 0;
                    default -> cmp >= 0;
                };
            });
        }
    }

    /**
     * Date arithmetic in days. Besides being useful these matter for resolution: with them, as in
     * PostgreSQL, "'a' + 'b'" is ambiguous instead of silently numeric.
     */
    private void dates() {
        addBinary("+", DATE, INT4, DATE, (a, c) -> ((LocalDate) a[0]).plusDays((Integer) a[1]));
        addBinary("+", INT4, DATE, DATE, (a, c) -> ((LocalDate) a[1]).plusDays((Integer) a[0]));
        addBinary("-", DATE, INT4, DATE, (a, c) -> ((LocalDate) a[0]).minusDays((Integer) a[1]));
        addBinary("-", DATE, DATE, INT4, (a, c) -> (int) ChronoUnit.DAYS.between((LocalDate) a[1], (LocalDate) a[0]));
        intervals();
    }

    /** Interval arithmetic and timestamps moved by intervals (timestamp.c); date +- interval gives a timestamp. */
    private void intervals() {
        addBinary("+", INTERVAL, INTERVAL, INTERVAL, (a, c) -> IntervalMath.add(iv(a[0]), iv(a[1])));
        addBinary("-", INTERVAL, INTERVAL, INTERVAL, (a, c) -> IntervalMath.subtract(iv(a[0]), iv(a[1])));
        addPrefix("-", INTERVAL, INTERVAL, (a, c) -> IntervalMath.negate(iv(a[0])));
        addBinary("*", INTERVAL, FLOAT8, INTERVAL, (a, c) -> IntervalMath.multiply(iv(a[0]), (Double) a[1]));
        addBinary("*", FLOAT8, INTERVAL, INTERVAL, (a, c) -> IntervalMath.multiply(iv(a[1]), (Double) a[0]));
        addBinary("/", INTERVAL, FLOAT8, INTERVAL, (a, c) -> IntervalMath.divide(iv(a[0]), (Double) a[1]));
        addBinary("+", TIMESTAMP, INTERVAL, TIMESTAMP, (a, c) -> IntervalMath.plus((LocalDateTime) a[0], iv(a[1])));
        addBinary("+", INTERVAL, TIMESTAMP, TIMESTAMP, (a, c) -> IntervalMath.plus((LocalDateTime) a[1], iv(a[0])));
        addBinary("-", TIMESTAMP, INTERVAL, TIMESTAMP, (a, c) -> IntervalMath.plus((LocalDateTime) a[0],
                IntervalMath.negate(iv(a[1]))));
        addBinary("+", DATE, INTERVAL, TIMESTAMP, (a, c) -> IntervalMath.plus(((LocalDate) a[0]).atStartOfDay(),
                iv(a[1])));
        addBinary("+", INTERVAL, DATE, TIMESTAMP, (a, c) -> IntervalMath.plus(((LocalDate) a[1]).atStartOfDay(),
                iv(a[0])));
        addBinary("-", DATE, INTERVAL, TIMESTAMP, (a, c) -> IntervalMath.plus(((LocalDate) a[0]).atStartOfDay(),
                IntervalMath.negate(iv(a[1]))));
        addBinary("+", TIMESTAMPTZ, INTERVAL, TIMESTAMPTZ, (a, c) -> IntervalMath.plus((Instant) a[0], iv(a[1]),
                c.timeZone()));
        addBinary("+", INTERVAL, TIMESTAMPTZ, TIMESTAMPTZ, (a, c) -> IntervalMath.plus((Instant) a[1], iv(a[0]),
                c.timeZone()));
        addBinary("-", TIMESTAMPTZ, INTERVAL, TIMESTAMPTZ, (a, c) -> IntervalMath.plus((Instant) a[0],
                IntervalMath.negate(iv(a[1])), c.timeZone()));
        addBinary("-", TIMESTAMP, TIMESTAMP, INTERVAL, (a, c) -> IntervalMath.between((LocalDateTime) a[0],
                (LocalDateTime) a[1]));
        addBinary("-", TIMESTAMPTZ, TIMESTAMPTZ, INTERVAL, (a, c) -> IntervalMath.between((Instant) a[0],
                (Instant) a[1]));
    }

    private static Interval iv(Object o) {
        return (Interval) o;
    }

    private void strings() {
        addBinary("||", TEXT, TEXT, TEXT, (a, c) -> ValueLimits.concat((String) a[0], (String) a[1]));
        for (SqlType t : new SqlType[] {TEXT, BPCHAR, NAME}) {
            addLike("~~", t, false, false);
            addLike("!~~", t, false, true);
            addLike("~~*", t, true, false);
            addLike("!~~*", t, true, true);
        }
    }

    private void addLike(String op, SqlType left, boolean caseInsensitive, boolean negated) {
        addBinary(op, left, TEXT, BOOL, (a, c) -> {
            String text = left == BPCHAR ? Comparisons.stripTrailingSpaces((String) a[0]) : (String) a[0];
            return Like.matches(text, (String) a[1], caseInsensitive) != negated;
        });
    }
}
