package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * EXPLAIN's text format: one line per node, "->" and six more spaces of indentation per level, the
 * estimates in "(cost=a..b rows=n width=w)", with ANALYZE the actual row counts and loops, and each
 * node's detail lines under it. Timings are not shown (as with TIMING OFF), so output is repeatable.
 */
public final class Explain {

    private Explain() {
    }

    /**
     * The plan's lines. Column names are qualified by their range-table names with VERBOSE or when the
     * plan reads more than one relation, as PostgreSQL does.
     */
    public static List<String> lines(PlanNode root, boolean analyze, boolean verbose, boolean costs) {
        List<String> out = new ArrayList<>();
        node(root, 0, true, analyze, costs, verbose, verbose || scans(root, analyze) > 1, out);
        return out;
    }

    private static int scans(PlanNode n, boolean analyze) {
        int count = n instanceof TableScan || n instanceof FunctionScan
                || n instanceof ValuesScan || n instanceof SubqueryScan || n instanceof CteScan ? 1 : 0;
        for (PlanNode c : n.explained(analyze)) {
            count += scans(c, analyze);
        }
        return count;
    }

    private static void node(PlanNode n, int level, boolean top, boolean analyze, boolean costs, boolean verbose,
            boolean qualify, List<String> out) {
        int width = -1;
        List<org.tusk.sql.eval.Expression> evaluated = new ArrayList<>();
        List<SharedCte> ctes = new ArrayList<>();
        while (n.label() == null) {
            if (n instanceof CteHost host) {
                ctes.addAll(host.ctes());
            }
            // A projection shows as the node below it, with the projected width.
            width = width < 0 ? n.width : width;
            evaluated.addAll(n.expressions());
            n = n.children().getFirst();
        }
        width = width < 0 ? n.width : width;
        String indent = top ? "" : " ".repeat(Math.max(0, level * 6 - 4)) + "->  ";
        StringBuilder line = new StringBuilder(indent).append(n.label());
        if (costs) {
            // A ModifyTable without RETURNING estimates no rows, and says so (rows=0).
            long rows = n instanceof ModifyTable ? Math.round(n.rows) : Math.max(1, Math.round(n.rows));
            line.append(String.format(Locale.ROOT, "  (cost=%.2f..%.2f rows=%d width=%d)", n.startupCost,
                    Math.max(n.totalCost, n.startupCost), rows, width));
        }
        if (analyze) {
            if (n.loops == 0) {
                line.append(" (never executed)");
            } else {
                line.append(String.format(Locale.ROOT, " (actual rows=%d loops=%d)",
                        n.actualRows / n.loops,
                        n.loops));
            }
        }
        out.add(line.toString());
        String detailIndent = " ".repeat(top ? 2 : level * 6 + 2);
        // A scan's own conditions name its columns bare unless VERBOSE (show_scan_qual's useprefix).
        for (String d : n.details(n.scanSlot() != null ? verbose : qualify)) {
            out.add(detailIndent + d);
        }
        // Text format leaves out a count of zero (show_instrumentation_count).
        if (analyze && n.qual() != null && n.removedByFilter > 0) {
            out.add(detailIndent + "Rows Removed by Filter: " + n.removedByFilter / Math.max(1, n.loops));
        }
        if (analyze) {
            for (String d : n.analyzeDetails()) {
                out.add(detailIndent + d);
            }
        }
        // Materialized WITH queries (init plans) after the node's details, before its children.
        for (SharedCte cte : ctes) {
            out.add(detailIndent + "CTE " + cte.name());
            List<String> lines = new ArrayList<>();
            node(cte.plan(), top ? 1 : level + 1, false, analyze, costs, verbose, qualify, lines);
            for (String l : lines) {
                out.add("  " + l);
            }
        }
        for (PlanNode c : n.explained(analyze)) {
            if (n instanceof HashJoin h && c == h.inner()) {
                String hashIndent = " ".repeat((level + 1) * 6 - 4) + "->  ";
                out.add(hashIndent + "Hash" + (costs ? String.format(Locale.ROOT,
                        "  (cost=%.2f..%.2f rows=%d width=%d)", c.totalCost, c.totalCost,
                        Math.max(1, Math.round(c.rows)), c.width) : ""));
                node(c, level + 2, false, analyze, costs, verbose, qualify, out);
            } else if (n instanceof NestedLoop loop && c == loop.inner() && loop.showsMaterialize()) {
                String materialIndent = " ".repeat((level + 1) * 6 - 4) + "->  ";
                out.add(materialIndent + "Materialize" + (costs ? String.format(Locale.ROOT,
                        "  (cost=%.2f..%.2f rows=%d width=%d)", loop.materializeStartup(), loop.materializeTotal(),
                        Math.max(1, Math.round(c.rows)), c.width) : ""));
                node(c, level + 2, false, analyze, costs, verbose, qualify, out);
            } else if (n instanceof MergeJoin merge && c == merge.inner() && merge.showsMaterialize()) {
                String materialIndent = " ".repeat((level + 1) * 6 - 4) + "->  ";
                out.add(materialIndent + "Materialize" + (costs ? String.format(Locale.ROOT,
                        "  (cost=%.2f..%.2f rows=%d width=%d)", merge.materializeStartup(), merge.materializeTotal(),
                        Math.max(1, Math.round(c.rows)), c.width) : ""));
                node(c, level + 2, false, analyze, costs, verbose, qualify, out);
            } else {
                node(c, level + 1, false, analyze, costs, verbose, qualify, out);
            }
        }
        // The SubPlans the node's filter evaluates, after its children (ExplainSubPlans): the name at
        // the details' indentation, the subquery's plan two spaces further in than a child's.
        evaluated.addAll(n.expressions());
        switch (n) {
            case HashJoin j -> evaluated.add(j.joinQual());
            case NestedLoop j -> evaluated.add(j.joinQual());
            case MergeJoin j -> evaluated.add(j.joinQual());
            default -> {
            }
        }
        List<ExplainedSubPlan> subPlans = new ArrayList<>();
        for (org.tusk.sql.eval.Expression e : evaluated) {
            subPlans(e, subPlans);
        }
        for (ExplainedSubPlan sp : subPlans) {
            out.add(detailIndent + "SubPlan " + sp.number());
            List<String> lines = new ArrayList<>();
            node(sp.plan(), top ? 1 : level + 1, false, analyze, costs, verbose, qualify, lines);
            for (String l : lines) {
                out.add("  " + l);
            }
        }
    }

    /** The SubPlans EXPLAIN lists in {@code e}, in the order they appear. */
    private static void subPlans(org.tusk.sql.eval.Expression e, List<ExplainedSubPlan> out) {
        switch (e) {
            case null -> {
            }
            case org.tusk.sql.eval.Expression.SubPlan s when s.body() instanceof ExplainedSubPlan x -> out.add(x);
            case org.tusk.sql.eval.Expression.Not x -> subPlans(x.arg(), out);
            case org.tusk.sql.eval.Expression.BoolOp b -> b.args().forEach(a -> subPlans(a, out));
            case org.tusk.sql.eval.Expression.Call c -> c.args().forEach(a -> subPlans(a, out));
            case org.tusk.sql.eval.Expression.Cast c -> subPlans(c.arg(), out);
            case org.tusk.sql.eval.Expression.IsNull x -> subPlans(x.arg(), out);
            case org.tusk.sql.eval.Expression.BooleanTest x -> subPlans(x.arg(), out);
            default -> {
            }
        }
    }
}
