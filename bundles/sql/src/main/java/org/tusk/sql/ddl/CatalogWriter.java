package org.tusk.sql.ddl;

import static org.tusk.sql.catalog.CatalogDefinitions.*;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.schema.Column;
import org.tusk.sql.types.EnumLabels;
import org.tusk.sql.types.SqlType;

/**
 * Writes the catalog rows that describe user relations, as PostgreSQL's heap.c, index.c and
 * pg_constraint.c fill them. Columns not listed keep the empty value {@link CatalogRow#create} gives.
 */
final class CatalogWriter {
    /** The default btree operator class of each key type (pg_opclass OIDs of PostgreSQL 15), for pg_index.indclass. */
    private static final java.util.Map<SqlType, Integer> OPCLASSES = java.util.Map.ofEntries(
            java.util.Map.entry(SqlType.BOOL, 10003), java.util.Map.entry(SqlType.INT2, 1979),
            java.util.Map.entry(SqlType.INT4, 1978), java.util.Map.entry(SqlType.INT8, 3124),
            java.util.Map.entry(SqlType.OID, 1981), java.util.Map.entry(SqlType.NAME, 10028),
            java.util.Map.entry(SqlType.TEXT, 3126), java.util.Map.entry(SqlType.VARCHAR, 3126),
            java.util.Map.entry(SqlType.BPCHAR, 10004), java.util.Map.entry(SqlType.NUMERIC, 3125),
            java.util.Map.entry(SqlType.FLOAT4, 10012), java.util.Map.entry(SqlType.FLOAT8, 3123),
            java.util.Map.entry(SqlType.DATE, 3122), java.util.Map.entry(SqlType.TIME, 10038),
            java.util.Map.entry(SqlType.TIMESTAMP, 3128), java.util.Map.entry(SqlType.TIMESTAMPTZ, 3127),
            java.util.Map.entry(SqlType.INTERVAL, 10022), java.util.Map.entry(SqlType.UUID, 10065),
            java.util.Map.entry(SqlType.BYTEA, 10006), java.util.Map.entry(SqlType.ENUM, 10069));

    private final CatalogTables tables;
    /** Whether a schema is a temporary one, whose relations are temporary (relpersistence 't'). */
    private final java.util.function.IntPredicate temporaryNamespace;

    CatalogWriter(CatalogTables tables, java.util.function.IntPredicate temporaryNamespace) {
        this.tables = tables;
        this.temporaryNamespace = temporaryNamespace;
    }

    /** A pg_class row of a new relation (never analyzed: reltuples -1), owned by {@code owner}. */
    void insertClass(int oid, String name, int namespace, char kind, int filenode, int owner, int natts,
            List<String> options) {
        insertClass(oid, name, namespace, kind, filenode, owner, natts, options, 0);
    }

    /** As above, with the relation's row type ({@code reltype}, ddl.RowTypeRows). */
    void insertClass(int oid, String name, int namespace, char kind, int filenode, int owner, int natts,
            List<String> options, int rowType) {
        CatalogRow r = CatalogRow.create(PG_CLASS).set("oid", oid).set("relname", name).set("relnamespace", namespace)
                .set("relowner", owner).set("relam", kind == 'i' ? CatalogOids.BTREE_AM_OID
                        : kind == 'r' || kind == 'S' ? CatalogOids.HEAP_TABLE_AM_OID : 0)
                .set("relfilenode", filenode).set("relpages", 0).set("reltuples", -1.0f).set("relpersistence", temporaryNamespace.test(namespace) ? 't' : 'p')
                .set("relkind", kind).set("relnatts", (short) natts).set("relispopulated", true)
                .set("relreplident", kind == 'r' || kind == 'p' ? 'd' : 'n')
                .set("relfrozenxid", kind == 'r' || kind == 'S' ? 3 : 0).set("relminmxid", kind == 'r' ? 1 : 0)
                .set("reloptions", options == null || options.isEmpty() ? null : List.copyOf(options))
                .set("reltype", rowType)
                .set("relacl", kind == 'i' || kind == 'c' ? null : org.tusk.sql.roles.DefaultPrivileges.aclFor(
                        tables, kind == 'S' ? 'S' : 'r', owner, namespace));
        tables.insert(r);
    }

    /** Hash operator classes (pg_opclass of PostgreSQL 15) by key type, for pg_partitioned_table.partclass. */
    private static final java.util.Map<SqlType, Integer> HASH_OPCLASSES = java.util.Map.ofEntries(
            java.util.Map.entry(SqlType.INT2, 10019), java.util.Map.entry(SqlType.INT4, 10020),
            java.util.Map.entry(SqlType.INT8, 10021), java.util.Map.entry(SqlType.DATE, 10011),
            java.util.Map.entry(SqlType.BOOL, 10048), java.util.Map.entry(SqlType.OID, 10031),
            java.util.Map.entry(SqlType.TEXT, 10037), java.util.Map.entry(SqlType.VARCHAR, 10037));

    /** The pg_partitioned_table row of a table partitioned by {@code strategy} on the {@code key} columns. */
    void insertPartitionedTable(int table, char strategy, List<Column> key) {
        List<Short> attnums = new ArrayList<>();
        List<Long> classes = new ArrayList<>();
        List<Long> collations = new ArrayList<>();
        for (Column c : key) {
            attnums.add((short) c.number());
            classes.add((long) (strategy == 'h' ? HASH_OPCLASSES : OPCLASSES).getOrDefault(c.type(), 0));
            collations.add((long) collation(c.type()));
        }
        tables.insert(CatalogRow.create(PG_PARTITIONED_TABLE).set("partrelid", table).set("partstrat", strategy)
                .set("partnatts", (short) key.size()).set("partdefid", 0).set("partattrs", attnums)
                .set("partclass", classes).set("partcollation", collations));
    }

    /** The pg_attribute row of a user column. */
    void insertAttribute(int relation, Column c, boolean hasDefault) {
        insertAttribute(relation, c, hasDefault, collation(c.type()));
    }

    /** As above, with the column's collation (its type's unless COLLATE chose another). */
    private void insertAttribute(int relation, Column c, boolean hasDefault, int collation) {
        CatalogRow r = CatalogRow.create(PG_ATTRIBUTE).set("attrelid", relation).set("attname", c.name())
                .set("attstattarget", -1).set("attnum", (short) c.number()).set("attcacheoff", -1)
                .set("attnotnull", c.notNull()).set("atthasdef", hasDefault).set("attidentity", c.identity())
                .set("attislocal", true);
        // A domain-typed column records the domain (clients are told its base type) and no typmod of its own.
        // So does an enum column: its modifier here is the enum's OID (types.EnumLabels), atttypid in the catalog.
        tables.insert(typed(r, c.type(), c.domain() != 0 || EnumLabels.isEnum(c.type()) ? -1 : c.typmod())
                .set("atttypid", c.typeOid())
                .set("attcollation", collation));
    }

    /**
     * A pg_attribute row with the fields that follow from its type set for {@code t} (what DefineAttribute
     * copies from pg_type, and what ALTER COLUMN TYPE changes): type, length, by-value, alignment, storage,
     * collation.
     */
    static CatalogRow typed(CatalogRow r, SqlType t, int typmod) {
        int length = t.isArray() ? -1 : t.length();
        if (EnumLabels.isEnum(t) && typmod > 0) {
            // An enum's modifier is its OID here (types.EnumLabels): pg_attribute names the type, no modifier.
            return typed(r, t, -1).set("atttypid", EnumLabels.typeOid(t, typmod));
        }
        return r.set("atttypid", t.oid()).set("attlen", (short) length).set("attndims", t.isArray() ? 1 : 0)
                .set("atttypmod", typmod).set("attbyval", length == 1 || length == 2 || length == 4
                        || length == 8 && t != SqlType.TIME && t != SqlType.INTERVAL)
                .set("attalign", align(t)).set("attstorage", storage(t, length))
                .set("attcollation", collation(t));
    }

    /** The collation of a column (or index key) of type {@code t}: C for name, the default for strings. */
    private static int collation(SqlType t) {
        boolean collatable = t == SqlType.TEXT || t == SqlType.VARCHAR || t == SqlType.BPCHAR;
        boolean collatableElement = t.isArray() && (t.elementType() == SqlType.TEXT
                || t.elementType() == SqlType.VARCHAR || t.elementType() == SqlType.BPCHAR);
        return t == SqlType.NAME ? CatalogOids.C_COLLATION_OID
                : collatable || collatableElement ? CatalogOids.DEFAULT_COLLATION_OID : 0;
    }

    /** A pg_index row with key {@code k}'s collation and operator class set for type {@code t}. */
    static CatalogRow retypedKey(CatalogRow index, int k, SqlType t) {
        List<Object> collations = new ArrayList<>(index.list("indcollation"));
        List<Object> classes = new ArrayList<>(index.list("indclass"));
        collations.set(k, (long) collation(t));
        classes.set(k, (long) OPCLASSES.getOrDefault(t, 0));
        return index.set("indcollation", collations).set("indclass", classes);
    }

    /**
     * The type's typstorage, as DefineAttribute copies it: plain for fixed-length types, extended for the
     * variable-length ones except numeric, which is main (compressed but kept in line).
     */
    private static char storage(SqlType t, int length) {
        // numeric, inet and cidr are typstorage 'm' (main): compressed but kept in line.
        return t == SqlType.NUMERIC || t == SqlType.INET || t == SqlType.CIDR ? 'm' : length == -1 ? 'x' : 'p';
    }

    private static char align(SqlType t) {
        if (t.isArray()) {
            return t.elementType().length() == 8 && t.elementType() != SqlType.MACADDR8 ? 'd' : 'i';
        }
        if (t == SqlType.MACADDR8) {
            return 'i'; // eight bytes, but aligned as int (typalign 'i')
        }
        return switch (t.length()) {
            case 1 -> 'c';
            case 2 -> 's';
            case 8, 16 -> 'd';
            case 64 -> 'c';
            default -> 'i';
        };
    }

    /** A pg_attrdef row: the default of column {@code attnum} as SQL text. */
    void insertDefault(int oid, int relation, int attnum, String sql) {
        tables.insert(CatalogRow.create(PG_ATTRDEF).set("oid", oid).set("adrelid", relation)
                .set("adnum", (short) attnum).set("adbin", sql));
    }

    /**
     * A pg_index row.
     *
     * @param options each key's indoption bits (1 DESC, 2 NULLS FIRST)
     */
    void insertIndex(int index, int table, List<Column> keys, List<Short> options, boolean unique, boolean primary) {
        insertIndex(index, table, keys, options, unique, primary, keys.size(), null, null);
    }

    /**
     * The pg_index row and the index's pg_attribute rows. An expression key is a {@link Column} numbered 0,
     * named and typed as the index's column will be; {@code keyCount} leading columns are keys, the rest
     * INCLUDE columns; {@code indexprs} and {@code indpred} are the expressions' and the predicate's SQL
     * text (as a text array, and plain) or null.
     */
    void insertIndex(int index, int table, List<Column> keys, List<Short> options, boolean unique, boolean primary,
            int keyCount, String indexprs, String indpred) {
        List<Short> attnums = new ArrayList<>();
        List<Long> collations = new ArrayList<>();
        List<Long> classes = new ArrayList<>();
        List<Integer> keyCollations = new ArrayList<>();
        for (Column c : keys) {
            attnums.add((short) c.number());
            SqlType t = c.type();
            // The key takes its column's collation (ALTER COLUMN TYPE ... COLLATE may have set one).
            CatalogRow column = tables.first(PG_ATTRIBUTE, a -> a.oid("attrelid") == table
                    && a.int2("attnum") == c.number());
            int collation = column != null && column.oid("attcollation") != 0 ? column.oid("attcollation")
                    : collation(t);
            keyCollations.add(collation);
            collations.add((long) collation);
            classes.add((long) OPCLASSES.getOrDefault(t, 0));
        }
        short n = (short) keys.size();
        // INCLUDE columns have no collation, operator class or options (PostgreSQL's indcollation,
        // indclass and indoption cover the key columns only).
        tables.insert(CatalogRow.create(PG_INDEX).set("indexrelid", index).set("indrelid", table)
                .set("indnatts", n).set("indnkeyatts", (short) keyCount).set("indisunique", unique)
                .set("indisprimary", primary).set("indimmediate", true).set("indisvalid", true)
                .set("indisready", true).set("indislive", true).set("indkey", attnums)
                .set("indcollation", List.copyOf(collations.subList(0, keyCount)))
                .set("indclass", List.copyOf(classes.subList(0, keyCount)))
                .set("indoption", List.copyOf(options.subList(0, Math.min(keyCount, options.size()))))
                .set("indexprs", indexprs).set("indpred", indpred));
        // An index has its own columns in pg_attribute, named and typed as the table's (psql's \d INDEX
        // lists them).
        for (int i = 0; i < keys.size(); i++) {
            Column c = keys.get(i);
            insertAttribute(index, new Column(i + 1, c.name(), c.type(), c.typmod(), false, null, '\0'), false,
                    keyCollations.get(i));
        }
    }

    /**
     * A pg_constraint row.
     *
     * @param type       'p', 'u', 'c' or 'f'
     * @param index      the index behind a 'p', 'u' or 'f' constraint (for 'f': the referenced unique index)
     * @param check      a CHECK's condition as SQL text
     */
    void insertConstraint(int oid, String name, int namespace, char type, int table, int index, List<Integer> columns,
            String check, int referenced, List<Integer> referencedColumns, char onDelete, char onUpdate) {
        insertConstraint(oid, name, namespace, type, table, index, columns, check, referenced, referencedColumns,
                onDelete, onUpdate, false, false);
    }

    /** As above, with condeferrable and condeferred. */
    void insertConstraint(int oid, String name, int namespace, char type, int table, int index, List<Integer> columns,
            String check, int referenced, List<Integer> referencedColumns, char onDelete, char onUpdate,
            boolean deferrable, boolean deferred) {
        tables.insert(constraintRow(oid, name, namespace, type, table, index, columns, check, referenced,
                referencedColumns, onDelete, onUpdate, deferrable, deferred));
    }

    /** A domain's CHECK constraint: contypid the domain, no table; convalidated false when added NOT VALID. */
    void insertDomainCheck(int oid, String name, int namespace, int domain, String check, boolean validated) {
        tables.insert(constraintRow(oid, name, namespace, 'c', 0, 0, List.of(), check, 0, List.of(), ' ', ' ', false,
                false).set("contypid", domain).set("convalidated", validated));
    }

    private static CatalogRow constraintRow(int oid, String name, int namespace, char type, int table, int index,
            List<Integer> columns, String check, int referenced, List<Integer> referencedColumns, char onDelete,
            char onUpdate, boolean deferrable, boolean deferred) {
        CatalogRow r = CatalogRow.create(PG_CONSTRAINT).set("oid", oid).set("conname", name)
                .set("condeferrable", deferrable).set("condeferred", deferred)
                .set("connamespace", namespace).set("contype", type).set("convalidated", true).set("conrelid", table)
                .set("conindid", index).set("confrelid", referenced)
                .set("confupdtype", type == 'f' ? onUpdate : ' ').set("confdeltype", type == 'f' ? onDelete : ' ')
                .set("confmatchtype", type == 'f' ? 's' : ' ').set("conislocal", true).set("connoinherit", false)
                .set("conkey", columns.isEmpty() ? null : columns.stream().map(Integer::shortValue).toList())
                .set("conbin", check);
        if (type == 'f') {
            r.set("confkey", referencedColumns.stream().map(Integer::shortValue).toList());
        }
        return r;
    }

    /** A pg_depend row: object {@code objid} of catalog {@code classid} depends on {@code refobjid} of {@code refclassid}. */
    void insertDependency(int classid, int objid, int refclassid, int refobjid, char type) {
        insertDependency(classid, objid, refclassid, refobjid, 0, type);
    }

    /** A pg_depend row on a column ({@code refobjsubid}, its attnum) of relation {@code refobjid}. */
    void insertDependency(int classid, int objid, int refclassid, int refobjid, int refobjsubid, char type) {
        tables.insert(CatalogRow.create(PG_DEPEND).set("classid", classid).set("objid", objid).set("objsubid", 0)
                .set("refclassid", refclassid).set("refobjid", refobjid).set("refobjsubid", refobjsubid)
                .set("deptype", type));
    }
}
