package org.tusk.client;

/**
 * A query that was not executed because an earlier query of its pipeline segment failed (libpq's
 * PGRES_PIPELINE_ABORTED): the server skips everything up to the next Sync after an error.
 */
public class PipelineAbortedException extends PgException {
    private static final long serialVersionUID = 1L;

    public PipelineAbortedException() {
        super("query skipped: an earlier query of the pipeline segment failed");
    }
}
