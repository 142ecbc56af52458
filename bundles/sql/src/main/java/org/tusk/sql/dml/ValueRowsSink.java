package org.tusk.sql.dml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ColumnDescription;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeInput;

/**
 * The rows a statement sends, read back into values (PL/pgSQL's RETURNING ... INTO, FETCH from a cursor, the
 * RETURNING rows of an INSERT/UPDATE/DELETE in WITH): the statement layer sends them in text form, as to a client, so each is parsed as its
 * column's type (a type not known here stays text). Counts the command tag's rows too.
 */
public final class ValueRowsSink extends CountingSink {
    private final EvalContext ctx;
    private final boolean keepRows;
    private final List<String> names = new ArrayList<>();
    private final List<SqlType> types = new ArrayList<>();
    private final List<Object[]> rows = new ArrayList<>();
    private boolean described;

    /** @param keepRows whether the rows are wanted (else only the description and the count are kept) */
    public ValueRowsSink(EvalContext ctx, boolean keepRows) {
        super(ctx::notice);
        this.ctx = ctx;
        this.keepRows = keepRows;
    }

    @Override
    public void rowDescription(List<ColumnDescription> columns) {
        if (described) {
            return; // the first description stands (a caller may give it before the statement sends one)
        }
        described = true;
        for (ColumnDescription c : columns) {
            names.add(c.name());
            SqlType t = SqlType.byOid(c.typeOid());
            types.add(t == null ? SqlType.TEXT : t);
        }
    }

    @Override
    public void dataRow(byte[][] values) {
        if (!keepRows) {
            return;
        }
        Object[] row = new Object[values.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = values[i] == null ? null
                    : TypeInput.parse(types.get(i), new String(values[i], StandardCharsets.UTF_8), ctx);
        }
        rows.add(row);
    }

    /** Whether a row description came (a statement with RETURNING, a FETCH). */
    public boolean described() {
        return described;
    }

    public List<String> names() {
        return names;
    }

    public List<SqlType> types() {
        return types;
    }

    public List<Object[]> rows() {
        return rows;
    }
}
