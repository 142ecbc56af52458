package org.tusk.sql.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Query;
import org.tusk.sql.dml.DmlEnv;
import org.tusk.sql.dml.SharedCommand;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.exec.ExecContext;
import org.tusk.sql.exec.SharedCte;
import org.tusk.sql.schema.Catalog;
import org.tusk.sql.types.TypeContext;

/**
 * The WITH queries a data-modifying statement's parts can read: the WITH clause of an INSERT, UPDATE or
 * DELETE ({@code WITH x AS (...) DELETE FROM t USING x}), or, for an INSERT, UPDATE or DELETE in WITH,
 * the other queries of that WITH clause ({@code WITH p AS (INSERT ...), c AS (INSERT ... SELECT ... FROM
 * p) ...}). The dml layer hands it to every planner it makes for the statement ({@link Planner#enclosedBy}),
 * so that a reference anywhere in the statement finds the same query, computed once if it is shared
 * ({@link CommonTables}).
 *
 * <p>For the WITH clause of an INSERT, UPDATE or DELETE this object also runs the clause around the
 * statement, as PostgreSQL's ModifyTable with its init plans: {@link #begin} before the statement's
 * rows, {@link #finish} after them (the data-modifying queries nobody read run now, ExecPostprocessPlan,
 * then the statement's one command ends: {@link SharedCommand#finish}), {@link #release} at the end.
 * Its shared queries keep their rows for the whole statement, whatever execution contexts its parts
 * read them with (the dml layer runs its joins and queries in contexts of their own).
 */
public final class StatementWith {
    private final Map<String, Query.CommonTable> names;
    private final CommonTables level;
    /** Whether this is the WITH clause of the statement itself, which runs it ({@link #begin}, {@link #finish}). */
    private final boolean owner;
    /** The queries computed once, known after the statement's analysis ({@link #analyzed}). */
    private List<SharedCte> shared = List.of();

    private StatementWith(Map<String, Query.CommonTable> names, CommonTables level, boolean owner) {
        this.names = names;
        this.level = level;
        this.owner = owner;
    }

    /** The view a WITH clause gives the INSERT, UPDATE or DELETE in it: they read, the clause's owner runs. */
    static StatementWith of(Map<String, Query.CommonTable> names, CommonTables level) {
        return new StatementWith(names, level, false);
    }

    /**
     * Analyzes the WITH clause of an INSERT, UPDATE or DELETE: the names (42712 for one given twice) and
     * the data-modifying queries in it, which run as parts of the statement's one command.
     */
    public static StatementWith plan(List<Query.CommonTable> with, TypeContext types, Parameters parameters,
            Catalog catalog) {
        Map<String, Query.CommonTable> names = new HashMap<>();
        for (Query.CommonTable c : with) {
            if (names.put(c.name(), c) != null) {
                throw SqlException.at("42712", "WITH query name \"" + c.name() + "\" specified more than once",
                        c.position());
            }
        }
        CommonTables level = new CommonTables(with);
        StatementWith parts = of(names, level);
        for (Query.CommonTable c : with) {
            if (c.modifying() != null) {
                level.modifying(c, ModifyingCtes.plan(c, types, parameters, catalog, level.sharedCommand(), parts));
            }
        }
        return new StatementWith(names, level, true);
    }

    Map<String, Query.CommonTable> names() {
        return names;
    }

    CommonTables level() {
        return level;
    }

    /** The statement has been analyzed: which queries are shared is decided now that every reference is known. */
    public void analyzed() {
        shared = level.decide();
        for (SharedCte c : shared) {
            c.keepForStatement();
        }
    }

    /** The statement's one command, which its parts share: set on the statement's own environment. */
    public DmlEnv begin(DmlEnv env) {
        SharedCommand command = level.sharedCommand();
        command.reset();
        release();
        return new DmlEnv(env.storage(), env.catalog(), env.ctx(), env.parameters(), command, this);
    }

    /**
     * The statement's own rows are done: the data-modifying queries not read yet run now, then what every
     * part wrote becomes visible and their foreign keys are checked. Nothing for a part (an INSERT, UPDATE
     * or DELETE in WITH), whose statement finishes it.
     */
    public void finish(DmlEnv env, long workMem) {
        if (!owner || env.shared() != level.sharedCommand()) {
            return;
        }
        ExecContext exec = new ExecContext(env.ctx(), env.storage(), workMem);
        ExecContext previous = exec.enter();
        try {
            // Last first, as ExecPostprocessPlan runs es_auxmodifytables (each part is put at its head).
            for (SharedCte c : shared.reversed()) {
                c.finishStatement(exec);
            }
        } finally {
            ExecContext.restore(previous);
        }
        level.sharedCommand().finish(env.storage());
    }

    /** Drops the shared queries' rows (and their temporary files). */
    public void release() {
        for (SharedCte c : shared) {
            c.releaseRows();
        }
    }
}
