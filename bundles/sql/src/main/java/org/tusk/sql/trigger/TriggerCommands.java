package org.tusk.sql.trigger;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_DEPEND;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_PROC;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_TRIGGER;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.QualifiedName;
import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.SqlType;
import org.tusk.storage.access.RelationLockMode;

/**
 * CREATE [OR REPLACE] TRIGGER, DROP TRIGGER and ALTER TABLE ... ENABLE/DISABLE TRIGGER (trigger.c's
 * CreateTrigger, RemoveTriggerById and EnableDisableTrigger): the checks PostgreSQL makes, in its order and
 * with its messages, then the pg_trigger row, its pg_depend rows (on the table, automatic; on the function
 * and the UPDATE OF columns, normal) and the table's relhastriggers flag, which psql's \d reads before it
 * asks for the "Triggers:" footer.
 */
public final class TriggerCommands {

    private TriggerCommands() {
    }

    public static void create(DdlCommand.CreateTrigger c, BackendDatabase db, EvalContext session) {
        RelationCache rc = db.catalog();
        Relation table = lockTable(db, c.table(), RelationLockMode.SHARE_ROW_EXCLUSIVE);
        int type = c.timing() | c.events() | (c.forEachRow() ? TriggerType.ROW : 0);
        String name = table.name();
        switch (table.kind()) {
            case 'r', 'p' -> {
                if (c.timing() == TriggerType.INSTEAD) {
                    throw new SqlException(ErrorFields.of("ERROR", "42809", "\"" + name + "\" is a table")
                            .detail("Tables cannot have INSTEAD OF triggers.").build());
                }
            }
            case 'v' -> {
                if (c.timing() != TriggerType.INSTEAD && c.forEachRow()) {
                    throw new SqlException(ErrorFields.of("ERROR", "42809", "\"" + name + "\" is a view")
                            .detail("Views cannot have row-level BEFORE or AFTER triggers.").build());
                }
                if ((c.events() & TriggerType.TRUNCATE) != 0) {
                    throw new SqlException(ErrorFields.of("ERROR", "42809", "\"" + name + "\" is a view")
                            .detail("Views cannot have TRUNCATE triggers.").build());
                }
            }
            default -> throw new SqlException(ErrorFields.of("ERROR", "42809", "relation \"" + name
                    + "\" cannot have triggers").detail("This operation is not supported for "
                            + (table.kind() == 'i' ? "indexes" : table.kind() == 'S' ? "sequences" : "this relation")
                            + ".").build());
        }
        if ((c.events() & TriggerType.TRUNCATE) != 0 && c.forEachRow()) {
            throw new SqlException("0A000", "TRUNCATE FOR EACH ROW triggers are not supported");
        }
        if (c.timing() == TriggerType.INSTEAD) {
            if (!c.forEachRow()) {
                throw new SqlException("0A000", "INSTEAD OF triggers must be FOR EACH ROW");
            }
            if (c.when() != null) {
                throw new SqlException("0A000", "INSTEAD OF triggers cannot have WHEN conditions");
            }
            if (!c.updateColumns().isEmpty()) {
                throw new SqlException("0A000", "INSTEAD OF triggers cannot have column lists");
            }
        }
        if (c.oldTable() != null || c.newTable() != null) {
            TransitionTableChecks.check(c, table);
        }
        if (c.constraint() != null && c.orReplace()) {
            throw new SqlException("0A000", "CREATE OR REPLACE CONSTRAINT TRIGGER is not supported");
        }
        org.tusk.sql.roles.Privileges.check(session, table, org.tusk.sql.roles.Acl.TRIGGER);
        if (c.when() != null) {
            checkWhen(c, table, session);
        }
        int function = function(rc, c.function());
        List<Short> columns = new ArrayList<>();
        for (String col : c.updateColumns()) {
            Column column = table.column(col);
            if (column == null) {
                throw new SqlException("42703", "column \"" + col + "\" of relation \"" + name + "\" does not exist");
            }
            if (columns.contains((short) column.number())) {
                throw new SqlException("42701", "column \"" + col + "\" specified more than once");
            }
            columns.add((short) column.number());
        }
        CatalogTables tables = rc.tables();
        int relid = table.oid();
        CatalogRow existing = tables.first(PG_TRIGGER, r -> r.oid("tgrelid") == relid && r.text("tgname")
                .equals(c.name()));
        if (existing != null && !c.orReplace()) {
            throw new SqlException("42710", "trigger \"" + c.name() + "\" for relation \"" + name
                    + "\" already exists");
        }
        CatalogRow row = existing != null ? existing
                : CatalogRow.create(PG_TRIGGER).set("oid", db.storage().newOid());
        ConstraintTriggers.Created con = c.constraint() == null ? null
                : ConstraintTriggers.create(db, table, c.name(), c.constraint());
        row.set("tgrelid", relid).set("tgparentid", 0).set("tgname", c.name()).set("tgfoid", function)
                .set("tgtype", (short) type).set("tgenabled", 'O').set("tgisinternal", false)
                .set("tgconstrrelid", 0).set("tgconstrindid", 0).set("tgconstraint", 0).set("tgdeferrable", false)
                .set("tginitdeferred", false).set("tgnargs", (short) c.args().size()).set("tgattr", columns)
                .set("tgargs", TriggerDef.encodeArgs(c.args())).set("tgqual", c.when() == null ? null : c.when().sql())
                .set("tgoldtable", c.oldTable()).set("tgnewtable", c.newTable());
        if (con != null) {
            row.set("tgconstraint", con.oid()).set("tgconstrrelid", con.fromTable())
                    .set("tgdeferrable", c.constraint().deferrable())
                    .set("tginitdeferred", c.constraint().initiallyDeferred());
        }
        int oid = row.oid("oid");
        if (existing != null) {
            tables.update(row);
            tables.deleteWhere(PG_DEPEND, d -> d.oid("classid") == CatalogOids.PG_TRIGGER && d.oid("objid") == oid);
        } else {
            tables.insert(row);
        }
        depend(tables, oid, CatalogOids.PG_CLASS, relid, 0, 'a');
        depend(tables, oid, CatalogOids.PG_PROC, function, 0, 'n');
        for (short col : columns) {
            depend(tables, oid, CatalogOids.PG_CLASS, relid, col, 'n');
        }
        if (con != null) {
            depend(tables, oid, CatalogOids.PG_CONSTRAINT, con.oid(), 0, 'i');
            if (con.fromTable() != 0) {
                depend(tables, oid, CatalogOids.PG_CLASS, con.fromTable(), 0, 'a');
            }
        }
        CatalogRow cls = rc.classRow(relid);
        if (!cls.bool("relhastriggers")) {
            tables.update(cls.set("relhastriggers", true));
        }
        rc.changed();
    }

    private static void depend(CatalogTables tables, int oid, int refClass, int ref, int refSub, char type) {
        tables.insert(CatalogRow.create(PG_DEPEND).set("classid", CatalogOids.PG_TRIGGER).set("objid", oid)
                .set("objsubid", 0).set("refclassid", refClass).set("refobjid", ref).set("refobjsubid", refSub)
                .set("deptype", type));
    }

    /**
     * The WHEN condition must be a boolean over NEW and OLD; a statement trigger's may not read them, an
     * INSERT trigger's not OLD, a DELETE trigger's not NEW (transformWhenClause's checks in CreateTrigger).
     */
    private static void checkWhen(DdlCommand.CreateTrigger c, Relation table, EvalContext session) {
        RowSlot oldSlot = new RowSlot("old");
        RowSlot newSlot = new RowSlot("new");
        boolean[] reads = new boolean[2];
        var scope = TriggerFiring.scope(table, oldSlot, newSlot);
        Analyzer a = new Analyzer(session, Parameters.none()).withScope((names, position) -> {
            var e = scope.resolve(names, position);
            if (e != null) {
                boolean old = names.getFirst().equals("old");
                if (!c.forEachRow()) {
                    throw SqlException.at("42P10", "statement trigger's WHEN condition cannot reference column values",
                            position);
                }
                if (old && (c.events() & TriggerType.INSERT) != 0) {
                    throw SqlException.at("42P17", "INSERT trigger's WHEN condition cannot reference OLD values",
                            position);
                }
                if (!old && (c.events() & TriggerType.DELETE) != 0) {
                    throw SqlException.at("42P17", "DELETE trigger's WHEN condition cannot reference NEW values",
                            position);
                }
                reads[old ? 0 : 1] = true;
            }
            return e;
        });
        a.transformCondition(c.when().expr(), "WHEN");
    }

    /** The trigger function: name() with no arguments, returning trigger. */
    private static int function(RelationCache rc, QualifiedName name) {
        List<String> schemas = new ArrayList<>();
        if (name.schema() != null) {
            schemas.add(name.schema());
        } else {
            schemas.addAll(rc.searchPath());
        }
        List<CatalogRow> candidates = rc.tables().rows(PG_PROC, r -> r.text("proname").equals(name.name())
                && r.int2("pronargs") == 0);
        for (String schema : schemas) {
            Integer ns = rc.namespaceOid(schema);
            for (CatalogRow r : candidates) {
                if (ns != null && r.oid("pronamespace") == ns) {
                    if (r.oid("prorettype") != SqlType.TRIGGER.oid()) {
                        throw new SqlException("42P17", "function " + name + " must return type trigger");
                    }
                    return r.oid("oid");
                }
            }
        }
        throw new SqlException("42883", "function " + name + "() does not exist");
    }

    public static void drop(DdlCommand.DropTrigger c, BackendDatabase db, EvalContext session, ResultSink sink) {
        RelationCache rc = db.catalog();
        Integer relid = rc.lookupOid(c.table().schema(), c.table().name());
        if (relid == null) {
            if (c.ifExists()) {
                notice(sink, "relation \"" + c.table() + "\" does not exist, skipping");
                return;
            }
            throw new SqlException("42P01", "relation \"" + c.table() + "\" does not exist");
        }
        Relation table = lockTable(db, c.table(), RelationLockMode.ACCESS_EXCLUSIVE);
        CatalogRow row = rc.tables().first(PG_TRIGGER, r -> r.oid("tgrelid") == table.oid()
                && r.text("tgname").equals(c.name()));
        if (row == null) {
            if (c.ifExists()) {
                notice(sink, "trigger \"" + c.name() + "\" for relation \"" + c.table() + "\" does not exist, "
                        + "skipping");
                return;
            }
            throw new SqlException("42704", "trigger \"" + c.name() + "\" for table \"" + table.name()
                    + "\" does not exist");
        }
        org.tusk.sql.roles.Privileges.checkOwner(session, table.oid());
        remove(rc.tables(), row.oid("oid"));
        rc.changed();
    }

    /** ALTER TRIGGER name ON table RENAME TO new (renametrig): the pg_trigger row's tgname. */
    public static void rename(DdlCommand.RenameTrigger c, BackendDatabase db, EvalContext session) {
        RelationCache rc = db.catalog();
        Relation table = lockTable(db, c.table(), RelationLockMode.ACCESS_EXCLUSIVE);
        org.tusk.sql.roles.Privileges.checkOwner(session, table.oid());
        CatalogTables tables = rc.tables();
        if (tables.first(PG_TRIGGER, r -> r.oid("tgrelid") == table.oid() && r.text("tgname").equals(c.newName()))
                != null) {
            throw new SqlException("42710", "trigger \"" + c.newName() + "\" for relation \"" + table.name()
                    + "\" already exists");
        }
        CatalogRow row = tables.first(PG_TRIGGER, r -> r.oid("tgrelid") == table.oid()
                && r.text("tgname").equals(c.name()));
        if (row == null) {
            throw new SqlException("42704", "trigger \"" + c.name() + "\" for table \"" + table.name()
                    + "\" does not exist");
        }
        tables.update(row.set("tgname", c.newName()));
        rc.changed();
    }

    /**
     * ALTER TABLE ... ENABLE | DISABLE TRIGGER name | ALL | USER (EnableDisableTrigger): tgenabled 'O', 'D', 'R' or
     * 'A'. ALL takes the foreign keys' internal triggers too (and so switches the keys' checks), which only a
     * superuser may do: 42501 naming the first of them in name order, as PostgreSQL meets them; USER leaves them.
     */
    public static void enable(DdlCommand.EnableTrigger c, BackendDatabase db, EvalContext session) {
        RelationCache rc = db.catalog();
        Relation table = lockTable(db, c.table(), RelationLockMode.SHARE_ROW_EXCLUSIVE);
        List<CatalogRow> rows = new ArrayList<>(rc.tables().rows(PG_TRIGGER, r -> r.oid("tgrelid") == table.oid()
                && (c.name() != null ? r.text("tgname").equals(c.name()) : c.includeSystem()
                        || !r.bool("tgisinternal"))));
        if (rows.isEmpty() && c.name() != null) {
            throw new SqlException("42704", "trigger \"" + c.name() + "\" for table \"" + table.name()
                    + "\" does not exist");
        }
        org.tusk.sql.roles.Privileges.checkOwner(session, table.oid());
        rows.sort(java.util.Comparator.comparing(r -> r.text("tgname")));
        for (CatalogRow r : rows) {
            if (r.bool("tgisinternal") && !org.tusk.sql.roles.Privileges.superuser(session)) {
                throw new SqlException("42501", "permission denied: \"" + r.text("tgname") + "\" is a system trigger");
            }
        }
        char state = c.state();
        for (CatalogRow r : rows) {
            if (r.character("tgenabled") != state) {
                rc.tables().update(r.set("tgenabled", state));
            }
        }
        rc.changed();
    }

    /**
     * DROP FUNCTION: the triggers that call it depend on it (pg_depend 'n'), so without CASCADE the drop is
     * refused (2BP01, one DETAIL line per trigger), and with it they are dropped too, with a NOTICE.
     */
    public static void dropFunctionDependents(RelationCache rc, int function, String signature, boolean cascade,
            ResultSink sink) {
        List<CatalogRow> triggers = rc.tables().rows(PG_TRIGGER, r -> r.oid("tgfoid") == function);
        if (triggers.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (CatalogRow t : triggers) {
            CatalogRow table = rc.classRow(t.oid("tgrelid"));
            lines.add("trigger " + t.text("tgname") + " on table " + (table == null ? "?" : table.text("relname")));
        }
        if (!cascade) {
            throw new SqlException(ErrorFields.of("ERROR", "2BP01", "cannot drop function " + signature
                    + " because other objects depend on it").detail(String.join("\n", lines.stream()
                            .map(l -> l + " depends on function " + signature).toList()))
                    .hint("Use DROP ... CASCADE to drop the dependent objects too.").build());
        }
        if (lines.size() == 1) {
            notice(sink, "drop cascades to " + lines.getFirst());
        } else {
            sink.notice(ErrorFields.of("NOTICE", "00000", "drop cascades to " + lines.size() + " other objects")
                    .detail(String.join("\n", lines.stream().map(l -> "drop cascades to " + l).toList())).build());
        }
        for (CatalogRow t : triggers) {
            remove(rc.tables(), t.oid("oid"));
        }
    }

    /** DROP TABLE: the table's triggers and their dependencies go with it. */
    public static void dropForRelation(CatalogTables tables, int relid) {
        for (CatalogRow r : tables.rows(PG_TRIGGER, r -> r.oid("tgrelid") == relid)) {
            remove(tables, r.oid("oid"));
        }
    }

    private static void remove(CatalogTables tables, int oid) {
        ConstraintTriggers.dropConstraint(tables, oid);
        tables.deleteWhere(PG_TRIGGER, r -> r.oid("oid") == oid);
        tables.deleteWhere(PG_DEPEND, d -> d.oid("classid") == CatalogOids.PG_TRIGGER && d.oid("objid") == oid);
    }

    private static Relation lockTable(BackendDatabase db, QualifiedName name, RelationLockMode mode) {
        RelationCache rc = db.catalog();
        Integer oid = rc.lookupOid(name.schema(), name.name());
        if (oid == null) {
            if (name.schema() != null && rc.namespaceOid(name.schema()) == null) {
                throw new SqlException("3F000", "schema \"" + name.schema() + "\" does not exist");
            }
            // table_openrv's error carries no position
            throw new SqlException("42P01", "relation \"" + name + "\" does not exist");
        }
        db.storage().lockRelation(db.databaseOid(), oid, mode, false);
        db.storage().startStatement();
        db.statementStarted();
        Relation r = rc.relation(oid);
        if (r == null) {
            throw new SqlException("42P01", "relation \"" + name + "\" does not exist");
        }
        return r;
    }

    private static void notice(ResultSink sink, String message) {
        sink.notice(ErrorFields.of("NOTICE", "00000", message).build());
    }
}
