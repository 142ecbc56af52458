package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.InList;
import org.tusk.sql.eval.Ordering;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.exec.BitmapIndexScan;
import org.tusk.sql.exec.ExpressionText;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.Casts;
import org.tusk.sql.types.SqlType;

/**
 * {@code col = ANY (array)} and {@code col IN (v1, v2, ...)} as an index condition (btree's
 * ScalarArrayOpExpr support, "array keys"): when the scan starts the array's elements are computed,
 * converted to the column's type, the NULLs dropped (nothing equals NULL), sorted in the index's order
 * and made distinct, as _bt_preprocess_array_keys does; then the index is searched once per element.
 * A bitmap index scan puts the TIDs of all searches into one bitmap; an index scan returns their rows
 * one search after the other, which, the keys being sorted and distinct, is index order with no row
 * twice. Only an index whose first column is {@code col}, with elements the index can compare exactly.
 */
final class ArrayKeyPaths {

    private ArrayKeyPaths() {
    }

    /**
     * One index searchable by an array condition: a path standing for one search (for costs), the
     * searches, how many elements the planner expects (estimate_array_length: an array it cannot see
     * counts as ten), and the conditions the searches enforce: the array condition, and those of the
     * other conditions that bound the index's further columns (equalities, then a range), as
     * PostgreSQL puts them into the same Index Cond.
     */
    record Match(IndexDef index, IndexPath first, BitmapIndexScan.ArrayKeys keys, int elements,
            List<Expression> enforced) {
    }

    /** Where the elements come from when the scan starts. */
    private interface Elements {
        /** The elements' values now, each of type {@code type()} (NULLs included). */
        List<Object> values(EvalContext ctx);

        SqlType type();
    }

    /**
     * The indexes of {@code relation} that the array condition {@code conjunct}, one of {@code conds},
     * can search, or none.
     */
    static List<Match> matches(Relation relation, RowSlot slot, Expression conjunct, List<Expression> conds) {
        List<Match> out = new ArrayList<>();
        Expression.Var var;
        Elements elements;
        int count;
        Expression costed;
        InList in = InList.of(conjunct);
        if (in != null) {
            var = in.arg() instanceof Expression.Var v && v.slot() == slot ? v : null;
            for (Expression item : in.items()) {
                if (!constantEnough(item, slot)) {
                    return out;
                }
            }
            elements = inListElements(in);
            count = in.items().size();
            costed = in.items().getFirst();
        } else if (conjunct instanceof Expression.ScalarArrayOp a && a.useOr() && a.op().name().equals("=")
                && a.op().args().size() == 2 && constantEnough(a.array(), slot)) {
            var = IndexPaths.indexableColumn(a.left(), slot);
            elements = arrayElements(a);
            List<Expression> known = ScalarArrayElements.known(a);
            count = known == null ? ScalarArrayElements.UNKNOWN_ELEMENTS : known.size();
            costed = a.array();
        } else {
            return out;
        }
        if (var == null || var.index() >= relation.columns().size()) {
            return out;
        }
        Column column = relation.columns().get(var.index());
        SqlType valueType = elements.type();
        if (!KeyValues.compatible(column.type(), valueType) || !KeyValues.exact(column.type(), valueType)) {
            return out;
        }
        for (IndexDef index : relation.indexes()) {
            if (!index.plain() || index.columns().getFirst() != column.number()) {
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
            boolean descending = index.shape().keys().getFirst().descending();
            List<Expression> others = new ArrayList<>();
            for (Expression c : conds) {
                if (c != conjunct) {
                    others.add(c);
                }
            }
            IndexPath tail = IndexPaths.afterFirstColumn(relation, slot, index, others);
            List<Expression> enforced = new ArrayList<>(List.of(conjunct));
            if (tail != null) {
                for (Expression c : others) {
                    if (tail.residual().stream().noneMatch(r -> r == c)) {
                        enforced.add(c);
                    }
                }
            }
            IndexPath first = withFirst(index, costed, tail, keyTypes);
            BitmapIndexScan.ArrayKeys keys = new BitmapIndexScan.ArrayKeys() {
                @Override
                public List<IndexPath> paths(EvalContext ctx) {
                    List<IndexPath> paths = new ArrayList<>();
                    for (Object key : sortedKeys(elements.values(ctx), valueType, keyTypes.getFirst(), descending)) {
                        paths.add(withFirst(index, new Expression.Const(keyTypes.getFirst(), -1, key, -1), tail,
                                keyTypes));
                    }
                    return paths;
                }

                @Override
                public String text(boolean verbose, RowSlot own) {
                    return org.tusk.sql.exec.IndexConditions.withArrayKey(first, relation, own, verbose,
                            ExpressionText.of(conjunct, verbose, own));
                }
            };
            out.add(new Match(index, first, keys, Math.max(1, count), List.copyOf(enforced)));
        }
        return out;
    }

    /** A path searching {@code first} in the index's first column, then what {@code tail} bounds. */
    private static IndexPath withFirst(IndexDef index, Expression first, IndexPath tail, List<SqlType> keyTypes) {
        List<Expression> equalities = new ArrayList<>(List.of(first));
        if (tail == null) {
            return new IndexPath(index, equalities, null, false, null, false, keyTypes, List.of());
        }
        equalities.addAll(tail.equalities());
        return new IndexPath(index, equalities, tail.lower(), tail.lowerInclusive(), tail.upper(),
                tail.upperInclusive(), keyTypes, List.of());
    }

    /**
     * The elements converted to the key type, without NULLs and values the column cannot hold (no key
     * equals them), sorted in the index's order and distinct.
     */
    static List<Object> sortedKeys(List<Object> values, SqlType valueType, SqlType keyType, boolean descending) {
        List<Object> keys = new ArrayList<>();
        for (Object v : values) {
            KeyValues.Converted c = KeyValues.convert(v, valueType, keyType);
            if (c.kind() == KeyValues.Fit.EXACT) {
                keys.add(c.value());
            }
        }
        keys.sort((x, y) -> descending ? Ordering.compare(y, x, keyType) : Ordering.compare(x, y, keyType));
        List<Object> distinct = new ArrayList<>();
        for (Object k : keys) {
            if (distinct.isEmpty() || Ordering.compare(distinct.getLast(), k, keyType) != 0) {
                distinct.add(k);
            }
        }
        return distinct;
    }

    private static Elements inListElements(InList in) {
        SqlType type = in.items().getFirst().type();
        return new Elements() {
            @Override
            public List<Object> values(EvalContext ctx) {
                List<Object> out = new ArrayList<>();
                for (Expression item : in.items()) {
                    out.add(item.eval(ctx));
                }
                return out;
            }

            @Override
            public SqlType type() {
                return type;
            }
        };
    }

    private static Elements arrayElements(Expression.ScalarArrayOp a) {
        SqlType element = a.array().type().elementType();
        return new Elements() {
            @Override
            public List<Object> values(EvalContext ctx) {
                List<Object> out = new ArrayList<>();
                if (a.array().eval(ctx) instanceof ArrayValue av) {
                    for (Object e : av.elements()) {
                        out.add(e == null || element == a.compareType() ? e
                                : Casts.convert(e, element, a.compareType(), -1, false, ctx));
                    }
                }
                return out;
            }

            @Override
            public SqlType type() {
                return a.compareType();
            }
        };
    }

    /**
     * A value computed before the scan: a constant, a parameter, a conversion of one, an outer column,
     * an ARRAY[...] of such.
     */
    private static boolean constantEnough(Expression e, RowSlot slot) {
        return switch (e) {
            case Expression.Const c -> true;
            case Expression.Param p -> true;
            case Expression.Cast c -> constantEnough(c.arg(), slot);
            case Expression.Var v -> v.slot() != slot;
            case Expression.ArrayExpr a -> a.elements().stream().allMatch(x -> constantEnough(x, slot));
            default -> false;
        };
    }
}
