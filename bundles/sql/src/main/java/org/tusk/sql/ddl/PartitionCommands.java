package org.tusk.sql.ddl;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_INHERITS;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_PARTITIONED_TABLE;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.TableConstraint;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.eval.Ordering;
import org.tusk.sql.partition.PartitionScheme;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.PartitionBound;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.RelationLockMode;

/**
 * CREATE TABLE ... PARTITION BY and PARTITION OF (tablecmds.c's DefineRelation with a partition key or a
 * bound), ATTACH and DETACH PARTITION, and what dropping a partitioned table or a partition changes. The
 * catalogs are PostgreSQL's: a partitioned table is a pg_class row of kind 'p' without storage and a
 * pg_partitioned_table row; a partition has relispartition, its bound in relpartbound, a pg_inherits row and
 * an automatic pg_depend row on its parent (so DROP TABLE of the parent takes it along).
 */
final class PartitionCommands {

    private PartitionCommands() {
    }

    static void create(DdlContext ctx, DdlCommand.CreatePartitioned c) {
        DdlCommand.CreateTable t = c.table();
        Relation parent = null;
        PartitionScheme scheme = null;
        List<Column> inherited = List.of();
        if (c.parent() != null) {
            parent = partitioned(ctx, c.parent());
            scheme = PartitionScheme.of(ctx.cache, parent, ctx.session);
            inherited = new ArrayList<>();
            for (Column col : parent.columns()) {
                inherited.add(new Column(inherited.size() + 1, col.name(), col.type(), col.typmod(), col.notNull(),
                        col.identity() != '\0' ? null : col.defaultSql(), '\0', col.domain()));
            }
        }
        if (c.by() != null) {
            refuseKeys(t, c.by());
        }
        int oid = CreateTableCommand.run(ctx, t, c.by() != null ? 'p' : 'r', inherited);
        if (oid == 0) {
            return;
        }
        if (c.by() != null) {
            storeKey(ctx, ctx.relation(oid), c.by());
        }
        if (parent != null) {
            PartitionBound bound = PartitionBounds.transform(ctx, scheme, c.bound(), t.name().name());
            PartitionBounds.checkOverlap(ctx, scheme, bound, t.name().name(), c.bound());
            PartitionRows.checkDefault(ctx, scheme, bound);
            link(ctx, parent.oid(), oid, bound);
        }
    }

    /** The partitioned table a PARTITION OF or ATTACH names, locked. */
    private static Relation partitioned(DdlContext ctx, DdlCommand.QualifiedName name) {
        Integer oid = ctx.relationOid(name);
        if (oid == null) {
            throw new SqlException("42P01", "relation \"" + name + "\" does not exist");
        }
        ctx.lock(oid, RelationLockMode.ACCESS_EXCLUSIVE);
        Relation r = ctx.relation(oid);
        if (r.kind() != 'p') {
            throw new SqlException("42809", "\"" + r.name() + "\" is not partitioned");
        }
        return r;
    }

    /**
     * Unique constraints and foreign keys of a partitioned table need indexes and checks on every partition,
     * which are not there yet; a unique key must include the partition key in PostgreSQL too.
     */
    private static void refuseKeys(DdlCommand.CreateTable t, DdlCommand.PartitionBy by) {
        List<TableConstraint> all = new ArrayList<>(t.constraints());
        t.columns().forEach(d -> all.addAll(d.constraints()));
        for (TableConstraint k : all) {
            if (k.type() == 'p' || k.type() == 'u') {
                for (String col : by.columns()) {
                    if (!k.columns().contains(col)) {
                        throw new SqlException(ErrorFields.of("ERROR", "0A000",
                                "unique constraint on partitioned table must include all partitioning columns")
                                .detail((k.type() == 'p' ? "PRIMARY KEY" : "UNIQUE") + " constraint on table \""
                                        + t.name().name() + "\" lacks column \"" + col
                                        + "\" which is part of the partition key.").build());
                    }
                }
                throw SqlException.at("0A000", "unique constraints on partitioned tables are not supported yet",
                        k.position());
            }
            if (k.type() == 'f') {
                throw SqlException.at("0A000", "foreign keys on partitioned tables are not supported yet",
                        k.position());
            }
        }
    }

    /** Checks the key's columns and writes the pg_partitioned_table row (ComputePartitionAttrs, StorePartitionKey). */
    private static void storeKey(DdlContext ctx, Relation table, DdlCommand.PartitionBy by) {
        if (by.strategy() == 'l' && by.columns().size() > 1) {
            throw new SqlException("42P16", "cannot use \"list\" partition strategy with more than one column");
        }
        List<Column> key = new ArrayList<>();
        for (int i = 0; i < by.columns().size(); i++) {
            Column col = table.column(by.columns().get(i));
            if (col == null) {
                throw SqlException.at("42703", "column \"" + by.columns().get(i) + "\" named in partition key does not "
                        + "exist", by.positions().get(i));
            }
            boolean usable = by.strategy() == 'h' ? org.tusk.sql.partition.PartitionScheme.hashable(col.type())
                    : Ordering.sortable(col.type()) && !col.type().isArray() && col.type() != org.tusk.sql.types.SqlType.RECORD;
            if (!usable) {
                throw SqlException.at("0A000", (by.strategy() == 'h' ? "hash" : "range and list")
                        + " partitioning on type " + col.type().displayName() + " is not supported yet",
                        by.positions().get(i));
            }
            key.add(col);
        }
        ctx.writer.insertPartitionedTable(table.oid(), by.strategy(), key);
        ctx.changed();
    }

    /** Makes {@code child} a partition of {@code parent} with {@code bound} (StorePartitionBound and pg_inherits). */
    private static void link(DdlContext ctx, int parent, int child, PartitionBound bound) {
        ctx.update(ctx.cache.classRow(child), r -> r.set("relispartition", true).set("relpartbound", bound.text()));
        ctx.update(ctx.cache.classRow(parent), r -> r.set("relhassubclass", true));
        ctx.tables.insert(CatalogRow.create(PG_INHERITS).set("inhrelid", child).set("inhparent", parent)
                .set("inhseqno", 1).set("inhdetachpending", false));
        ctx.writer.insertDependency(CatalogOids.PG_CLASS, child, CatalogOids.PG_CLASS, parent, 'a');
        if (bound.strategy() == 'd') {
            setDefault(ctx, parent, child);
        }
        ctx.changed();
    }

    private static void setDefault(DdlContext ctx, int parent, int partition) {
        CatalogRow key = ctx.tables.first(PG_PARTITIONED_TABLE, r -> r.oid("partrelid") == parent);
        ctx.update(key, r -> r.set("partdefid", partition));
    }

    /** What dropping relation {@code oid} removes from the partitioning catalogs (called by DropCommand). */
    static void forget(DdlContext ctx, int oid) {
        int parent = ctx.cache.partitionParent(oid);
        unlink(ctx, parent, oid);
        ctx.tables.deleteWhere(PG_PARTITIONED_TABLE, r -> r.oid("partrelid") == oid);
    }

    private static void unlink(DdlContext ctx, int parent, int child) {
        if (parent == 0) {
            return;
        }
        ctx.tables.deleteWhere(PG_INHERITS, r -> r.oid("inhrelid") == child);
        CatalogRow key = ctx.tables.first(PG_PARTITIONED_TABLE, r -> r.oid("partrelid") == parent);
        if (key != null && key.oid("partdefid") == child) {
            ctx.update(key, r -> r.set("partdefid", 0));
        }
    }

    /** ALTER TABLE parent ATTACH PARTITION name FOR VALUES ...: the table's rows must all fit the bound. */
    static void attach(DdlContext ctx, DdlCommand.AttachPartition c) {
        Relation parent = partitioned(ctx, c.parent());
        Integer oid = ctx.relationOid(c.partition());
        if (oid == null) {
            throw new SqlException("42P01", "relation \"" + c.partition() + "\" does not exist");
        }
        ctx.lock(oid, RelationLockMode.ACCESS_EXCLUSIVE);
        Relation table = ctx.relation(oid);
        if (table.kind() != 'r' && table.kind() != 'p') {
            throw DdlContext.wrongKind(table.name(), "a table");
        }
        if (ctx.cache.partitionParent(oid) != 0) {
            throw new SqlException("42P17", "\"" + table.name() + "\" is already a partition");
        }
        checkColumns(parent, table);
        PartitionScheme scheme = PartitionScheme.of(ctx.cache, parent, ctx.session);
        PartitionBound bound = PartitionBounds.transform(ctx, scheme, c.bound(), table.name());
        PartitionBounds.checkOverlap(ctx, scheme, bound, table.name(), c.bound());
        PartitionRows.checkAttached(ctx, scheme, table, bound);
        link(ctx, parent.oid(), oid, bound);
    }

    /** A table attached as a partition has its parent's columns: the same names and types, in the same order. */
    private static void checkColumns(Relation parent, Relation table) {
        for (Column col : table.columns()) {
            if (parent.column(col.name()) == null) {
                throw new SqlException("42804", "table \"" + table.name() + "\" contains column \"" + col.name()
                        + "\" not found in parent \"" + parent.name() + "\"");
            }
        }
        for (int i = 0; i < parent.columns().size(); i++) {
            Column p = parent.columns().get(i);
            Column col = table.column(p.name());
            if (col == null) {
                throw new SqlException("42804", "child table is missing column \"" + p.name() + "\"");
            }
            if (col.type() != p.type() || col.typmod() != p.typmod()) {
                throw new SqlException("42804", "child table \"" + table.name() + "\" has different type for column \""
                        + p.name() + "\"");
            }
            if (table.columns().indexOf(col) != i) {
                throw new SqlException("0A000", "partitions whose columns are in another order than their parent's "
                        + "are not supported yet");
            }
        }
    }

    /** ALTER TABLE parent DETACH PARTITION name: the partition becomes a table of its own. */
    static void detach(DdlContext ctx, DdlCommand.DetachPartition c) {
        Relation parent = partitioned(ctx, c.parent());
        Integer oid = ctx.relationOid(c.partition());
        if (oid == null) {
            throw new SqlException("42P01", "relation \"" + c.partition() + "\" does not exist");
        }
        if (ctx.cache.partitionParent(oid) != parent.oid()) {
            throw new SqlException("42P01", "relation \"" + c.partition().name() + "\" is not a partition of relation \""
                    + parent.name() + "\"");
        }
        ctx.lock(oid, RelationLockMode.ACCESS_EXCLUSIVE);
        unlink(ctx, parent.oid(), oid);
        ctx.tables.deleteWhere(org.tusk.sql.catalog.CatalogDefinitions.PG_DEPEND, d -> d.oid("objid") == oid
                && d.oid("refobjid") == parent.oid() && d.character("deptype") == 'a');
        ctx.update(ctx.cache.classRow(oid), r -> r.set("relispartition", false).set("relpartbound", null));
        if (ctx.cache.partitions(parent.oid()).size() <= 1) {
            ctx.update(ctx.cache.classRow(parent.oid()), r -> r.set("relhassubclass", false));
        }
        ctx.changed();
    }
}
