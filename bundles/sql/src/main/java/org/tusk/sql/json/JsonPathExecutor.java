package org.tusk.sql.json;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.json.JsonPath.Item;
import org.tusk.sql.json.JsonPath.Op;
import org.tusk.sql.types.NumericMath;

/**
 * Runs a jsonpath over a jsonb document, as PostgreSQL's jsonpath_exec.c does. Every path expression
 * yields a sequence of JSON items; predicates yield true, false or unknown.
 *
 * <p>Lax mode (the default) forgives structure: an accessor on an array applies to its elements (one
 * level), an array accessor on a non-array treats it as a one-element array, a missing key or
 * subscript yields nothing, and comparison operands are unwrapped. Strict mode makes those errors.
 * Errors that {@code silent} (and the {@code @?} / {@code @@} operators) suppress are {@link PathError}s:
 * the structural ones, wrong item types, and numeric errors; a missing variable is an error always.
 * Inside a predicate every {@link PathError} makes the predicate unknown instead.
 */
final class JsonPathExecutor {

    /** Three-valued logic of predicates. */
    enum Tri { TRUE, FALSE, UNKNOWN }

    /** An error the silent flag suppresses (jsonpath_exec.c's jperError). */
    static final class PathError extends SqlException {
        private static final long serialVersionUID = 1L;

        PathError(String sqlState, String message) {
            super(sqlState, message);
        }
    }

    /** The filter's current item ({@code @}) and the last subscript of the array being subscripted. */
    private record Context(JsonValue current, int last) {
    }

    private static final Context TOP = new Context(null, -1);

    private final boolean lax;
    private final JsonValue root;
    private final JsonValue.Obj vars;
    /**
     * Set while the accessors after a {@code .**} run: their structural errors (a missing key, the wrong
     * kind of container, a subscript out of bounds) are ignored in strict mode too, since {@code .**}
     * visits items of every shape.
     */
    private boolean ignoreStructural;

    private JsonPathExecutor(boolean lax, JsonValue root, JsonValue.Obj vars) {
        this.lax = lax;
        this.root = root;
        this.vars = vars;
    }

    /**
     * The items {@code path} yields over {@code target} with {@code vars} (a jsonb object or null);
     * null if a suppressible error happened and {@code silent} is set.
     */
    static List<JsonValue> execute(JsonPath path, JsonValue target, JsonValue vars, boolean silent) {
        JsonValue.Obj variables = null;
        if (vars != null) {
            if (!(vars instanceof JsonValue.Obj o)) {
                throw new SqlException(ErrorFields.of("ERROR", "22023", "\"vars\" argument is not an object")
                        .detail("Jsonpath parameters should be encoded as key-value pairs of \"vars\" object.")
                        .build());
            }
            variables = o;
        }
        JsonPathExecutor executor = new JsonPathExecutor(!path.strict(), target, variables);
        try {
            return executor.evaluate(path.expr(), TOP);
        } catch (PathError e) {
            if (silent) {
                return null;
            }
            throw e;
        }
    }

    // ---- sequences

    private List<JsonValue> evaluate(Item item, Context cx) {
        return switch (item) {
            case JsonPath.Root r -> List.of(root);
            case JsonPath.Current c -> List.of(cx.current());
            case JsonPath.Last l -> {
                if (cx.last() < 0) {
                    throw new PathError("22033", "evaluating jsonpath LAST outside of array subscript");
                }
                yield List.of(JsonValue.Num.of(BigDecimal.valueOf(cx.last())));
            }
            case JsonPath.Variable v -> List.of(variable(v.name()));
            case JsonPath.Literal l -> List.of(l.value());
            case JsonPath.Chain c -> {
                List<JsonValue> sequence = evaluate(c.head(), cx);
                boolean saved = ignoreStructural;
                try {
                    for (Item accessor : c.accessors()) {
                        List<JsonValue> next = new ArrayList<>();
                        for (JsonValue v : sequence) {
                            step(accessor, v, cx, next, lax);
                        }
                        sequence = next;
                        ignoreStructural |= accessor instanceof JsonPath.Any;
                    }
                } finally {
                    ignoreStructural = saved;
                }
                yield sequence;
            }
            case JsonPath.Binary b when b.op().arithmetic() -> List.of(arithmetic(b, cx));
            case JsonPath.Unary u -> unary(u, cx);
            default -> {
                if (!JsonPath.isPredicate(item)) {
                    throw new IllegalStateException("not an expression: " + item);
                }
                yield List.of(switch (predicate(item, cx)) {
                    case TRUE -> JsonValue.Bool.of(true);
                    case FALSE -> JsonValue.Bool.of(false);
                    case UNKNOWN -> JsonValue.Null.INSTANCE;
                });
            }
        };
    }

    /** The sequence with arrays replaced by their elements in lax mode (operands of operators). */
    private List<JsonValue> unwrapped(Item item, Context cx) {
        List<JsonValue> sequence = evaluate(item, cx);
        if (!lax) {
            return sequence;
        }
        List<JsonValue> out = new ArrayList<>(sequence.size());
        for (JsonValue v : sequence) {
            if (v instanceof JsonValue.Arr a) {
                out.addAll(a.elements());
            } else {
                out.add(v);
            }
        }
        return out;
    }

    private JsonValue variable(String name) {
        JsonValue v = vars == null ? null : vars.get(name);
        if (v == null) {
            throw new SqlException("42704", "could not find jsonpath variable \"" + name + "\"");
        }
        return v;
    }

    // ---- accessors

    /** Applies one accessor to {@code v}, adding what it yields; {@code unwrap}: lax on an array. */
    private void step(Item accessor, JsonValue v, Context cx, List<JsonValue> out, boolean unwrap) {
        switch (accessor) {
            case JsonPath.Key k -> {
                if (v instanceof JsonValue.Obj o) {
                    JsonValue member = o.get(k.name());
                    if (member != null) {
                        out.add(member);
                    } else if (!forgiving()) {
                        throw new PathError("2203A", "JSON object does not contain key \""
                                + k.name() + "\"");
                    }
                } else if (unwrap && v instanceof JsonValue.Arr a) {
                    unwrapInto(accessor, a, cx, out);
                } else if (!forgiving()) {
                    throw new PathError("2203A", "jsonpath member accessor can only be applied to an object");
                }
            }
            case JsonPath.AnyKey k -> {
                if (v instanceof JsonValue.Obj o) {
                    for (JsonValue.Member m : o.members()) {
                        out.add(m.value());
                    }
                } else if (unwrap && v instanceof JsonValue.Arr a) {
                    unwrapInto(accessor, a, cx, out);
                } else if (!forgiving()) {
                    throw new PathError("2203C",
                            "jsonpath wildcard member accessor can only be applied to an object");
                }
            }
            case JsonPath.AnyArray any -> {
                if (v instanceof JsonValue.Arr a) {
                    out.addAll(a.elements());
                } else if (lax) {
                    out.add(v);
                } else if (!ignoreStructural) {
                    throw new PathError("22039", "jsonpath wildcard array accessor can only be applied to an array");
                }
            }
            case JsonPath.Subscripts s -> subscripts(s, v, cx, out);
            case JsonPath.Any any -> {
                if (any.first() == 0) {
                    out.add(v);
                }
                descend(v, 1, any.first(), any.last(), out);
            }
            case JsonPath.Filter f -> {
                if (unwrap && v instanceof JsonValue.Arr a) {
                    unwrapInto(accessor, a, cx, out);
                } else if (predicate(f.predicate(), new Context(v, cx.last())) == Tri.TRUE) {
                    out.add(v);
                }
            }
            case JsonPath.Method m -> method(m, v, cx, out, unwrap);
            default -> throw new IllegalStateException("not an accessor: " + accessor);
        }
    }

    /** Whether structural errors yield nothing instead of an error: lax mode, or after {@code .**}. */
    private boolean forgiving() {
        return lax || ignoreStructural;
    }

    private void unwrapInto(Item accessor, JsonValue.Arr a, Context cx, List<JsonValue> out) {
        for (JsonValue e : a.elements()) {
            step(accessor, e, cx, out, false);
        }
    }

    private void subscripts(JsonPath.Subscripts s, JsonValue v, Context cx, List<JsonValue> out) {
        List<JsonValue> elements;
        if (v instanceof JsonValue.Arr a) {
            elements = a.elements();
        } else if (lax) {
            elements = List.of(v);
        } else if (ignoreStructural) {
            return;
        } else {
            throw new PathError("22039", "jsonpath array accessor can only be applied to an array");
        }
        int size = elements.size();
        Context inner = new Context(cx.current(), size - 1);
        for (JsonPath.Subscript sub : s.list()) {
            int from = index(sub.from(), inner);
            int to = sub.to() == null ? from : index(sub.to(), inner);
            if (!forgiving() && (from < 0 || from > to || to >= size)) {
                throw new PathError("22033", "jsonpath array subscript is out of bounds");
            }
            from = Math.max(from, 0);
            to = Math.min(to, size - 1);
            for (int i = from; i <= to; i++) {
                out.add(elements.get(i));
            }
        }
    }

    private int index(Item subscript, Context cx) {
        List<JsonValue> found = evaluate(subscript, cx);
        if (found.size() != 1 || !(found.getFirst() instanceof JsonValue.Num n)) {
            throw new PathError("22033", "jsonpath array subscript is not a single numeric value");
        }
        BigDecimal truncated = n.value().setScale(0, RoundingMode.DOWN);
        if (truncated.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
                || truncated.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
            throw new PathError("22033", "jsonpath array subscript is out of integer range");
        }
        return truncated.intValue();
    }

    /** {@code .**}: the values below {@code v}, depth first, those on levels first .. last. */
    private static void descend(JsonValue v, int level, int first, int last, List<JsonValue> out) {
        if (level > last && last != JsonPath.Any.LAST_LEVEL || !(v instanceof JsonValue.Arr)
                && !(v instanceof JsonValue.Obj)) {
            return;
        }
        List<JsonValue> children = new ArrayList<>();
        if (v instanceof JsonValue.Arr a) {
            children.addAll(a.elements());
        } else {
            for (JsonValue.Member m : ((JsonValue.Obj) v).members()) {
                children.add(m.value());
            }
        }
        boolean leavesOnly = first == JsonPath.Any.LAST_LEVEL && last == JsonPath.Any.LAST_LEVEL;
        for (JsonValue c : children) {
            boolean container = c instanceof JsonValue.Arr || c instanceof JsonValue.Obj;
            if (leavesOnly ? !container : level >= first) {
                out.add(c);
            }
            if (level < last) {
                descend(c, level + 1, first, last, out);
            }
        }
    }

    private void method(JsonPath.Method m, JsonValue v, Context cx, List<JsonValue> out, boolean unwrap) {
        String name = m.name();
        switch (name) {
            case "type" -> out.add(JsonValue.Str.of(v.typeName()));
            case "size" -> {
                if (v instanceof JsonValue.Arr a) {
                    out.add(number(a.elements().size()));
                } else if (lax) {
                    out.add(number(1));
                } else {
                    throw new PathError("22039", "jsonpath item method .size() can only be applied to an array");
                }
            }
            case "double", "floor", "ceiling", "abs", "keyvalue" -> {
                if (unwrap && v instanceof JsonValue.Arr a) {
                    for (JsonValue e : a.elements()) {
                        method(m, e, cx, out, false);
                    }
                } else if (name.equals("keyvalue")) {
                    keyValue(v, out);
                } else if (name.equals("double")) {
                    out.add(toDouble(v));
                } else if (v instanceof JsonValue.Num n) {
                    out.add(JsonValue.Num.of(switch (name) {
                        case "floor" -> n.value().setScale(0, RoundingMode.FLOOR);
                        case "ceiling" -> n.value().setScale(0, RoundingMode.CEILING);
                        default -> n.value().abs();
                    }));
                } else {
                    throw new PathError("22036", "jsonpath item method ." + name
                            + "() can only be applied to a numeric value");
                }
            }
            default -> throw new SqlException("0A000", "jsonpath item method ." + name + "() is not supported");
        }
    }

    private static JsonValue number(long n) {
        return JsonValue.Num.of(BigDecimal.valueOf(n));
    }

    /** .double(): a number or a string read as float8, back as a number (float8's shortest text). */
    private static JsonValue toDouble(JsonValue v) {
        double d;
        if (v instanceof JsonValue.Num n) {
            d = n.value().doubleValue();
            if (Double.isInfinite(d)) {
                throw new PathError("22036", "numeric argument of jsonpath item method .double() is out of range "
                        + "for type double precision");
            }
        } else if (v instanceof JsonValue.Str s) {
            try {
                d = Double.parseDouble(s.value().strip());
            } catch (NumberFormatException e) {
                d = Double.NaN;
            }
            if (Double.isNaN(d) || Double.isInfinite(d) || !s.value().strip().matches("[-+]?[0-9.eE+-]+")) {
                throw new PathError("22036", "string argument of jsonpath item method .double() is not a valid "
                        + "representation of a double precision number");
            }
        } else {
            throw new PathError("22036", "jsonpath item method .double() can only be applied to a string or "
                    + "numeric value");
        }
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        return JsonValue.Num.of(b.scale() < 0 ? b.setScale(0) : b);
    }

    /**
     * .keyvalue(): an object's members as {"id", "key", "value"} objects. PostgreSQL's id is the object's
     * byte offset inside its jsonb value, which this engine's trees do not have: here it is 0 for the
     * document itself and for every object below it.
     */
    private static void keyValue(JsonValue v, List<JsonValue> out) {
        if (!(v instanceof JsonValue.Obj o)) {
            throw new PathError("2203C", "jsonpath item method .keyvalue() can only be applied to an object");
        }
        for (JsonValue.Member m : o.members()) {
            out.add(new JsonValue.Obj(List.of(new JsonValue.Member("id", number(0)),
                    new JsonValue.Member("key", JsonValue.Str.of(m.key())), new JsonValue.Member("value", m.value())),
                    null));
        }
    }

    // ---- arithmetic

    private JsonValue arithmetic(JsonPath.Binary b, Context cx) {
        BigDecimal left = singleNumber(unwrapped(b.left(), cx), "left", b.op());
        BigDecimal right = singleNumber(unwrapped(b.right(), cx), "right", b.op());
        try {
            return JsonValue.Num.of(switch (b.op()) {
                case ADD -> NumericMath.add(left, right);
                case SUB -> NumericMath.subtract(left, right);
                case MUL -> NumericMath.multiply(left, right);
                case DIV -> NumericMath.divide(left, right);
                default -> NumericMath.mod(left, right);
            });
        } catch (SqlException e) {
            throw new PathError(e.fields().sqlState(), e.getMessage());
        }
    }

    private static BigDecimal singleNumber(List<JsonValue> operand, String side, Op op) {
        if (operand.size() != 1 || !(operand.getFirst() instanceof JsonValue.Num n)) {
            throw new PathError("22038", side + " operand of jsonpath operator " + op.text
                    + " is not a single numeric value");
        }
        return n.value();
    }

    private List<JsonValue> unary(JsonPath.Unary u, Context cx) {
        List<JsonValue> out = new ArrayList<>();
        for (JsonValue v : unwrapped(u.operand(), cx)) {
            if (!(v instanceof JsonValue.Num n)) {
                throw new PathError("22038", "operand of unary jsonpath operator " + (u.minus() ? "-" : "+")
                        + " is not a numeric value");
            }
            out.add(u.minus() ? JsonValue.Num.of(n.value().negate()) : n);
        }
        return out;
    }

    // ---- predicates

    private Tri predicate(Item item, Context cx) {
        return switch (item) {
            case JsonPath.Binary b when b.op() == Op.AND -> {
                Tri left = predicate(b.left(), cx);
                if (left == Tri.FALSE) {
                    yield Tri.FALSE;
                }
                Tri right = predicate(b.right(), cx);
                yield left == Tri.TRUE ? right : right == Tri.FALSE ? Tri.FALSE : Tri.UNKNOWN;
            }
            case JsonPath.Binary b when b.op() == Op.OR -> {
                Tri left = predicate(b.left(), cx);
                if (left == Tri.TRUE) {
                    yield Tri.TRUE;
                }
                Tri right = predicate(b.right(), cx);
                yield left == Tri.FALSE ? right : right == Tri.TRUE ? Tri.TRUE : Tri.UNKNOWN;
            }
            case JsonPath.Not n -> switch (predicate(n.predicate(), cx)) {
                case TRUE -> Tri.FALSE;
                case FALSE -> Tri.TRUE;
                case UNKNOWN -> Tri.UNKNOWN;
            };
            case JsonPath.IsUnknown u -> predicate(u.predicate(), cx) == Tri.UNKNOWN ? Tri.TRUE : Tri.FALSE;
            case JsonPath.Exists e -> {
                try {
                    yield evaluate(e.expression(), cx).isEmpty() ? Tri.FALSE : Tri.TRUE;
                } catch (PathError error) {
                    yield Tri.UNKNOWN;
                }
            }
            case JsonPath.Binary b -> compareAll(b, cx);
            case JsonPath.LikeRegex l -> likeRegex(l, cx);
            default -> throw new IllegalStateException("not a predicate: " + item);
        };
    }

    /**
     * A comparison or {@code starts with} over every pair of left and right items: in lax mode true as
     * soon as one pair is true, unknown if none is and some pair could not be compared; in strict mode
     * unknown as soon as a pair cannot be compared.
     */
    private Tri compareAll(JsonPath.Binary b, Context cx) {
        List<JsonValue> left;
        List<JsonValue> right;
        try {
            left = unwrapped(b.left(), cx);
            right = b.op() == Op.STARTS_WITH ? evaluate(b.right(), cx) : unwrapped(b.right(), cx);
        } catch (PathError e) {
            return Tri.UNKNOWN;
        }
        boolean error = false;
        boolean found = false;
        for (JsonValue l : left) {
            for (JsonValue r : right) {
                Tri t = b.op() == Op.STARTS_WITH ? startsWith(l, r) : compare(b.op(), l, r);
                if (t == Tri.UNKNOWN) {
                    if (!lax) {
                        return Tri.UNKNOWN;
                    }
                    error = true;
                } else if (t == Tri.TRUE) {
                    if (lax) {
                        return Tri.TRUE;
                    }
                    found = true;
                }
            }
        }
        return found ? Tri.TRUE : error ? Tri.UNKNOWN : Tri.FALSE;
    }

    private static Tri startsWith(JsonValue l, JsonValue r) {
        if (!(l instanceof JsonValue.Str s) || !(r instanceof JsonValue.Str prefix)) {
            return Tri.UNKNOWN;
        }
        return s.value().startsWith(prefix.value()) ? Tri.TRUE : Tri.FALSE;
    }

    private Tri likeRegex(JsonPath.LikeRegex l, Context cx) {
        List<JsonValue> items;
        try {
            items = unwrapped(l.expression(), cx);
        } catch (PathError e) {
            return Tri.UNKNOWN;
        }
        java.util.regex.Pattern pattern = JsonPathRegex.compile(l.pattern(), l.flags());
        boolean error = false;
        boolean found = false;
        for (JsonValue v : items) {
            if (!(v instanceof JsonValue.Str s)) {
                if (!lax) {
                    return Tri.UNKNOWN;
                }
                error = true;
            } else if (pattern.matcher(s.value()).find()) {
                if (lax) {
                    return Tri.TRUE;
                }
                found = true;
            }
        }
        return found ? Tri.TRUE : error ? Tri.UNKNOWN : Tri.FALSE;
    }

    /** compareItems: scalars of one type compare; null equals only null; anything else is unknown. */
    static Tri compare(Op op, JsonValue a, JsonValue b) {
        int cmp;
        if (a.getClass() != b.getClass()) {
            if (a instanceof JsonValue.Null || b instanceof JsonValue.Null) {
                return op == Op.NE ? Tri.TRUE : Tri.FALSE;
            }
            return Tri.UNKNOWN;
        }
        switch (a) {
            case JsonValue.Null n -> cmp = 0;
            case JsonValue.Bool x -> cmp = Boolean.compare(x.value(), ((JsonValue.Bool) b).value());
            case JsonValue.Num x -> cmp = x.value().compareTo(((JsonValue.Num) b).value());
            case JsonValue.Str x -> {
                String y = ((JsonValue.Str) b).value();
                cmp = op == Op.EQ || op == Op.NE ? (x.value().equals(y) ? 0 : 1) : compareCodePoints(x.value(), y);
            }
            default -> {
                return Tri.UNKNOWN;
            }
        }
        boolean result = switch (op) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            default -> cmp >= 0;
        };
        return result ? Tri.TRUE : Tri.FALSE;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
