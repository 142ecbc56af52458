package org.tusk.sql.eval;

import java.util.List;

import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.trigger.TriggerDef;

/**
 * pg_get_triggerdef(oid [, pretty]) as ruleutils.c's pg_get_triggerdef_worker prints a trigger: CREATE
 * TRIGGER name, the timing, the events in the order INSERT, DELETE, UPDATE [OF columns], TRUNCATE, the table
 * (schema-qualified unless pretty and visible), the level, WHEN (condition) with NEW and OLD columns
 * qualified, and EXECUTE FUNCTION with the arguments as quoted literals. psql's \d prints its "Triggers:"
 * footer from this text.
 */
final class TriggerDefinitions {

    private TriggerDefinitions() {
    }

    /** The definition, or null if no trigger has this OID. */
    static String of(EvalContext ctx, long oid, boolean pretty) {
        if (ctx.db() == null || !(ctx.db().catalog() instanceof RelationCache rc)) {
            return null;
        }
        int wanted = (int) oid;
        CatalogRow row = rc.tables().first(CatalogDefinitions.PG_TRIGGER, r -> r.oid("oid") == wanted);
        if (row == null) {
            return null;
        }
        TriggerDef t = TriggerDef.fromRow(row);
        Relation table = rc.relation(t.relid());
        StringBuilder b = new StringBuilder(t.constraint() != 0 ? "CREATE CONSTRAINT TRIGGER " : "CREATE TRIGGER ")
                .append(Keywords.quoteIdentifier(t.name()))
                .append(' ').append(t.before() ? "BEFORE" : t.insteadOf() ? "INSTEAD OF" : "AFTER");
        int events = 0;
        for (int event : new int[] {4, 8, 16, 32}) {
            if (!t.on(event)) {
                continue;
            }
            b.append(events++ > 0 ? " OR " : " ").append(switch (event) {
                case 4 -> "INSERT";
                case 8 -> "DELETE";
                case 16 -> "UPDATE";
                default -> "TRUNCATE";
            });
            if (event == 16 && !t.columns().isEmpty() && table != null) {
                b.append(" OF ");
                for (int i = 0; i < t.columns().size(); i++) {
                    int attnum = t.columns().get(i);
                    b.append(i > 0 ? ", " : "").append(Keywords.quoteIdentifier(table.columns().stream()
                            .filter(c -> c.number() == attnum).findFirst().map(c -> c.name()).orElse("?")));
                }
            }
        }
        b.append(" ON ").append(relationName(rc, table, pretty)).append(' ');
        if (t.constraint() != 0) {
            if (t.constraintRelid() != 0) {
                b.append("FROM ").append(relationName(rc, rc.relation(t.constraintRelid()), true)).append(' ');
            }
            b.append(t.deferrable() ? "" : "NOT ").append("DEFERRABLE INITIALLY ")
                    .append(t.initiallyDeferred() ? "DEFERRED " : "IMMEDIATE ");
        }
        if (t.oldTable() != null || t.newTable() != null) {
            b.append("REFERENCING ");
            if (t.oldTable() != null) {
                b.append("OLD TABLE AS ").append(Keywords.quoteIdentifier(t.oldTable())).append(' ');
            }
            if (t.newTable() != null) {
                b.append("NEW TABLE AS ").append(Keywords.quoteIdentifier(t.newTable())).append(' ');
            }
        }
        b.append(t.row() ? "FOR EACH ROW " : "FOR EACH STATEMENT ");
        if (t.when() != null) {
            b.append("WHEN (").append(condition(ctx, table, t.when(), pretty)).append(") ");
        }
        b.append("EXECUTE FUNCTION ").append(functionName(rc, t.function())).append('(');
        List<String> args = t.args();
        for (int i = 0; i < args.size(); i++) {
            b.append(i > 0 ? ", " : "").append('\'').append(args.get(i).replace("'", "''")).append('\'');
        }
        return b.append(')').toString();
    }

    private static String relationName(RelationCache rc, Relation table, boolean pretty) {
        String name = Keywords.quoteIdentifier(table.name());
        if (pretty && table.equals(rc.lookup(null, table.name()))) {
            return name;
        }
        return Keywords.quoteIdentifier(table.schema()) + "." + name;
    }

    /** generate_function_name: qualified only when the unqualified name would not find it. */
    private static String functionName(RelationCache rc, int oid) {
        CatalogRow f = rc.tables().first(CatalogDefinitions.PG_PROC, r -> r.oid("oid") == oid);
        if (f == null) {
            String ri = org.tusk.sql.trigger.ForeignKeyTriggers.functionName(oid);
            return ri != null ? Keywords.quoteIdentifier(ri) : "\"?\"";
        }
        String name = f.text("proname");
        int ns = f.oid("pronamespace");
        for (String schema : rc.searchPath()) {
            Integer n = rc.namespaceOid(schema);
            if (n == null) {
                continue;
            }
            if (n == ns) {
                return Keywords.quoteIdentifier(name);
            }
            int other = n;
            if (rc.tables().first(CatalogDefinitions.PG_PROC, r -> r.oid("pronamespace") == other
                    && r.text("proname").equals(name) && r.int2("pronargs") == 0) != null) {
                break;
            }
        }
        return Keywords.quoteIdentifier(rc.namespaceName(ns)) + "." + Keywords.quoteIdentifier(name);
    }

    /** The WHEN condition analyzed over OLD and NEW and printed as ruleutils would (stored text on failure). */
    private static String condition(EvalContext ctx, Relation table, String sql, boolean pretty) {
        try {
            Analyzer a = new Analyzer(ctx, Parameters.none()).withScope(org.tusk.sql.trigger.TriggerFiring.scope(
                    table, new RowSlot("old"), new RowSlot("new")));
            return RuleText.of(a.transformCondition(Parser.parseExpression(sql), "WHEN"), pretty, ctx, true);
        } catch (RuleText.Unsupported | org.tusk.spi.SqlException e) {
            return sql;
        }
    }
}
