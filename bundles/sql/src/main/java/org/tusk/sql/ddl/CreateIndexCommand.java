package org.tusk.sql.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.dml.IndexKeys;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.ConstantFolding;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.plan.Expressions;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.RelationLockMode;

/**
 * CREATE [UNIQUE] INDEX (PostgreSQL's DefineIndex), under a SHARE lock on the table: keys are columns or
 * immutable expressions, INCLUDE columns ride along, and a WHERE predicate (immutable too) makes a partial
 * index. Expressions and the predicate are kept as their SQL text (pg_index.indexprs, indpred) and analyzed
 * again wherever entries are made ({@link IndexKeys}).
 */
final class CreateIndexCommand {

    private CreateIndexCommand() {
    }

    static void run(DdlContext ctx, DdlCommand.CreateIndex c) {
        Integer oid = ctx.relationOid(c.table());
        if (oid == null) {
            throw new SqlException("42P01", "relation \"" + c.table() + "\" does not exist");
        }
        ctx.lock(oid, RelationLockMode.SHARE);
        Relation table = ctx.relation(oid);
        if (table.kind() == 'p') {
            // PostgreSQL makes a partitioned index (relkind 'I') with one index per partition under it.
            throw new SqlException("0A000", "indexes on partitioned tables are not supported yet");
        }
        if (table.kind() != 'r' && table.kind() != 'm') {
            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "42809", "cannot create index on "
                    + "relation \"" + table.name() + "\"").detail("This operation is not supported for "
                            + (table.kind() == 'v' ? "views" : "indexes") + ".").build());
        }
        org.tusk.sql.roles.Privileges.checkOwner(ctx.session, oid);
        RowSlot slot = new RowSlot(table.name());
        Analyzer analyzer = Analyzer.overRow(ctx.session, table, slot);
        List<IndexBuilder.Key> keys = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (DdlCommand.IndexKey k : c.keys()) {
            boolean nullsFirst = k.nullsFirst() != null ? k.nullsFirst() : k.descending();
            Column col = null;
            Expression e = null;
            if (k.expression() != null) {
                e = analyzed(() -> analyzer.transform(k.expression().expr()), "index expression");
                // An expression that is just a column, ((a)), is that column (as DefineIndex finds).
                if (e instanceof Expression.Var v && v.slot() == slot) {
                    col = table.columns().get(v.index());
                    e = null;
                }
            } else {
                col = table.column(k.column());
                if (col == null) {
                    throw new SqlException("42703", "column \"" + k.column() + "\" does not exist");
                }
            }
            if (e == null) {
                keys.add(new IndexBuilder.Key(col, k.descending(), nullsFirst));
                names.add(col.name());
                continue;
            }
            requireImmutable(e, "index expression");
            String attname = unique(columnName(e), names);
            names.add(attname);
            keys.add(new IndexBuilder.Key(new Column(0, attname, e.type(), -1, false, null, '\0'),
                    k.expression().sql(), k.descending(), nullsFirst));
        }
        List<Column> include = new ArrayList<>();
        for (DdlCommand.IndexKey k : c.include()) {
            Column col = table.column(k.column());
            if (col == null) {
                throw new SqlException("42703", "column \"" + k.column() + "\" does not exist");
            }
            include.add(col);
            names.add(unique(col.name(), names));
        }
        String predicate = null;
        if (c.where() != null) {
            requireImmutable(analyzed(() -> analyzer.transformCondition(c.where().expr(), "WHERE"), "index predicate"),
                    "index predicate");
            predicate = c.where().sql();
        }
        String name = c.name();
        if (name == null) {
            name = ctx.chooseName(table.name(), String.join("_", names), "idx", table.namespaceOid(), Set.of());
        } else if (ctx.cache.classOid(table.namespaceOid(), name) != null) {
            if (c.ifNotExists()) {
                ctx.notice("42P07", "relation \"" + name + "\" already exists, skipping");
                return;
            }
            throw new SqlException("42P07", "relation \"" + name + "\" already exists");
        }
        IndexBuilder.create(ctx, table, name, keys, include, predicate, c.unique(), false);
        ctx.changed();
    }

    /**
     * An expression analyzed, what the analyzer refuses in words PostgreSQL uses for {@code what} (an
     * index expression or predicate), at the same place.
     */
    private static Expression analyzed(java.util.function.Supplier<Expression> analysis, String what) {
        try {
            return analysis.get();
        } catch (SqlException e) {
            String position = e.fields().get(org.tusk.protocol.ErrorFields.POSITION);
            int at = position == null ? 0 : Integer.parseInt(position);
            if (e.fields().message().equals("subqueries are not supported here")) {
                throw SqlException.at("0A000", "cannot use subquery in " + what, at);
            }
            if (e.fields().message().equals("aggregate functions are not supported yet")) {
                throw SqlException.at("42803", "aggregate functions are not allowed in " + what + "s", at);
            }
            throw e;
        }
    }

    /** 42P17 unless every function and operator {@code e} calls is immutable; 0A000 for a subquery. */
    private static void requireImmutable(Expression e, String what) {
        boolean[] subquery = {false};
        boolean[] mutable = {false};
        Expressions.walk(e, x -> {
            subquery[0] |= x instanceof Expression.SubPlan;
            mutable[0] |= !ConstantFolding.immutableNode(x);
        });
        if (subquery[0]) {
            throw new SqlException("0A000", "cannot use subquery in " + what);
        }
        if (mutable[0]) {
            throw new SqlException("42P17", "functions in " + what + " must be marked IMMUTABLE");
        }
    }

    /** FigureIndexColname: a function call's key is named after the function, anything else "expr". */
    private static String columnName(Expression e) {
        if (e instanceof Expression.Call call && !call.routine().name().isEmpty()
                && Character.isJavaIdentifierStart(call.routine().name().charAt(0))) {
            return call.routine().name();
        }
        return "expr";
    }

    /** ChooseIndexColumnNames: a name taken by an earlier column of the index gets a number (expr1, ...). */
    private static String unique(String name, List<String> taken) {
        String candidate = name;
        for (int n = 1; taken.contains(candidate); n++) {
            candidate = name + n;
        }
        return candidate;
    }
}
