package org.tusk.sql.dml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.schema.CheckDef;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;

/**
 * The per-row constraints of a table, checked on every new row version before it is stored (execMain.c's
 * ExecConstraints): NOT NULL in column order, then the CHECK constraints in name order (PostgreSQL sorts
 * them by name so the first violation reported does not depend on creation order). A CHECK passes
 * unless its condition is false: NULL passes. The conditions are analyzed once per statement, over a
 * row slot of their own so they never disturb the statement's.
 */
final class RowChecks {
    private final Relation relation;
    private final RowSlot slot;
    private final List<CheckDef> defs;
    private final List<Expression> conditions = new ArrayList<>();
    /** The constraint checks of the domain-typed columns (null for the other columns). */
    private final org.tusk.sql.eval.DomainValues.Checker[] domains;

    RowChecks(Relation relation, EvalContext ctx) {
        this.relation = relation;
        this.slot = new RowSlot(relation.name());
        this.defs = relation.checks().stream().sorted(Comparator.comparing(CheckDef::name)).toList();
        Analyzer analyzer = Analyzer.overRow(ctx, relation, slot);
        for (CheckDef d : defs) {
            conditions.add(analyzer.transformCondition(Parser.parseExpression(d.sql()), "CHECK"));
        }
        List<Column> cols = relation.columns();
        domains = new org.tusk.sql.eval.DomainValues.Checker[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).domain() != 0 && ctx.db() != null) {
                org.tusk.sql.catalog.Domains.Domain d = org.tusk.sql.catalog.Domains.byOid(ctx.db().catalog(),
                        cols.get(i).domain());
                domains[i] = d == null ? null : new org.tusk.sql.eval.DomainValues.Checker(d, ctx);
            }
        }
    }

    /** Whether column {@code i} is of a domain. */
    boolean hasDomain(int i) {
        return domains[i] != null;
    }

    /** Column {@code i}'s domain constraints alone (COPY tests them as it reads each field, as PostgreSQL does). */
    void checkDomain(int i, Object value, EvalContext ctx) {
        if (domains[i] != null) {
            domains[i].check(value, ctx);
        }
    }

    /** Raises 23502 or 23514 if {@code row} (SQL values, column order) violates a constraint. */
    void check(Object[] row, EvalContext ctx) {
        List<Column> cols = relation.columns();
        // A domain's constraints hold when the value is made (CoerceToDomain), before the row's own.
        for (int i = 0; i < cols.size(); i++) {
            if (domains[i] != null) {
                domains[i].check(row[i], ctx);
            }
        }
        for (int i = 0; i < cols.size(); i++) {
            if (row[i] == null && cols.get(i).notNull()) {
                throw new SqlException(ErrorFields.of("ERROR", "23502", "null value in column \"" + cols.get(i).name()
                        + "\" of relation \"" + relation.name() + "\" violates not-null constraint")
                        .detail("Failing row contains " + RowFormat.row(cols, row, ctx) + ".")
                        .set(ErrorFields.SCHEMA, relation.schema()).set(ErrorFields.TABLE, relation.name())
                        .set(ErrorFields.COLUMN, cols.get(i).name()).build());
            }
        }
        if (!conditions.isEmpty()) {
            slot.set(row);
            for (int i = 0; i < conditions.size(); i++) {
                if (Boolean.FALSE.equals(conditions.get(i).eval(ctx))) {
                    throw new SqlException(ErrorFields.of("ERROR", "23514", "new row for relation \"" + relation.name()
                            + "\" violates check constraint \"" + defs.get(i).name() + "\"")
                            .detail("Failing row contains " + RowFormat.row(cols, row, ctx) + ".")
                            .set(ErrorFields.SCHEMA, relation.schema()).set(ErrorFields.TABLE, relation.name())
                            .set(ErrorFields.CONSTRAINT, defs.get(i).name()).build());
                }
            }
        }
        checkPartition(row, ctx);
    }

    /**
     * A partition's rows must lie within its bound, and its parent's if that is a partition too
     * (ExecPartitionCheck, after the table's own constraints as in ExecInsert).
     */
    private void checkPartition(Object[] row, EvalContext ctx) {
        if (!inPartition(row, ctx)) {
            throw new SqlException(ErrorFields.of("ERROR", "23514", "new row for relation \"" + relation.name()
                    + "\" violates partition constraint")
                    .detail("Failing row contains " + RowFormat.row(cols(), row, ctx) + ".")
                    .set(ErrorFields.SCHEMA, relation.schema()).set(ErrorFields.TABLE, relation.name()).build());
        }
    }

    /** Whether a row lies within the bounds of this table (a partition) and of its ancestors; true for other tables. */
    boolean inPartition(Object[] row, EvalContext ctx) {
        if (ancestors == null) {
            ancestors = new ArrayList<>();
            org.tusk.sql.schema.Catalog catalog = ctx.db() == null ? null : ctx.db().catalog();
            for (int child = relation.oid(), parent = catalog == null ? 0 : catalog.partitionParent(child);
                    parent != 0; child = parent, parent = catalog.partitionParent(parent)) {
                ancestors.add(java.util.Map.entry(child, org.tusk.sql.partition.PartitionScheme.of(catalog,
                        catalog.relation(parent), ctx)));
            }
        }
        for (var e : ancestors) {
            org.tusk.sql.partition.PartitionScheme scheme = e.getValue();
            if (scheme != null && !scheme.accepts(e.getKey(), scheme.keyOf(row))) {
                return false;
            }
        }
        return true;
    }

    /** Per ancestor: the partition below it on the way from this table and its scheme (read on first use). */
    private List<java.util.Map.Entry<Integer, org.tusk.sql.partition.PartitionScheme>> ancestors;

    private List<Column> cols() {
        return relation.columns();
    }
}
