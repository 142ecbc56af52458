package org.tusk.sql.dml;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.plan.Expressions;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.schema.StorageValues;

/**
 * What one index holds for a row (FormIndexDatum plus the partial-index test of ExecInsertIndexTuples):
 * the key columns read from the row, the expression keys computed from it, and whether the row has an
 * entry at all (a partial index's predicate). Every writer of index entries uses it (a new row version,
 * CREATE INDEX, REINDEX and table rewrites), so all of them agree on what an entry is. The expressions
 * are analyzed once, over a row slot of their own.
 */
public final class IndexKeys {
    private final List<Column> columns;
    /** Per index column: its position in the row, or -1 for an expression key. */
    private final int[] positions;
    /** Per index column: the expression computing it, or null for a plain column. */
    private final Expression[] expressions;
    private final Expression predicate;
    private final RowSlot slot;
    private final boolean[] read;
    private final List<Column> described = new ArrayList<>();

    private IndexKeys(Relation table, IndexDef index, EvalContext ctx) {
        this.columns = table.columns();
        this.slot = new RowSlot(table.name());
        this.read = new boolean[columns.size()];
        Analyzer analyzer = Analyzer.overRow(ctx, table, slot);
        int n = index.keyCount(); // INCLUDE columns have no part in the entries
        positions = new int[n];
        expressions = new Expression[n];
        int e = 0;
        List<String> texts = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int attnum = index.columns().get(k);
            positions[k] = -1;
            texts.add(attnum == 0 ? index.expressions().get(e) : null);
            if (attnum == 0) {
                expressions[k] = analyzer.transform(Parser.parseExpression(index.expressions().get(e++)));
                markRead(expressions[k]);
                continue;
            }
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).number() == attnum) {
                    positions[k] = i;
                    read[i] = true;
                }
            }
            if (positions[k] < 0) {
                throw new IllegalStateException("relation " + table.name() + " has no column " + attnum);
            }
        }
        for (int k = 0; k < n; k++) {
            described.add(expressions[k] == null ? columns.get(positions[k]) : new Column(k + 1,
                    org.tusk.sql.eval.StoredExpressions.indexKey(expressions[k], texts.get(k), true, ctx), expressions[k].type(), -1,
                    false, null, '\0'));
        }
        predicate = index.predicate() == null ? null
                : analyzer.transformCondition(Parser.parseExpression(index.predicate()), "WHERE");
        if (predicate != null) {
            markRead(predicate);
        }
    }

    /** The entries of {@code index} of {@code table}. */
    public static IndexKeys of(Relation table, IndexDef index, EvalContext ctx) {
        return new IndexKeys(table, index, ctx);
    }

    private void markRead(Expression e) {
        Expressions.walk(e, x -> {
            if (x instanceof Expression.Var v && v.slot() == slot && v.index() < read.length) {
                read[v.index()] = true;
            }
        });
    }

    /** Whether the entry is not simply some of the row's columns (expression keys or a predicate). */
    public boolean computed() {
        return predicate != null || java.util.Arrays.stream(expressions).anyMatch(x -> x != null);
    }

    /** Per column of the table: whether the entry depends on it (an UPDATE changing none may be HOT). */
    public boolean[] columnsRead() {
        return read.clone();
    }

    /**
     * The entry's key for a row version ({@code stored}: storage values in column order, those of
     * {@link #columnsRead} at least), in storage values; null if a partial index has no entry for it.
     */
    public Object[] key(Object[] stored, EvalContext ctx) {
        if (computed()) {
            slot.set(StorageValues.rowFromStorage(columns, stored));
            if (predicate != null && !Boolean.TRUE.equals(predicate.eval(ctx))) {
                return null;
            }
        }
        Object[] key = new Object[positions.length];
        for (int k = 0; k < key.length; k++) {
            if (expressions[k] != null) {
                key[k] = StorageValues.toStorage(expressions[k].type(), expressions[k].eval(ctx));
            } else {
                key[k] = stored[positions[k]];
            }
        }
        return key;
    }

    /** The SQL values of a key for messages: expression keys by their type, columns by theirs. */
    public Object[] sqlValues(Object[] storedKey) {
        Object[] out = new Object[storedKey.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = StorageValues.fromStorage(type(k), storedKey[k]);
        }
        return out;
    }

    /**
     * The index's columns as BuildIndexValueDescription names them in a 23505's DETAIL: a column by its
     * name, an expression as pg_get_indexdef prints it ({@code lower(email)}, {@code (a + b)}), each typed
     * as the key's values are. Made with the index, as the storage refuses catalog reads once a unique
     * violation has failed the transaction.
     */
    public List<Column> described() {
        return described;
    }

    /** The SQL type of index column {@code k}. */
    public org.tusk.sql.types.SqlType type(int k) {
        return expressions[k] != null ? expressions[k].type() : columns.get(positions[k]).type();
    }

    /** The row positions of the key columns, -1 for an expression key. */
    public List<Integer> positions() {
        List<Integer> out = new ArrayList<>();
        for (int p : positions) {
            out.add(p);
        }
        return out;
    }
}
