package org.tusk.sql.session;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Query;
import org.tusk.sql.ast.Statement;

/**
 * UPDATE pg_settings, as PostgreSQL's rule on the view rewrites it (system_views.sql):
 * <pre>
 * CREATE RULE pg_settings_u AS ON UPDATE TO pg_settings WHERE new.name = old.name
 *     DO SELECT set_config(old.name, new.setting, 'f');
 * CREATE RULE pg_settings_n AS ON UPDATE TO pg_settings DO INSTEAD NOTHING;
 * </pre>
 * The statement becomes {@code SELECT set_config(name, <new setting>, false) FROM pg_settings [, from] WHERE
 * <where> [AND <new name> = name]}: its rows (one per changed parameter, column set_config) go to the client,
 * and the command tag is the original statement's, "UPDATE 0", because no query of the rewritten list is an
 * UPDATE (QueryRewrite leaves none to set the tag). RETURNING is refused as the rewriter refuses it without
 * an INSTEAD rule that has one. Tusk has no rule system; this class is that one rule.
 */
final class SettingsViewUpdate {

    private SettingsViewUpdate() {
    }

    /** Whether the UPDATE's target is pg_settings (bare, pg_catalog being searched first, or qualified). */
    static boolean applies(Statement.Update u) {
        List<String> names = u.table().names();
        return names.equals(List.of("pg_settings")) || names.equals(List.of("pg_catalog", "pg_settings"));
    }

    /** The SELECT the rules turn the UPDATE into. */
    static Statement.Select rewrite(Statement.Update u) {
        int pos = u.position();
        if (!u.returning().isEmpty()) {
            throw new SqlException(ErrorFields.of("ERROR", "0A000", "cannot perform UPDATE RETURNING on relation "
                    + "\"pg_settings\"").hint("You need an unconditional ON UPDATE DO INSTEAD rule with a RETURNING "
                    + "clause.").build());
        }
        String qualifier = u.table().alias() != null ? u.table().alias() : "pg_settings";
        Expr oldName = new Expr.ColumnRef(List.of(qualifier, "name"), pos);
        Expr newSetting = new Expr.ColumnRef(List.of(qualifier, "setting"), pos);
        Expr newName = null;
        for (Statement.SetClause c : u.set()) {
            for (int i = 0; i < c.columns().size(); i++) {
                if (!org.tusk.sql.settings.SettingsView.COLUMNS.contains(c.columns().get(i))) {
                    throw SqlException.at("42703", "column \"" + c.columns().get(i) + "\" of relation \"pg_settings\" "
                            + "does not exist", c.columnPositions().get(i));
                }
                Expr value = c.values().get(i) != null ? c.values().get(i)
                        : new Expr.Literal(Expr.LiteralKind.NULL, null, pos);
                if (c.columns().get(i).equals("setting")) {
                    newSetting = value;
                } else if (c.columns().get(i).equals("name")) {
                    newName = value;
                }
            }
        }
        Expr where = u.where();
        if (newName != null) {
            Expr sameName = new Expr.Operator("=", newName, oldName, pos);
            where = where == null ? sameName : new Expr.BoolExpr(Expr.BoolOp.AND, List.of(where, sameName), pos);
        }
        Expr call = new Expr.FuncCall(List.of("pg_catalog", "set_config"), List.of(oldName, newSetting,
                new Expr.Literal(Expr.LiteralKind.BOOLEAN, "f", pos)), false, pos);
        List<Query.FromItem> from = new ArrayList<>();
        from.add(new Query.TableRef(u.table().names(), u.table().alias() == null ? null
                : new Query.Alias(u.table().alias(), List.of()), u.table().position()));
        from.addAll(u.from());
        Query.SelectCore core = new Query.SelectCore(null, List.of(new Statement.Target(call, "set_config", pos)),
                from, where, List.of(), null, pos);
        return new Statement.Select(new Query(core, List.of(), null, null, null, pos), pos);
    }

    /** Runs the rewritten SELECT, answering with the UPDATE's tag. */
    static void run(Statement.Update u, Session session, org.tusk.sql.eval.Parameters params, ResultSink sink) {
        SelectExecutor.Plan plan = SelectExecutor.analyze(rewrite(u), session, params);
        SelectExecutor.run(plan, session, new ForwardingSink(sink) {
            @Override
            public void commandComplete(String tag) {
                sink.commandComplete("UPDATE 0");
            }
        }, true);
    }
}
