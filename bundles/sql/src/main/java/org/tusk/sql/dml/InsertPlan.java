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
import org.tusk.sql.eval.Scope;
import org.tusk.sql.schema.Column;

/**
 * INSERT INTO t [(columns)] VALUES ... | DEFAULT VALUES [RETURNING ...] (transformInsertStmt and
 * ExecInsert): each VALUES item is converted to its target column by assignment rules, every column
 * not given (or given as DEFAULT) gets its default expression, analyzed once per statement, or NULL.
 * Rows are checked, stored and indexed one at a time; foreign keys are checked at the end; RETURNING
 * rows are sent once the statement has succeeded, as PostgreSQL's portal does for a DML statement.
 */
final class InsertPlan implements DmlPlan {
    private final TargetTable target;
    /** Per VALUES row, one expression per table column (null: NULL). */
    private final List<Expression[]> rows;
    private final Returning returning;

    private InsertPlan(TargetTable target, List<Expression[]> rows, Returning returning) {
        this.target = target;
        this.rows = rows;
        this.returning = returning;
    }

    static InsertPlan analyze(Statement.Insert s, DmlEnv env) {
        TargetTable target = TargetTable.open(s.table(), env.catalog(), env.storage(), "insert into");
        List<Column> cols = target.relation.columns();
        int[] targetColumns = targetColumns(s, target);
        if (s.query() != null) {
            throw SqlException.at("0A000", "INSERT ... SELECT is not supported yet", s.position());
        }
        Analyzer analyzer = new Analyzer(env.ctx(), env.parameters());
        Expression[] defaults = new Expression[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            defaults[i] = defaultExpression(cols.get(i), analyzer);
        }
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
                int col = targetColumns[k];
                if (item == null) {
                    continue; // DEFAULT
                }
                Column c = cols.get(col);
                if (c.identity() == 'a') {
                    throw new SqlException(ErrorFields.of("ERROR", "428C9", "cannot insert a non-DEFAULT value into column \""
                            + c.name() + "\"").detail("Column \"" + c.name()
                                    + "\" is an identity column defined as GENERATED ALWAYS.")
                            .hint("Use OVERRIDING SYSTEM VALUE to override.").build());
                }
                // VALUES cannot see the target's columns (42703, with PostgreSQL's hint).
                analyzer.withScope((names, position) -> {
                    if (names.size() == 1 && target.index(names.getFirst()) >= 0) {
                        throw new SqlException(ErrorFields.of("ERROR", "42703", "column \"" + names.getFirst()
                                + "\" does not exist").hint("There is a column named \"" + names.getFirst()
                                        + "\" in table \"" + target.relation.name()
                                        + "\", but it cannot be referenced from this part of the query.")
                                .position(position).build());
                    }
                    return null;
                });
                Expression e = analyzer.transform(item);
                row[col] = analyzer.coerceToColumn(e, c.name(), c.type(), c.typmod(), Analyzer.leftmost(item));
            }
            rows.add(row);
        }
        Returning returning = Returning.analyze(s.returning(), target, analyzer.withScope(target));
        return new InsertPlan(target, rows, returning);
    }

    /** The row positions the VALUES items go to: the column list, or every column in order. */
    private static int[] targetColumns(Statement.Insert s, TargetTable target) {
        if (s.columns().isEmpty()) {
            int[] all = new int[target.relation.columns().size()];
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
        return analyzer.coerceToColumn(e, c.name(), c.type(), c.typmod(), -1);
    }

    @Override
    public boolean revalidate(DmlEnv env) {
        return target.lockAndCheck(env);
    }

    @Override
    public List<ColumnDescription> columns() {
        return returning == null ? null : returning.columns();
    }

    @Override
    public void run(DmlEnv env, ResultSink sink) {
        EvalContext ctx = env.ctx();
        TableWriter writer = new TableWriter(env, target.relation);
        List<byte[][]> out = returning == null ? null : new ArrayList<>();
        long count = 0;
        for (Expression[] exprs : rows) {
            ctx.checkForInterrupts();
            Object[] row = new Object[exprs.length];
            for (int i = 0; i < row.length; i++) {
                row[i] = exprs[i] == null ? null : exprs[i].eval(ctx);
            }
            writer.insert(row);
            count++;
            if (out != null) {
                target.slot.set(row);
                out.add(returning.row(ctx));
            }
        }
        if (writer.foreignKeysIfAny() != null) {
            writer.foreignKeysIfAny().runQueued();
        }
        if (out != null) {
            sink.rowDescription(returning.columns());
            for (byte[][] r : out) {
                sink.dataRow(r);
            }
        }
        // The statement's changes become visible to the transaction's next command (CommandCounterIncrement).
        env.storage().commandCounterIncrement();
        sink.commandComplete("INSERT 0 " + count);
    }
}
