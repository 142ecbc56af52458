package org.tusk.sql.dml;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.schema.Catalog;
import org.tusk.storage.access.StorageSession;

/**
 * What a DML statement runs against: the backend's storage session (in the transaction and statement
 * the session started), the catalog that finds relations, the evaluation context (settings, time,
 * interrupts) and the statement's parameters; {@code shared} is the statement this one is a part of
 * (an INSERT, UPDATE or DELETE in WITH: see {@link SharedCommand}), null for a statement of its own.
 */
public record DmlEnv(StorageSession storage, Catalog catalog, EvalContext ctx, Parameters parameters,
        SharedCommand shared) {

    public DmlEnv(StorageSession storage, Catalog catalog, EvalContext ctx, Parameters parameters) {
        this(storage, catalog, ctx, parameters, null);
    }

    /**
     * The statement's changes become visible to the transaction's next command (CommandCounterIncrement),
     * unless it is a part of a statement, whose parts share one command ({@link SharedCommand#finish}).
     */
    void endCommand() {
        if (shared == null) {
            storage.commandCounterIncrement();
        }
    }
}
