package org.tusk.sql.func;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;

/**
 * PostgreSQL's error context callbacks: an error raised while a function runs gets a CONTEXT line naming
 * the function (and, for PL/pgSQL, the line and statement), innermost first, one line per active call.
 */
public final class ErrorContext {
    private ErrorContext() {
    }

    /**
     * Adds {@code line} below the context lines the error already has. A position in the function's body
     * means nothing in the client's query, so it is dropped.
     */
    public static SqlException add(SqlException e, String line) {
        ErrorFields f = e.fields();
        String where = f.get(ErrorFields.WHERE);
        ErrorFields.Builder b = ErrorFields.builder();
        for (var entry : f.asMap().entrySet()) {
            if (entry.getKey() != ErrorFields.POSITION && entry.getKey() != ErrorFields.WHERE) {
                b.set(entry.getKey(), entry.getValue());
            }
        }
        b.set(ErrorFields.WHERE, where == null ? line : where + "\n" + line);
        SqlException out = new SqlException(b.build());
        out.setStackTrace(e.getStackTrace());
        return out;
    }
}
