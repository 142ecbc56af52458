package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Query;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.ColumnNames;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Ordering;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.eval.Scope;
import org.tusk.sql.exec.AggCall;
import org.tusk.sql.exec.Aggregate;
import org.tusk.sql.exec.Append;
import org.tusk.sql.exec.Distinct;
import org.tusk.sql.exec.ExecContext;
import org.tusk.sql.exec.FunctionScan;
import org.tusk.sql.exec.HashJoin;
import org.tusk.sql.exec.JoinType;
import org.tusk.sql.exec.Limit;
import org.tusk.sql.exec.NestedLoop;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.exec.Project;
import org.tusk.sql.exec.Result;
import org.tusk.sql.exec.SeqScan;
import org.tusk.sql.exec.SetOp;
import org.tusk.sql.exec.Sort;
import org.tusk.sql.exec.SortKey;
import org.tusk.sql.exec.SubqueryScan;
import org.tusk.sql.exec.ValuesScan;
import org.tusk.sql.schema.Catalog;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.Casts;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeContext;
import org.tusk.storage.access.StorageSession;

/**
 * Plans a query: parse analysis (names through {@link FromScope}s, aggregates, subqueries, output
 * columns) and the choice of executor nodes in one pass. The resulting tree's top node puts each
 * output row into its first slot; the first {@link Planned#columns()} values are what the client
 * sees (more may follow: ORDER BY keys that are not in the select list).
 */
public final class Planner {

    /**
     * One output column: its name as RowDescription reports it, type and typmod, and where its
     * expression was written (for errors about it, -1 if nowhere); {@code rowType} is a row value's type
     * where analysis knows it (its composite type is what RowDescription reports).
     */
    public record Column(String name, SqlType type, int typmod, int position, org.tusk.sql.types.RowType rowType) {
        Column(String name, SqlType type, int typmod) {
            this(name, type, typmod, -1);
        }

        public Column(String name, SqlType type, int typmod, int position) {
            this(name, type, typmod, position, null);
        }

        /** The type OID RowDescription reports: a row's composite type, else the type's. */
        public int typeOid() {
            return rowType != null ? rowType.typeOid() : org.tusk.sql.types.EnumLabels.typeOid(type, typmod);
        }

        /** The type modifier RowDescription reports: an enum's modifier is its OID here, none to clients. */
        public int wireTypmod() {
            return org.tusk.sql.types.EnumLabels.isEnum(type) ? -1 : typmod;
        }
    }

    /**
     * A planned query: the executor tree, its output columns, whether it reads an outer query's row,
     * and the relations it was planned with (by the name it looked them up with), so that a cached
     * plan can tell whether it is still valid.
     */
    public record Planned(PlanNode node, List<Column> columns, boolean correlated, List<RelationUse> relations) {
        Planned(PlanNode node, List<Column> columns, boolean correlated) {
            this(node, columns, correlated, List.of());
        }
    }

    /**
     * A relation a plan reads, and how it was looked up; {@code slot} is the table scan's row slot, whose
     * referenced columns are what column privileges are checked against (null: every column counts).
     */
    public record RelationUse(String schema, String name, Relation relation, boolean inView, RowSlot slot) {
        public RelationUse(String schema, String name, Relation relation) {
            this(schema, name, relation, false, null);
        }
    }

    /** How many views' queries are being planned around the current point (their relations are the view owner's to read). */
    private int viewDepth;

    private final List<RelationUse> relationsUsed = new ArrayList<>();

    private final TypeContext types;
    private final Parameters parameters;
    private final Catalog catalog;
    private final StorageSession storage;
    private final Costs costs;
    private int subplans;
    private boolean definitionOnly;

    /**
     * @param catalog where tables are found; null when the session has no storage (every table is 42P01)
     * @param storage used for size estimates only; may be null
     */
    public Planner(TypeContext types, Parameters parameters, Catalog catalog, StorageSession storage) {
        this.types = types;
        this.parameters = parameters;
        this.catalog = catalog;
        this.storage = storage;
        this.costs = Costs.of(types);
        this.collapseLimits = CollapseLimits.of(types);
        costs.useIndexSizes(new IndexSize(storage, this::tableBlocks));
    }

    public Planned plan(Query q) {
        Planned p = planQuery(q, null);
        return new Planned(p.node(), p.columns(), p.correlated(), List.copyOf(relationsUsed));
    }

    /**
     * Plans a query that is only defined, never run here (CREATE VIEW's): a materialized view not yet
     * populated may be named, since PostgreSQL refuses it only when a scan of it starts.
     */
    public Planned planDefinition(Query q) {
        definitionOnly = true;
        Planned p = planQuery(q, null);
        return new Planned(p.node(), p.columns(), p.correlated(), List.copyOf(relationsUsed));
    }

    /**
     * Plans the query of an INSERT ... SELECT. Its select list's still-unknown expressions (a bare
     * NULL, a string literal) stay unknown instead of becoming text, so that the INSERT converts them
     * to the target columns' types, as PostgreSQL's transformInsertStmt does.
     */
    public Planned planInsertSource(Query q) {
        keepUnknownOutputs = true;
        return plan(q);
    }

    /** Set by planInsertSource for the outermost select list only (the first one planned). */
    private boolean keepUnknownOutputs;

    // ------------------------------------------------------------------ queries

    /** The WITH queries visible where planning is, innermost last. */
    private final java.util.ArrayDeque<Map<String, Query.CommonTable>> withScopes = new java.util.ArrayDeque<>(2);

    Planned planQuery(Query q, Scope outer) {
        queryDepth++;
        try {
            return planQueryLevel(q, outer);
        } finally {
            queryDepth--;
        }
    }

    /** How many queries are being planned, one inside the other: 1 for the statement's own query. */
    private int queryDepth;

    private Planned planQueryLevel(Query q, Scope outer) {
        if (q.with().isEmpty()) {
            return planQueryBody(q, outer);
        }
        Map<String, Query.CommonTable> ctes = new java.util.HashMap<>();
        for (Query.CommonTable c : q.with()) {
            if (ctes.put(c.name(), c) != null) {
                throw SqlException.at("42712", "WITH query name \"" + c.name() + "\" specified more than once",
                        c.position());
            }
        }
        withScopes.addLast(ctes);
        CommonTables level = new CommonTables(q.with());
        commonTableLevels.addLast(level);
        try {
            for (Query.CommonTable c : q.with()) {
                if (c.modifying() != null) {
                    if (queryDepth > 1 || belowTopLevel) {
                        throw SqlException.at("0A000",
                                "WITH clause containing a data-modifying statement must be at the top level",
                                c.position());
                    }
                    level.modifying(c, ModifyingCtes.plan(c, types, parameters, catalog, level.sharedCommand(),
                            StatementWith.of(ctes, level)));
                }
            }
            Planned p = planQueryBody(q, outer);
            return new Planned(level.finish(p.node()), p.columns(), p.correlated(), p.relations());
        } finally {
            commonTableLevels.removeLast();
            withScopes.removeLast();
        }
    }

    /** WITH queries being planned, whose own names their queries cannot use. */
    private final Set<String> hiddenCommonTables = new HashSet<>();

    /** The WITH query a one-part table name refers to, or null. */
    private Query.CommonTable commonTable(List<String> names) {
        if (names.size() != 1) {
            return null;
        }
        for (var it = withScopes.descendingIterator(); it.hasNext();) {
            Query.CommonTable c = it.next().get(names.getFirst());
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private Planned planQueryBody(Query q, Scope outer) {
        Planned p;
        if (q.body() instanceof Query.SelectCore core) {
            p = planSelect(core, q.orderBy(), outer, false);
        } else {
            p = planBody(q.body(), outer);
            if (!q.orderBy().isEmpty()) {
                p = sortOutput(p, q.orderBy(), outer);
            }
        }
        if (q.limit() != null || q.offset() != null) {
            Analyzer a = analyzer(outer, new Level(null));
            Expression limit = q.limit() == null ? null : a.transformAs(q.limit(), SqlType.INT8, "LIMIT");
            Expression offset = q.offset() == null ? null : a.transformAs(q.offset(), SqlType.INT8, "OFFSET");
            PlanNode node = new Limit(p.node(), limit, offset);
            p = new Planned(node, p.columns(), p.correlated());
        }
        if (q.locking() != null) {
            checkLocking(q);
            lockScans(p.node(), q.locking());
        }
        return p;
    }

    private static void checkLocking(Query q) {
        if (q.body() instanceof Query.SelectCore core) {
            if (core.distinctOn() != null) {
                throw SqlException.at("0A000", "FOR " + q.locking().strength().toUpperCase()
                        + " is not allowed with DISTINCT clause", q.locking().position());
            }
            if (!core.groupBy().isEmpty()) {
                throw SqlException.at("0A000", "FOR " + q.locking().strength().toUpperCase()
                        + " is not allowed with GROUP BY clause", q.locking().position());
            }
        } else if (q.body() instanceof Query.SetOperation) {
            throw SqlException.at("0A000", "FOR " + q.locking().strength().toUpperCase()
                    + " is not allowed with UNION/INTERSECT/EXCEPT", q.locking().position());
        }
    }

    /** Marks every table scan of the query (not of its subqueries in expressions) to lock its rows. */
    private static void lockScans(PlanNode node, Query.Locking locking) {
        if (node instanceof Aggregate) {
            throw SqlException.at("0A000", "FOR " + locking.strength().toUpperCase()
                    + " is not allowed with aggregate functions", locking.position());
        }
        org.tusk.storage.access.RowLockMode mode = switch (locking.strength()) {
            case "update" -> org.tusk.storage.access.RowLockMode.UPDATE;
            case "no key update" -> org.tusk.storage.access.RowLockMode.NO_KEY_UPDATE;
            case "share" -> org.tusk.storage.access.RowLockMode.SHARE;
            default -> org.tusk.storage.access.RowLockMode.KEY_SHARE;
        };
        if (node instanceof org.tusk.sql.exec.TableScan s) {
            s.lockRows(mode, locking.noWait() ? org.tusk.storage.access.LockWait.ERROR
                    : locking.skipLocked() ? org.tusk.storage.access.LockWait.SKIP : org.tusk.storage.access.LockWait.BLOCK);
        }
        for (PlanNode c : node.children()) {
            lockScans(c, locking);
        }
    }

    private Planned planBody(Query.Body body, Scope outer) {
        return planBody(body, outer, false);
    }

    /** {@code branch}: a set operation's input, whose unknown-type outputs its common type resolves. */
    private Planned planBody(Query.Body body, Scope outer, boolean branch) {
        return switch (body) {
            case Query.SelectCore core -> planSelect(core, List.of(), outer, branch);
            case Query.Values v -> planValues(v, outer);
            case Query.Nested n -> planQuery(n.query(), outer);
            case Query.SetOperation s -> planSetOperation(s, outer);
        };
    }

    Analyzer analyzer(Scope scope, Level level) {
        Analyzer a = new Analyzer(types, parameters).withScope(scope == null ? Scope.EMPTY : scope);
        return a.withHooks(new Hooks(level));
    }

    /** ORDER BY over a VALUES list or set operation: output column names, ordinals, or expressions over them. */
    private Planned sortOutput(Planned p, List<Query.SortBy> orderBy, Scope outer) {
        RowSlot out = p.node().slots().getFirst();
        List<String> names = p.columns().stream().map(Column::name).toList();
        List<Expression> vars = new ArrayList<>();
        for (int i = 0; i < p.columns().size(); i++) {
            Column c = p.columns().get(i);
            vars.add(new Expression.Var(out, i, c.type(), c.typmod(), c.name()));
        }
        FromScope scope = new FromScope(outer, null);
        scope.add(new FromScope.Item(null, null, names, vars, new HashSet<>()), 0);
        Analyzer a = analyzer(scope, new Level("ORDER BY"));
        List<SortKey> keys = new ArrayList<>();
        for (Query.SortBy s : orderBy) {
            Expression e;
            if (s.expr() instanceof Expr.Literal l && l.kind() == Expr.LiteralKind.INTEGER) {
                int n = Integer.parseInt(l.text());
                if (n < 1 || n > vars.size()) {
                    throw SqlException.at("42P10", "ORDER BY position " + n + " is not in select list", l.position());
                }
                e = vars.get(n - 1);
            } else {
                e = a.transform(s.expr());
                boolean onOutput = e instanceof Expression.Var v && v.slot() == out;
                if (!onOutput) {
                    throw SqlException.at("0A000", "invalid UNION/INTERSECT/EXCEPT ORDER BY clause",
                            org.tusk.sql.eval.Locations.leftmost(s.expr()));
                }
            }
            keys.add(sortKey(e, s, s.position()));
        }
        return new Planned(new Sort(p.node(), keys), p.columns(), p.correlated());
    }

    private static SortKey sortKey(Expression e, Query.SortBy s, int position) {
        if (!Ordering.sortable(e.type())) {
            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "42883",
                    "could not identify an ordering operator for type " + e.type().displayName())
                    .hint("Use an explicit ordering operator or modify the query.").position(position).build());
        }
        boolean nullsFirst = s.nullsFirst() != null ? s.nullsFirst() : s.descending();
        return new SortKey(e, s.descending(), nullsFirst);
    }

    // ------------------------------------------------------------------ VALUES

    private Planned planValues(Query.Values v, Scope outer) {
        int width = v.rows().getFirst().size();
        for (List<Expr> row : v.rows()) {
            if (row.size() != width) {
                throw SqlException.at("42601", "VALUES lists must all be the same length",
                        org.tusk.sql.eval.Locations.leftmost(row.getFirst()));
            }
        }
        Analyzer a = analyzer(outer, new Level("VALUES"));
        List<List<Expression>> columns = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            List<Expr> sources = new ArrayList<>();
            for (List<Expr> row : v.rows()) {
                sources.add(row.get(j));
            }
            columns.add(a.transformCommon(sources, "VALUES"));
        }
        List<List<Expression>> rows = new ArrayList<>();
        for (int i = 0; i < v.rows().size(); i++) {
            List<Expression> row = new ArrayList<>();
            for (int j = 0; j < width; j++) {
                row.add(columns.get(j).get(i));
            }
            rows.add(row);
        }
        RowSlot slot = new RowSlot("*VALUES*");
        List<Column> out = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            Expression first = columns.get(j).getFirst();
            int typmod = first.typmod();
            for (Expression e : columns.get(j)) {
                if (e.typmod() != typmod) {
                    typmod = -1;
                }
            }
            out.add(new Column("column" + (j + 1), first.type(), typmod,
                    org.tusk.sql.eval.Locations.leftmost(v.rows().getFirst().get(j))));
        }
        return new Planned(new ValuesScan(rows, slot), out, false);
    }

    // ------------------------------------------------------------------ set operations

    private Planned planSetOperation(Query.SetOperation s, Scope outer) {
        Planned left = planBody(s.left(), outer, true);
        Planned right = planBody(s.right(), outer, true);
        String op = s.kind().name();
        if (left.columns().size() != right.columns().size()) {
            int position = right.columns().isEmpty() ? -1 : right.columns().getFirst().position();
            throw SqlException.at("42601", "each " + op + " query must have the same number of columns",
                    position >= 0 ? position : s.right().position());
        }
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < left.columns().size(); i++) {
            Column l = left.columns().get(i);
            Column r = right.columns().get(i);
            SqlType t = commonType(l.type(), r.type(), op, r.position() >= 0 ? r.position() : s.right().position());
            if (s.kind() != Query.SetOpKind.UNION || !s.all()) {
                org.tusk.sql.json.JsonTypes.requireEquality(t, l.position());
            }
            int typmod = l.typmod() == r.typmod() && t == l.type() ? l.typmod() : -1;
            if (org.tusk.sql.types.EnumLabels.isEnum(t)) {
                typmod = enumTypmod(l, r, op, r.position() >= 0 ? r.position() : s.right().position());
            }
            columns.add(new Column(l.name(), t, typmod, l.position()));
        }
        PlanNode l = castBranch(left, columns);
        PlanNode r = castBranch(right, columns);
        RowSlot slot = new RowSlot("*SELECT*");
        List<SqlType> columnTypes = columns.stream().map(Column::type).toList();
        PlanNode node;
        if (s.kind() == Query.SetOpKind.UNION) {
            node = new Append(List.of(l, r), columns.size(), slot);
            if (!s.all()) {
                node = new Distinct(node, outputVars(slot, columns), false);
            }
        } else {
            node = new SetOp(l, r, s.kind() == Query.SetOpKind.INTERSECT, s.all(), columnTypes, slot);
        }
        return new Planned(node, columns, left.correlated() || right.correlated());
    }

    /** The enum a set operation's column is of (its modifier): the one both sides are, or the known side's. */
    private static int enumTypmod(Column l, Column r, String op, int position) {
        if (l.type() == r.type() && l.typmod() > 0 && r.typmod() > 0 && l.typmod() != r.typmod()) {
            throw SqlException.at("42804", op + " types " + org.tusk.sql.types.EnumLabels.typeName(l.typmod())
                    + " and " + org.tusk.sql.types.EnumLabels.typeName(r.typmod()) + " cannot be matched", position);
        }
        return l.typmod() > 0 && org.tusk.sql.types.EnumLabels.isEnum(l.type()) ? l.typmod() : r.typmod();
    }

    private static List<Expression> outputVars(RowSlot slot, List<Column> columns) {
        List<Expression> vars = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            vars.add(new Expression.Var(slot, i, c.type(), c.typmod(), c.name()));
            slot.rowType(i, c.rowType());
        }
        return vars;
    }

    /** A branch's output converted to the set operation's column types (a Project when any differs). */
    static PlanNode castBranch(Planned branch, List<Column> columns) {
        boolean same = true;
        for (int i = 0; i < columns.size(); i++) {
            same &= branch.columns().get(i).type() == columns.get(i).type();
        }
        if (same) {
            return branch.node();
        }
        RowSlot in = branch.node().slots().getFirst();
        List<Expression> exprs = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = branch.columns().get(i);
            Expression v = new Expression.Var(in, i, c.type(), c.typmod(), c.name());
            SqlType t = columns.get(i).type();
            if (c.type() != t) {
                int typmod = org.tusk.sql.types.EnumLabels.isEnum(t) ? columns.get(i).typmod() : -1;
                v = new Expression.Cast(v, t, typmod, false);
            }
            exprs.add(v);
        }
        return new Project(branch.node(), exprs, new RowSlot("*SELECT*"));
    }

    /** select_common_type for two already-typed inputs (UNION and friends). */
    static SqlType commonType(SqlType a, SqlType b, String construct, int position) {
        if (a == b) {
            return a == SqlType.UNKNOWN ? SqlType.TEXT : a;
        }
        if (a == SqlType.UNKNOWN) {
            return b;
        }
        if (b == SqlType.UNKNOWN) {
            return a;
        }
        if (a.category() != b.category()) {
            throw SqlException.at("42804", construct + " types " + a.displayName() + " and " + b.displayName()
                    + " cannot be matched", position);
        }
        if (!a.preferred() && Casts.canCoerceImplicitly(a, b) && !Casts.canCoerceImplicitly(b, a)) {
            return b;
        }
        if (!Casts.canCoerceImplicitly(b, a)) {
            throw SqlException.at("42804", construct + " could not convert type " + b.displayName() + " to "
                    + a.displayName(), position);
        }
        return a;
    }

    // ------------------------------------------------------------------ SELECT

    /** What one query level's analysis tracks: where aggregates may appear and those found. */
    final class Level {
        String context;
        boolean inAggregate;
        final List<AggCall> aggregates = new ArrayList<>();
        final RowSlot aggSlot = new RowSlot("*AGG*");
        final RowSlot groupSlot = new RowSlot("*GROUP*");
        /** The window functions of this SELECT; null where none may appear (VALUES, DML). */
        Windows windows;

        Level(String context) {
            this.context = context;
        }
    }

    private final class Hooks implements Analyzer.QueryHooks {
        private final Level level;

        Hooks(Level level) {
            this.level = level;
        }

        @Override
        public Expression aggregate(Expr.FuncCall call, boolean distinct, List<Query.SortBy> orderBy, Expr filter,
                Analyzer analyzer) {
            if (level.context != null) {
                throw SqlException.at("42803", "aggregate functions are not allowed in " + level.context,
                        call.position());
            }
            if (level.inAggregate) {
                throw SqlException.at("42803", "aggregate function calls cannot be nested", call.position());
            }
            level.inAggregate = true;
            try {
                List<Expression> args = new ArrayList<>();
                for (Expr a : call.args()) {
                    args.add(analyzer.transform(a));
                }
                String name = call.name().getLast();
                AggregateFunctions.Resolved r = AggregateFunctions.resolve(name,
                        args.stream().map(Expression::type).toList(), call.star(), call.position());
                List<Expression> converted = new ArrayList<>();
                for (int i = 0; i < args.size(); i++) {
                    converted.add(analyzer.coerceTo(args.get(i), r.argTypes().get(i), -1));
                    if (distinct) {
                        org.tusk.sql.json.JsonTypes.requireEquality(converted.getLast().type(),
                                org.tusk.sql.eval.Locations.leftmost(call.args().get(i)));
                    }
                }
                Expression f = filter == null ? null : analyzer.transformCondition(filter, "FILTER");
                List<SortKey> keys = new ArrayList<>();
                for (Query.SortBy s : orderBy) {
                    keys.add(sortKey(analyzer.transformOutput(s.expr()), s, s.position()));
                }
                int index = level.aggregates.size();
                level.aggregates.add(new AggCall(name, r.function(), converted, distinct, f, keys));
                // min/max/array_agg of an enum: the result is of that enum (its modifier, types.EnumLabels).
                int typmod = org.tusk.sql.types.EnumLabels.isEnum(r.result()) && !args.isEmpty()
                        && args.getFirst().type() == SqlType.ENUM ? args.getFirst().typmod() : -1;
                return new Expression.Var(level.aggSlot, index, r.result(), typmod, name);
            } finally {
                level.inAggregate = false;
            }
        }

        @Override
        public Expression subquery(Expr.SubLink link, Analyzer analyzer) {
            Expression plan = Subqueries.plan(Planner.this, link, analyzer);
            sublinkPlans.put(link, plan);
            return plan;
        }

        @Override
        public Expression grouping(Expr.FuncCall call, Analyzer analyzer) {
            if (level.context != null) {
                String where = level.context.startsWith("FROM") ? "functions in FROM" : level.context;
                throw SqlException.at("42803", "grouping operations are not allowed in " + where, call.position());
            }
            List<Expression> args = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            for (Expr a : call.args()) {
                args.add(analyzer.transform(a));
                positions.add(org.tusk.sql.eval.Locations.leftmost(a));
            }
            int index = level.aggregates.size();
            level.aggregates.add(new AggCall("grouping", new GroupingSets.Placeholder(positions), args, false, null,
                    List.of()));
            return new Expression.Var(level.aggSlot, index, SqlType.INT4, -1, "grouping");
        }

        @Override
        public Expression window(Expr.WindowCall call, Analyzer analyzer) {
            if (level.windows == null) {
                return Analyzer.QueryHooks.super.window(call, analyzer);
            }
            return level.windows.call(call, analyzer, level.context != null ? level.context : level.windows.forbidden,
                    level.inAggregate);
        }
    }

    /** A target list entry after analysis; {@code function} is set for a set-returning function call. */
    private record Target(Expression expr, String name, boolean junk, int position,
            org.tusk.sql.exec.ProjectSet.SetFunction function) {
        Target(Expression expr, String name, boolean junk) {
            this(expr, name, junk, -1, null);
        }
    }

    private Planned planSelect(Query.SelectCore core, List<Query.SortBy> orderBy, Scope outer, boolean branch) {
        boolean keepUnknown = branch || keepUnknownOutputs;
        keepUnknownOutputs = false;
        Level level = new Level("FROM clause of their own query level");
        level.windows = new Windows(core.windows());
        FromScope scope = new FromScope(outer, null);
        Analyzer a = analyzer(scope, level);
        List<Expression> conjuncts = new ArrayList<>();
        List<Named> star = new ArrayList<>();
        List<Leaf> leaves = new ArrayList<>();
        for (int i = 0; i < core.from().size(); i++) {
            Collected c = collect(core.from().get(i), scope, a, conjuncts, level);
            collapseLimits.fromItem(leaves, c.leaves(), core.from().size() - i - 1);
            star.addAll(c.star());
        }
        level.context = "WHERE";
        if (core.where() != null) {
            Expressions.conjuncts(a.transformCondition(core.where(), "WHERE"), conjuncts);
        }
        Set<RowSlot> levelSlots = new HashSet<>();
        for (Leaf l : leaves) {
            levelSlots.addAll(l.node().slots());
        }
        List<SemiJoin> semis = core.where() == null || leaves.isEmpty() || leaves.stream().anyMatch(Leaf::lateral)
                ? List.of() : SublinkPullUp.pullUp(this, core.where(), scope, a, levelSlots, leaves, conjuncts);
        PlanNode input = leaves.isEmpty() ? new Result()
                : JoinPlanner.join(leaves, conjuncts, levelSlots, costs, semis);
        if (leaves.isEmpty()) {
            Expression q = Expressions.and(conjuncts);
            if (q != null) {
                input.addQual(q);
            }
        }

        // The select list.
        level.context = null;
        List<Target> targets = new ArrayList<>();
        for (Statement.Target t : core.targets()) {
            if (t.expr() instanceof Expr.ColumnRef c && c.names().getLast().equals("*")) {
                if (c.names().size() == 1) {
                    if (core.from().isEmpty()) {
                        throw SqlException.at("42601", "SELECT * with no tables specified is not valid", c.position());
                    }
                    for (Named n : star) {
                        ReadColumns.noteAll(n.expr());
                        targets.add(new Target(n.expr(), n.name(), false));
                    }
                } else {
                    FromScope.Item item = scope.item(c.names().subList(0, c.names().size() - 1));
                    if (item == null) {
                        throw SqlException.at("42P01", "missing FROM-clause entry for table \""
                                + c.names().get(c.names().size() - 2) + "\"", c.position());
                    }
                    for (int i = 0; i < item.columnNames().size(); i++) {
                        ReadColumns.noteAll(item.columns().get(i));
                        targets.add(new Target(item.columns().get(i), item.columnNames().get(i), false));
                    }
                }
                continue;
            }
            if (t.expr() instanceof Expr.FieldSelection f && f.field().equals("*")) {
                // (x).* in a select list: one column per field of the row (ExpandRowReference).
                for (var n : org.tusk.sql.eval.RowValues.expand(a, f)) {
                    targets.add(new Target(n.getValue(), n.getKey(), false));
                }
                continue;
            }
            String name = t.alias() != null ? t.alias() : ColumnNames.of(t.expr());
            int position = org.tusk.sql.eval.Locations.leftmost(t.expr());
            if (t.expr() instanceof Expr.FuncCall f && !f.star() && (f.name().size() == 1
                    || f.name().size() == 2 && f.name().getFirst().equals("pg_catalog"))
                    && SetReturningFunctions.isSetReturning(f.name().getLast())) {
                targets.add(setReturningTarget(f, a, name, position));
                continue;
            }
            Expression e = keepUnknown ? a.transform(t.expr()) : a.transformOutput(t.expr());
            org.tusk.sql.exec.ProjectSet.SetFunction userSet = org.tusk.sql.func.SetReturning.inSelectList(e);
            if (userSet != null) {
                e = org.tusk.sql.func.SetReturning.placeholder(e, position);
            }
            targets.add(new Target(e, name, false, position, userSet));
        }
        int visible = targets.size();

        // GROUP BY: ordinals and output names refer to the select list; names of input columns win.
        // With grouping sets, every expression of every set is analyzed once and a set is the list
        // of positions in groupBy of its expressions.
        level.context = "GROUP BY";
        List<Expression> groupBy = new ArrayList<>();
        List<List<Expr>> expandedSets = GroupingSets.expand(core.groupBy());
        List<List<Integer>> groupingSets = null;
        List<Expr> groupItems = core.groupBy();
        if (expandedSets != null) {
            groupingSets = new ArrayList<>();
            groupItems = new ArrayList<>();
            List<Expression> normalized = new ArrayList<>();
            for (List<Expr> set : expandedSets) {
                List<Integer> positions = new ArrayList<>();
                for (Expr g : set) {
                    Expression e = groupExpression(g, targets, visible, scope, a);
                    Expression n = Expressions.normalized(e);
                    int i = normalized.indexOf(n);
                    if (i < 0) {
                        i = normalized.size();
                        normalized.add(n);
                        groupBy.add(e);
                    }
                    if (!positions.contains(i)) {
                        positions.add(i);
                    }
                }
                groupingSets.add(positions);
            }
            groupItems = List.of();
        }
        for (Expr g : groupItems) {
            groupBy.add(groupExpression(g, targets, visible, scope, a));
            org.tusk.sql.json.JsonTypes.requireEquality(groupBy.getLast().type(),
                    org.tusk.sql.eval.Locations.leftmost(g));
        }
        level.context = null;
        level.windows.forbidden = "HAVING";
        Expression having = core.having() == null ? null : a.transformCondition(core.having(), "HAVING");
        level.windows.forbidden = null;

        // ORDER BY and DISTINCT ON: select-list entries, or extra (junk) columns computed alongside.
        List<SortKey> sortKeys = new ArrayList<>();
        for (Query.SortBy s : orderBy) {
            int index = targetIndex(s.expr(), targets, visible, a, "ORDER BY", true);
            Target t = targets.get(index);
            sortKeys.add(sortKey(t.expr(), s, s.position()));
            sortKeys.set(sortKeys.size() - 1, new SortKey(new Expression.Var(null, index, t.expr().type(),
                    t.expr().typmod(), t.name()), s.descending(), sortKeys.getLast().nullsFirst()));
        }
        List<Integer> distinctOn = new ArrayList<>();
        if (core.distinctOn() != null) {
            for (Expr d : core.distinctOn()) {
                distinctOn.add(targetIndex(d, targets, visible, a, "DISTINCT ON", false));
            }
        }

        // Aggregation.
        PlanNode node = input;
        boolean aggregated = !level.aggregates.isEmpty() || !groupBy.isEmpty() || having != null
                || groupingSets != null;
        if (aggregated) {
            if (groupingSets == null) {
                List<Integer> all = new ArrayList<>();
                for (int i = 0; i < groupBy.size(); i++) {
                    all.add(i);
                }
                node = new Aggregate(input, groupBy, GroupingSets.forSet(level.aggregates, groupBy, all),
                        level.groupSlot, level.aggSlot);
                if (!groupBy.isEmpty()) {
                    node.rows = Selectivity.groups(groupBy, input); // estimate_num_groups
                }
            } else {
                List<PlanNode> perSet = new ArrayList<>();
                for (List<Integer> set : groupingSets) {
                    List<Expression> keys = new ArrayList<>();
                    for (int i = 0; i < groupBy.size(); i++) {
                        Expression g = groupBy.get(i);
                        keys.add(set.contains(i) ? g : new Expression.Const(g.type(), g.typmod(), null, -1));
                    }
                    perSet.add(new Aggregate(input, keys, GroupingSets.forSet(level.aggregates, groupBy, set),
                            level.groupSlot, level.aggSlot, set.isEmpty()));
                }
                node = perSet.size() == 1 ? perSet.getFirst() : new org.tusk.sql.exec.AppendRows(perSet);
            }
            List<Expression> normalizedGroups = groupBy.stream().map(Expressions::normalized).toList();
            for (int i = 0; i < targets.size(); i++) {
                Target t = targets.get(i);
                org.tusk.sql.exec.ProjectSet.SetFunction f = t.function();
                if (f != null) {
                    List<Expression> args = new ArrayList<>();
                    for (Expression x : f.args()) {
                        args.add(grouped(x, groupBy, normalizedGroups, level, levelSlots, scope));
                    }
                    f = new org.tusk.sql.exec.ProjectSet.SetFunction(f.generator(), args);
                }
                targets.set(i, new Target(grouped(t.expr(), groupBy, normalizedGroups, level, levelSlots,
                        scope), t.name(), t.junk(), t.position(), f));
            }
            if (having != null) {
                node.addQual(grouped(having, groupBy, normalizedGroups, level, levelSlots, scope));
            }
        }

        // Window functions: over the aggregation's output when there is one.
        if (!level.windows.isEmpty()) {
            List<Expression> normalizedGroups = groupBy.stream().map(Expressions::normalized).toList();
            node = level.windows.plan(node, aggregated
                    ? e -> grouped(e, groupBy, normalizedGroups, level, levelSlots, scope) : e -> e);
        }

        // Projection, DISTINCT, ORDER BY.
        RowSlot out = new RowSlot("*SELECT*");
        if (targets.stream().anyMatch(t -> t.function() != null)) {
            node = new org.tusk.sql.exec.ProjectSet(node, targets.stream().map(Target::expr).toList(),
                    targets.stream().map(Target::function).toList(), out);
        } else {
            node = new Project(node, targets.stream().map(Target::expr).toList(), out);
        }
        List<SortKey> keys = new ArrayList<>();
        for (SortKey k : sortKeys) {
            Expression.Var v = (Expression.Var) k.expr();
            keys.add(new SortKey(new Expression.Var(out, v.index(), v.type(), v.typmod(), v.name()), k.descending(),
                    k.nullsFirst()));
        }
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < visible; i++) {
            Target t = targets.get(i);
            columns.add(new Column(t.name(), t.expr().type(), t.expr().typmod(), t.position(),
                    org.tusk.sql.eval.RowValues.rowTypeOf(t.expr())));
        }
        if (core.distinctOn() != null && core.distinctOn().isEmpty()) {
            for (SortKey k : keys) {
                if (((Expression.Var) k.expr()).index() >= visible) {
                    throw SqlException.at("42P10", "for SELECT DISTINCT, ORDER BY expressions must appear in select list",
                            orderBy.get(keys.indexOf(k)).position());
                }
            }
            for (int i = 0; i < visible; i++) {
                org.tusk.sql.json.JsonTypes.requireEquality(targets.get(i).expr().type(), targets.get(i).position());
            }
            node = new Distinct(node, outputVars(out, columns), false);
        } else if (core.distinctOn() != null) {
            List<Expression> onKeys = new ArrayList<>();
            List<SortKey> sortFirst = new ArrayList<>();
            for (int i = 0; i < distinctOn.size(); i++) {
                int index = distinctOn.get(i);
                Target t = targets.get(index);
                Expression v = new Expression.Var(out, index, t.expr().type(), t.expr().typmod(), t.name());
                onKeys.add(v);
                if (i < keys.size()) {
                    if (((Expression.Var) keys.get(i).expr()).index() != index) {
                        throw SqlException.at("42P10",
                                "SELECT DISTINCT ON expressions must match initial ORDER BY expressions",
                                org.tusk.sql.eval.Locations.leftmost(core.distinctOn().get(i)));
                    }
                } else {
                    sortFirst.add(new SortKey(v, false, false));
                }
            }
            List<SortKey> all = new ArrayList<>(keys.subList(0, Math.min(keys.size(), distinctOn.size())));
            all.addAll(sortFirst);
            all.addAll(keys.subList(Math.min(keys.size(), distinctOn.size()), keys.size()));
            node = new Distinct(new Sort(node, all), onKeys, true);
            keys = List.of();
        }
        if (!keys.isEmpty()) {
            node = new Sort(node, keys);
        }
        return new Planned(node, columns, scope.correlated());
    }

    /** One GROUP BY expression: an ordinal or an output name refers to the select list, else it is analyzed. */
    private static Expression groupExpression(Expr g, List<Target> targets, int visible, FromScope scope, Analyzer a) {
        if (g instanceof Expr.Literal l && l.kind() == Expr.LiteralKind.INTEGER) {
            int n = Integer.parseInt(l.text());
            if (n < 1 || n > visible) {
                throw SqlException.at("42P10", "GROUP BY position " + n + " is not in select list", l.position());
            }
            return targets.get(n - 1).expr();
        }
        if (g instanceof Expr.ColumnRef c && c.names().size() == 1 && scope.resolve(c.names(), c.position()) == null) {
            for (Target t : targets) {
                if (t.name().equals(c.names().getFirst())) {
                    return t.expr();
                }
            }
        }
        return a.transform(g);
    }

    /** generate_series(...) or unnest(...) in the select list: a column whose rows the function produces. */
    private static Target setReturningTarget(Expr.FuncCall f, Analyzer a, String name, int position) {
        List<Expression> args = new ArrayList<>();
        for (Expr arg : f.args()) {
            args.add(a.transform(arg));
        }
        SetReturningFunctions.Resolved r = SetReturningFunctions.resolve(f.name().getLast(),
                args.stream().map(Expression::type).toList());
        if (r == null) {
            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "42883", "function "
                    + org.tusk.sql.eval.Routine.signature(f.name().getFirst(),
                            args.stream().map(Expression::type).toList()) + " does not exist")
                    .hint("No function matches the given name and argument types. "
                            + "You might need to add explicit type casts.")
                    .position(f.position()).build());
        }
        if (r.columns() != null) {
            throw SqlException.at("0A000", "a function returning rows of several columns is not supported in the "
                    + "select list here", f.position());
        }
        List<Expression> converted = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            converted.add(a.coerceTo(args.get(i), r.argTypes().get(i), -1));
        }
        // The column's value comes from the function; the constant only carries its type.
        return new Target(new Expression.Const(r.result(), -1, null, position), name, false, position,
                new org.tusk.sql.exec.ProjectSet.SetFunction(r.generator(), converted));
    }

    /**
     * Where an ORDER BY or DISTINCT ON item is in the target list, adding it as a junk column if it is
     * not there: an integer constant is an ordinal, a bare name an output column name (an input column
     * of the same name loses, SQL-92 style), anything else an expression.
     */
    private static int targetIndex(Expr e, List<Target> targets, int visible, Analyzer a, String clause,
            boolean outputNames) {
        if (e instanceof Expr.Literal l && l.kind() == Expr.LiteralKind.INTEGER) {
            int n = Integer.parseInt(l.text());
            if (n < 1 || n > visible) {
                throw SqlException.at("42P10", clause + " position " + n + " is not in select list", l.position());
            }
            return n - 1;
        }
        if (outputNames && e instanceof Expr.ColumnRef c && c.names().size() == 1) {
            int found = -1;
            for (int i = 0; i < visible; i++) {
                if (targets.get(i).name().equals(c.names().getFirst())) {
                    if (found >= 0 && !Expressions.normalized(targets.get(found).expr())
                            .equals(Expressions.normalized(targets.get(i).expr()))) {
                        throw SqlException.at("42702", clause + " \"" + c.names().getFirst() + "\" is ambiguous",
                                c.position());
                    }
                    if (found < 0) {
                        found = i;
                    }
                }
            }
            if (found >= 0) {
                return found;
            }
        }
        Expression x = a.transformOutput(e);
        Expression nx = Expressions.normalized(x);
        for (int i = 0; i < targets.size(); i++) {
            if (Expressions.normalized(targets.get(i).expr()).equals(nx)) {
                return i;
            }
        }
        targets.add(new Target(x, "?junk?", true));
        return targets.size() - 1;
    }

    /**
     * An expression above the aggregation: grouped expressions read the group's values, aggregates
     * already read theirs; any other column of this level is an error (42803).
     */
    private static Expression grouped(Expression e, List<Expression> groupBy, List<Expression> normalizedGroups,
            Level level, Set<RowSlot> levelSlots, FromScope scope) {
        Expression r = Expressions.rewrite(e, x -> {
            // A constant too reads the group's value when it is a grouping expression: NULL in a
            // grouping set without it (SELECT 1 ... GROUP BY ROLLUP (1)).
            int i = normalizedGroups.indexOf(Expressions.normalized(x));
            if (i >= 0) {
                Expression g = groupBy.get(i);
                return new Expression.Var(level.groupSlot, i, g.type(), g.typmod(), nameOf(g));
            }
            if (x instanceof Expression.Const || x instanceof Expression.Param) {
                return x;
            }
            return null;
        });
        Expressions.walk(r, x -> {
            if (x instanceof Expression.Var v && levelSlots.contains(v.slot())) {
                FromScope.Reference ref = scope.references().get(x);
                String name = ref != null ? ref.qualifiedName() : v.slot().name() + "." + v.name();
                throw SqlException.at("42803", "column \"" + name
                        + "\" must appear in the GROUP BY clause or be used in an aggregate function",
                        ref != null ? ref.position() : -1);
            }
        });
        return r;
    }

    private static String nameOf(Expression e) {
        return e instanceof Expression.Var v ? v.name() : "?column?";
    }

    // ------------------------------------------------------------------ FROM

    /** A column as {@code *} expands it. */
    public record Named(String name, Expression expr) {
    }

    /** A FROM item reduced to join leaves, plus what {@code *} shows of it. */
    record Collected(List<Leaf> leaves, List<Named> star, List<FromScope.Item> items) {
    }

    Collected collect(Query.FromItem item, FromScope scope, Analyzer a, List<Expression> conjuncts,
            Level level) {
        return switch (item) {
            case Query.TableRef t -> single(table(t, scope), scope, t.position());
            case Query.SubqueryRef s -> single(subquery(s, scope), scope, s.position());
            case Query.FunctionRef f -> single(function(f, scope, a, level), scope, f.position());
            case Query.Join j -> join(j, scope, a, conjuncts, level);
        };
    }

    /** A range-table entry before it is added to the scope. */
    private record Entry(Leaf leaf, FromScope.Item item) {
    }

    private static Collected single(Entry e, FromScope scope, int position) {
        scope.add(e.item(), position);
        List<Named> star = new ArrayList<>();
        for (int i = 0; i < e.item().columnNames().size(); i++) {
            star.add(new Named(e.item().columnNames().get(i), e.item().columns().get(i)));
        }
        return new Collected(List.of(e.leaf()), star, List.of(e.item()));
    }

    private static List<String> aliased(List<String> names, Query.Alias alias, String refName, int position) {
        if (alias == null || alias.columns().isEmpty()) {
            return names;
        }
        if (alias.columns().size() > names.size()) {
            throw new SqlException("42P10", "table \"" + refName + "\" has " + names.size()
                    + " columns available but " + alias.columns().size() + " columns specified");
        }
        List<String> out = new ArrayList<>(alias.columns());
        out.addAll(names.subList(alias.columns().size(), names.size()));
        return out;
    }

    private Entry table(Query.TableRef t, FromScope scope) {
        RecursiveQueries.Reference work = t.names().size() == 1 ? workTables.get(t.names().getFirst()) : null;
        if (work != null) {
            String ref = t.alias() != null ? t.alias().name() : t.names().getFirst();
            List<String> names = aliased(work.names(), t.alias(), ref, t.position());
            RowSlot slot = new RowSlot(ref);
            List<Expression> vars = new ArrayList<>();
            for (int i = 0; i < work.columns().size(); i++) {
                Column c = work.columns().get(i);
                vars.add(new Expression.Var(slot, i, c.type(), c.typmod(), names.get(i)));
                slot.rowType(i, c.rowType());
            }
            PlanNode node = new org.tusk.sql.exec.WorkTableScan(work.table(), ref, slot);
            return new Entry(new Leaf(node, false), new FromScope.Item(ref, null, names, vars, new HashSet<>()));
        }
        Query.CommonTable cte = commonTable(t.names());
        if (cte != null) {
            return commonTableScan(cte, t);
        }
        Entry transition = transitionTable(t);
        if (transition != null) {
            return transition;
        }
        String schema = t.names().size() > 1 ? t.names().get(t.names().size() - 2) : null;
        String name = t.names().getLast();
        org.tusk.sql.roles.Privileges.checkSchemaUsage(types, schema, t.position());
        Relation r = catalog == null ? null : catalog.lookup(schema, name);
        if (r == null && schema == null && hiddenCommonTables.contains(name)) {
            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "42P01", "relation \"" + name
                    + "\" does not exist").detail("There is a WITH item named \"" + name
                    + "\", but it cannot be referenced from this part of the query.")
                    .hint("Use WITH RECURSIVE, or re-order the WITH items to remove forward references.")
                    .position(t.position()).build());
        }
        if (r == null) {
            throw SqlException.at("42P01", "relation \"" + String.join(".", t.names()) + "\" does not exist",
                    t.position());
        }
        if (r.kind() == 'c') {
            throw SqlException.at("42809", "\"" + name + "\" is a composite type", t.position());
        }
        if (r.kind() == 'm' && !definitionOnly && !catalog.populated(r.oid())) {
            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "55000", "materialized view \""
                    + name + "\" has not been populated").hint("Use the REFRESH MATERIALIZED VIEW command.").build());
        }
        int use = relationsUsed.size();
        relationsUsed.add(new RelationUse(schema, name, r, viewDepth > 0, null));
        String ref = t.alias() != null ? t.alias().name() : name;
        String refSchema = t.alias() != null ? null : r.schema();
        if (r.kind() == 'v' && r.viewQuery() != null) {
            List<Statement> parsed = org.tusk.sql.parser.Parser.parse(r.viewQuery(), true);
            viewDepth++;
            Planned p;
            try {
                p = planQuery(((Statement.Select) parsed.getFirst()).query(), null);
            } finally {
                viewDepth--;
            }
            RowSlot slot = new RowSlot(ref);
            List<String> names = aliased(p.columns().stream().map(Column::name).toList(), t.alias(), ref,
                    t.position());
            List<Expression> vars = new ArrayList<>();
            for (int i = 0; i < p.columns().size(); i++) {
                Column c = p.columns().get(i);
                vars.add(new Expression.Var(slot, i, c.type(), c.typmod(), names.get(i)));
                slot.rowType(i, c.rowType());
            }
            PlanNode node = new SubqueryScan(p.node(), p.columns().size(), ref, slot);
            return new Entry(new Leaf(node, false), new FromScope.Item(ref, refSchema, names, vars, new HashSet<>(),
                    name, org.tusk.sql.catalog.CompositeTypes.rowTypeOid(catalog, r)));
        }
        RowSlot slot = new RowSlot(ref);
        slot.trackReads();
        relationsUsed.set(use, new RelationUse(schema, name, r, viewDepth > 0, slot));
        List<String> names = aliased(r.columns().stream().map(org.tusk.sql.schema.Column::name).toList(), t.alias(),
                ref, t.position());
        List<Expression> vars = new ArrayList<>();
        for (int i = 0; i < r.columns().size(); i++) {
            org.tusk.sql.schema.Column c = r.columns().get(i);
            vars.add(new Expression.Var(slot, i, c.type(), c.typmod(), names.get(i)));
            // A composite column's rows, or its array's elements: (home).zip and (tags[1]).zip need the fields.
            slot.rowType(i, c.rowType());
        }
        // A partitioned table holds no rows itself: ONLY leaves none to read (an empty Result).
        PlanNode scan = r.kind() == 'p' && t.only() ? PartitionPaths.none(slot, ref)
                : r.kind() == 'p' ? PartitionPaths.expand(catalog, r, types, slot, ref, p -> seqScan(p, ref, slot))
                : seqScan(r, t.alias() != null ? t.alias().name() : null, slot);
        return new Entry(new Leaf(scan, false), new FromScope.Item(ref, refSchema, names, vars, new HashSet<>(),
                name, org.tusk.sql.catalog.CompositeTypes.rowTypeOid(catalog, r), Integer.toUnsignedLong(r.oid()),
                scan instanceof org.tusk.sql.exec.PartitionAppend a ? PartitionPaths.tableOid(a) : null));
    }

    /** The working tables of the recursive WITH queries whose recursive term is being planned, by name. */
    private final Map<String, RecursiveQueries.Reference> workTables = new java.util.HashMap<>();

    /**
     * A reference to a WITH query: its query planned in place (each reference runs it; for the
     * side-effect-free queries WITH holds here that gives the same rows as PostgreSQL's single
     * evaluation). While it is planned, its own name is not visible, unless it is a recursive query
     * referring to itself, planned by {@link RecursiveQueries}.
     */
    private Entry commonTableScan(Query.CommonTable cte, Query.TableRef t) {
        if (cte.modifying() != null) {
            for (CommonTables level : commonTableLevels) {
                if (level.owns(cte)) {
                    Planned p = level.modifyingPlan(cte);
                    if (p.columns().isEmpty()) {
                        throw SqlException.at("0A000", "WITH query \"" + cte.name()
                                + "\" does not have a RETURNING clause", t.position());
                    }
                    return sharedReference(level, cte, commonTableEntry(cte, t, p), p);
                }
            }
        }
        if (cte.recursive() && cte.query().tableReferences().contains(List.of(cte.name()))) {
            Planned p = RecursiveQueries.plan(cte, workTables, this::planRecursiveTerm);
            return commonTableEntry(cte, t, p);
        }
        Map<String, Query.CommonTable> hidden = null;
        for (Map<String, Query.CommonTable> m : withScopes) {
            if (m.get(cte.name()) == cte) {
                hidden = m;
            }
        }
        if (hidden != null) {
            hidden.remove(cte.name());
        }
        hiddenCommonTables.add(cte.name());
        Planned p;
        try {
            p = planQuery(cte.query(), null);
        } finally {
            hiddenCommonTables.remove(cte.name());
            if (hidden != null) {
                hidden.put(cte.name(), cte);
            }
        }
        Entry e = commonTableEntry(cte, t, p);
        for (CommonTables level : commonTableLevels) {
            if (level.owns(cte)) {
                return sharedReference(level, cte, e, p);
            }
        }
        return e;
    }

    /** A reference that may share one computation with the others (plan.CommonTables): a CteScan. */
    private static Entry sharedReference(CommonTables level, Query.CommonTable cte, Entry e, Planned p) {
        org.tusk.sql.exec.SharedCte shared = level.reference(cte, p.node(), p.columns().size(), p.correlated());
        SubqueryScan scan = (SubqueryScan) e.leaf().node();
        PlanNode node = new org.tusk.sql.exec.CteScan(shared, p.node(), p.columns().size(), scan.alias(),
                scan.slots().getFirst());
        return new Entry(new Leaf(node, false), e.item());
    }

    /** The WITH clauses of the query levels being planned, innermost last (plan.CommonTables). */
    private final java.util.ArrayDeque<CommonTables> commonTableLevels = new java.util.ArrayDeque<>(2);

    /** A term of a recursive WITH query, planned as a set operation's branch is. */
    private Planned planRecursiveTerm(Query.Body body) {
        return planBody(body, null, true);
    }

    private Entry commonTableEntry(Query.CommonTable cte, Query.TableRef t, Planned p) {
        List<String> names = p.columns().stream().map(Column::name).toList();
        if (!cte.columns().isEmpty()) {
            if (cte.columns().size() > names.size()) {
                throw SqlException.at("42P10", "WITH query \"" + cte.name() + "\" has " + names.size()
                        + " columns available but " + cte.columns().size() + " columns specified", cte.position());
            }
            List<String> renamed = new ArrayList<>(cte.columns());
            renamed.addAll(names.subList(cte.columns().size(), names.size()));
            names = renamed;
        }
        String ref = t.alias() != null ? t.alias().name() : cte.name();
        names = aliased(names, t.alias(), ref, t.position());
        RowSlot slot = new RowSlot(ref);
        List<Expression> vars = new ArrayList<>();
        for (int i = 0; i < p.columns().size(); i++) {
            Column c = p.columns().get(i);
            vars.add(new Expression.Var(slot, i, c.type(), c.typmod(), names.get(i)));
            slot.rowType(i, c.rowType());
        }
        PlanNode node = new SubqueryScan(p.node(), p.columns().size(), ref, slot);
        return new Entry(new Leaf(node, false), new FromScope.Item(ref, null, names, vars, new HashSet<>()));
    }

    /** A sequential scan of a table with its estimates and costs. */
    private SeqScan seqScan(Relation r, String alias, RowSlot slot) {
        SeqScan scan = new SeqScan(r, alias, slot);
        long blocks = tableBlocks(r); // once: opening the table to count its blocks is not free
        scan.rows = estimateRows(r, blocks);
        scan.tuples = scan.rows;
        scan.pages = estimatePages(r, scan.rows, blocks);
        scan.width = Math.max(1, RelationSize.dataWidth(r));
        costs.seqScan(scan, scan.pages, scan.tuples);
        return scan;
    }

    /** Rows of a table: from its size in blocks when the storage is at hand (RelationSize), else PostgreSQL's default guess. */
    private static double estimateRows(Relation r, long blocks) {
        return blocks < 0 ? 1000 : Math.max(1, RelationSize.tuples(r, blocks));
    }

    /**
     * The table's current size in blocks, or -1 without storage. Read once per table per planning: the
     * scan's estimate and each of its indexes' sizes ask, and every read opens the table.
     */
    private long tableBlocks(Relation r) {
        if (storage == null || r.storage() == null) {
            return -1;
        }
        if (blocksRead == null) {
            blocksRead = new HashMap<>(4);
        }
        Long known = blocksRead.get(r.oid());
        if (known == null) {
            long blocks;
            try {
                blocks = storage.openTable(r.storage(), r.shape()).blocks();
            } catch (RuntimeException e) {
                blocks = -1;
            }
            known = blocks;
            blocksRead.put(r.oid(), known);
        }
        return known;
    }

    /** {@link #tableBlocks}' answers by table OID (created at the first table). */
    private Map<Integer, Long> blocksRead;

    /** Pages of a table as the planner assumes them (RelationSize), or as many as its guessed rows need. */
    private static double estimatePages(Relation r, double rows, long blocks) {
        if (blocks >= 0) {
            return Math.max(1, RelationSize.pages(r, blocks));
        }
        return Math.max(1, Math.ceil(rows * (RelationSize.dataWidth(r) + 28) / 8192.0));
    }

    private Entry subquery(Query.SubqueryRef s, FromScope scope) {
        Planned p = planQuery(s.query(), s.lateral() ? scope : scope.parent());
        String ref = s.alias().name();
        RowSlot slot = new RowSlot(ref);
        List<String> names = aliased(p.columns().stream().map(Column::name).toList(), s.alias(), ref, s.position());
        List<Expression> vars = new ArrayList<>();
        for (int i = 0; i < p.columns().size(); i++) {
            Column c = p.columns().get(i);
            vars.add(new Expression.Var(slot, i, c.type(), c.typmod(), names.get(i)));
            slot.rowType(i, c.rowType());
        }
        PlanNode node = new SubqueryScan(p.node(), p.columns().size(), ref, slot);
        boolean lateral = s.lateral() && p.correlated();
        return new Entry(new Leaf(node, lateral), new FromScope.Item(ref, null, names, vars, new HashSet<>()));
    }

    private Entry function(Query.FunctionRef f, FromScope scope, Analyzer a, Level level) {
        String name = f.call().name().getLast();
        if (!SetReturningFunctions.isSetReturning(name)) {
            // A scalar function in FROM is a one-row table of its result.
            String saved = level.context;
            level.context = "functions in FROM";
            Expression e = a.transformOutput(f.call());
            level.context = saved;
            Entry user = userSetFunction(e, f, name, scope);
            if (user != null) {
                return user;
            }
            String ref = f.alias() != null ? f.alias().name() : name;
            RowSlot slot = new RowSlot(ref);
            List<String> names = aliased(f.ordinality() ? List.of(ref, "ordinality") : List.of(ref), f.alias(), ref,
                    f.position());
            List<Expression> vars = new ArrayList<>();
            vars.add(new Expression.Var(slot, 0, e.type(), e.typmod(), names.getFirst()));
            if (f.ordinality()) {
                vars.add(new Expression.Var(slot, 1, SqlType.INT8, -1, names.get(1)));
            }
            FunctionScan scan = new FunctionScan(name, List.of(e),
                    (args, c) -> java.util.Collections.singletonList(args[0]).iterator(), f.ordinality(), slot);
            scan.rows = 1;
            return new Entry(new Leaf(scan, readsSlots(e, scope)), new FromScope.Item(ref, null, names, vars,
                    new HashSet<>()));
        }
        String saved = level.context;
        level.context = "functions in FROM";
        List<Expression> args = new ArrayList<>();
        for (Expr arg : f.call().args()) {
            args.add(a.transform(arg));
        }
        level.context = saved;
        SetReturningFunctions.Resolved r = SetReturningFunctions.resolve(name,
                args.stream().map(Expression::type).toList());
        if (r == null) {
            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "42883", "function "
                    + org.tusk.sql.eval.Routine.signature(String.join(".", f.call().name()),
                            args.stream().map(Expression::type).toList()) + " does not exist")
                    .hint("No function matches the given name and argument types. "
                            + "You might need to add explicit type casts.")
                    .position(f.call().position()).build());
        }
        List<Expression> converted = new ArrayList<>();
        boolean lateral = false;
        for (int i = 0; i < args.size(); i++) {
            Expression e = a.coerceTo(args.get(i), r.argTypes().get(i), -1);
            converted.add(e);
            lateral |= readsSlots(e, scope);
        }
        String ref = f.alias() != null ? f.alias().name() : name;
        RowSlot slot = new RowSlot(ref);
        if (r.columns() != null) {
            // A function returning rows of named columns (pg_prepared_statement()).
            List<String> columnNames = new ArrayList<>(r.columns());
            if (f.ordinality()) {
                columnNames.add("ordinality");
            }
            columnNames = aliased(columnNames, f.alias(), ref, f.position());
            List<Expression> columnVars = new ArrayList<>();
            for (int i = 0; i < columnNames.size(); i++) {
                SqlType type = i < r.columnTypes().size() ? r.columnTypes().get(i) : SqlType.INT8;
                columnVars.add(new Expression.Var(slot, i, type, -1, columnNames.get(i)));
            }
            FunctionScan scan = new FunctionScan(name, converted, r.generator(), f.ordinality(), slot, true);
            return new Entry(new Leaf(scan, lateral), new FromScope.Item(ref, null, columnNames, columnVars,
                    new HashSet<>()));
        }
        String column = r.column() != null ? r.column() : ref;
        List<String> names = aliased(f.ordinality() ? List.of(column, "ordinality") : List.of(column), f.alias(),
                ref, f.position());
        List<Expression> vars = new ArrayList<>();
        vars.add(new Expression.Var(slot, 0, r.result(), -1, names.getFirst()));
        if (f.ordinality()) {
            vars.add(new Expression.Var(slot, 1, SqlType.INT8, -1, names.get(1)));
        }
        FunctionScan scan = new FunctionScan(name, converted, r.generator(), f.ordinality(), slot);
        return new Entry(new Leaf(scan, lateral), new FromScope.Item(ref, null, names, vars, new HashSet<>()));
    }

    /** Whether {@code e} reads a slot of an entry already in {@code scope} (an implicit LATERAL reference). */
    private static boolean readsSlots(Expression e, FromScope scope) {
        Set<RowSlot> slots = new HashSet<>();
        for (FromScope.Item i : scope.items()) {
            for (Expression c : i.columns()) {
                if (c instanceof Expression.Var v) {
                    slots.add(v.slot());
                }
            }
        }
        boolean[] found = {false};
        Expressions.walk(e, x -> found[0] |= x instanceof Expression.Var v && slots.contains(v.slot()));
        return found[0] || Expressions.containsSubPlan(e);
    }

    private Collected join(Query.Join j, FromScope scope, Analyzer a, List<Expression> conjuncts, Level level) {
        boolean outer = j.type() == Query.JoinType.LEFT || j.type() == Query.JoinType.RIGHT
                || j.type() == Query.JoinType.FULL;
        List<Expression> local = outer ? new ArrayList<>() : conjuncts;
        List<Expression> leftConds = outer ? new ArrayList<>() : conjuncts;
        List<Expression> rightConds = outer ? new ArrayList<>() : conjuncts;
        Collected left = collect(j.left(), scope, a, leftConds, level);
        Collected right = collect(j.right(), scope, a, rightConds, level);
        List<Named> star = new ArrayList<>();
        List<String> using = j.using();
        if (j.natural()) {
            using = new ArrayList<>();
            for (Named l : left.star()) {
                for (Named r : right.star()) {
                    if (l.name().equals(r.name()) && !using.contains(l.name())) {
                        using.add(l.name());
                    }
                }
            }
        }
        List<Named> leftStar = new ArrayList<>(left.star());
        List<Named> rightStar = new ArrayList<>(right.star());
        if (!using.isEmpty()) {
            List<String> mergedNames = new ArrayList<>();
            List<Expression> mergedExprs = new ArrayList<>();
            for (String name : using) {
                Named l = usingColumn(leftStar, name, "left", j.position());
                Named r = usingColumn(rightStar, name, "right", j.position());
                leftStar.remove(l);
                rightStar.remove(r);
                Expression eq = a.binaryOperator("=", l.expr(), r.expr(), j.position());
                // The join condition reads both columns, though no name in the query resolved to them:
                // the scans must decode them, and SELECT privilege on them is needed (as in PostgreSQL).
                ReadColumns.noteAll(eq);
                local.add(eq);
                Expression merged = switch (j.type()) {
                    case RIGHT -> r.expr();
                    case FULL -> {
                        SqlType t = commonType(l.expr().type(), r.expr().type(), "JOIN/USING", j.position());
                        yield new Expression.Coalesce(t, -1, List.of(a.coerceTo(l.expr(), t, -1),
                                a.coerceTo(r.expr(), t, -1)));
                    }
                    default -> l.expr();
                };
                mergedNames.add(name);
                mergedExprs.add(merged);
                star.add(new Named(name, merged));
                for (FromScope.Item i : left.items()) {
                    i.hidden().add(name);
                }
                for (FromScope.Item i : right.items()) {
                    i.hidden().add(name);
                }
            }
            FromScope.Item mergedItem = new FromScope.Item(null, null, mergedNames, mergedExprs, new HashSet<>());
            scope.add(mergedItem, j.position());
        }
        star.addAll(leftStar);
        star.addAll(rightStar);
        List<FromScope.Item> items = new ArrayList<>(left.items());
        items.addAll(right.items());
        if (j.on() != null) {
            String saved = level.context;
            level.context = "JOIN conditions";
            Expressions.conjuncts(a.transformCondition(j.on(), "JOIN/ON"), local);
            level.context = saved;
        }
        if (!outer) {
            return new Collected(collapseLimits.innerJoin(left.leaves(), right.leaves()), star, items);
        }
        Set<RowSlot> leftSlots = slots(left.leaves());
        Set<RowSlot> rightSlots = slots(right.leaves());
        JoinType type = JoinType.valueOf(j.type().name());
        // Conditions on the nullable side alone filter it before the join (so they may pick its index).
        List<Expression> joinConds = new ArrayList<>();
        for (Expression c : local) {
            Set<RowSlot> read = JoinPlanner.slotsRead(c, leftSlots, rightSlots);
            if (read != null && !read.isEmpty() && type == JoinType.LEFT && rightSlots.containsAll(read)) {
                rightConds.add(c);
            } else if (read != null && !read.isEmpty() && type == JoinType.RIGHT && leftSlots.containsAll(read)) {
                leftConds.add(c);
            } else {
                joinConds.add(c);
            }
        }
        // A LATERAL item on the right reads the left side's current row: the right side is run again for each
        // left row (a nested loop that rescans), never hashed, merged or read the other way round.
        boolean lateral = right.leaves().stream().anyMatch(Leaf::lateral);
        if (lateral && type != JoinType.LEFT) {
            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "42P10",
                    "invalid reference to FROM-clause entry in a LATERAL item").detail(
                            "The combining JOIN type must be INNER or LEFT for a LATERAL reference.")
                    .position(j.position()).build());
        }
        PlanNode l = JoinPlanner.join(left.leaves(), leftConds, leftSlots, costs);
        PlanNode r = JoinPlanner.join(right.leaves(), rightConds, rightSlots, costs);
        PlanNode node = JoinPlanner.joinPair(l, r, leftSlots, rightSlots, type, joinConds, lateral, costs);
        // The join as a whole may read items before it (a lateral item on either side): joined after them.
        boolean readsEarlier = lateral || left.leaves().stream().anyMatch(Leaf::lateral);
        return new Collected(List.of(new Leaf(node, readsEarlier)), star, items);
    }

    private static Named usingColumn(List<Named> side, String name, String which, int position) {
        Named found = null;
        for (Named n : side) {
            if (n.name().equals(name)) {
                if (found != null) {
                    throw new SqlException("42702", "common column name \"" + name + "\" appears more than once in "
                            + which + " table");
                }
                found = n;
            }
        }
        if (found == null) {
            throw new SqlException("42703", "column \"" + name + "\" specified in USING clause does not exist in "
                    + which + " table");
        }
        return found;
    }

    private static Set<RowSlot> slots(List<Leaf> leaves) {
        Set<RowSlot> s = new LinkedHashSet<>();
        for (Leaf l : leaves) {
            s.addAll(l.node().slots());
        }
        return s;
    }

    /** Runs a planned query to its end (for tests and subqueries): the output rows, visible columns only. */
    public static List<Object[]> collect(Planned p, ExecContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        ExecContext previous = ctx.enter();
        try {
            PlanNode n = p.node();
            n.open(ctx);
            try {
                for (Object[] r = n.next(); r != null; r = n.next()) {
                    Object[] v = (Object[]) r[0];
                    rows.add(v.length == p.columns().size() ? v : java.util.Arrays.copyOf(v, p.columns().size()));
                }
            } finally {
                n.close();
            }
        } finally {
            ExecContext.restore(previous);
        }
        return rows;
    }

    /**
     * UPDATE ... FROM and DELETE ... USING (the other relations of the statement, joined under its WHERE
     * clause for one target row at a time).
     *
     * @param node the join of the other relations; run once per target row, after the caller has put that
     *     row in the target's slot
     * @param scope the statement's namespace: the target first, then the other relations, so a column both
     *     have is ambiguous and a relation named twice is 42712, as in PostgreSQL
     * @param conditions the WHERE clause's conjuncts (all of them: the caller re-checks them on a newer
     *     version of the target row)
     * @param targetOnly the conjuncts reading no other relation (the caller finds target rows with them)
     */
    public record Joined(PlanNode node, Scope scope, List<Expression> conditions, List<Expression> targetOnly,
            List<RelationUse> relations, List<String> starNames, List<Expression> star) {

        /**
         * What {@code q.*} stands for at the top of a RETURNING list, as in a select list: the names and
         * expressions of FROM item {@code q}'s columns (each counted as read), or null if no FROM item is q.
         */
        public List<Named> starOf(List<String> qualifier) {
            FromScope.Item item = scope instanceof FromScope f ? f.item(qualifier) : null;
            if (item == null) {
                return null;
            }
            List<Named> out = new ArrayList<>();
            for (int i = 0; i < item.columnNames().size(); i++) {
                ReadColumns.noteAll(item.columns().get(i));
                out.add(new Named(item.columnNames().get(i), item.columns().get(i)));
            }
            return out;
        }
    }

    /**
     * Plans the other relations of UPDATE ... FROM / DELETE ... USING. The target is an item of the scope
     * but not a leaf of the join: its Vars read {@code targetVars}' slot, which is filled before each
     * execution, so a condition joining it to another relation acts as a parameter of that relation's scan
     * (an index lookup when an index fits), and the join is a nested loop with the target outermost.
     */
    public Joined planJoinedToTarget(String targetName, String targetSchema, String targetRelation,
            List<String> columnNames, List<Expression> targetVars, List<Query.FromItem> from, Expr where) {
        Level level = new Level("FROM clause of their own query level");
        FromScope scope = new FromScope(null, null);
        scope.add(new FromScope.Item(targetName, targetSchema, columnNames, targetVars, new HashSet<>(),
                targetRelation), 0);
        Analyzer a = analyzer(scope, level);
        List<Expression> conjuncts = new ArrayList<>();
        List<Leaf> leaves = new ArrayList<>();
        List<String> starNames = new ArrayList<>();
        List<Expression> star = new ArrayList<>();
        for (Query.FromItem item : from) {
            Collected c = collect(item, scope, a, conjuncts, level);
            leaves.addAll(c.leaves());
            for (Named n : c.star()) {
                starNames.add(n.name());
                star.add(n.expr());
            }
        }
        level.context = "WHERE";
        if (where != null) {
            Expressions.conjuncts(a.transformCondition(where, "WHERE"), conjuncts);
        }
        Set<RowSlot> levelSlots = new HashSet<>();
        for (Leaf l : leaves) {
            levelSlots.addAll(l.node().slots());
            l.node().slots().forEach(RowSlot::noteAllRead); // UPDATE FROM / DELETE USING keep whole rows
        }
        List<Expression> targetOnly = new ArrayList<>();
        for (Expression c : conjuncts) {
            Set<RowSlot> read = JoinPlanner.slotsRead(c, levelSlots);
            if (read != null && read.isEmpty()) {
                targetOnly.add(c);
            }
        }
        PlanNode node = JoinPlanner.join(leaves, new ArrayList<>(conjuncts), levelSlots, costs);
        return new Joined(node, scope, List.copyOf(conjuncts), List.copyOf(targetOnly), List.copyOf(relationsUsed),
                List.copyOf(starNames), List.copyOf(star));
    }

    static Map<Expression, FromScope.Reference> newReferences() {
        return new IdentityHashMap<>(4);
    }

    /** The SubPlan each sublink of the query became, for SublinkPullUp to find its conjunct. */
    private final Map<Expr.SubLink, Expression> sublinkPlans = new java.util.IdentityHashMap<>(4);

    /** The SubPlan {@code link} was analyzed into, or null. */
    Expression sublinkPlan(Expr.SubLink link) {
        return sublinkPlans.get(link);
    }

    /** join_collapse_limit and from_collapse_limit, read once per planning. */
    private final CollapseLimits collapseLimits;

    /**
     * A user-defined function returning a set or rows of several columns (CREATE FUNCTION ... RETURNS SETOF
     * or TABLE) in FROM: a function scan of its rows, its columns named as the function declares them.
     */
    private Entry userSetFunction(Expression e, Query.FunctionRef f, String name, FromScope scope) {
        org.tusk.sql.func.SetReturning.Scan s = org.tusk.sql.func.SetReturning.inFrom(e, f.columnDefinitions(),
                f.call().position());
        if (s == null) {
            return null;
        }
        String ref = f.alias() != null ? f.alias().name() : name;
        RowSlot slot = new RowSlot(ref);
        List<String> columnNames = new ArrayList<>(s.columns() == null ? List.of(ref) : s.columns());
        List<SqlType> types = new ArrayList<>(s.columnTypes());
        if (f.ordinality()) {
            columnNames.add("ordinality");
            types.add(SqlType.INT8);
        }
        columnNames = aliased(columnNames, f.alias(), ref, f.position());
        List<Expression> vars = new ArrayList<>();
        for (int i = 0; i < columnNames.size(); i++) {
            vars.add(new Expression.Var(slot, i, types.get(i), -1, columnNames.get(i)));
            if (s.columnRowType(i) != null) {
                slot.rowType(i, s.columnRowType(i));
            }
        }
        boolean lateral = false;
        for (Expression arg : s.args()) {
            lateral |= readsSlots(arg, scope);
        }
        FunctionScan scan = new FunctionScan(name, s.args(), s.generator(), f.ordinality(), slot, s.columns() != null);
        return new Entry(new Leaf(scan, lateral), new FromScope.Item(ref, null, columnNames, vars, new HashSet<>()));
    }

    /**
     * The next SubPlan number of the statement (PostgreSQL's plan_id, "SubPlan n" in EXPLAIN), taken
     * once the subquery is planned, so that its own sublinks number first as in PostgreSQL.
     */
    int nextSubPlan() {
        return ++subplans;
    }

    /** The cost parameters of this planning (work_mem for a hashed SubPlan's size). */
    Costs costs() {
        return costs;
    }

    /** Whether this planner plans a query inside an INSERT, UPDATE or DELETE (no data-modifying WITH there). */
    private boolean belowTopLevel;

    /**
     * A planner for a query inside an INSERT, UPDATE or DELETE (its SELECT, FROM or USING): the WITH
     * queries of {@code with} (null: none) are visible to it, sharing their computation with the
     * statement's other parts; a data-modifying WITH of its own is 0A000, as it is not at the top level.
     */
    public Planner enclosedBy(StatementWith with) {
        belowTopLevel = true;
        if (with != null) {
            withScopes.addLast(with.names());
            commonTableLevels.addLast(with.level());
        }
        return this;
    }

    /**
     * Hooks for the expressions of an INSERT, UPDATE or DELETE itself ({@code context}: WHERE, UPDATE,
     * RETURNING): subqueries are planned by this planner, aggregates refused as PostgreSQL refuses them there.
     */
    public Analyzer.QueryHooks statementHooks(String context) {
        return new Hooks(new Level(context));
    }

    /** Whether this planner planned any subquery in an expression (a SubPlan). */
    public boolean plannedSubqueries() {
        return !sublinkPlans.isEmpty();
    }

    /**
     * A trigger's transition table (REFERENCING OLD/NEW TABLE AS name, see trigger.TransitionTables) named by an
     * unqualified FROM item, or null: found after WITH queries and before the catalog, as an ephemeral named
     * relation in PostgreSQL.
     */
    private Entry transitionTable(Query.TableRef t) {
        org.tusk.sql.trigger.TransitionTables.Table tt = t.names().size() == 1
                ? org.tusk.sql.trigger.TransitionTables.find(t.names().getFirst()) : null;
        if (tt == null) {
            return null;
        }
        String ref = t.alias() != null ? t.alias().name() : tt.name();
        List<String> names = aliased(tt.columns().stream().map(org.tusk.sql.schema.Column::name).toList(), t.alias(),
                ref, t.position());
        RowSlot slot = new RowSlot(ref);
        List<Expression> vars = new ArrayList<>();
        for (int i = 0; i < tt.columns().size(); i++) {
            org.tusk.sql.schema.Column c = tt.columns().get(i);
            vars.add(new Expression.Var(slot, i, c.type(), c.typmod(), names.get(i)));
        }
        PlanNode node = org.tusk.sql.trigger.TransitionTables.scan(tt.name(), ref, slot);
        return new Entry(new Leaf(node, false), new FromScope.Item(ref, null, names, vars, new HashSet<>()));
    }
}
