package org.tusk.sql.ddl;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.QualifiedName;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.RelationLockMode;

/**
 * TRUNCATE: each table (and its indexes) gets new, empty files, as PostgreSQL's ExecuteTruncate
 * does; the old files go when the transaction commits, so a rollback brings the rows back. A table
 * referenced by a foreign key of a table not truncated with it is refused.
 */
final class TruncateCommand {

    private TruncateCommand() {
    }

    static void run(DdlContext ctx, DdlCommand.Truncate c) {
        List<Relation> tables = new ArrayList<>();
        for (QualifiedName n : c.names()) {
            Integer oid = ctx.relationOid(n);
            if (oid == null) {
                throw new SqlException("42P01", "relation \"" + n + "\" does not exist");
            }
            ctx.lock(oid, RelationLockMode.ACCESS_EXCLUSIVE);
            Relation r = ctx.relation(oid);
            if (r.kind() != 'r') {
                throw DdlContext.wrongKind(n.name(), "a table");
            }
            if (Integer.compareUnsigned(oid, CatalogOids.FIRST_NORMAL_OBJECT_ID) < 0) {
                throw new SqlException("42501", "permission denied: \"" + r.name() + "\" is a system catalog");
            }
            org.tusk.sql.roles.Privileges.check(ctx.session, r, org.tusk.sql.roles.Acl.TRUNCATE);
            if (tables.stream().noneMatch(t -> t.oid() == r.oid())) {
                tables.add(r);
            }
        }
        for (Relation r : tables) {
            for (Relation.ForeignKeyRef ref : r.referencedBy()) {
                if (tables.stream().noneMatch(t -> t.oid() == ref.table())) {
                    String referencing = ctx.cache.classRow(ref.table()).text("relname");
                    throw new SqlException(ErrorFields.of("ERROR", "0A000",
                            "cannot truncate a table referenced in a foreign key constraint")
                            .detail("Table \"" + referencing + "\" references \"" + r.name() + "\".")
                            .hint("Truncate table \"" + referencing + "\" at the same time, or use TRUNCATE ... "
                                    + "CASCADE.").build());
                }
            }
        }
        // statement-level TRUNCATE triggers: every BEFORE one first, the AFTER ones once all tables are empty
        List<org.tusk.sql.trigger.TriggerFiring> triggers = new ArrayList<>();
        for (Relation r : tables) {
            var firing = org.tusk.sql.trigger.TriggerFiring.of(ctx.session, r,
                    org.tusk.sql.trigger.TriggerType.TRUNCATE, null);
            if (firing != null) {
                firing.beforeStatement();
                triggers.add(firing);
            }
        }
        for (Relation r : tables) {
            Rewrite.table(ctx, ctx.relation(r.oid()), null);
        }
        for (var firing : triggers) {
            firing.afterStatement();
        }
    }
}
