package org.tusk.sql.ddl;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_TYPE;

import org.tusk.sql.catalog.CatalogRow;

/**
 * The composite row type every table, view and {@code CREATE TYPE ... AS} gets (heap.c's
 * AddNewRelationType, with the array type heap_create_with_catalog makes for it): a pg_type row of typtype
 * 'c', category 'C', typrelid the relation, record_in/record_out as I/O, and an array type {@code _name}.
 * The OIDs are taken in PostgreSQL's order (the array's first, then the row type's, both right after the
 * relation's), so a fresh table has the same pg_type OIDs as on PostgreSQL.
 */
final class RowTypeRows {

    // The pg_proc OIDs of the I/O functions (PostgreSQL 15's pg_proc.dat).
    private static final int RECORD_IN = 2290;
    private static final int RECORD_OUT = 2291;
    private static final int RECORD_RECV = 2402;
    private static final int RECORD_SEND = 2403;
    private static final int ARRAY_IN = 750;
    private static final int ARRAY_OUT = 751;
    private static final int ARRAY_RECV = 2400;
    private static final int ARRAY_SEND = 2401;
    private static final int ARRAY_TYPANALYZE = 3816;
    private static final int ARRAY_SUBSCRIPT_HANDLER = 6179;

    private RowTypeRows() {
    }

    /**
     * Creates the row type of relation {@code relid} and its array; returns its OID, which the caller
     * writes into the relation's pg_class row (reltype), made right after this.
     */
    static int create(DdlContext ctx, int relid, String name, int namespace) {
        int arrayOid = ctx.storage.newOid();
        int typeOid = ctx.storage.newOid();
        int owner = ctx.currentUserOid();
        ctx.tables.insert(base(typeOid, name, namespace, owner).set("typtype", 'c').set("typcategory", 'C')
                .set("typrelid", relid).set("typarray", arrayOid)
                .set("typinput", RECORD_IN)
                .set("typoutput", RECORD_OUT)
                .set("typreceive", RECORD_RECV)
                .set("typsend", RECORD_SEND));
        ctx.tables.insert(arrayRow(arrayOid, typeOid, name, namespace, owner));
        return typeOid;
    }

    /** The array type {@code _name} of type {@code element} (what every new type but an array gets). */
    static CatalogRow arrayRow(int arrayOid, int element, String name, int namespace, int owner) {
        return base(arrayOid, arrayName(name), namespace, owner).set("typtype", 'b')
                .set("typcategory", 'A').set("typsubscript", ARRAY_SUBSCRIPT_HANDLER)
                .set("typelem", element).set("typinput", ARRAY_IN)
                .set("typoutput", ARRAY_OUT)
                .set("typreceive", ARRAY_RECV)
                .set("typsend", ARRAY_SEND)
                .set("typanalyze", ARRAY_TYPANALYZE);
    }

    /** Removes the row type of relation {@code relid} and its array type, if it has them. */
    static void drop(DdlContext ctx, int relid) {
        for (CatalogRow t : ctx.tables.rows(PG_TYPE, t -> t.oid("typrelid") == relid)) {
            int type = t.oid("oid");
            ctx.tables.deleteWhere(PG_TYPE, a -> a.oid("typelem") == type && a.character("typcategory") == 'A');
            ctx.tables.deleteWhere(PG_TYPE, a -> a.oid("oid") == type);
        }
    }

    /** makeArrayTypeName: an underscore before the name, cut to NAMEDATALEN - 1 bytes. */
    private static String arrayName(String name) {
        return org.tusk.sql.types.TypeInput.truncateName("_" + name);
    }

    /** What both rows share: variable length, double alignment, extended storage, no element, no modifiers. */
    static CatalogRow base(int oid, String name, int namespace, int owner) {
        return CatalogRow.create(PG_TYPE).set("oid", oid).set("typname", name).set("typnamespace", namespace)
                .set("typowner", owner).set("typlen", (short) -1).set("typbyval", false).set("typispreferred", false)
                .set("typisdefined", true).set("typdelim", ',').set("typrelid", 0).set("typsubscript", 0)
                .set("typelem", 0).set("typarray", 0).set("typmodin", 0).set("typmodout", 0).set("typanalyze", 0)
                .set("typalign", 'd').set("typstorage", 'x').set("typnotnull", false).set("typbasetype", 0)
                .set("typtypmod", -1).set("typndims", 0).set("typcollation", 0);
    }
}
