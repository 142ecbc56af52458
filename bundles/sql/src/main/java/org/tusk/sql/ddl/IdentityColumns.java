package org.tusk.sql.ddl;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.SqlType;

/**
 * Identity columns as PostgreSQL keeps them: pg_attribute.attidentity 'a' (ALWAYS) or 'd' (BY DEFAULT), no
 * pg_attrdef row, and a sequence bound to the column by an internal pg_depend row ('i'), which pg_dump reads to
 * write {@code ALTER TABLE ... ALTER COLUMN ... ADD GENERATED ... AS IDENTITY (SEQUENCE NAME ...)} instead of a
 * sequence and a default. The relation cache gives such a column its nextval default in memory, so INSERT and
 * COPY take values from the sequence as for a serial column.
 */
final class IdentityColumns {

    private IdentityColumns() {
    }

    /**
     * Creates the sequence of identity column {@code col} of table {@code table}: named {@code name} in the
     * options' SEQUENCE NAME schema or the table's, of the column's type unless AS says otherwise.
     */
    static void create(DdlContext ctx, int table, int tableNamespace, Column col, String name,
            DdlCommand.CreateSequence options) {
        int namespace = tableNamespace;
        if (options != null && options.name() != null && options.name().schema() != null) {
            Integer ns = ctx.cache.namespaceOid(options.name().schema());
            if (ns == null) {
                throw new SqlException("3F000", "schema \"" + options.name().schema() + "\" does not exist");
            }
            namespace = ns;
        }
        if (ctx.cache.classOid(namespace, name) != null) {
            throw new SqlException("42P07", "relation \"" + name + "\" already exists");
        }
        DdlCommand.CreateSequence o = options != null ? options
                : new DdlCommand.CreateSequence(null, false, null, null, null, null, null);
        SqlType type = o.type() != null ? o.type() : col.type();
        int sequence = Sequences.create(ctx, namespace, name, type, o);
        ctx.writer.insertDependency(CatalogOids.PG_CLASS, sequence, CatalogOids.PG_CLASS, table, col.number(), 'i');
    }

    /** ALTER TABLE ... ALTER COLUMN c ADD GENERATED ... AS IDENTITY (ATExecAddIdentity's checks and messages). */
    static void add(DdlContext ctx, Relation table, DdlCommand.AddIdentity a) {
        Column col = table.column(a.column());
        String where = "column \"" + a.column() + "\" of relation \"" + table.name() + "\"";
        if (col == null) {
            throw new SqlException("42703", where + " does not exist");
        }
        if (col.type() != SqlType.INT2 && col.type() != SqlType.INT4 && col.type() != SqlType.INT8) {
            throw new SqlException("22023", "identity column type must be smallint, integer, or bigint");
        }
        if (!col.notNull()) {
            throw new SqlException("55000", where + " must be declared NOT NULL before identity can be added");
        }
        if (col.identity() != '\0') {
            throw new SqlException("55000", where + " is already an identity column");
        }
        if (col.defaultSql() != null) {
            throw new SqlException("55000", where + " already has a default value");
        }
        DdlCommand.QualifiedName given = a.options() == null ? null : a.options().name();
        String name = given != null ? given.name()
                : ctx.chooseName(table.name(), col.name(), "seq", table.namespaceOid(), new java.util.HashSet<>());
        create(ctx, table.oid(), table.namespaceOid(), col, name, a.options());
        CatalogRow row = ctx.tables.first(org.tusk.sql.catalog.CatalogDefinitions.PG_ATTRIBUTE,
                r -> r.oid("attrelid") == table.oid() && r.int2("attnum") == col.number());
        ctx.tables.update(row.set("attidentity", a.identity()));
        ctx.changed();
    }
}
