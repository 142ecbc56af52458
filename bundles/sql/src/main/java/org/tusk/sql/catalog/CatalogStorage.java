package org.tusk.sql.catalog;

import static org.tusk.sql.catalog.CatalogOids.*;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.schema.StorageValues;
import org.tusk.sql.types.SqlType;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.TableShape;

/**
 * How the catalogs are stored: which storage type each catalog column has, where each catalog's file
 * is, and how a bootstrap row's values ({@link BootstrapData}'s Java classes) become storage values.
 *
 * <p>The storage and the SQL engine know fewer types than the catalogs use, so some catalog columns
 * are stored (and seen by SQL) as the nearest type both have: oid, regproc and xid as oid; "char" as
 * text; aclitem[] and "char"[] as text[]; pg_node_tree
 * (which holds SQL text in Tusk, not node trees) and anyarray as text. A query comparing such a
 * column with a literal gets the same answer ({@code relkind = 'r'}); its RowDescription shows the
 * stored type.
 */
public final class CatalogStorage {

    private CatalogStorage() {
    }

    /** The SQL type a catalog column of type {@code typeOid} is stored and read as. */
    public static SqlType sqlType(int typeOid) {
        return switch (typeOid) {
            case OID_OID, XID_OID -> SqlType.OID;
            // Read as regproc, so that it prints as a name ("-" for none), as pg_dump reads prosupport.
            case REGPROC_OID -> SqlType.REGPROC;
            case CHAR_OID, PG_NODE_TREE_OID, ANYARRAY_OID, PG_LSN_OID -> SqlType.TEXT;
            case OIDVECTOR_OID -> SqlType.OIDVECTOR;
            case INT2VECTOR_OID -> SqlType.INT2VECTOR;
            case ACLITEM_ARRAY_OID, CHAR_ARRAY_OID -> SqlType.TEXT_ARRAY;
            default -> {
                SqlType t = SqlType.byOid(typeOid);
                if (t == null) {
                    throw new IllegalStateException("no storage type for catalog type " + typeOid);
                }
                yield t;
            }
        };
    }

    /** Whether a column of type {@code typeOid} holds an OID as a Long (oid, xid, regproc). */
    public static boolean holdsOid(int typeOid) {
        SqlType t = sqlType(typeOid);
        return t == SqlType.OID || t == SqlType.REGPROC;
    }

    /** Where a catalog's table is: {@code global/} for a shared one, else the database's directory. */
    public static RelationId id(CatalogRelation catalog, int database) {
        return new RelationId(catalog.shared() ? RelationId.SHARED : database, catalog.initialFilenode());
    }

    /** The catalog's columns as a relation's columns (stored types, no defaults). */
    public static List<Column> columns(CatalogRelation catalog) {
        List<Column> columns = new ArrayList<>();
        for (CatalogColumn c : catalog.columns()) {
            columns.add(new Column(c.attnum(), c.name(), sqlType(c.typeOid()), -1, c.notNull(), null, '\0'));
        }
        return columns;
    }

    public static TableShape shape(CatalogRelation catalog) {
        return new TableShape(columns(catalog).stream().map(StorageValues::columnType).toList());
    }

    /**
     * A catalog as the relation cache describes it. Its indexes are left out: the catalogs are
     * read by sequential scans (their B-tree files are not built yet), so no plan may use them.
     */
    public static Relation relation(CatalogRelation catalog, int database) {
        return new Relation(catalog.oid(), PG_CATALOG_NAMESPACE, "pg_catalog", catalog.name(), 'r',
                id(catalog, database), columns(catalog), List.of(), List.of(), List.of(), List.of(), null);
    }

    /** A bootstrap row (BootstrapData's Java values) as the storage stores it. */
    public static Object[] toStorage(CatalogRelation catalog, Object[] row) {
        Object[] out = new Object[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = value(catalog.columns().get(i).typeOid(), row[i]);
        }
        return out;
    }

    private static Object value(int typeOid, Object v) {
        return switch (v) {
            case null -> null;
            // oid, regproc and xid: the unsigned 32-bit value as the storage's Long.
            case Integer i when holdsOid(typeOid) -> Integer.toUnsignedLong(i);
            case Character c -> c == '\0' ? "" : String.valueOf(c);
            case List<?> list -> {
                List<Object> out = new ArrayList<>();
                for (Object e : list) {
                    out.add(e instanceof Integer i && typeOid != INT4_ARRAY_OID ? (Object) Integer.toUnsignedLong(i)
                            : e instanceof Character c ? String.valueOf(c) : e);
                }
                yield out;
            }
            default -> v;
        };
    }
}
