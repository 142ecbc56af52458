package org.tusk.sql.ddl;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.schema.Relation;

/**
 * ALTER VIEW's column defaults and options (AlterTable with OBJECT_VIEW): a view's own column default is
 * what INSERT and UPDATE ... SET col = DEFAULT through the view use before the table's; SET and RESET
 * change pg_class.reloptions (check_option, security_barrier) as view_reloptions allows, and a check
 * option needs an automatically updatable view, as at CREATE VIEW.
 */
final class AlterViewCommand {

    private AlterViewCommand() {
    }

    static void run(DdlContext ctx, DdlCommand.AlterView c) {
        Relation view = AlterTableCommand.open(ctx, c.name(), c.ifExists(), 'v', "a view");
        if (view == null) {
            return;
        }
        int oid = view.oid();
        for (DdlCommand.AlterAction a : c.actions()) {
            view = ctx.relation(oid);
            switch (a) {
                case DdlCommand.ColumnDefault d -> AlterTableCommand.setDefault(ctx, view, d);
                case DdlCommand.ViewOptionsChange o -> changeOptions(ctx, view, o);
                default -> throw new IllegalStateException("not an ALTER VIEW action: " + a);
            }
            ctx.changed();
        }
    }

    private static void changeOptions(DdlContext ctx, Relation view, DdlCommand.ViewOptionsChange change) {
        var row = ctx.cache.classRow(view.oid());
        List<String> options = new ArrayList<>();
        if (row.get("reloptions") != null) {
            row.list("reloptions").forEach(o -> options.add(String.valueOf(o)));
        }
        ViewOptions.check(change.set());
        for (String o : change.set()) {
            String name = o.substring(0, o.indexOf('='));
            options.removeIf(x -> x.startsWith(name + "="));
            options.add(o);
        }
        for (String name : change.reset()) {
            options.removeIf(x -> x.startsWith(name + "="));
        }
        if (change.set().stream().anyMatch(o -> o.startsWith("check_option="))) {
            String reason = org.tusk.sql.dml.DmlStatements.viewNotUpdatable(view.viewQuery(), view.name(), ctx.cache);
            if (reason != null) {
                throw new SqlException(ErrorFields.of("ERROR", "0A000",
                        "WITH CHECK OPTION is supported only on automatically updatable views").hint(reason).build());
            }
        }
        ctx.tables.update(row.set("reloptions", options.isEmpty() ? null : List.copyOf(options)));
    }
}
