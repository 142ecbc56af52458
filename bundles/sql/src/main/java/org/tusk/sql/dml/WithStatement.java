package org.tusk.sql.dml;

import java.util.List;

import org.tusk.protocol.ColumnDescription;
import org.tusk.spi.ResultSink;
import org.tusk.sql.plan.StatementWith;

/**
 * An INSERT, UPDATE or DELETE with a WITH clause ({@code WITH x AS (...) DELETE FROM t USING x ...}):
 * the statement's plan, run inside its clause. The statement and the clause's data-modifying queries
 * are one command ({@link SharedCommand}): they all read the snapshot from before the statement, the
 * queries nobody read run when the statement's own rows are done (the plans call
 * {@link DmlEnv#finishStatement} before sending RETURNING), and the foreign keys of every part are
 * checked after that.
 */
final class WithStatement implements DmlPlan {
    private final StatementWith with;
    private final DmlPlan statement;

    WithStatement(StatementWith with, DmlPlan statement) {
        this.with = with;
        this.statement = statement;
    }

    /** The INSERT, UPDATE or DELETE itself. */
    DmlPlan statement() {
        return statement;
    }

    @Override
    public boolean revalidate(DmlEnv env) {
        return statement.revalidate(env);
    }

    @Override
    public List<ColumnDescription> columns() {
        return statement.columns();
    }

    @Override
    public void run(DmlEnv env, ResultSink sink) {
        try {
            statement.run(with.begin(env), sink);
        } finally {
            with.release();
        }
    }
}
