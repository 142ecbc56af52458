package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.plan.IndexPath;
import org.tusk.sql.schema.Relation;

/**
 * EXPLAIN's "Index Cond" of an index path, as PostgreSQL prints the index qualifications: each
 * condition {@code (column op value)} with the index column on the left, several ANDed inside one more
 * pair of parentheses. Shared by Index Scan and Bitmap Index Scan.
 */
public final class IndexConditions {

    private IndexConditions() {
    }

    /** The conditions' text, or null when the path has none (a whole-index scan). */
    static String of(IndexPath path, Relation relation, RowSlot slot, boolean verbose) {
        return of(path, relation, slot, verbose, null);
    }

    /**
     * The text of an array-key path: {@code arrayCondition} (the index's first column {@code = ANY} an
     * array, already printed) stands for the path's first equality, the rest as {@link #of} prints them.
     */
    public static String withArrayKey(IndexPath path, Relation relation, RowSlot slot, boolean verbose,
            String arrayCondition) {
        return of(path, relation, slot, verbose, arrayCondition);
    }

    private static String of(IndexPath path, Relation relation, RowSlot slot, boolean verbose, String first) {
        List<String> conds = new ArrayList<>();
        for (int i = 0; i < path.equalities().size(); i++) {
            if (i == 0 && first != null) {
                conds.add(first);
                continue;
            }
            conds.add("(" + column(relation, slot, path, i, verbose) + " = "
                    + ExpressionText.of(path.equalities().get(i), verbose, slot) + ")");
        }
        int next = path.equalities().size();
        if (path.lower() != null) {
            conds.add("(" + column(relation, slot, path, next, verbose) + (path.lowerInclusive() ? " >= " : " > ")
                    + ExpressionText.of(path.lower(), verbose, slot) + ")");
        }
        if (path.upper() != null) {
            conds.add("(" + column(relation, slot, path, next, verbose) + (path.upperInclusive() ? " <= " : " < ")
                    + ExpressionText.of(path.upper(), verbose, slot) + ")");
        }
        if (conds.isEmpty()) {
            return null;
        }
        return conds.size() == 1 ? conds.getFirst() : "(" + String.join(" AND ", conds) + ")";
    }

    /** Key column {@code k} of the path's index: the column's name, or the expression a key computes. */
    private static String column(Relation relation, RowSlot slot, IndexPath path, int k, boolean qualify) {
        if (path.keyExpression(k) != null) {
            return ExpressionText.of(path.keyExpression(k), qualify, slot);
        }
        int attnum = path.index().columns().get(k);
        for (var c : relation.columns()) {
            if (c.number() == attnum) {
                return (qualify ? slot.name() + "." : "") + c.name();
            }
        }
        return "?";
    }
}
