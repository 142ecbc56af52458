package org.tusk.sql.catalog;

/**
 * One pg_type row of a built-in type. The columns every built-in type has alike (typnamespace
 * pg_catalog, typowner the bootstrap superuser, typisdefined, typdelim ',', no domain facts, no
 * default, no ACL) are filled in by {@link #toRow()}.
 *
 * @param typlen      bytes of a value; -1 a varlena, -2 a C string
 * @param typtype     'b' base, 'c' composite (a catalog's row type), 'p' pseudo-type
 * @param category    typcategory, which drives implicit-cast resolution ('N' numeric, 'S' string, ...)
 * @param relid       typrelid: the catalog of a row type, else 0
 * @param subscript   typsubscript: the subscripting handler's OID (arrays, name), else 0
 * @param elem        typelem: the element type of an array (or of name, int2vector, oidvector)
 * @param array       typarray: the array type whose elements are this type, or 0
 * @param input       typinput and the other I/O functions: pg_proc OIDs (regproc), 0 if none
 * @param align       typalign: 'c', 's', 'i' or 'd'
 * @param storage     typstorage: 'p' plain, 'x' extended, 'm' main
 * @param collation   typcollation: 100 for collatable types, 950 (C) for name, else 0
 */
public record TypeRow(int oid, String name, int typlen, boolean byValue, char typtype, char category,
        boolean preferred, int relid, int subscript, int elem, int array, int input, int output, int receive,
        int send, int modin, int modout, int analyze, char align, char storage, int collation) {

    /** The row in pg_type's column order, with the Java values {@link BootstrapData} describes. */
    public Object[] toRow() {
        return new Object[] {oid, name, CatalogOids.PG_CATALOG_NAMESPACE, CatalogOids.BOOTSTRAP_SUPERUSER_ID,
            (short) typlen, byValue, typtype, category, preferred, true /* typisdefined */, ',' /* typdelim */,
            relid, subscript, elem, array, input, output, receive, send, modin, modout, analyze, align, storage,
            false /* typnotnull */, 0 /* typbasetype */, -1 /* typtypmod */, 0 /* typndims */, collation,
            null /* typdefaultbin */, null /* typdefault */, null /* typacl */};
    }
}
