package org.tusk.sql.dml;

import java.util.List;

import org.tusk.protocol.ColumnDescription;
import org.tusk.spi.ResultSink;

/**
 * An INSERT, UPDATE or DELETE after analysis: what Describe reports and what Execute runs. Analysis
 * happens once; {@link #run} may be called again (a prepared statement's next Bind), its parameters
 * read when expressions are evaluated.
 */
public interface DmlPlan {

    /** The RETURNING columns, or null when the statement returns no rows. */
    List<ColumnDescription> columns();

    /**
     * Locks the target table for the current transaction and says whether the plan still fits it (false
     * after a catalog change to the table: analyze again). Call before {@link #run} when reusing a plan.
     */
    boolean revalidate(DmlEnv env);

    /** Runs the statement in the session's current transaction and statement. */
    void run(DmlEnv env, ResultSink sink);
}
