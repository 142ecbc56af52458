package org.tusk.sql.dml;

import java.util.List;

import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Query;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.plan.StatementWith;

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

    /**
     * Parse analysis of an INSERT, UPDATE or DELETE against the catalog of {@code env}; with a WITH clause,
     * the clause first (its queries visible to the statement's, its data-modifying ones run as parts of
     * the statement's one command: {@link WithStatement}).
     */
    public static DmlPlan analyze(Statement s, DmlEnv env) {
        List<Query.CommonTable> with = switch (s) {
            case Statement.Insert i -> i.with();
            case Statement.Update u -> u.with();
            case Statement.Delete d -> d.with();
            default -> List.of();
        };
        if (with.isEmpty()) {
            return analyzeAlone(s, env);
        }
        if (env.shared() != null || env.with() != null) {
            for (Query.CommonTable c : with) {
                if (c.modifying() != null) {
                    throw SqlException.at("0A000",
                            "WITH clause containing a data-modifying statement must be at the top level", c.position());
                }
            }
        }
        StatementWith w = StatementWith.plan(with, env.ctx(), env.parameters(), env.catalog());
        DmlPlan plan = analyzeAlone(s, env.seeing(w));
        w.analyzed();
        return new WithStatement(w, plan);
    }

    private static DmlPlan analyzeAlone(Statement s, DmlEnv env) {
        DmlPlan partitioned = PartitionedModify.analyze(s, env);
        if (partitioned != null) {
            return partitioned;
        }
        return switch (s) {
            case Statement.Insert i -> InsertPlan.analyze(i, env);
            case Statement.Update u -> UpdatePlan.analyze(u, env);
            case Statement.Delete d -> DeletePlan.analyze(d, env);
            default -> throw new IllegalArgumentException("not a DML statement: " + s);
        };
    }

    /**
     * Why a view with this query is not automatically updatable (view_query_is_auto_updatable's DETAIL), or
     * null: CREATE VIEW ... WITH CHECK OPTION needs an updatable view.
     */
    public static String viewNotUpdatable(String query, String name, org.tusk.sql.schema.Catalog catalog) {
        return ViewQuery.notUpdatable(query, name, catalog);
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
