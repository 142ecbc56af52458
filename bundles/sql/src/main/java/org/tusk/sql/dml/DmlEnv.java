package org.tusk.sql.dml;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.schema.Catalog;
import org.tusk.storage.access.StorageSession;

/**
 * What a DML statement runs against: the backend's storage session (in the transaction and statement
 * the session started), the catalog that finds relations, the evaluation context (settings, time,
 * interrupts) and the statement's parameters; {@code shared} is the statement this one is a part of
 * (an INSERT, UPDATE or DELETE in WITH: see {@link SharedCommand}), null for a statement of its own;
 * {@code with} the WITH queries its queries may read (its own WITH clause, or the other queries of the
 * WITH clause it is in), null for none.
 */
public record DmlEnv(StorageSession storage, Catalog catalog, EvalContext ctx, Parameters parameters,
        SharedCommand shared, org.tusk.sql.plan.StatementWith with) {

    public DmlEnv(StorageSession storage, Catalog catalog, EvalContext ctx, Parameters parameters) {
        this(storage, catalog, ctx, parameters, null, null);
    }

    /** The planner for a query of this statement (INSERT's SELECT, FROM, USING): it sees the statement's WITH. */
    org.tusk.sql.plan.Planner planner() {
        return new org.tusk.sql.plan.Planner(ctx, parameters, catalog, storage).enclosedBy(with);
    }

    /** This environment for analyzing a statement with the WITH queries {@code w} (null: as it is). */
    DmlEnv seeing(org.tusk.sql.plan.StatementWith w) {
        return w == null ? this : new DmlEnv(storage, catalog, ctx, parameters, shared, w);
    }

    /**
     * The statement's own rows are changed (before its RETURNING rows are sent): if it has a WITH clause,
     * the clause's data-modifying queries not read run now and the statement's one command ends
     * ({@link org.tusk.sql.plan.StatementWith#finish}).
     */
    void finishStatement() {
        if (with != null) {
            with.finish(this, ReturnedRows.workMem(ctx.setting("work_mem")));
        }
    }

    /**
     * The statement's AFTER ROW and AFTER STATEMENT triggers ({@code triggers} may be null): now, or, for a
     * statement with data-modifying WITH queries and for each of those, once the whole statement has run
     * ({@link SharedCommand#finish}), as PostgreSQL's after-trigger queue fires them at the end of the query:
     * in the order the parts ended, each seeing what every part wrote.
     */
    void afterStatement(org.tusk.sql.trigger.TriggerFiring triggers) {
        if (triggers == null) {
            return;
        }
        if (shared != null) {
            shared.defer(triggers::afterStatement);
        } else {
            triggers.afterStatement();
        }
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
