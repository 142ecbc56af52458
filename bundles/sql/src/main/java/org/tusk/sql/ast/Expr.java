package org.tusk.sql.ast;

import java.util.List;

/**
 * A raw expression as the grammar produced it, before any name or type is looked up (PostgreSQL's
 * raw parse tree nodes: A_Const, ColumnRef, A_Expr, FuncCall, TypeCast, ...). Every node carries the
 * 1-based position its error messages point at.
 */
public sealed interface Expr {

    /** Where errors about this expression point. */
    int position();

    /** The kinds of constant the lexer distinguishes. */
    enum LiteralKind {
        /** Digits only: int4, int8 or numeric depending on magnitude. */
        INTEGER,
        /** With a point or exponent: numeric. */
        DECIMAL,
        /** A quoted string: of type unknown until context resolves it. */
        STRING,
        /** B'...' or X'...': of type bit; {@code text} is the digits after 'b' or 'x', as bit_in reads them. */
        BIT_STRING,
        BOOLEAN,
        NULL
    }

    /** A constant; {@code text} is the number's digits (possibly with a leading '-'), the string, or t/f. */
    record Literal(LiteralKind kind, String text, int position) implements Expr {
    }

    /** A possibly qualified column name. */
    record ColumnRef(List<String> names, int position) implements Expr {
    }

    /** {@code $n}. */
    record ParamRef(int number, int position) implements Expr {
    }

    /** A binary operator, or a prefix one when {@code left} is null; positioned at the operator. */
    record Operator(String name, Expr left, Expr right, int position) implements Expr {
    }

    enum BoolOp {
        AND, OR, NOT
    }

    record BoolExpr(BoolOp op, List<Expr> args, int position) implements Expr {
    }

    /** {@code IS [NOT] NULL}, {@code ISNULL}, {@code NOTNULL}. */
    record NullTest(Expr arg, boolean negated, int position) implements Expr {
    }

    enum TruthValue {
        TRUE, FALSE, UNKNOWN
    }

    /** {@code IS [NOT] TRUE|FALSE|UNKNOWN}. */
    record BooleanTest(Expr arg, TruthValue value, boolean negated, int position) implements Expr {
    }

    /** {@code IS [NOT] DISTINCT FROM}, which compares with the "=" operator treating nulls as values. */
    record DistinctFrom(Expr left, Expr right, boolean negated, int position) implements Expr {
    }

    /** {@code [NOT] BETWEEN [SYMMETRIC] low AND high}. */
    record Between(Expr arg, Expr low, Expr high, boolean negated, boolean symmetric, int position)
            implements Expr {
    }

    /** {@code [NOT] IN (list)}. */
    record InList(Expr arg, List<Expr> list, boolean negated, int position) implements Expr {
    }

    /** {@code [NOT] LIKE|ILIKE pattern [ESCAPE e]}. */
    record Like(Expr arg, Expr pattern, Expr escape, boolean negated, boolean caseInsensitive, int position)
            implements Expr {
    }

    record When(Expr condition, Expr result) {
    }

    /** A simple CASE when {@code arg} is not null, else a searched one; {@code otherwise} may be null. */
    record Case(Expr arg, List<When> whens, Expr otherwise, int position) implements Expr {
    }

    record Coalesce(List<Expr> args, int position) implements Expr {
    }

    record NullIf(Expr left, Expr right, int position) implements Expr {
    }

    /** GREATEST or LEAST. */
    record MinMax(boolean greatest, List<Expr> args, int position) implements Expr {
    }

    /** {@code expr::type}, {@code CAST(expr AS type)} and {@code type 'literal'}. */
    record TypeCast(Expr arg, TypeName type, int position) implements Expr {
    }

    /** A function call; {@code star} for {@code f(*)}. */
    record FuncCall(List<String> name, List<Expr> args, boolean star, int position) implements Expr {
    }

    /** {@code ARRAY[a, b, ...]}. */
    record ArrayConstructor(List<Expr> elements, int position) implements Expr {
    }

    /** The SQL-standard functions written without parentheses. */
    enum ValueFunction {
        CURRENT_USER, CURRENT_ROLE, SESSION_USER, USER, CURRENT_CATALOG, CURRENT_SCHEMA, CURRENT_DATE,
        CURRENT_TIMESTAMP, LOCALTIMESTAMP, CURRENT_TIME, LOCALTIME
    }

    /** CURRENT_USER, CURRENT_TIMESTAMP(p), ...; {@code precision} is -1 when not given. */
    record SqlValueFunction(ValueFunction function, int precision, int position) implements Expr {
    }

    /** The kinds of subquery expression (PostgreSQL's SubLinkType). */
    enum SubLinkKind {
        /** {@code (SELECT ...)}: one value. */
        EXPR,
        /** {@code EXISTS (SELECT ...)}. */
        EXISTS,
        /** {@code x op ANY (SELECT ...)}, also {@code x IN (SELECT ...)}. */
        ANY,
        /** {@code x op ALL (SELECT ...)}, also {@code x NOT IN} as {@code <> ALL}. */
        ALL,
        /** {@code ARRAY(SELECT ...)}. */
        ARRAY
    }

    /** A subquery in an expression; {@code test} and {@code operator} only for ANY and ALL. */
    record SubLink(SubLinkKind kind, Expr test, String operator, Query query, int position) implements Expr {
    }

    /** An aggregate call with DISTINCT, ORDER BY in its arguments or FILTER: {@code call} is the plain call. */
    record AggregateCall(FuncCall call, boolean distinct, List<Query.SortBy> orderBy, Expr filter, int position)
            implements Expr {
    }

    /** {@code x op ANY|ALL (array)} over an array value rather than a subquery. */
    record ArrayCompare(Expr left, String operator, boolean all, Expr array, int position) implements Expr {
    }

    /**
     * {@code arg[i]...} or {@code arg[lo:hi]...} (PostgreSQL's A_Indirection of A_Indices); positioned
     * at the first bracket. A slice index may leave out either bound.
     */
    record Subscript(Expr arg, List<Index> indexes, int position) implements Expr {
        /** One bracket: {@code lower} alone for {@code [i]}; for a slice either bound may be null. */
        public record Index(Expr lower, Expr upper, boolean slice) {
        }
    }

    /** {@code SET a[i] = value} in UPDATE: the array {@code target.arg()} with the element replaced. */
    record ArrayAssign(Subscript target, Expr value, int position) implements Expr {
    }

    /**
     * {@code SET col.field = value} in UPDATE: the row in column {@code column} with field {@code field} replaced
     * ({@code position} is the column's, where PostgreSQL's errors about the target point).
     */
    record FieldAssign(ColumnRef column, String field, Expr value, int position) implements Expr {
    }

    /**
     * {@code f(args) [FILTER (WHERE cond)] OVER window}: a window function, or an aggregate used as one.
     */
    record WindowCall(FuncCall call, Expr filter, WindowSpec window, int position) implements Expr {
    }

    /**
     * A window: {@code OVER name} ({@code parenthesized} false, only {@code refName}) or {@code OVER ([name]
     * [PARTITION BY ...] [ORDER BY ...] [frame])}, also the body of {@code WINDOW name AS (...)}.
     * {@code frame} is null when not written.
     */
    record WindowSpec(String refName, boolean parenthesized, List<Expr> partitionBy, List<Query.SortBy> orderBy,
            WindowFrame frame, int position) {
        public WindowSpec {
            partitionBy = List.copyOf(partitionBy);
            orderBy = List.copyOf(orderBy);
        }
    }

    enum FrameMode {
        RANGE, ROWS, GROUPS
    }

    enum FrameBoundKind {
        UNBOUNDED_PRECEDING, OFFSET_PRECEDING, CURRENT_ROW, OFFSET_FOLLOWING, UNBOUNDED_FOLLOWING
    }

    enum FrameExclusion {
        NO_OTHERS, CURRENT_ROW, GROUP, TIES
    }

    /** One end of a frame; {@code offset} only for the OFFSET kinds. */
    record FrameBound(FrameBoundKind kind, Expr offset, int position) {
    }

    /** {@code {RANGE|ROWS|GROUPS} [BETWEEN] start [AND end] [EXCLUDE ...]}: end is CURRENT ROW when not written. */
    record WindowFrame(FrameMode mode, FrameBound start, FrameBound end, FrameExclusion exclusion, int position) {
    }

    /** {@code (a, b, ...)} or {@code ROW(...)}: a row constructor, which only row comparisons take here. */
    record RowConstructor(List<Expr> fields, int position) implements Expr {
        public RowConstructor {
            fields = List.copyOf(fields);
        }
    }

    enum GroupingKind {
        ROLLUP, CUBE, SETS, EMPTY
    }

    /**
     * An item of GROUP BY that is not a plain expression: {@code ROLLUP (...)}, {@code CUBE (...)},
     * {@code GROUPING SETS (...)} or the empty set {@code ()}; a row constructor among its items groups
     * its fields as one unit.
     */
    record GroupingSet(GroupingKind kind, List<Expr> items, int position) implements Expr {
        public GroupingSet {
            items = List.copyOf(items);
        }
    }

    /**
     * {@code (arg).field} or {@code (arg).*}: a field of a row value (PostgreSQL's A_Indirection of a
     * String or A_Star); {@code field} is "*" for all fields. Positioned at the argument, as PostgreSQL points.
     */
    record FieldSelection(Expr arg, String field, int position) implements Expr {
    }

    /**
     * An argument of a function call written in named notation ({@code name => value}, {@code name := value})
     * or marked VARIADIC (the array that is the variadic parameter itself); {@code name} null when not named.
     * Only a function call's argument list holds these.
     */
    record CallArg(String name, boolean variadic, Expr value, int position) implements Expr {
    }
}
