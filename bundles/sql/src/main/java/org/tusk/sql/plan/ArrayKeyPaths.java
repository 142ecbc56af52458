package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.InList;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.exec.BitmapIndexScan;
import org.tusk.sql.exec.ExpressionText;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.SqlType;

/**
 * {@code col IN (v1, v2, ...)} as an index condition (btree's ScalarArrayOpExpr support, as a bitmap
 * index scan uses it): the index is searched once per element with {@code col = v}, and the TIDs of all
 * searches go into one bitmap. Only an index whose first column is {@code col}, with items the index can
 * compare exactly, and only for bitmap index scans (a plain index scan would have to return the
 * searches' rows in key order, merged).
 */
final class ArrayKeyPaths {

    private ArrayKeyPaths() {
    }

    /** One index searchable by an IN list: the first element's path (for costs) and the searches. */
    record Match(IndexDef index, IndexPath first, BitmapIndexScan.ArrayKeys keys, int elements) {
    }

    /** The indexes of {@code relation} that the IN-list {@code conjunct} can search, or none. */
    static List<Match> matches(Relation relation, RowSlot slot, Expression conjunct) {
        List<Match> out = new ArrayList<>();
        InList in = InList.of(conjunct);
        if (in == null || !(in.arg() instanceof Expression.Var var) || var.slot() != slot
                || var.index() >= relation.columns().size()) {
            return out;
        }
        Column column = relation.columns().get(var.index());
        SqlType itemType = in.items().getFirst().type();
        if (!KeyValues.compatible(column.type(), itemType) || !KeyValues.exact(column.type(), itemType)) {
            return out;
        }
        for (Expression item : in.items()) {
            if (!constantEnough(item, slot)) {
                return out;
            }
        }
        for (IndexDef index : relation.indexes()) {
            if (index.columns().getFirst() != column.number()) {
                continue;
            }
            List<SqlType> keyTypes = new ArrayList<>();
            for (int attnum : index.columns()) {
                for (Column c : relation.columns()) {
                    if (c.number() == attnum) {
                        keyTypes.add(c.type());
                    }
                }
            }
            List<IndexPath> paths = new ArrayList<>();
            for (Expression item : in.items()) {
                paths.add(new IndexPath(index, List.of(item), null, false, null, false, keyTypes, List.of()));
            }
            BitmapIndexScan.ArrayKeys keys = new BitmapIndexScan.ArrayKeys() {
                @Override
                public List<IndexPath> paths(EvalContext ctx) {
                    return paths;
                }

                @Override
                public String text(boolean verbose, RowSlot own) {
                    return ExpressionText.of(conjunct, verbose, own);
                }
            };
            out.add(new Match(index, paths.getFirst(), keys, paths.size()));
        }
        return out;
    }

    /** An item computed before the scan: a constant, a parameter, a conversion of one, an outer column. */
    private static boolean constantEnough(Expression e, RowSlot slot) {
        return switch (e) {
            case Expression.Const c -> true;
            case Expression.Param p -> true;
            case Expression.Cast c -> constantEnough(c.arg(), slot);
            case Expression.Var v -> v.slot() != slot;
            default -> false;
        };
    }
}
