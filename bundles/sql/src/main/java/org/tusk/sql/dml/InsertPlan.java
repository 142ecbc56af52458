package org.tusk.sql.dml;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.ErrorFields;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.eval.Scope;
import org.tusk.sql.exec.ExecContext;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.plan.Planner;
import org.tusk.sql.schema.Column;
import org.tusk.sql.trigger.TriggerFiring;
import org.tusk.sql.trigger.TriggerType;

/**
 * INSERT INTO t [(columns)] VALUES ... | DEFAULT VALUES [RETURNING ...] (transformInsertStmt and
 * ExecInsert): each VALUES item is converted to its target column by assignment rules, every column
 * not given (or given as DEFAULT) gets its default expression, analyzed once per statement, or NULL.
 * Rows are checked, stored and indexed one at a time; foreign keys are checked at the end; RETURNING
 * rows are sent once the statement has succeeded, as PostgreSQL's portal does for a DML statement.
 */
final class InsertPlan implements DmlPlan {
    /** work_mem for the query of INSERT ... SELECT (PostgreSQL's default; the setting is not read here yet). */
    private static final long WORK_MEM = 4L * 1024 * 1024;
    private final TargetTable target;
    /** Per VALUES row, one expression per table column (null: NULL). */
    private final List<Expression[]> rows;
    private final Returning returning;
    /** The ON CONFLICT clause, or null. */
    private OnConflictClause onConflict;

    /** INSERT ... SELECT: the planned query, and the slot its output rows are read from. */
    private final Planner.Planned query;
    private final RowSlot source;

    private InsertPlan(TargetTable target, List<Expression[]> rows, Returning returning) {
        this(target, rows, returning, null, null);
    }

    private InsertPlan(TargetTable target, List<Expression[]> rows, Returning returning, Planner.Planned query,
            RowSlot source) {
        this.target = target;
        this.rows = rows;
        this.returning = returning;
        this.query = query;
        this.source = source;
    }

    /**
     * INSERT ... SELECT (and VALUES or WITH as a query): the query is planned by the query layer; each
     * output column is read from a slot and converted to its target column by assignment rules, the
     * other columns get their defaults. {@code rows} then holds the one row of expressions every query
     * row is computed with.
     */
    private static InsertPlan fromQuery(Statement.Insert s, DmlEnv env, TargetTable target, int[] targetColumns,
            Expression[] defaults, Analyzer analyzer) {
        Statement.Select select = (Statement.Select) s.query();
        Planner.Planned planned = env.planner().planInsertSource(select.query());
        List<Planner.Column> out = planned.columns();
        if (out.size() > targetColumns.length) {
            int p = out.get(targetColumns.length).position();
            throw p > 0 ? SqlException.at("42601", "INSERT has more expressions than target columns", p)
                    : new SqlException("42601", "INSERT has more expressions than target columns");
        }
        if (out.size() < targetColumns.length && !s.columns().isEmpty()) {
            throw SqlException.at("42601", "INSERT has more target columns than expressions",
                    s.columnPositions().get(out.size()));
        }
        RowSlot source = new RowSlot("*SELECT*");
        Expression[] row = defaults.clone();
        for (int k = 0; k < out.size(); k++) {
            Planner.Column c = out.get(k);
            int base = target.baseColumn(targetColumns[k]);
            Column col = target.relation.columns().get(base);
            if (identityDefault(col, s.overriding())) {
                continue;
            }
            Expression v = new Expression.Var(source, k, c.type(), c.typmod(), c.name());
            source.rowType(k, c.rowType()); // a row the query computes keeps its type for the column
            row[base] = analyzer.coerceToColumn(v, col, c.position());
        }
        Returning returning = Returning.analyze(s.returning(), target, analyzer.withScope(target));
        InsertPlan plan = new InsertPlan(target, List.<Expression[]>of(row), returning, planned, source);
        plan.subqueries = target.view != null && target.view.subqueries;
        plan.inserted = inserted(targetColumns, out.size());
        plan.onConflict = s.onConflict() == null ? null : OnConflictClause.analyze(s.onConflict(), target, env);
        plan.arbitersNamed = s.onConflict() != null
                && (s.onConflict().constraint() != null || !s.onConflict().columns().isEmpty());
        return plan;
    }

    /**
     * Whether a value given for column {@code c} is replaced by its default (OVERRIDING USER VALUE on an identity
     * column); a GENERATED ALWAYS identity column takes one only with OVERRIDING SYSTEM VALUE (rewriteTargetListIU).
     */
    private static boolean identityDefault(Column c, char overriding) {
        if (c.identity() == 'a' && overriding == '\0') {
            throw new SqlException(ErrorFields.of("ERROR", "428C9", "cannot insert a non-DEFAULT value into column \""
                    + c.name() + "\"").detail("Column \"" + c.name()
                            + "\" is an identity column defined as GENERATED ALWAYS.")
                    .hint("Use OVERRIDING SYSTEM VALUE to override.").build());
        }
        return overriding == 'u' && (c.identity() == 'a' || c.identity() == 'd');
    }

    static InsertPlan analyze(Statement.Insert s, DmlEnv env) {
        TargetTable target = TargetTable.open(s.table(), env, "insert into");
        List<Column> cols = target.relation.columns();
        int[] targetColumns = targetColumns(s, target);
        Analyzer analyzer = new Analyzer(env.ctx(), env.parameters());
        Expression[] defaults = new Expression[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            defaults[i] = defaultExpression(cols.get(i), analyzer);
        }
        if (target.view != null) {
            // A view's own defaults come before the table's (rewriteTargetListIU on the view).
            for (int i = 0; i < target.width(); i++) {
                Expression d = target.view.viewDefault(i, analyzer);
                int base = target.view.writtenTo(i);
                if (d != null && base >= 0) {
                    defaults[base] = d;
                }
            }
        }
        if (s.query() != null) {
            return fromQuery(s, env, target, targetColumns, defaults, analyzer);
        }
        Sublinks sublinks = new Sublinks(env);
        sublinks.in(analyzer, "VALUES");
        List<Expression[]> rows = new ArrayList<>();
        List<List<Expr>> values = s.values() != null ? s.values() : List.of(List.of());
        for (List<Expr> items : values) {
            if (items.size() > targetColumns.length) {
                Expr extra = items.get(targetColumns.length);
                throw SqlException.at("42601", "INSERT has more expressions than target columns",
                        extra == null ? s.position() : Analyzer.leftmost(extra));
            }
            if (items.size() < targetColumns.length && !s.columns().isEmpty()) {
                throw SqlException.at("42601", "INSERT has more target columns than expressions",
                        s.columnPositions().get(items.size()));
            }
            Expression[] row = defaults.clone();
            for (int k = 0; k < items.size(); k++) {
                Expr item = items.get(k);
                // Through a view every column named is written, DEFAULT or not: it must be updatable.
                int col = target.baseColumn(targetColumns[k]);
                if (item == null) {
                    continue; // DEFAULT
                }
                Column c = cols.get(col);
                if (identityDefault(c, s.overriding())) {
                    continue;
                }
                // VALUES cannot see the target's columns (42703, with PostgreSQL's hint).
                analyzer.withScope((names, position) -> {
                    if (names.size() == 1 && target.index(names.getFirst()) >= 0) {
                        throw new SqlException(ErrorFields.of("ERROR", "42703", "column \"" + names.getFirst()
                                + "\" does not exist").hint("There is a column named \"" + names.getFirst()
                                        + "\" in table \"" + target.named.name()
                                        + "\", but it cannot be referenced from this part of the query.")
                                .position(position).build());
                    }
                    return null;
                });
                Expression e = analyzer.transform(item);
                row[col] = analyzer.coerceToColumn(e, c, Analyzer.leftmost(item));
            }
            rows.add(row);
        }
        Returning returning = Returning.analyze(s.returning(), target,
                sublinks.in(analyzer.withScope(target), "RETURNING"));
        InsertPlan plan = new InsertPlan(target, rows, returning);
        plan.subqueries = sublinks.any() || target.view != null && target.view.subqueries;
        plan.inserted = inserted(targetColumns, values.getFirst().size());
        plan.onConflict = s.onConflict() == null ? null : OnConflictClause.analyze(s.onConflict(), target, env);
        plan.arbitersNamed = s.onConflict() != null
                && (s.onConflict().constraint() != null || !s.onConflict().columns().isEmpty());
        return plan;
    }

    /**
     * The columns the statement gives values (insertedCols, what column INSERT privileges are checked on):
     * the first {@code count} target columns, as many as a row has items.
     */
    private static java.util.BitSet inserted(int[] targetColumns, int count) {
        java.util.BitSet b = new java.util.BitSet();
        for (int k = 0; k < Math.min(count, targetColumns.length); k++) {
            b.set(targetColumns[k]);
        }
        return b;
    }

    /** The columns given values (0-based), see {@link #inserted(int[], int)}. */
    private java.util.BitSet inserted = new java.util.BitSet();

    /** Whether VALUES or RETURNING has subqueries (the statement then runs in an execution context). */
    private boolean subqueries;

    /** The row positions the VALUES items go to: the column list, or every column in order. */
    private static int[] targetColumns(Statement.Insert s, TargetTable target) {
        if (s.columns().isEmpty()) {
            int[] all = new int[target.width()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[s.columns().size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = target.targetColumn(s.columns().get(k), s.columnPositions().get(k));
            for (int j = 0; j < k; j++) {
                if (out[j] == out[k]) {
                    throw SqlException.at("42701", "column \"" + s.columns().get(k) + "\" specified more than once",
                            s.columnPositions().get(k));
                }
            }
        }
        return out;
    }

    /** A column's default as an expression of its type, or null when it has none (NULL). */
    static Expression defaultExpression(Column c, Analyzer analyzer) {
        if (c.defaultSql() == null) {
            return null;
        }
        analyzer.withScope(Scope.EMPTY);
        Expression e = analyzer.transform(org.tusk.sql.parser.Parser.parseExpression(c.defaultSql()));
        return analyzer.coerceToColumn(e, c, -1);
    }

    /** Inserts one row; false when a BEFORE ROW trigger skipped it. */
    private boolean insertRow(Expression[] exprs, TableWriter writer, EvalContext ctx, ReturnedRows out,
            TriggerFiring triggers) {
        Object[] row = new Object[exprs.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = exprs[i] == null ? null : exprs[i].eval(ctx);
        }
        if (writer == null) {
            if ((row = InsteadOfRows.insert(triggers, row)) == null) {
                return false;
            }
        } else {
            if (triggers != null && (row = triggers.beforeRow(null, row)) == null) {
                return false;
            }
            if (onConflict != null) {
                Object[] done = upsert(row, writer, ctx);
                if (done != row) {
                    if (done == null) {
                        return false;
                    }
                    if (out != null) {
                        target.slot.set(done);
                        out.add(returning.row(ctx));
                    }
                    return true;
                }
            } else {
                writer.insert(row);
            }
            if (triggers != null) {
                triggers.afterRow(null, row);
            }
            if (target.view != null) {
                // After the row and its index entries are in (ExecInsert), as the SQL standard orders them.
                target.view.checkNewRow(target, row, ctx);
            }
        }
        if (out != null) {
            target.slot.set(row);
            out.add(returning.row(ctx));
        }
        return true;
    }

    /**
     * ON CONFLICT for one proposed row (after the BEFORE INSERT triggers): {@code row} itself once it
     * is inserted, the updated row after DO UPDATE, or null when nothing was written.
     */
    private Object[] upsert(Object[] row, TableWriter writer, EvalContext ctx) {
        // Constraints first, as ExecInsert checks them before looking for a conflict.
        writer.check(row);
        while (true) {
            org.tusk.storage.access.TupleId conflict = onConflict.conflict(writer, row);
            if (conflict == null) {
                if (onConflict.insert(writer, row)) {
                    return row;
                }
                continue; // a concurrent inserter got the key since: look again (and wait for it)
            }
            if (!onConflict.doUpdate()) {
                onConflict.nothing(writer, conflict, ctx);
                conflicts++;
                return null;
            }
            Object[] updated = onConflict.update(writer, target, conflict, row, ctx);
            if (updated != OnConflictClause.RETRY) {
                conflicts++;
                return updated;
            }
        }
    }

    /**
     * Runs the query and inserts each of its rows as it comes: the query reads with the statement's
     * snapshot, which does not see the rows this command inserts (no Halloween problem for INSERT INTO t
     * SELECT ... FROM t).
     */
    private long insertQueryRows(DmlEnv env, TableWriter writer, ReturnedRows out, TriggerFiring triggers) {
        EvalContext ctx = env.ctx();
        ExecContext exec = new ExecContext(ctx, env.storage(), WORK_MEM);
        ExecContext previous = exec.enter();
        PlanNode node = query.node();
        long count = 0;
        try {
            node.open(exec);
            for (Object[] r = node.next(); r != null; r = node.next()) {
                source.set((Object[]) r[0]);
                if (insertRow(rows.getFirst(), writer, ctx, out, triggers)) {
                    count++;
                }
            }
        } finally {
            node.close();
            ExecContext.restore(previous);
        }
        return count;
    }

    /** Proposed rows that met a conflict in the last run (EXPLAIN ANALYZE's "Conflicting Tuples"). */
    private long conflicts;

    long conflicts() {
        return conflicts;
    }

    long conflictsFiltered() {
        return onConflict == null ? 0 : onConflict.filtered;
    }

    TargetTable target() {
        return target;
    }

    /** INSERT ... SELECT's plan, or null for VALUES. */
    PlanNode queryNode() {
        return query == null ? null : query.node();
    }

    /** How many VALUES rows the statement has (1 for DEFAULT VALUES). */
    int valuesRows() {
        return rows.size();
    }

    OnConflictClause onConflict() {
        return onConflict;
    }

    /** Whether ON CONFLICT named its arbiters (columns or a constraint): EXPLAIN lists them then. */
    boolean arbitersNamed() {
        return arbitersNamed;
    }

    private boolean arbitersNamed;

    @Override
    public boolean revalidate(DmlEnv env) {
        if (!target.lockAndCheck(env)) {
            return false;
        }
        if (query != null) {
            for (Planner.RelationUse use : query.relations()) {
                if (!use.relation().equals(env.catalog().lookup(use.schema(), use.name()))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public List<ColumnDescription> columns() {
        return returning == null ? null : returning.columns();
    }

    @Override
    public void run(DmlEnv env, ResultSink sink) {
        Sublinks.run(subqueries, env, () -> runRows(env, sink));
    }

    private void runRows(DmlEnv env, ResultSink sink) {
        EvalContext ctx = env.ctx();
        org.tusk.sql.eval.ReadOnlyTransactions.preventUnlessTemporary(ctx, "INSERT", target.relation.namespaceOid());
        if (target.view != null) {
            // Through a view: relation privileges, the base table's as the view's owner.
            // (ON CONFLICT's reads of the view's columns need SELECT on the view as a whole here.)
            int required = org.tusk.sql.roles.Acl.INSERT
                    | (returning != null || onConflict != null && onConflict.reads() ? org.tusk.sql.roles.Acl.SELECT : 0)
                    | (onConflict != null && onConflict.doUpdate() ? org.tusk.sql.roles.Acl.UPDATE : 0);
            org.tusk.sql.roles.Privileges.check(ctx, target.named, required);
            target.view.checkPrivileges(ctx, target.relation, required);
        } else {
            org.tusk.sql.roles.Privileges.checkTarget(ctx, target.relation, org.tusk.sql.roles.Acl.INSERT, target.slot,
                    inserted);
            if (onConflict != null && onConflict.doUpdate()) {
                // DO UPDATE needs UPDATE on the columns it sets (updatedCols); SELECT on the columns ON CONFLICT
                // reads (its target, DO UPDATE's expressions) is in the slot's referenced columns.
                org.tusk.sql.roles.Privileges.checkTarget(ctx, target.relation, org.tusk.sql.roles.Acl.UPDATE,
                        target.slot, onConflict.updatedColumns());
            }
        }
        if (query != null) {
            org.tusk.sql.roles.Privileges.checkSelect(ctx, query.relations());
        }
        // A view (with an INSTEAD OF INSERT trigger, or TargetTable would have refused it) has no writer.
        TableWriter writer = target.relation.kind() == 'v' ? null : new TableWriter(env, target.relation);
        ReturnedRows out = ReturnedRows.of(returning, ctx);
        long count = 0;
        TriggerFiring triggers = TriggerFiring.of(ctx, target.relation, TriggerType.INSERT, null);
        if (triggers != null) {
            triggers.beforeStatement();
        }
        conflicts = 0;
        if (onConflict != null) {
            onConflict.filtered = 0;
            onConflict.beforeStatement(ctx, target);
        }
        if (query != null) {
            count = insertQueryRows(env, writer, out, triggers);
        } else {
            // The planner folds constant expressions (eval_const_expressions) before any row is made,
            // so 'toolong'::varchar(5) fails before a serial column's nextval() is called.
            for (Expression[] exprs : rows) {
                for (Expression e : exprs) {
                    if (e != null) {
                        org.tusk.sql.eval.ConstantFolding.check(e, ctx);
                    }
                }
            }
            for (Expression[] exprs : rows) {
                ctx.checkForInterrupts();
                if (insertRow(exprs, writer, ctx, out, triggers)) {
                    count++;
                }
            }
        }
        if (writer != null) {
            writer.endOfStatement();
        }
        if (onConflict != null) {
            onConflict.afterStatement(env);
        }
        env.afterStatement(triggers);
        env.finishStatement();
        if (out != null) {
            out.send(returning, sink);
        }
        // The statement's changes become visible to the transaction's next command (CommandCounterIncrement).
        env.endCommand();
        sink.commandComplete("INSERT 0 " + count);
    }
}
