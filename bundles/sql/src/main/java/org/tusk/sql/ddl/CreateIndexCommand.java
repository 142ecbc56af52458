package org.tusk.sql.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.RelationLockMode;

/** CREATE [UNIQUE] INDEX (PostgreSQL's DefineIndex) on plain columns, under a SHARE lock on the table. */
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
        List<IndexBuilder.Key> keys = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (DdlCommand.IndexKey k : c.keys()) {
            Column col = table.column(k.column());
            if (col == null) {
                throw new SqlException("42703", "column \"" + k.column() + "\" does not exist");
            }
            boolean nullsFirst = k.nullsFirst() != null ? k.nullsFirst() : k.descending();
            keys.add(new IndexBuilder.Key(col, k.descending(), nullsFirst));
            names.add(col.name());
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
        IndexBuilder.create(ctx, table, name, keys, c.unique(), false);
        ctx.changed();
    }
}
