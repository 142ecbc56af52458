package org.tusk.sql.dml;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Query;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.exec.ExecContext;
import org.tusk.sql.exec.ModifyTable;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.exec.Result;
import org.tusk.sql.exec.ValuesScan;

/**
 * EXPLAIN [ANALYZE] of INSERT, UPDATE and DELETE: the statement's ModifyTable node ("Update on t") over the
 * plan its rows come from, as PostgreSQL prints it.
 *
 * <p>The dml layer does not run UPDATE and DELETE through plan nodes (it collects the target rows itself,
 * {@link ScanRows}, {@link JoinedRows}), so the plan shown for them is the query planner's for the same
 * reads, {@code SELECT ... FROM target [, FROM/USING items] WHERE ...}: what PostgreSQL's planner makes of
 * the statement too. INSERT shows the plan its SELECT really runs, or a Result or Values Scan for VALUES.
 *
 * <p>With ANALYZE the statement really runs (the user's ROLLBACK takes it back). The reads of UPDATE and
 * DELETE are then run once more, before the statement, for their row counts: a volatile function in their
 * WHERE clause is called twice.
 */
public final class DmlExplain {
    private static final long WORK_MEM = 4L * 1024 * 1024;

    private DmlExplain() {
    }

    /**
     * The plan of {@code s} for {@link org.tusk.sql.exec.Explain#lines}, analyzed against {@code env}; with
     * {@code analyze} the statement has run when this returns, its counters in the nodes. Notices the
     * statement raises go to {@code sink}.
     */
    public static PlanNode plan(Statement s, DmlEnv env, boolean analyze, boolean verbose, ResultSink sink) {
        List<Query.CommonTable> with = switch (s) {
            case Statement.Insert i -> i.with();
            case Statement.Update u -> u.with();
            case Statement.Delete d -> d.with();
            default -> throw new IllegalArgumentException("not a DML statement: " + s);
        };
        for (Query.CommonTable c : with) {
            if (c.modifying() != null) {
                throw SqlException.at("0A000", "EXPLAIN of a data-modifying statement in WITH is not supported yet",
                        c.position());
            }
        }
        DmlPlan analyzed = DmlStatements.analyze(s, env);
        ModifyTable shown = describe(s, analyzed, env, verbose);
        if (!analyze) {
            return shown;
        }
        DmlPlan own = analyzed instanceof WithStatement w ? w.statement() : analyzed;
        PlanNode source = shown.children().getFirst();
        InsertPlan insert = own instanceof InsertPlan i ? i : null;
        if (insert == null) {
            count(source, env);
        }
        long count = run(analyzed, env, sink);
        List<String> counters = new ArrayList<>();
        if (insert != null && insert.queryNode() == null) {
            source.actualRows = insert.valuesRows();
            source.loops = 1;
        }
        if (insert != null && insert.onConflict() != null) {
            long conflicts = insert.conflicts();
            if (insert.onConflict().where() != null && insert.conflictsFiltered() > 0) {
                counters.add("Rows Removed by Conflict Filter: " + insert.conflictsFiltered());
            }
            counters.add("Tuples Inserted: " + (source.actualRows - conflicts));
            counters.add("Conflicting Tuples: " + conflicts);
        }
        ModifyTable top = new ModifyTable(shown.label(), source, shown.details(verbose), counters);
        top.actualRows = own.columns() != null ? count : 0;
        top.loops = 1;
        return top;
    }

    /**
     * The ModifyTable node of an analyzed statement, without ANALYZE's counters: also what EXPLAIN shows of
     * an INSERT, UPDATE or DELETE in WITH.
     */
    public static ModifyTable describe(Statement s, DmlPlan analyzed, DmlEnv env, boolean verbose) {
        DmlPlan own = analyzed instanceof WithStatement w ? w.statement() : analyzed;
        PlanNode source;
        TargetTable target;
        List<String> details = new ArrayList<>();
        String verb;
        switch (own) {
            case InsertPlan i -> {
                verb = "Insert";
                target = i.target();
                source = i.queryNode() != null ? i.queryNode() : i.valuesRows() == 1 ? new Result()
                        : new ValuesScan(java.util.Collections.nCopies(i.valuesRows(), List.of()),
                                new org.tusk.sql.eval.RowSlot("*VALUES*"));
                if (i.queryNode() == null) {
                    // The VALUES rows are whole rows of the table, defaults filled in (get_typavgwidth each).
                    int width = 0;
                    for (org.tusk.sql.schema.Column col : target.relation.columns()) {
                        width += org.tusk.sql.plan.RelationSize.averageWidth(col.type(), col.typmod());
                    }
                    source.width = width;
                }
                OnConflictClause c = i.onConflict();
                if (c != null) {
                    details.add("Conflict Resolution: " + (c.doUpdate() ? "UPDATE" : "NOTHING"));
                    if (i.arbitersNamed()) {
                        List<String> names = new ArrayList<>();
                        for (int k : c.arbiters()) {
                            names.add(target.relation.indexes().get(k).name());
                        }
                        details.add("Conflict Arbiter Indexes: " + String.join(", ", names));
                    }
                    if (c.where() != null) {
                        details.add("Conflict Filter: " + org.tusk.sql.exec.ExpressionText.of(c.where(), true));
                    }
                }
            }
            case UpdatePlan u -> {
                verb = "Update";
                target = u.target();
                source = reads(s, env);
            }
            case DeletePlan d -> {
                verb = "Delete";
                target = d.target();
                source = reads(s, env);
            }
            default -> throw new IllegalStateException("unexpected plan " + own);
        }
        // Through an automatically updatable view the statement is on its table, with no alias of its own.
        boolean aliased = target.view == null && !target.refName.equals(target.relation.name());
        String label = verb + " on " + (verbose ? quote(target.relation.schema()) + "." : "")
                + quote(target.relation.name()) + (aliased ? " " + quote(target.refName) : "");
        return new ModifyTable(label, source, details, List.of());
    }

    /** The plan of the reads of an UPDATE or DELETE: {@code SELECT 1 FROM target, ... WHERE ...}. */
    private static PlanNode reads(Statement s, DmlEnv env) {
        Statement.RangeVar table;
        List<Query.FromItem> others;
        Expr where;
        List<Query.CommonTable> with;
        switch (s) {
            case Statement.Update u -> {
                table = u.table();
                others = u.from();
                where = u.where();
                with = u.with();
            }
            case Statement.Delete d -> {
                table = d.table();
                others = d.using();
                where = d.where();
                with = d.with();
            }
            default -> throw new IllegalArgumentException("not an UPDATE or DELETE: " + s);
        }
        List<Query.FromItem> from = new ArrayList<>();
        from.add(new Query.TableRef(table.names(), table.alias() == null ? null
                : new Query.Alias(table.alias(), List.of()), table.position()));
        from.addAll(others);
        List<Statement.Target> targets = List.of(new Statement.Target(new Expr.Literal(Expr.LiteralKind.INTEGER, "1",
                table.position()), null, table.position()));
        Query q = new Query(new Query.SelectCore(null, targets, from, where, List.of(), null, table.position()),
                List.of(), null, null, null, table.position(), with);
        PlanNode plan = env.planner().plan(q).node();
        wholeRow(plan, table.alias() != null ? table.alias() : table.names().getLast());
        return plan;
    }

    /**
     * The statement reads the target's whole row (PostgreSQL: its ctid, in no index), so its scan is never
     * index-only, whatever columns SELECT 1 reads.
     */
    private static void wholeRow(PlanNode n, String target) {
        if (n.scanSlot() != null && n.scanSlot().name().equals(target)) {
            n.scanSlot().noteAllRead();
        }
        for (PlanNode c : n.children()) {
            wholeRow(c, target);
        }
    }

    /** Runs a plan for its EXPLAIN ANALYZE counters only. */
    private static void count(PlanNode node, DmlEnv env) {
        ExecContext exec = new ExecContext(env.ctx(), env.storage(), WORK_MEM);
        ExecContext previous = exec.enter();
        try {
            node.open(exec);
            while (node.next() != null) {
                env.ctx().checkForInterrupts();
            }
        } finally {
            node.close();
            ExecContext.restore(previous);
        }
    }

    /** Runs the statement, its rows discarded and its notices passed on; returns the count of its tag. */
    private static long run(DmlPlan plan, DmlEnv env, ResultSink sink) {
        CountingSink count = new CountingSink(sink::notice);
        int returned = ReturnedRows.mark();
        try {
            plan.run(env, count);
        } finally {
            ReturnedRows.closeSince(returned);
        }
        return count.count();
    }

    private static String quote(String name) {
        return org.tusk.sql.lexer.Keywords.quoteIdentifier(name);
    }
}
