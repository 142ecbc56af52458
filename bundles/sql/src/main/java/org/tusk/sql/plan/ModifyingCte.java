package org.tusk.sql.plan;

import java.util.List;

import org.tusk.protocol.ColumnDescription;
import org.tusk.spi.ResultSink;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.dml.DmlEnv;
import org.tusk.sql.dml.DmlStatements;
import org.tusk.sql.dml.SharedCommand;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.exec.ModifyTable;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.schema.Catalog;

/**
 * An INSERT, UPDATE or DELETE in WITH ({@code WITH d AS (DELETE FROM t ... RETURNING *) ...}): runs the
 * statement through the dml layer when opened and returns its RETURNING rows, each as one value array
 * (the row a {@link org.tusk.sql.exec.SharedCte} stores). It is only ever run through its SharedCte,
 * which runs it once per execution of the statement, whether the WITH query is read or not. It runs as
 * a part of the statement's one command ({@link SharedCommand}): what it writes is invisible to the
 * rest of the statement, which reads with the statement's snapshot.
 *
 * <p>The dml layer sends RETURNING rows to a {@link ResultSink} as text, as it does for the client; they
 * are read back with the columns' input functions, which give the same values (float output is
 * round-trip exact).
 */
final class ModifyingCte extends PlanNode {
    private final Statement statement;
    private final List<ColumnDescription> columns;
    private final Catalog catalog;
    private final Parameters parameters;
    /** The statement this query is a part of: it writes with the statement's command, never its own. */
    private final SharedCommand shared;
    /** The other queries of its WITH clause, which its own queries may read. */
    private final StatementWith with;
    private List<Object[]> rows;
    private int next;
    /**
     * What EXPLAIN shows: the statement's ModifyTable node and the plan of its reads, made when EXPLAIN
     * first asks (a statement that only runs does not plan the reads a second time).
     */
    private final java.util.function.Supplier<ModifyTable> describe;
    private ModifyTable shown;

    /**
     * @param columns the RETURNING columns as the dml layer's analysis describes them
     */
    ModifyingCte(Statement statement, List<ColumnDescription> columns, Catalog catalog, Parameters parameters,
            SharedCommand shared, StatementWith with, java.util.function.Supplier<ModifyTable> describe) {
        this.describe = describe;
        super(List.of(new RowSlot("*modifying*")));
        this.shared = shared;
        this.with = with;
        this.statement = statement;
        this.columns = columns;
        this.catalog = catalog;
        this.parameters = parameters;
    }

    @Override
    protected void start() {
        next = 0;
        DmlEnv env = new DmlEnv(ctx.storage(), catalog, ctx.eval(), parameters, shared, with);
        // The rows are read as the analysis described them (the statement's own description is the same).
        org.tusk.sql.dml.ValueRowsSink sink = new org.tusk.sql.dml.ValueRowsSink(ctx.eval(), true);
        sink.rowDescription(columns);
        DmlStatements.run(statement, env, sink);
        rows = sink.rows();
    }

    @Override
    protected Object[] fetch() {
        return next < rows.size() ? new Object[] {rows.get(next++)} : null;
    }

    private ModifyTable shown() {
        if (shown == null) {
            shown = describe.get();
        }
        return shown;
    }

    @Override
    public String label() {
        return shown().label();
    }

    @Override
    public List<String> details(boolean verbose) {
        return shown().details(verbose);
    }

    /** The plan of its reads, which the dml layer runs its own way: shown without ANALYZE only. */
    @Override
    public List<PlanNode> explained(boolean analyze) {
        return analyze ? List.of() : shown().children();
    }
}
