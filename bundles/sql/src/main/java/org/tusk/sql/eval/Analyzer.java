package org.tusk.sql.eval;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.types.Casts;
import org.tusk.sql.types.EnumLabels;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeCatalog;
import org.tusk.sql.types.TypeInput;
import org.tusk.sql.types.TypeOutput;
import org.tusk.sql.types.TypeContext;

/**
 * Parse analysis of expressions (PostgreSQL's transformExpr and parse_oper/parse_func/parse_coerce):
 * looks up names, resolves operators and functions by the types of their inputs, finds the common
 * type of CASE and COALESCE branches, and inserts the conversions those choices imply. Quoted
 * literals stay of type unknown until context decides their type; they are then converted at once,
 * so a bad literal is reported at its own position, as PostgreSQL does.
 */
public final class Analyzer {
    static final Operators OPERATORS = new Operators();
    static final Functions FUNCTIONS = new Functions();
    private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "array_agg",
            "string_agg", "bool_and", "bool_or", "every", "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg",
            "range_intersect_agg", "stddev", "variance", "percentile_cont", "percentile_disc", "mode");
    private static final String OPERATOR_HINT = "No operator matches the given name and argument types. "
            + "You might need to add explicit type casts.";
    private static final String PREFIX_OPERATOR_HINT = "No operator matches the given name and argument type. "
            + "You might need to add an explicit type cast.";
    private static final String FUNCTION_HINT = "No function matches the given name and argument types. "
            + "You might need to add explicit type casts.";

    private final TypeContext typeContext;
    private final Parameters parameters;
    private Scope scope = Scope.EMPTY;

    /** @param typeContext the session state literal conversion depends on (time zone, 'now') */
    public Analyzer(TypeContext typeContext) {
        this(typeContext, Parameters.none());
    }

    /**
     * @param typeContext the session state literal conversion depends on (time zone, 'now')
     * @param parameters what {@code $n} refers to
     */
    public Analyzer(TypeContext typeContext, Parameters parameters) {
        this.typeContext = typeContext;
        this.parameters = parameters;
    }

    /** Column references are resolved in {@code scope} from now on (a FROM clause's, a DML target's). */
    public Analyzer withScope(Scope scope) {
        this.scope = scope;
        return this;
    }

    public Scope scope() {
        return scope;
    }

    /**
     * An analyzer for expressions over one row of {@code table} (a CHECK, an index's expressions and
     * predicate): a column name, qualified or not, is that column of the row in {@code slot}.
     */
    public static Analyzer overRow(TypeContext ctx, org.tusk.sql.schema.Relation table, RowSlot slot) {
        return new Analyzer(ctx, Parameters.none()).withScope((names, position) -> {
            String name = names.getLast();
            List<org.tusk.sql.schema.Column> cols = table.columns();
            for (int i = 0; i < cols.size(); i++) {
                if (cols.get(i).name().equals(name)) {
                    return new Expression.Var(slot, i, cols.get(i).type(), cols.get(i).typmod(), name);
                }
            }
            return null;
        });
    }

    /** Analyzes an expression whose result goes to the client: a still-unknown type becomes text. */
    public Expression transformOutput(Expr e) {
        Expression x = transform(e);
        return x.type() == SqlType.UNKNOWN ? coerce(x, SqlType.TEXT, -1, false) : x;
    }

    /** Analyzes a condition (WHERE, ...): it must be boolean. */
    public Expression transformCondition(Expr e, String construct) {
        return coerceToBoolean(transform(e), e, construct);
    }

    /** Analyzes an expression that must be of {@code type} by assignment rules (LIMIT, OFFSET, ...). */
    public Expression transformAs(Expr e, SqlType type, String construct) {
        return transformAs(e, type, -1, construct);
    }

    /** As above with a type modifier that names the type, an enum's (see types.EnumLabels); -1 for none. */
    public Expression transformAs(Expr e, SqlType type, int typmod, String construct) {
        Expression x = transform(e);
        if (EnumLabels.isEnum(type) && typmod > 0) {
            return coerceToColumn(x, construct, type, typmod, Locations.leftmost(e));
        }
        if (x.type() == type) {
            return x;
        }
        Casts.Context c = Casts.context(x.type(), type);
        if (c == null || c == Casts.Context.EXPLICIT) {
            throw SqlException.at("42804", "argument of " + construct + " must be type " + type.displayName()
                    + ", not type " + x.type().displayName(), Locations.leftmost(e));
        }
        return coerce(x, type, -1, false);
    }

    public Expression transform(Expr e) {
        return switch (e) {
            case Expr.Literal l -> literal(l);
            case Expr.ColumnRef c -> resolveColumn(c);
            case Expr.ParamRef p -> parameters.reference(p.number(), p.position());
            case Expr.Operator o when o.left() != null && RowComparisons.isRowComparison(o) -> rowComparison(o);
            case Expr.Operator o -> o.left() == null ? prefixOperator(o.name(), transform(o.right()), o.position())
                    : operator(o.name(), transform(o.left()), transform(o.right()), o.position());
            case Expr.NullTest n when n.arg() instanceof Expr.RowConstructor -> transform(RowComparisons.nullTest(n));
            case Expr.InList i when i.arg() instanceof Expr.RowConstructor -> transform(RowComparisons.inList(i));
            case Expr.RowConstructor r -> RowValues.constructor(this, r);
            case Expr.FieldSelection f -> RowValues.field(this, f);
            case Expr.GroupingSet g -> throw SqlException.at("42601", "grouping sets are only allowed in GROUP BY", g.position());
            case Expr.BoolExpr b -> boolExpr(b);
            case Expr.NullTest n -> {
                Expression arg = transform(n.arg());
                yield arg.type() == SqlType.RECORD ? RowValues.nullTest(arg, n.negated())
                        : new Expression.IsNull(arg, n.negated());
            }
            case Expr.BooleanTest b -> booleanTest(b);
            case Expr.DistinctFrom d when d.left() instanceof Expr.RowConstructor
                    && d.right() instanceof Expr.RowConstructor -> transform(RowComparisons.distinct(d));
            case Expr.DistinctFrom d -> distinctFrom(d);
            case Expr.Between b -> transform(between(b));
            case Expr.InList i -> inList(i);
            case Expr.Like l -> like(l);
            case Expr.Case c -> caseExpr(c);
            case Expr.Coalesce c -> coalesce(c);
            case Expr.NullIf n -> nullIf(n);
            case Expr.MinMax m -> minMax(m);
            case Expr.TypeCast t -> typeCast(t);
            case Expr.FuncCall f -> functionCall(f);
            case Expr.SqlValueFunction f -> valueFunction(f);
            case Expr.ArrayConstructor a -> arrayConstructor(a);
            case Expr.SubLink l -> subLink(l);
            case Expr.AggregateCall a -> aggregateCall(a);
            case Expr.WindowCall w -> {
                if (hooks == null) {
                    throw SqlException.at("0A000", "window functions are not supported here", w.position());
                }
                yield hooks.window(w, this);
            }
            case Expr.ArrayCompare a -> arrayCompare(a);
            case Expr.Subscript sub -> SubscriptAnalysis.analyze(this, sub);
            case Expr.ArrayAssign assign -> SubscriptAnalysis.assign(this, assign);
            case Expr.FieldAssign assign -> RowValues.assignField(this, assign);
            case Expr.CallArg a -> throw SqlException.at("42601", "syntax error", a.position());
        };
    }

    // ---- what queries add: aggregates and subqueries (the planner's part)

    /**
     * How the query planner takes part in expression analysis (PostgreSQL's parse_agg and
     * transformSubLink): it decides whether an aggregate is allowed where it appears and what it reads
     * after aggregation, and it plans subqueries with this analyzer's scope as their outer scope.
     */
    public interface QueryHooks {
        /** An aggregate call; {@code orderBy} is the ORDER BY inside its argument list. */
        Expression aggregate(Expr.FuncCall call, boolean distinct, List<org.tusk.sql.ast.Query.SortBy> orderBy,
                Expr filter, Analyzer analyzer);

        /** A subquery in an expression. */
        Expression subquery(Expr.SubLink link, Analyzer analyzer);

        /** GROUPING(...): only a grouped SELECT's list, HAVING and ORDER BY may hold one. */
        default Expression grouping(Expr.FuncCall call, Analyzer analyzer) {
            throw SqlException.at("42803",
                    "arguments to GROUPING must be grouping expressions of the associated query level", call.position());
        }

        /** A window function call; only a SELECT's list and ORDER BY may hold one. */
        default Expression window(Expr.WindowCall call, Analyzer analyzer) {
            throw SqlException.at("42P20", "window functions are not allowed here", call.position());
        }
    }

    private QueryHooks hooks;

    /** Aggregates and subqueries are handed to {@code hooks} from now on. */
    public Analyzer withHooks(QueryHooks hooks) {
        this.hooks = hooks;
        return this;
    }

    public QueryHooks hooks() {
        return hooks;
    }

    public TypeContext typeContext() {
        return typeContext;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** Whether {@code name} (unqualified or in pg_catalog) is an aggregate function. */
    public static boolean isAggregate(List<String> name) {
        boolean qualifiedElsewhere = name.size() > 1 && !(name.size() == 2 && name.getFirst().equals("pg_catalog"));
        return !qualifiedElsewhere && AGGREGATES.contains(name.getLast());
    }

    /** The common type of several expressions (VALUES columns, ...), each converted to it. */
    public List<Expression> transformCommon(List<Expr> sources, String construct) {
        return commonType(sources, construct);
    }

    /** A binary operator applied to analyzed operands, as {@code left name right} would be. */
    public Expression binaryOperator(String name, Expression left, Expression right, int position) {
        return operator(name, left, right, position);
    }

    /** Converts an analyzed expression to {@code type} by implicit (assignment if not) rules. */
    public Expression coerceTo(Expression x, SqlType type, int typmod) {
        return coerce(x, type, typmod, false);
    }

    /** The routine of operator {@code name} for two operands, or null. */
    public static Routine operatorRoutine(String name, SqlType left, SqlType right) {
        Routine r = Candidates.select(OPERATORS.binary(name), List.of(left, right), true);
        return r == Candidates.AMBIGUOUS ? null : r;
    }

    private Expression subLink(Expr.SubLink l) {
        if (hooks == null) {
            throw SqlException.at("0A000", "subqueries are not supported here", l.position());
        }
        return hooks.subquery(l, this);
    }

    /**
     * A comparison of rows (see {@link RowComparisons}); another operator between rows is refused as
     * make_row_comparison_op refuses it, by what the operator on the first pair yields.
     */
    private Expression rowComparison(Expr.Operator o) {
        if (!RowComparisons.COMPARISONS.contains(o.name())) {
            Expr.Operator first = RowComparisons.firstPair(o);
            Expression e = operator(first.name(), transform(first.left()), transform(first.right()), o.position());
            if (e.type() != SqlType.BOOL) {
                throw SqlException.at("42804", "row comparison operator must yield type boolean, not type "
                        + e.type().displayName(), o.position());
            }
            throw SqlException.at("0A000", "could not determine interpretation of row comparison operator "
                    + o.name(), o.position());
        }
        return transform(RowComparisons.comparison(o));
    }

    private Expression aggregateCall(Expr.AggregateCall a) {
        if (!isAggregate(a.call().name())) {
            String what = a.distinct() ? "DISTINCT" : a.filter() != null ? "FILTER" : "ORDER BY";
            throw SqlException.at("42809", what + " specified, but " + String.join(".", a.call().name())
                    + " is not an aggregate function", a.position());
        }
        if (hooks == null) {
            throw SqlException.at("0A000", "aggregate functions are not supported yet", a.position());
        }
        return hooks.aggregate(a.call(), a.distinct(), a.orderBy(), a.filter(), this);
    }

    /** {@code x op ANY|ALL (array)}: true if the comparison holds for some/every element, SQL null rules. */
    private Expression arrayCompare(Expr.ArrayCompare a) {
        Expression left = transform(a.left());
        Expression array = transform(a.array());
        if (left.type() == SqlType.ENUM && array instanceof Expression.Param p
                && (p.type() == SqlType.UNKNOWN || p.type() == SqlType.TEXT_ARRAY)) {
            array = coerce(array, SqlType.ENUM_ARRAY, left.typmod(), false); // its labels read for the enum
        }
        if (array.type() == SqlType.UNKNOWN) {
            SqlType at = (left.type() == SqlType.UNKNOWN ? SqlType.TEXT : left.type()).arrayType();
            array = coerce(array, at, EnumLabels.isEnum(at) ? left.typmod() : -1, false);
        }
        if (!array.type().isArray()) {
            throw SqlException.at("42809", "op ANY/ALL (array) requires array on right side", a.position());
        }
        SqlType element = array.type().elementType();
        if (left.type() == SqlType.UNKNOWN) {
            left = coerce(left, element, EnumLabels.isEnum(element) ? array.typmod() : -1, false);
        }
        operatorSchema(a.operator(), a.position());
        Routine r = Candidates.select(OPERATORS.binary(catalogOperator(a.operator())), List.of(left.type(), element),
                true);
        if (r == null || r == Candidates.AMBIGUOUS) {
            throw operatorError(r, EnumValues.name(left) + " " + a.operator() + " "
                    + EnumLabels.typeName(element, array.typmod()), a.position());
        }
        if (r.result() != SqlType.BOOL) {
            // x OPERATOR(pg_catalog.+) ANY (...) parses (any operator may stand there), make_scalar_array_op refuses it.
            throw SqlException.at("42809", "op ANY/ALL (array) requires operator to yield boolean", a.position());
        }
        Expression l = coerce(left, r.args().get(0), -1, false);
        return new Expression.ScalarArrayOp(l, array, r, !a.all(), r.args().get(1));
    }

    // ---- constants and names

    private Expression literal(Expr.Literal l) {
        return switch (l.kind()) {
            case INTEGER -> integerConstant(l.text(), l.position());
            case DECIMAL -> new Expression.Const(SqlType.NUMERIC, -1, TypeInput.parseNumeric(l.text()), l.position());
            case STRING -> new Expression.Const(SqlType.UNKNOWN, -1, l.text(), l.position());
            case BIT_STRING -> new Expression.Const(SqlType.BIT, -1, bitString(l), l.position());
            case BOOLEAN -> new Expression.Const(SqlType.BOOL, -1, l.text().equals("t"), l.position());
            case NULL -> new Expression.Const(SqlType.UNKNOWN, -1, null, l.position());
        };
    }

    /** A bit string constant (make_const): bit_in's errors point at the constant. */
    private static org.tusk.sql.bits.BitString bitString(Expr.Literal l) {
        try {
            return org.tusk.sql.bits.BitString.parse(l.text());
        } catch (SqlException e) {
            throw SqlException.at(e.sqlState(), e.getMessage(), l.position());
        }
    }

    /** An integer literal is int4 if it fits, else int8 if it fits, else numeric (make_const). */
    private static Expression integerConstant(String text, int position) {
        try {
            long v = Long.parseLong(text);
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                return new Expression.Const(SqlType.INT4, -1, (int) v, position);
            }
            return new Expression.Const(SqlType.INT8, -1, v, position);
        } catch (NumberFormatException e) {
            return new Expression.Const(SqlType.NUMERIC, -1, new BigDecimal(text), position);
        }
    }

    private Expression resolveColumn(Expr.ColumnRef c) {
        Expression found = scope.resolve(c.names(), c.position());
        if (found == null) {
            found = parameters.byName(c.names(), c.position());
        }
        if (found == null) {
            throw columnRef(c);
        }
        return found;
    }

    private static SqlException columnRef(Expr.ColumnRef c) {
        if (c.names().size() == 1) {
            return SqlException.at("42703", "column \"" + c.names().getFirst() + "\" does not exist", c.position());
        }
        String table = c.names().get(c.names().size() - 2);
        return SqlException.at("42P01", "missing FROM-clause entry for table \"" + table + "\"", c.position());
    }

    // ---- operators

    /**
     * OPERATOR(schema.op) outside pg_catalog (see the parser's QualifiedOperator): the schema must exist
     * (3F000, as LookupExplicitNamespace says after the operands are analysed); no operator lives there,
     * so the lookup that follows fails with 42883 naming {@code schema.op}.
     */
    private void operatorSchema(String name, int position) {
        int dot = name.lastIndexOf('.');
        if (dot > 0 && typeContext instanceof EvalContext c && c.db() != null
                && c.db().catalog() instanceof org.tusk.sql.catalog.RelationCache cache
                && cache.namespaceOid(name.substring(0, dot)) == null) {
            throw SqlException.at("3F000", "schema \"" + name.substring(0, dot) + "\" does not exist", position);
        }
    }

    /** An operator's name for lookup: OPERATOR(pg_catalog.op) is op; errors keep the name as written. */
    private static String catalogOperator(String name) {
        return name.startsWith("pg_catalog.") ? name.substring("pg_catalog.".length()) : name;
    }

    private Expression operator(String written, Expression left, Expression right, int position) {
        operatorSchema(written, position);
        String name = catalogOperator(written);
        Expression array = ArrayOperators.resolve(this, name, left, right);
        if (array != null) {
            return array;
        }
        if (name.equals("||")) {
            return concatenation(left, right, position);
        }
        Expression enumComparison = EnumValues.operator(this, written, name, left, right, position);
        if (enumComparison != null) {
            return enumComparison;
        }
        List<SqlType> types = List.of(left.type(), right.type());
        Routine r = Candidates.select(OPERATORS.binary(name), types, true);
        if (RangeFunctions.coercesElement(r, types)) {
            r = null; // anyrange @> anyelement takes the range's own subtype only
        }
        if (r == null || r == Candidates.AMBIGUOUS) {
            throw operatorError(r, left.type().displayName() + " " + written + " " + right.type().displayName(),
                    position);
        }
        return new Expression.Call(r, List.of(coerce(left, r.args().get(0), -1, false),
                coerce(right, r.args().get(1), -1, false)));
    }

    static SqlException operatorError(Routine r, String description, int position) {
        return operatorError(r, description, position, OPERATOR_HINT);
    }

    private static SqlException operatorError(Routine r, String description, int position, String hint) {
        if (r == Candidates.AMBIGUOUS) {
            return new SqlException(ErrorFields.of("ERROR", "42725", "operator is not unique: " + description)
                    .hint("Could not choose a best candidate operator. You might need to add explicit type casts.")
                    .position(position).build());
        }
        return new SqlException(ErrorFields.of("ERROR", "42883", "operator does not exist: " + description)
                .hint(hint).position(position).build());
    }

    private Expression prefixOperator(String written, Expression arg, int position) {
        operatorSchema(written, position);
        Routine r = Candidates.select(OPERATORS.prefix(catalogOperator(written)), List.of(arg.type()), false);
        if (r == null || r == Candidates.AMBIGUOUS) {
            throw operatorError(r, written + " " + arg.type().displayName(), position, PREFIX_OPERATOR_HINT);
        }
        return new Expression.Call(r, List.of(coerce(arg, r.args().getFirst(), -1, false)));
    }

    /**
     * {@code ||}: text || text, or (PostgreSQL's anynonarray || text and text || anynonarray) a value
     * of any other type cast to text and concatenated with a string.
     */
    private Expression concatenation(Expression left, Expression right, int position) {
        if (isByteaOrUnknown(left) && isByteaOrUnknown(right)
                && (left.type() == SqlType.BYTEA || right.type() == SqlType.BYTEA)) {
            return new Expression.Call(BYTEACAT, List.of(coerce(left, SqlType.BYTEA, -1, false),
                    coerce(right, SqlType.BYTEA, -1, false)));
        }
        if ((left.type() == SqlType.JSONB || right.type() == SqlType.JSONB)
                && (left.type() == SqlType.JSONB || left.type() == SqlType.UNKNOWN)
                && (right.type() == SqlType.JSONB || right.type() == SqlType.UNKNOWN)) {
            // jsonb || jsonb (jsonb_concat), chosen over text concatenation as for bytea.
            Routine jsonbConcat = OPERATORS.binary("||").stream().filter(r -> r.args().getFirst() == SqlType.JSONB)
                    .findFirst().orElseThrow();
            return new Expression.Call(jsonbConcat, List.of(coerce(left, SqlType.JSONB, -1, false),
                    coerce(right, SqlType.JSONB, -1, false)));
        }
        if (isBitsOrUnknown(left) && isBitsOrUnknown(right) && (left.type() != SqlType.UNKNOWN
                || right.type() != SqlType.UNKNOWN)) {
            // varbit || varbit (bitcat), chosen over text concatenation as for bytea.
            Routine bitcat = OPERATORS.binary("||").stream().filter(r -> r.args().getFirst() == SqlType.VARBIT)
                    .findFirst().orElseThrow();
            return new Expression.Call(bitcat, List.of(coerce(left, SqlType.VARBIT, -1, false),
                    coerce(right, SqlType.VARBIT, -1, false)));
        }
        boolean leftString = left.type().isString() || left.type() == SqlType.UNKNOWN;
        boolean rightString = right.type().isString() || right.type() == SqlType.UNKNOWN;
        if (!leftString && !rightString) {
            throw operatorError(null, left.type().displayName() + " || " + right.type().displayName(), position);
        }
        Routine textcat = OPERATORS.binary("||").getFirst();
        return new Expression.Call(textcat, List.of(toText(left, leftString), toText(right, rightString)));
    }

    /** bytea || bytea (byteacat), chosen over text || text when one side is bytea and the other bytea or unknown. */
    private static final Routine BYTEACAT = new Routine("||", List.of(SqlType.BYTEA, SqlType.BYTEA), SqlType.BYTEA,
            true, (a, c) -> ValueLimits.concat((byte[]) a[0], (byte[]) a[1]));

    private static boolean isBitsOrUnknown(Expression e) {
        return e.type() == SqlType.BIT || e.type() == SqlType.VARBIT || e.type() == SqlType.UNKNOWN;
    }

    private static boolean isByteaOrUnknown(Expression e) {
        return e.type() == SqlType.BYTEA || e.type() == SqlType.UNKNOWN;
    }

    private Expression toText(Expression e, boolean isString) {
        if (isString) {
            return coerce(e, SqlType.TEXT, -1, false);
        }
        return new Expression.Cast(e, SqlType.TEXT, -1, true);
    }

    private Expression boolExpr(Expr.BoolExpr b) {
        String construct = b.op().name();
        List<Expression> args = new ArrayList<>();
        for (Expr a : b.args()) {
            args.add(coerceToBoolean(transform(a), a, construct));
        }
        if (b.op() == Expr.BoolOp.NOT) {
            return new Expression.Not(args.getFirst());
        }
        // gram.y's makeAndExpr/makeOrExpr: "a OR b OR c" is one OR of three, as EXPLAIN prints it
        boolean and = b.op() == Expr.BoolOp.AND;
        List<Expression> flat = new ArrayList<>();
        for (Expression a : args) {
            if (a instanceof Expression.BoolOp inner && inner.and() == and) {
                flat.addAll(inner.args());
            } else {
                flat.add(a);
            }
        }
        return new Expression.BoolOp(and, flat);
    }

    private Expression coerceToBoolean(Expression x, Expr source, String construct) {
        if (x.type() == SqlType.BOOL) {
            return x;
        }
        if (x.type() == SqlType.UNKNOWN) {
            return coerce(x, SqlType.BOOL, -1, false);
        }
        throw SqlException.at("42804", "argument of " + construct + " must be type boolean, not type "
                + x.type().displayName(), Locations.leftmost(source));
    }

    private Expression booleanTest(Expr.BooleanTest b) {
        String construct = "IS " + (b.negated() ? "NOT " : "") + b.value().name();
        Expression arg = coerceToBoolean(transform(b.arg()), b.arg(), construct);
        Boolean expected = switch (b.value()) {
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case UNKNOWN -> null;
        };
        return new Expression.BooleanTest(arg, expected, b.negated());
    }

    private Expression distinctFrom(Expr.DistinctFrom d) {
        Expression.Call eq = equality(transform(d.left()), transform(d.right()), d.position());
        return new Expression.DistinctFrom(eq.args().get(0), eq.args().get(1), eq.routine(), d.negated());
    }

    private Expression.Call equality(Expression left, Expression right, int position) {
        Expression e = operator("=", left, right, position);
        if (!(e instanceof Expression.Call call) || call.type() != SqlType.BOOL) {
            throw SqlException.at("42804", "operator = must return type boolean", position);
        }
        return call;
    }

    /** BETWEEN is shorthand, rewritten into comparisons as gram.y does. */
    private static Expr between(Expr.Between b) {
        int p = b.position();
        Expr inRange = new Expr.BoolExpr(Expr.BoolOp.AND, List.of(new Expr.Operator(">=", b.arg(), b.low(), p),
                new Expr.Operator("<=", b.arg(), b.high(), p)), p);
        Expr result = inRange;
        if (b.symmetric()) {
            Expr swapped = new Expr.BoolExpr(Expr.BoolOp.AND, List.of(new Expr.Operator(">=", b.arg(), b.high(), p),
                    new Expr.Operator("<=", b.arg(), b.low(), p)), p);
            result = new Expr.BoolExpr(Expr.BoolOp.OR, List.of(inRange, swapped), p);
        }
        return b.negated() ? new Expr.BoolExpr(Expr.BoolOp.NOT, List.of(result), p) : result;
    }

    /** IN (list): the value, computed once, compared with "=" to each item; NOT IN uses "<>". */
    private Expression inList(Expr.InList in) {
        Expression arg = transform(in.arg());
        Expression.Slot slot = new Expression.Slot(arg.type(), arg.typmod());
        List<Expression> comparisons = new ArrayList<>();
        for (Expr item : in.list()) {
            comparisons.add(operator(in.negated() ? "<>" : "=", slot, transform(item), in.position()));
        }
        Expression body = comparisons.size() == 1 ? comparisons.getFirst()
                : new Expression.BoolOp(in.negated(), comparisons);
        return new Expression.Shared(arg, slot, body);
    }

    private Expression like(Expr.Like l) {
        String op = (l.negated() ? "!~~" : "~~") + (l.caseInsensitive() ? "*" : "");
        Expr pattern = l.pattern();
        if (l.escape() != null) {
            pattern = new Expr.FuncCall(List.of("like_escape"), List.of(l.pattern(), l.escape()), false,
                    l.position());
        }
        return operator(op, transform(l.arg()), transform(pattern), l.position());
    }

    // ---- conditional expressions

    private Expression caseExpr(Expr.Case c) {
        Expression arg = null;
        Expression.Slot slot = null;
        if (c.arg() != null) {
            arg = transform(c.arg());
            if (arg.type() == SqlType.UNKNOWN) {
                arg = coerce(arg, SqlType.TEXT, -1, false);
            }
            slot = new Expression.Slot(arg.type(), arg.typmod());
        }
        List<Expression> conditions = new ArrayList<>();
        for (Expr.When w : c.whens()) {
            if (slot != null) {
                conditions.add(operator("=", slot, transform(w.condition()), Locations.leftmost(w.condition())));
            } else {
                conditions.add(coerceToBoolean(transform(w.condition()), w.condition(), "CASE/WHEN"));
            }
        }
        // The ELSE branch comes first in the list, as in transformCaseExpr, so messages name types in
        // the same order PostgreSQL does.
        List<Expr> sources = new ArrayList<>();
        sources.add(c.otherwise() != null ? c.otherwise() : new Expr.Literal(Expr.LiteralKind.NULL, "", -1));
        for (Expr.When w : c.whens()) {
            sources.add(w.result());
        }
        List<Expression> results = commonType(sources, "CASE");
        List<Expression.When> whens = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            whens.add(new Expression.When(conditions.get(i), results.get(i + 1)));
        }
        Expression first = results.getFirst();
        Expression node = new Expression.Case(first.type(), commonTypmod(results), whens, results.getFirst());
        return slot == null ? node : new Expression.Shared(arg, slot, node);
    }

    private Expression coalesce(Expr.Coalesce c) {
        List<Expression> args = commonType(c.args(), "COALESCE");
        return new Expression.Coalesce(args.getFirst().type(), commonTypmod(args), args);
    }

    private Expression minMax(Expr.MinMax m) {
        String construct = m.greatest() ? "GREATEST" : "LEAST";
        List<Expression> args = commonType(m.args(), construct);
        SqlType type = args.getFirst().type();
        Routine better = Candidates.select(OPERATORS.binary(m.greatest() ? ">" : "<"), List.of(type, type), true);
        if (better == null || better == Candidates.AMBIGUOUS) {
            throw SqlException.at("42883", "could not identify a comparison function for type " + type.displayName(),
                    m.position());
        }
        return new Expression.MinMax(type, commonTypmod(args), args, better);
    }

    private Expression nullIf(Expr.NullIf n) {
        Expression.Call eq = equality(transform(n.left()), transform(n.right()), n.position());
        return new Expression.NullIf(eq.args().get(0), eq.args().get(1), eq.routine());
    }

    /**
     * select_common_type: the first known type, replaced by a later one of the same category that it
     * converts to implicitly (but not back), unless it is the category's preferred type; inputs of
     * different categories are an error. All-unknown inputs are text. Then every input is converted.
     */
    private List<Expression> commonType(List<Expr> sources, String construct) {
        List<Expression> exprs = new ArrayList<>();
        for (Expr s : sources) {
            exprs.add(transform(s));
        }
        SqlType ptype = exprs.getFirst().type();
        for (int i = 1; i < exprs.size(); i++) {
            SqlType ntype = exprs.get(i).type();
            if (ntype == SqlType.UNKNOWN || ntype == ptype) {
                continue;
            }
            if (ptype == SqlType.UNKNOWN) {
                ptype = ntype;
            } else if (ntype.category() != ptype.category()) {
                throw SqlException.at("42804", construct + " types " + ptype.displayName() + " and "
                        + ntype.displayName() + " cannot be matched", Locations.leftmost(sources.get(i)));
            } else if (!ptype.preferred() && Casts.canCoerceImplicitly(ptype, ntype)
                    && !Casts.canCoerceImplicitly(ntype, ptype)) {
                ptype = ntype;
            }
        }
        if (ptype == SqlType.UNKNOWN) {
            ptype = SqlType.TEXT;
        }
        int enumType = EnumLabels.isEnum(ptype) ? EnumValues.commonEnum(exprs, construct, sources) : -1;
        List<Expression> result = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            Expression x = exprs.get(i);
            if (!Casts.canCoerceImplicitly(x.type(), ptype)) {
                throw SqlException.at("42846", construct + " could not convert type " + x.type().displayName()
                        + " to " + ptype.displayName(), Locations.leftmost(sources.get(i)));
            }
            result.add(coerce(x, ptype, enumType, false));
        }
        return result;
    }

    /** ARRAY[...]: the elements' common type, as for CASE; its array type is the result. */
    private Expression arrayConstructor(Expr.ArrayConstructor a) {
        if (a.elements().isEmpty()) {
            throw new SqlException(ErrorFields.of("ERROR", "42P18", "cannot determine type of empty array")
                    .hint("Explicitly cast to the desired type, for example ARRAY[]::integer[].")
                    .position(a.position()).build());
        }
        List<Expression> elements = commonType(a.elements(), "ARRAY");
        SqlType element = elements.getFirst().type();
        if (element == SqlType.ENUM) {
            // The array carries its elements' enum as its modifier (types.EnumLabels).
            return new Expression.Cast(new Expression.ArrayExpr(SqlType.ENUM_ARRAY, elements), SqlType.ENUM_ARRAY,
                    elements.getFirst().typmod(), false);
        }
        if (element.isArray() && !element.isVector()) {
            // ARRAY[ARRAY[1,2], ARRAY[3,4]] or ARRAY[[1,2],[3,4]]: one more dimension, the same type.
            return new Expression.ArrayExpr(element, elements);
        }
        SqlType array = element.arrayType();
        if (array == null) {
            throw SqlException.at("42704", "could not find array type for data type " + element.displayName(),
                    a.position());
        }
        return new Expression.ArrayExpr(array, elements);
    }

    /**
     * ARRAY[...]::type[] (transformArrayExpr with a target type): the elements convert straight to the
     * target's element type, so ARRAY[] has a type and ARRAY['1','2']::int[] reads its strings as
     * integers; inner brackets take the array type itself.
     */
    private Expression arrayConstructorAs(Expr.ArrayConstructor a, SqlType arrayType) {
        List<Expression> elements = new ArrayList<>();
        boolean nested = !a.elements().isEmpty() && a.elements().getFirst() instanceof Expr.ArrayConstructor;
        SqlType target = nested ? arrayType : arrayType.elementType();
        for (Expr e : a.elements()) {
            Expression x = e instanceof Expr.ArrayConstructor inner ? arrayConstructorAs(inner, arrayType)
                    : transform(e);
            if (!Casts.canCoerceImplicitly(x.type(), target) && Casts.context(x.type(), target) == null) {
                throw SqlException.at("42846", "cannot cast type " + x.type().displayName() + " to "
                        + target.displayName(), Locations.leftmost(e));
            }
            elements.add(coerce(x, target, -1, true));
        }
        return new Expression.ArrayExpr(arrayType, elements);
    }

    private static int commonTypmod(List<Expression> exprs) {
        int typmod = exprs.getFirst().typmod();
        for (Expression e : exprs) {
            if (e.typmod() != typmod) {
                return -1;
            }
        }
        return typmod;
    }

    // ---- casts

    private Expression typeCast(Expr.TypeCast t) {
        TypeCatalog.Resolved enumTarget = EnumValues.target(this, t.type());
        if (enumTarget != null) {
            return EnumValues.cast(this, t, enumTarget);
        }
        if (t.arg() instanceof Expr.ArrayConstructor a) {
            TypeCatalog.Resolved target = TypeCatalog.resolve(t.type());
            if (target.type().isArray() && !target.type().isVector()) {
                return coerce(arrayConstructorAs(a, target.type()), target.type(), target.typmod(), true);
            }
        }
        Expression arg = transform(t.arg());
        Expression composite = RowValues.castToNamedType(this, arg, t);
        if (composite != null) {
            return composite;
        }
        Expression domain = domainCast(arg, t);
        if (domain != null) {
            return domain;
        }
        TypeCatalog.Resolved target = TypeCatalog.resolve(t.type());
        if (arg.type() != SqlType.UNKNOWN && Casts.context(arg.type(), target.type()) == null) {
            int position = t.position() >= 0 ? t.position() : t.type().position();
            throw SqlException.at("42846", "cannot cast type " + arg.type().displayName() + " to "
                    + target.type().displayName(target.typmod()), position);
        }
        return coerce(arg, target.type(), target.typmod(), true);
    }

    /** {@code x::d} where d is a domain (no built-in type's name): converted to d's base type, then checked. */
    private Expression domainCast(Expression arg, Expr.TypeCast t) {
        if (t.type().array()) {
            return null;
        }
        try {
            TypeCatalog.resolve(t.type());
            return null;
        } catch (SqlException notBuiltin) {
            // Perhaps a domain's name.
        }
        org.tusk.sql.catalog.Domains.Domain d = org.tusk.sql.catalog.Domains.lookup(RowValues.catalog(this),
                t.type().names());
        if (d == null) {
            return null;
        }
        if (arg.type() != SqlType.UNKNOWN && Casts.context(arg.type(), d.base()) == null) {
            int position = t.position() >= 0 ? t.position() : t.type().position();
            throw SqlException.at("42846", "cannot cast type " + arg.type().displayName() + " to " + d.name(),
                    position);
        }
        return DomainValues.cast(coerce(arg, d.base(), d.typmod(), true), d);
    }

    /**
     * Converts an analyzed expression to {@code type}. An unknown-type constant is converted now, with
     * errors pointing at it; anything else gets a run-time conversion.
     */
    Expression coerce(Expression x, SqlType type, int typmod, boolean explicit) {
        if (x.type() == type && (typmod < 0 || typmod == x.typmod())) {
            return x;
        }
        if (x instanceof Expression.Param p && p.type() == SqlType.UNKNOWN) {
            // The parameter takes the type context asks for, as PostgreSQL's variable parameters do.
            if (EnumLabels.isEnum(type)) {
                // The enum's labels come as text (pgjdbc's unspecified strings) and are read for the enum.
                parameters.resolve(p.number(), type == SqlType.ENUM ? SqlType.TEXT : SqlType.TEXT_ARRAY);
                return new Expression.Cast(p, type, typmod, explicit);
            }
            parameters.resolve(p.number(), type);
            return typmod < 0 ? p : new Expression.Cast(p, type, typmod, explicit);
        }
        if (x instanceof Expression.Const c && c.type() == SqlType.UNKNOWN) {
            if (c.value() == null) {
                return new Expression.Const(type, typmod, null, c.position());
            }
            // As coerce_type: the input function gets typmod -1 (interval excepted) and errors point at the
            // literal; the length coercion comes after, and its errors (numeric field overflow) have no position.
            int inputTypmod = type == SqlType.INTERVAL || EnumLabels.isEnum(type) ? typmod : -1;
            Object v;
            try {
                v = Casts.convert(c.value(), SqlType.UNKNOWN, type, inputTypmod, explicit, typeContext);
            } catch (SqlException e) {
                throw withPosition(e, c.position());
            }
            if (inputTypmod != typmod) {
                v = Casts.applyTypmod(v, type, typmod, explicit);
            }
            return new Expression.Const(type, typmod, v, c.position());
        }
        return new Expression.Cast(x, type, typmod, explicit);
    }

    static SqlException withPosition(SqlException e, int position) {
        if (position < 0 || e.fields().get(ErrorFields.POSITION) != null) {
            return e;
        }
        return new SqlException(e.fields().toBuilder().position(position).build());
    }

    // ---- functions

    /**
     * ParseFuncOrColumn's allowance for JDBC: a {@code $n} declared void is no argument, so that pgjdbc's
     * {@code {? = call f(?)}} (sent as {@code f($1, $2)} with the OUT placeholder $1 void) calls f(x).
     */
    private Expr.FuncCall withoutVoidParameters(Expr.FuncCall f) {
        java.util.function.Predicate<Expr> isVoid = a -> a instanceof Expr.ParamRef p && parameters.isVoid(p.number());
        if (f.args().stream().noneMatch(isVoid)) {
            return f;
        }
        return new Expr.FuncCall(f.name(), f.args().stream().filter(isVoid.negate()).toList(), f.star(), f.position());
    }

    private Expression functionCall(Expr.FuncCall call) {
        Expr.FuncCall f = withoutVoidParameters(call);
        String name = f.name().getLast();
        boolean qualifiedElsewhere = f.name().size() > 1
                && !(f.name().size() == 2 && f.name().getFirst().equals("pg_catalog"));
        if (!qualifiedElsewhere && name.equals("grouping") && !f.star()) {
            if (hooks == null) {
                throw SqlException.at("42803",
                        "arguments to GROUPING must be grouping expressions of the associated query level", f.position());
            }
            return hooks.grouping(f, this);
        }
        if (!qualifiedElsewhere && AGGREGATES.contains(name)) {
            if (hooks == null) {
                throw SqlException.at("0A000", "aggregate functions are not supported yet", f.position());
            }
            return hooks.aggregate(f, false, List.of(), null, this);
        }
        if (f.star()) {
            throw SqlException.at("42809", String.join(".", f.name()) + "(*) specified, but "
                    + String.join(".", f.name()) + " is not an aggregate function", f.position());
        }
        if (f.args().stream().anyMatch(a -> a instanceof Expr.CallArg)) {
            return CallNotation.call(this, f, candidates(f.name(), qualifiedElsewhere));
        }
        List<Expression> args = new ArrayList<>();
        for (Expr a : f.args()) {
            args.add(transform(a));
        }
        if (!qualifiedElsewhere && PopulateRecord.handles(name, args.size())) {
            return PopulateRecord.call(this, name, args, f.position());
        }
        Expression enumFunction = qualifiedElsewhere ? null : EnumValues.function(this, name, args, f.position());
        if (enumFunction != null) {
            return enumFunction;
        }
        if (!qualifiedElsewhere && name.equals("pg_typeof") && args.size() == 1) {
            return RegCasts.typeOf(args.getFirst());
        }
        if (!qualifiedElsewhere && name.equals("pg_column_size") && args.size() == 1) {
            return ColumnSize.call(args.getFirst());
        }
        if (!qualifiedElsewhere && (name.equals("concat") || name.equals("concat_ws"))) {
            return concat(name, args, f.position());
        }
        if (!qualifiedElsewhere && (name.equals("num_nulls") || name.equals("num_nonnulls")) && !args.isEmpty()) {
            return countNulls(name, args);
        }
        if (!qualifiedElsewhere && name.equals("format") && !args.isEmpty()) {
            return format(args);
        }
        if (!qualifiedElsewhere && name.equals("array_position") && args.size() == 2
                && (args.getFirst().type().isArray() || args.getFirst().type() == SqlType.UNKNOWN)) {
            return arrayPosition(args, f.position());
        }
        if (!qualifiedElsewhere && JsonCalls.handles(name)) {
            return JsonCalls.call(name, args, f.position(), a -> coerce(a, SqlType.TEXT, -1, false));
        }

        List<SqlType> types = args.stream().map(Expression::type).toList();
        Routine r = Candidates.select(CallNotation.expandVariadic(candidates(f.name(), qualifiedElsewhere),
                types.size()), types, false);
        String description = Routine.signature(String.join(".", f.name()), types);
        if (r == null) {
            throw new SqlException(ErrorFields.of("ERROR", "42883", "function " + description + " does not exist")
                    .hint(FUNCTION_HINT).position(f.position()).build());
        }
        if (r == Candidates.AMBIGUOUS) {
            throw new SqlException(ErrorFields.of("ERROR", "42725", "function " + description + " is not unique")
                    .hint("Could not choose a best candidate function. You might need to add explicit type casts.")
                    .position(f.position()).build());
        }
        if (r.body().procedure()) {
            throw new SqlException(ErrorFields.of("ERROR", "42809", description + " is a procedure")
                    .hint("To call a procedure, use CALL.").position(f.position()).build());
        }
        List<Expression> converted = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            converted.add(coerce(args.get(i), r.args().get(i), -1, false));
        }
        return new Expression.Call(r, converted);
    }

    /**
     * concat and concat_ws take any number of arguments of any type ("variadic any"): each non-null
     * one is printed by its type's output function; concat_ws's first argument is the separator.
     */
    private Expression concat(String name, List<Expression> args, int position) {
        boolean ws = name.equals("concat_ws");
        if (args.isEmpty() || (ws && args.size() < 2)) {
            // concat(VARIADIC "any") needs one argument, concat_ws(text, VARIADIC "any") two.
            String description = Routine.signature(name, args.stream().map(Expression::type).toList());
            throw new SqlException(ErrorFields.of("ERROR", "42883", "function " + description + " does not exist")
                    .hint(FUNCTION_HINT).position(position).build());
        }
        List<Expression> converted = new ArrayList<>();
        for (Expression a : args) {
            converted.add(a.type() == SqlType.UNKNOWN ? coerce(a, SqlType.TEXT, -1, false) : a);
        }
        List<SqlType> types = converted.stream().map(Expression::type).toList();
        Routine r = new Routine(name, types, SqlType.TEXT, false, (v, c) -> {
            if (ws && v[0] == null) {
                return null;
            }
            List<String> parts = new ArrayList<>();
            for (int i = ws ? 1 : 0; i < v.length; i++) {
                if (v[i] != null) {
                    parts.add(TypeOutput.format(types.get(i), v[i], c));
                }
            }
            return parts.stream().collect(Collectors.joining(ws ? (String) v[0] : ""));
        });
        if (ws) {
            converted.set(0, coerce(converted.getFirst(), SqlType.TEXT, -1, false));
        }
        return new Expression.Call(r, converted);
    }

    /** num_nulls and num_nonnulls (VARIADIC "any"): how many arguments are (not) null; never null itself. */
    private Expression countNulls(String name, List<Expression> args) {
        List<Expression> converted = new ArrayList<>();
        for (Expression a : args) {
            converted.add(a.type() == SqlType.UNKNOWN ? coerce(a, SqlType.TEXT, -1, false) : a);
        }
        boolean nulls = name.equals("num_nulls");
        Routine r = new Routine(name, converted.stream().map(Expression::type).toList(), SqlType.INT4, false,
                (v, c) -> {
                    int n = 0;
                    for (Object o : v) {
                        if ((o == null) == nulls) {
                            n++;
                        }
                    }
                    return n;
                });
        return new Expression.Call(r, converted);
    }

    /** format(text, VARIADIC "any"): each argument keeps its type, printed by its output function. */
    private Expression format(List<Expression> args) {
        List<Expression> converted = new ArrayList<>();
        for (Expression a : args) {
            converted.add(a.type() == SqlType.UNKNOWN ? coerce(a, SqlType.TEXT, -1, false) : a);
        }
        converted.set(0, coerce(converted.getFirst(), SqlType.TEXT, -1, false));
        List<SqlType> types = converted.stream().map(Expression::type).toList();
        Routine r = new Routine("format", types, SqlType.TEXT, false,
                (v, c) -> v[0] == null ? null : TextFormat.format((String) v[0], types, v, 1, c));
        return new Expression.Call(r, converted);
    }

    /**
     * array_position(anyarray, anyelement): the subscript of the first element equal to the value
     * (NULL finds a NULL element, as IS NOT DISTINCT FROM), or NULL.
     */
    private Expression arrayPosition(List<Expression> args, int position) {
        Expression array = args.get(0);
        Expression value = args.get(1);
        if (array.type() == SqlType.UNKNOWN) {
            SqlType e = value.type() == SqlType.UNKNOWN ? SqlType.TEXT : value.type();
            array = coerce(array, e.arrayType(), -1, false);
        }
        SqlType element = array.type().elementType();
        if (value.type() != element) {
            if (!Casts.canCoerceImplicitly(value.type(), element)) {
                String description = Routine.signature("array_position", List.of(args.get(0).type(), value.type()));
                throw new SqlException(ErrorFields.of("ERROR", "42883", "function " + description + " does not exist")
                        .hint(FUNCTION_HINT).position(position).build());
            }
            value = coerce(value, element, -1, false);
        }
        Routine r = new Routine("array_position", List.of(array.type(), element), SqlType.INT4, false, (v, c) -> {
            if (v[0] == null) {
                return null;
            }
            List<Integer> found = ArrayOperations.positions((org.tusk.sql.types.ArrayValue) v[0], v[1], element, null,
                    true);
            return found.isEmpty() ? null : found.getFirst();
        });
        return new Expression.Call(r, List.of(array, value));
    }

    private Expression valueFunction(Expr.SqlValueFunction f) {
        return switch (f.function()) {
            case CURRENT_USER, CURRENT_ROLE, USER -> new Expression.SessionValue(SqlType.NAME, -1,
                    EvalContext::currentUser);
            case SESSION_USER -> new Expression.SessionValue(SqlType.NAME, -1, EvalContext::sessionUser);
            case CURRENT_CATALOG -> new Expression.SessionValue(SqlType.NAME, -1, EvalContext::database);
            case CURRENT_SCHEMA -> new Expression.SessionValue(SqlType.NAME, -1, c -> "public");
            case CURRENT_TIMESTAMP -> new Expression.SessionValue(SqlType.TIMESTAMPTZ, Math.min(f.precision(), 6),
                    EvalContext::transactionStart);
            case LOCALTIMESTAMP -> new Expression.SessionValue(SqlType.TIMESTAMP, Math.min(f.precision(), 6),
                    c -> LocalDateTime.ofInstant(c.transactionStart(), c.timeZone()));
            case CURRENT_DATE -> new Expression.SessionValue(SqlType.DATE, -1,
                    c -> LocalDate.ofInstant(c.transactionStart(), c.timeZone()));
            case CURRENT_TIME, LOCALTIME -> throw SqlException.at("0A000",
                    "type time is not supported yet", f.position());
        };
    }

    // ---- assignment to a column (INSERT values, UPDATE SET, column defaults): the dml layer's entry

    /** Where an error about a whole expression points (its leftmost position), for the dml layer's messages. */
    public static int leftmost(Expr e) {
        return Locations.leftmost(e);
    }

    /**
     * Converts a value assigned to column {@code column} to the column's type and typmod by assignment
     * rules (parse_target.c's transformAssignedExpr): implicit and assignment casts are applied, the
     * typmod is enforced when the value is computed (varchar(n) 22001, numeric(p,s) rounding and 22003);
     * without such a cast it is 42804.
     */
    public Expression coerceToColumn(Expression x, String column, SqlType type, int typmod, int position) {
        return coerceToColumn(x, column, type, typmod, position, type.displayName());
    }

    /** As above, for a table column: one of a domain's type is the domain's, as messages name it. */
    public Expression coerceToColumn(Expression x, org.tusk.sql.schema.Column col, int position) {
        if (col.rowType() != null) {
            return RowValues.assign(this, x, col.name(), col.rowType(), col.type() == SqlType.RECORD_ARRAY, position);
        }
        org.tusk.sql.catalog.Domains.Domain d = col.domain() == 0 ? null
                : org.tusk.sql.catalog.Domains.byOid(RowValues.catalog(this), col.domain());
        return coerceToColumn(x, col.name(), col.type(), col.typmod(), position,
                d != null ? d.name() : EnumLabels.typeName(col.type(), col.typmod()));
    }

    private Expression coerceToColumn(Expression x, String column, SqlType type, int typmod, int position,
            String typeName) {
        if (EnumLabels.isEnum(type) && typmod > 0) {
            return EnumValues.assign(this, x, column, type, typmod, position);
        }
        Casts.Context c = Casts.context(x.type(), type);
        if (x.type() != SqlType.UNKNOWN && !(x instanceof Expression.Param p && p.type() == SqlType.UNKNOWN)
                && (c == null || c == Casts.Context.EXPLICIT)) {
            throw new SqlException(ErrorFields.of("ERROR", "42804", "column \"" + column + "\" is of type "
                    + typeName + " but expression is of type " + x.type().displayName())
                    .hint("You will need to rewrite or cast the expression.").position(position).build());
        }
        try {
            if (typmod >= 0 && x instanceof Expression.Const literal && literal.type() == SqlType.UNKNOWN) {
                // The literal is read at analysis (its syntax errors point at it); the length coercion
                // runs with the statement, as PostgreSQL applies it (22001 carries no position).
                return new Expression.Cast(coerce(x, type, -1, false), type, typmod, false);
            }
            return coerce(x, type, typmod, false);
        } catch (SqlException e) {
            throw withPosition(e, position);
        }
    }

    /**
     * The functions a call may mean: the built-ins (unless qualified with another schema) and the user's
     * (CREATE FUNCTION) the session's catalog holds under that name.
     */
    private List<Routine> candidates(List<String> name, boolean qualifiedElsewhere) {
        List<Routine> builtin = qualifiedElsewhere ? List.of() : FUNCTIONS.lookup(name.getLast());
        List<Routine> user = typeContext instanceof EvalContext ctx ? ctx.userFunctions(name) : List.of();
        if (user.isEmpty()) {
            return builtin;
        }
        List<Routine> all = new ArrayList<>(builtin);
        all.addAll(user);
        return all;
    }
}
