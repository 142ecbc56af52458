package org.tusk.sql.dml;

import org.tusk.spi.ResultSink;
import org.tusk.sql.ast.Statement;

/** The entry point of the dml layer for the session: analysis and execution of INSERT, UPDATE, DELETE. */
public final class DmlStatements {

    private DmlStatements() {
    }

    /** Whether {@code s} is a statement of this layer. */
    public static boolean handles(Statement s) {
        return s instanceof Statement.Insert || s instanceof Statement.Update || s instanceof Statement.Delete;
    }

    /** The table an INSERT, UPDATE or DELETE changes. */
    public static Statement.RangeVar target(Statement s) {
        return switch (s) {
            case Statement.Insert i -> i.table();
            case Statement.Update u -> u.table();
            case Statement.Delete d -> d.table();
            default -> throw new IllegalArgumentException("not a DML statement: " + s);
        };
    }

    /** Parse analysis of an INSERT, UPDATE or DELETE against the catalog of {@code env}. */
    public static DmlPlan analyze(Statement s, DmlEnv env) {
        return switch (s) {
            case Statement.Insert i -> InsertPlan.analyze(i, env);
            case Statement.Update u -> UpdatePlan.analyze(u, env);
            case Statement.Delete d -> DeletePlan.analyze(d, env);
            default -> throw new IllegalArgumentException("not a DML statement: " + s);
        };
    }

    /** Analyzes and runs one statement. */
    public static void run(Statement s, DmlEnv env, ResultSink sink) {
        int returned = ReturnedRows.mark();
        try {
            analyze(s, env).run(env, sink);
        } finally {
            ReturnedRows.closeSince(returned);
        }
    }
}
