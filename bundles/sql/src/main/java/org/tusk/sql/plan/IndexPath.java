package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.StorageValues;
import org.tusk.sql.types.SqlType;
import org.tusk.storage.access.KeyRange;

/**
 * One way to read a table through a B-tree index, as {@link IndexPaths} chose it: equality on the
 * first {@code equalities.size()} key columns, then optionally a lower and/or upper bound on the next
 * one. The key values are expressions, evaluated by {@link #keyRange} when the scan starts, so one
 * plan serves every Bind of a prepared statement and every row of an outer relation. Bounds are only
 * chosen on ascending key columns, so the SQL lower bound is the index's low key.
 *
 * @param index          the index to scan
 * @param equalities     the values the leading key columns must equal, in key order
 * @param lower          the value the next key column must be above (or null for none)
 * @param lowerInclusive {@code >=} rather than {@code >}
 * @param upper          the value the next key column must be below (or null for none)
 * @param upperInclusive {@code <=} rather than {@code <}
 * @param keyTypes       the SQL types of the index's key columns (the values are converted to them)
 * @param residual       the conjuncts the index does not enforce, to be checked on each row it returns
 *                       (a cross-type comparison whose key conversion may round stays here too)
 * @param implied        the conjuncts a partial index's predicate guarantees for every row it has: neither
 *                       searched for nor checked again (create_indexscan_plan drops them)
 * @param keyExpressions per key column, the expression of the scanned row an expression key stands for, as
 *                       the query wrote it (EXPLAIN prints it in Index Cond); null for a plain column
 */
public record IndexPath(IndexDef index, List<Expression> equalities, Expression lower, boolean lowerInclusive,
        Expression upper, boolean upperInclusive, List<SqlType> keyTypes, List<Expression> residual,
        List<Expression> implied, List<Expression> keyExpressions) {

    public IndexPath {
        equalities = List.copyOf(equalities);
        keyTypes = List.copyOf(keyTypes);
        residual = List.copyOf(residual);
        implied = List.copyOf(implied);
        keyExpressions = java.util.Collections.unmodifiableList(new ArrayList<>(keyExpressions));
    }

    /** A path over an index with no predicate. */
    public IndexPath(IndexDef index, List<Expression> equalities, Expression lower, boolean lowerInclusive,
            Expression upper, boolean upperInclusive, List<SqlType> keyTypes, List<Expression> residual) {
        this(index, equalities, lower, lowerInclusive, upper, upperInclusive, keyTypes, residual, List.of(),
                List.of());
    }

    /** The expression key column {@code k} stands for, or null for a plain column (or none known). */
    public Expression keyExpression(int k) {
        return k < keyExpressions.size() ? keyExpressions.get(k) : null;
    }

    /** The number of key columns the path constrains. */
    public int constrainedColumns() {
        return equalities.size() + (lower != null || upper != null ? 1 : 0);
    }

    /** Whether the path finds at most one row: equality on every column of a unique index. */
    public boolean uniqueMatch() {
        return index.unique() && equalities.size() == index.keyCount();
    }

    /**
     * The key range for the current values of the key expressions, with keys in the storage's form; null
     * when no row can match (a NULL key value, or an equality value outside the column type's range,
     * such as {@code int4col = 5000000000}).
     */
    public KeyRange keyRange(EvalContext ctx) {
        List<Object> prefix = new ArrayList<>(equalities.size() + 1);
        for (int i = 0; i < equalities.size(); i++) {
            KeyValues.Converted c = KeyValues.convert(equalities.get(i).eval(ctx), equalities.get(i).type(),
                    keyTypes.get(i));
            if (c.kind() != KeyValues.Fit.EXACT && c.kind() != KeyValues.Fit.ROUNDED) {
                return null; // NULL, or a value the column cannot hold: nothing is equal to it
            }
            prefix.add(StorageValues.toStorage(keyTypes.get(i), c.value()));
        }
        int column = equalities.size();
        Object[] low = prefix.toArray();
        boolean lowInc = true;
        Object[] high = low;
        boolean highInc = true;
        if (lower != null) {
            KeyValues.Converted c = KeyValues.convert(lower.eval(ctx), lower.type(), keyTypes.get(column));
            switch (c.kind()) {
                case NULL, ABOVE_RANGE -> {
                    return null;
                }
                case BELOW_RANGE -> {
                    // every value of the column is above it: no bound beyond the prefix
                }
                case EXACT, ROUNDED -> {
                    low = append(prefix, StorageValues.toStorage(keyTypes.get(column), c.value()));
                    lowInc = lowerInclusive || c.kind() == KeyValues.Fit.ROUNDED;
                }
            }
        }
        if (upper != null) {
            KeyValues.Converted c = KeyValues.convert(upper.eval(ctx), upper.type(), keyTypes.get(column));
            switch (c.kind()) {
                case NULL, BELOW_RANGE -> {
                    return null;
                }
                case ABOVE_RANGE -> {
                    // every value of the column is below it
                }
                case EXACT, ROUNDED -> {
                    high = append(prefix, StorageValues.toStorage(keyTypes.get(column), c.value()));
                    highInc = upperInclusive || c.kind() == KeyValues.Fit.ROUNDED;
                }
            }
        }
        return new KeyRange(low.length == 0 ? null : low, lowInc, high.length == 0 ? null : high, highInc);
    }

    private static Object[] append(List<Object> prefix, Object value) {
        Object[] out = prefix.toArray(new Object[prefix.size() + 1]);
        out[prefix.size()] = value;
        return out;
    }
}
