package org.tusk.sql.ddl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.func.Spi;
import org.tusk.sql.plan.Planner;
import org.tusk.sql.schema.Column;
import org.tusk.sql.types.SqlType;

/**
 * CREATE TABLE ... AS and SELECT ... INTO (PostgreSQL's ExecCreateTableAs): the query is planned for its
 * result columns, a table with those columns is created (a column of the unknown type of a bare literal
 * becomes text, as PostgreSQL 10 and later resolve it), and then the query's rows are inserted as by
 * {@code INSERT INTO table query}, in the same transaction, so a failure leaves no table behind.
 */
final class CreateTableAsCommand {

    private CreateTableAsCommand() {
    }

    /**
     * The schema the relation goes to; PostgreSQL reports a missing one without a position (the IntoClause's
     * RangeVar has none).
     */
    static int namespace(DdlContext ctx, DdlCommand.CreateTableAs c) {
        return ctx.creationNamespace(new DdlCommand.QualifiedName(c.name().schema(), c.name().name(), -1));
    }

    /**
     * Whether the relation to create exists already and IF NOT EXISTS says to skip it (after its NOTICE);
     * 42P07 if it exists without IF NOT EXISTS.
     */
    static boolean exists(DdlContext ctx, DdlCommand.CreateTableAs c) {
        String name = c.name().name();
        if (ctx.cache.classOid(namespace(ctx, c), name) == null) {
            return false;
        }
        if (c.ifNotExists()) {
            ctx.notice("42P07", "relation \"" + name + "\" already exists, skipping");
            return true;
        }
        throw new SqlException("42P07", "relation \"" + name + "\" already exists");
    }

    /** Runs the command; returns its tag ("SELECT n" once rows were stored, else "CREATE TABLE AS"). */
    static String run(DdlContext ctx, DdlCommand.CreateTableAs c) {
        if (exists(ctx, c)) {
            return c.tag();
        }
        int namespace = namespace(ctx, c);
        String name = c.name().name();
        Statement.Select select = (Statement.Select) c.query();
        Planner.Planned planned = Spi.plan(select.query(), Parameters.none(), ctx.session);
        List<Planner.Column> result = planned.columns();
        if (c.columns().size() > result.size()) {
            throw new SqlException("42601", "too many column names were specified");
        }
        List<Column> columns = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < result.size(); i++) {
            Planner.Column r = result.get(i);
            String column = i < c.columns().size() ? c.columns().get(i) : r.name();
            if (!names.add(column)) {
                throw new SqlException("42701", "column \"" + column + "\" specified more than once");
            }
            SqlType type = r.type() == SqlType.UNKNOWN ? SqlType.TEXT : r.type();
            if (type == SqlType.VOID || type == SqlType.RECORD) {
                throw new SqlException("42P16", "column \"" + column + "\" has pseudo-type " + type.internalName());
            }
            columns.add(new Column(i + 1, column, type, type == r.type() ? r.typmod() : -1, false, null, '\0'));
        }
        CreateTableCommand.create(ctx, namespace, name, columns, Collections.nCopies(columns.size(), null),
                java.util.Map.of(), List.of(), c.options(), List.of());
        if (!c.withData()) {
            return c.tag();
        }
        // The table is named with its schema, so that the insert finds this table whatever search_path says.
        int position = c.name().position();
        Statement.Insert insert = new Statement.Insert(new Statement.RangeVar(List.of(ctx.cache.namespaceName(namespace),
                name), null, position), List.of(), List.of(), null, select, List.of(), position);
        long rows = Spi.runDml(insert, Parameters.none(), ctx.session);
        return "SELECT " + rows;
    }
}
