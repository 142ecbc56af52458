package org.tusk.sql.catalog;

/**
 * One column of a catalog: the pg_attribute facts that decide how its values are stored.
 *
 * @param attnum  1-based position; system columns (ctid, xmin, ...) have negative numbers
 * @param typlen  attlen: the fixed size in bytes, -1 for a varlena, -2 for a C string
 * @param align   attalign: 'c', 's', 'i' or 'd'
 * @param notNull attnotnull; for catalogs genbki sets it on every fixed-width column that only
 *                fixed-width columns precede, and on a few others by hand (BKI_FORCE_NOT_NULL)
 */
public record CatalogColumn(String name, int typeOid, int attnum, int typlen, char align, boolean notNull) {

    /** attbyval: a fixed length of at most 8 bytes that is a power of two, as the type's typbyval. */
    public boolean byValue() {
        return typlen == 1 || typlen == 2 || typlen == 4 || typlen == 8;
    }

    public boolean isSystemColumn() {
        return attnum < 0;
    }
}
