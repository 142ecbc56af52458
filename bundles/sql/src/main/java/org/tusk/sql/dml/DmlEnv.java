package org.tusk.sql.dml;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.schema.Catalog;
import org.tusk.storage.access.StorageSession;

/**
 * What a DML statement runs against: the backend's storage session (in the transaction and statement
 * the session started), the catalog that finds relations, the evaluation context (settings, time,
 * interrupts) and the statement's parameters.
 */
public record DmlEnv(StorageSession storage, Catalog catalog, EvalContext ctx, Parameters parameters) {
}
