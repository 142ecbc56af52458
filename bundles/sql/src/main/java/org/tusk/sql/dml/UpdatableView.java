package org.tusk.sql.dml;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Query;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.schema.Catalog;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.RelationLockMode;

/**
 * An automatically updatable view as the target of INSERT, UPDATE or DELETE (PostgreSQL's rewriteTargetView):
 * a view selecting from one table or updatable view, without DISTINCT, GROUP BY, HAVING, set operations, WITH,
 * LIMIT/OFFSET, aggregates, window functions or set-returning functions. The statement runs on the table
 * underneath: each view column is its expression over the table's row, the view columns that are plain
 * columns of the view's relation are written to them, the views' WHERE conditions limit what UPDATE and
 * DELETE touch, and their WITH CHECK OPTIONs check each new row. Nested views are layers of the same:
 * the outer view's query is analyzed with the inner view's columns as its names.
 *
 * <p>Whether the view's query is updatable at all is {@link ViewQuery}'s question; the error is 55000 with its
 * reason as DETAIL, as PostgreSQL's rewriter raises it.
 */
final class UpdatableView {
    /** A WITH CHECK OPTION of one view level: the view named in the error, its condition (null: none). */
    record CheckOption(String view, Expression qual) {
    }

    private static final String NOT_BASE_COLUMN =
            "View columns that are not columns of their base relation are not updatable.";

    private final Relation view;
    /** Per view column, its expression over the table's slot. */
    final List<Expression> columns;
    /** Per view column, the table column it is written to, or -1. */
    private final int[] base;
    /** Per view column that is not written through, the view level and column that refuse it. */
    private final String[] refusingView;
    private final String[] refusingColumn;
    private final String verb;
    /** The WHERE conditions of every level, ANDed over the table's slot; null when none has one. */
    final Expression qual;
    /** The check options to verify on a new row, innermost view first (as PostgreSQL checks them). */
    final List<CheckOption> checks;
    /**
     * The WHERE condition of every level that has one, innermost view first, check option or not: the row
     * an ON CONFLICT DO UPDATE would update must satisfy them all ({@link #checkConflictVisible}).
     */
    private final List<CheckOption> quals;
    /** The views of every level below this one and this one, to lock and revalidate when a plan is reused. */
    private final List<Relation> levels;
    /** Whether a view's WHERE holds a subquery (the statement then runs in an execution context). */
    final boolean subqueries;

    private UpdatableView(Relation view, List<Expression> columns, int[] base, String[] refusingView,
            String[] refusingColumn, String verb, Expression qual, List<CheckOption> checks, List<CheckOption> quals,
            List<Relation> levels, boolean subqueries) {
        this.view = view;
        this.columns = List.copyOf(columns);
        this.base = base;
        this.refusingView = refusingView;
        this.refusingColumn = refusingColumn;
        this.verb = verb;
        this.qual = qual;
        this.checks = List.copyOf(checks);
        this.quals = List.copyOf(quals);
        this.levels = List.copyOf(levels);
        this.subqueries = subqueries;
    }

    /**
     * The target for view {@code v} (already locked) named {@code ref}: its relation is the table underneath.
     *
     * @param cascaded whether a view above has WITH CASCADED CHECK OPTION (this one then checks too)
     */
    static TargetTable open(Relation v, String ref, boolean aliased, DmlEnv env, String verb, boolean cascaded) {
        Catalog catalog = env.catalog();
        Query q = ViewQuery.unwrap(Parser.parse(v.viewQuery(), true), v);
        boolean delete = verb.startsWith("delete");
        String reason = ViewQuery.reason(q, catalog);
        Query.TableRef from = reason == null ? (Query.TableRef) ((Query.SelectCore) q.body()).from().getFirst() : null;
        Relation underneath = null;
        if (from != null) {
            underneath = ViewQuery.relationOf(from, catalog);
            if (underneath == null || "rpv".indexOf(underneath.kind()) < 0) {
                reason = "Views that do not select from a single table or view are not automatically updatable.";
            }
        }
        if (reason != null) {
            throw refused(verb, v, reason);
        }
        String option = checkOption(catalog, v);
        boolean check = !delete && (option != null || cascaded);
        boolean cascade = check && (cascaded || "cascaded".equals(option));
        String innerRef = from.alias() != null ? from.alias().name() : underneath.name();
        TargetTable inner;
        if (underneath.kind() == 'v') {
            if (InsteadOfRows.hasTrigger(catalog, underneath, verb)) {
                throw new SqlException("0A000", "cannot " + verb + " view \"" + v.name()
                        + "\": a view over a view with INSTEAD OF triggers is not supported yet");
            }
            env.storage().lockRelation(catalog.databaseOid(), underneath.oid(), RelationLockMode.ROW_EXCLUSIVE,
                    false);
            inner = open(underneath, innerRef, from.alias() != null, env, verb, cascade);
        } else {
            inner = TargetTable.table(underneath, innerRef, from.alias() != null, catalog, env.storage());
        }
        Query.SelectCore core = (Query.SelectCore) q.body();
        Sublinks sublinks = new Sublinks(env);
        Analyzer analyzer = sublinks.in(new Analyzer(env.ctx(), env.parameters()).withScope(inner), "WHERE");
        int width = v.columns().size();
        List<Expression> exprs = new ArrayList<>();
        int[] base = new int[width];
        String[] refusingView = new String[width];
        String[] refusingColumn = new String[width];
        for (Statement.Target t : core.targets()) {
            if (t.expr() instanceof Expr.ColumnRef c && c.names().getLast().equals("*")) {
                for (int i = 0; i < inner.width() && exprs.size() < width; i++) {
                    passThrough(inner, i, exprs.size(), base, refusingView, refusingColumn);
                    exprs.add(inner.column(i));
                }
                continue;
            }
            if (exprs.size() >= width) {
                break;
            }
            int k = exprs.size();
            exprs.add(analyzer.transform(t.expr()));
            int i = t.expr() instanceof Expr.ColumnRef c && (c.names().size() == 1
                    || c.names().size() == 2 && c.names().getFirst().equals(innerRef))
                    ? inner.index(c.names().getLast()) : -1;
            if (i >= 0) {
                passThrough(inner, i, k, base, refusingView, refusingColumn);
            } else {
                base[k] = -1;
                refusingView[k] = v.name();
                refusingColumn[k] = v.columns().get(k).name();
            }
        }
        if (!delete && java.util.Arrays.stream(base).allMatch(b -> b < 0)) {
            throw refused(verb, v, "Views that have no updatable columns are not automatically updatable.");
        }
        Expression own = core.where() == null ? null : analyzer.transformCondition(core.where(), "WHERE");
        UpdatableView below = inner.view;
        List<CheckOption> checks = new ArrayList<>(below == null ? List.of() : below.checks);
        if (check) {
            checks.add(new CheckOption(v.name(), own));
        }
        List<CheckOption> quals = new ArrayList<>(below == null ? List.of() : below.quals);
        if (own != null) {
            quals.add(new CheckOption(v.name(), own));
        }
        List<Relation> levels = new ArrayList<>(below == null ? List.of() : below.levels);
        levels.add(v);
        UpdatableView layer = new UpdatableView(v, exprs, base, refusingView, refusingColumn, verb,
                and(below == null ? null : below.qual, own), checks, quals, levels,
                sublinks.any() || below != null && below.subqueries);
        return TargetTable.throughView(inner, v, layer, ref, aliased, catalog);
    }

    /** View column {@code k} is column {@code i} of the relation underneath: written where that one is. */
    private static void passThrough(TargetTable inner, int i, int k, int[] base, String[] refusingView,
            String[] refusingColumn) {
        if (inner.view == null) {
            base[k] = i;
            return;
        }
        base[k] = inner.view.base[i];
        refusingView[k] = inner.view.refusingView[i];
        refusingColumn[k] = inner.view.refusingColumn[i];
    }

    /** The table column view column {@code i} is written to, or -1. */
    int writtenTo(int i) {
        return base[i];
    }

    /** The table column view column {@code i} is written to, or 0A000 as rewriteTargetView words it. */
    int baseColumn(int i) {
        if (base[i] >= 0) {
            return base[i];
        }
        String message = verb.startsWith("insert") ? "cannot insert into column \"" + refusingColumn[i]
                + "\" of view \"" + refusingView[i] + "\"" : "cannot update column \"" + refusingColumn[i]
                        + "\" of view \"" + refusingView[i] + "\"";
        throw new SqlException(ErrorFields.of("ERROR", "0A000", message).detail(NOT_BASE_COLUMN).build());
    }

    /**
     * The view's own default for column {@code i} (ALTER VIEW ... ALTER COLUMN ... SET DEFAULT), analyzed, or
     * null: it comes before the table's.
     */
    Expression viewDefault(int i, Analyzer analyzer) {
        Column c = view.columns().get(i);
        return c.defaultSql() == null ? null : InsertPlan.defaultExpression(c, analyzer);
    }

    /**
     * Raises 44000 "new row violates check option for view" unless {@code row} (the table's new row, in the
     * slot the conditions read) satisfies every check option; NULL fails, as ExecWithCheckOptions' ExecQual.
     */
    void checkNewRow(TargetTable target, Object[] row, EvalContext ctx) {
        if (checks.isEmpty()) {
            return;
        }
        target.slot.set(row);
        for (CheckOption c : checks) {
            if (c.qual() != null && !Boolean.TRUE.equals(c.qual().eval(ctx))) {
                throw new SqlException(ErrorFields.of("ERROR", "44000", "new row violates check option for view \""
                        + c.view() + "\"").detail("Failing row contains "
                                + RowFormat.row(target.relation.columns(), row, ctx) + ".").build());
            }
        }
    }

    /**
     * ON CONFLICT DO UPDATE through the view: the conflicting row (the table's, in the slot the conditions
     * read) must be one the view shows, every level's WHERE true, else 55000 naming the innermost view that
     * hides it (as PostgreSQL 15 checks it, before DO UPDATE's WHERE). Updating a row the view does not show
     * would change data the statement's author cannot see through it.
     */
    void checkConflictVisible(TargetTable target, Object[] row, EvalContext ctx) {
        target.slot.set(row);
        for (CheckOption c : quals) {
            if (!Boolean.TRUE.equals(c.qual().eval(ctx))) {
                throw new SqlException("55000", "conflicting row is not visible through view \"" + c.view() + "\"");
            }
        }
    }

    /**
     * The privileges {@code required} (Acl bits) the statement needs on the view it names, checked on the
     * relation under each view level for that view's owner, as PostgreSQL's rewriter sets checkAsUser.
     */
    void checkPrivileges(EvalContext ctx, Relation table, int required) {
        org.tusk.sql.roles.AccessChecks checks = ctx.accessChecks();
        if (checks == null) {
            return;
        }
        for (int i = levels.size() - 1; i >= 0; i--) {
            checks.checkRelationAsOwnerOf(levels.get(i), i == 0 ? table : levels.get(i - 1), required);
        }
    }

    /** Takes ROW EXCLUSIVE on every view level again and says whether they are what the plan was made for. */
    boolean lockAndCheck(DmlEnv env) {
        for (Relation r : levels) {
            env.storage().lockRelation(env.catalog().databaseOid(), r.oid(), RelationLockMode.ROW_EXCLUSIVE, false);
            if (!r.equals(env.catalog().relation(r.oid()))) {
                return false;
            }
        }
        return true;
    }

    static Expression and(Expression a, Expression b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : new Expression.BoolOp(true, List.of(a, b));
    }

    private static SqlException refused(String verb, Relation v, String detail) {
        String word = verb.startsWith("insert") ? "inserting into" : verb.startsWith("update") ? "updating"
                : "deleting from";
        String command = verb.startsWith("insert") ? "INSERT" : verb.startsWith("update") ? "UPDATE" : "DELETE";
        // 55000 (object not in prerequisite state), as rewriteTargetView raises it; a column that is not
        // updatable is 0A000 (baseColumn).
        return new SqlException(ErrorFields.of("ERROR", "55000", "cannot " + verb + " view \"" + v.name() + "\"")
                .detail(detail).hint("To enable " + word + " the view, provide an INSTEAD OF " + command
                        + " trigger or an unconditional ON " + command + " DO INSTEAD rule.").build());
    }

    /** The view's check_option reloption ("local", "cascaded"), or null. */
    static String checkOption(Catalog catalog, Relation v) {
        if (!(catalog instanceof org.tusk.sql.catalog.RelationCache cache)) {
            return null;
        }
        var row = cache.classRow(v.oid());
        List<?> options = row == null || row.get("reloptions") == null ? List.of() : row.list("reloptions");
        for (Object o : options) {
            String s = String.valueOf(o);
            if (s.startsWith("check_option=")) {
                return s.substring("check_option=".length());
            }
        }
        return null;
    }
}
