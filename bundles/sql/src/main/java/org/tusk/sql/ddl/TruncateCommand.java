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
 * referenced by a foreign key of a table not truncated with it is refused, unless CASCADE adds the
 * referencing tables.
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
            Relation r = checked(ctx, oid, n.name());
            if (tables.stream().noneMatch(t -> t.oid() == r.oid())) {
                tables.add(r);
            }
        }
        // A partitioned table stores nothing itself: its partitions are emptied (ExecuteTruncate's recursion).
        for (int i = 0; i < tables.size(); i++) {
            if (tables.get(i).kind() == 'p') {
                for (int child : ctx.cache.partitions(tables.get(i).oid())) {
                    if (tables.stream().noneMatch(t -> t.oid() == child)) {
                        tables.add(checked(ctx, child, ctx.cache.classRow(child).text("relname")));
                    }
                }
            }
        }
        if (c.cascade()) {
            cascade(ctx, tables);
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
        truncate(ctx, tables);
    }

    /** The table {@code oid}, locked ACCESS EXCLUSIVE, after truncate_check_rel's checks. */
    private static Relation checked(DdlContext ctx, int oid, String name) {
        ctx.lock(oid, RelationLockMode.ACCESS_EXCLUSIVE);
        Relation r = ctx.relation(oid);
        if (r.kind() != 'r' && r.kind() != 'p') {
            throw DdlContext.wrongKind(name, "a table");
        }
        if (Integer.compareUnsigned(oid, CatalogOids.FIRST_NORMAL_OBJECT_ID) < 0) {
            throw new SqlException("42501", "permission denied: \"" + r.name() + "\" is a system catalog");
        }
        org.tusk.sql.roles.Privileges.check(ctx.session, r, org.tusk.sql.roles.Acl.TRUNCATE);
        return r;
    }

    /**
     * CASCADE: adds the tables that reference the list's by foreign key, round by round until none is new,
     * each round's in OID order (heap_truncate_find_FKs sorts), with ExecuteTruncate's NOTICE for each.
     */
    private static void cascade(DdlContext ctx, List<Relation> tables) {
        while (true) {
            java.util.TreeSet<Integer> found = new java.util.TreeSet<>(Integer::compareUnsigned);
            for (Relation r : tables) {
                for (Relation.ForeignKeyRef ref : r.referencedBy()) {
                    if (tables.stream().noneMatch(t -> t.oid() == ref.table())) {
                        found.add(ref.table());
                    }
                }
            }
            if (found.isEmpty()) {
                return;
            }
            for (int oid : found) {
                String name = ctx.cache.classRow(oid).text("relname");
                ctx.notice("00000", "truncate cascades to table \"" + name + "\"");
                tables.add(checked(ctx, oid, name));
            }
        }
    }

    private static void truncate(DdlContext ctx, List<Relation> tables) {
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
            if (r.kind() != 'p') {
                // pgstat_count_truncate: at commit the table's live and dead tuple counts start from zero.
                ctx.storage.relationCounts(r.storage().database(), r.oid()).truncated();
                Rewrite.table(ctx, ctx.relation(r.oid()), null);
            }
        }
        for (var firing : triggers) {
            firing.afterStatement();
        }
    }
}
