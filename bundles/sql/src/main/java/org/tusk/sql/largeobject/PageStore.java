package org.tusk.sql.largeobject;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_LARGEOBJECT;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_LARGEOBJECT_METADATA;

import java.util.Arrays;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;

/**
 * inv_api.c: a large object's bytes as pages of {@link #LOBLKSIZE} bytes in pg_largeobject, keyed by
 * (loid, pageno). A page may be shorter than LOBLKSIZE only at the end of the object, and a page never
 * written (a hole left by seeking past the end) is absent and reads as zeros. The object's length is the
 * end of its last page. Each change is followed by a command counter increment so that the next call in
 * the same statement sees it.
 *
 * <p>The catalogs have no usable indexes here (see catalog/README.md), so each access scans
 * pg_largeobject: fine for the objects clients store through these APIs in tests and tools, slow for
 * many large objects.
 */
final class PageStore {
    /** LOBLKSIZE: BLCKSZ / 4. */
    static final int LOBLKSIZE = 2048;
    /** MAX_LARGE_OBJECT_SIZE: INT_MAX pages of LOBLKSIZE bytes (4 TB). */
    static final long MAX_SIZE = (long) Integer.MAX_VALUE * LOBLKSIZE;

    private final CatalogTables tables;

    PageStore(CatalogTables tables) {
        this.tables = tables;
    }

    boolean exists(long loid) {
        return metadata(loid) != null;
    }

    CatalogRow metadata(long loid) {
        return tables.first(PG_LARGEOBJECT_METADATA, r -> oid(r, "oid") == loid);
    }

    void create(long loid, int owner) {
        tables.insert(CatalogRow.create(PG_LARGEOBJECT_METADATA).set("oid", loid).set("lomowner", owner));
        tables.storage().commandCounterIncrement();
    }

    void unlink(long loid) {
        tables.deleteWhere(PG_LARGEOBJECT, r -> oid(r, "loid") == loid);
        tables.deleteWhere(PG_LARGEOBJECT_METADATA, r -> oid(r, "oid") == loid);
        // Its comment goes with it (deleteOneObject's DeleteComments).
        tables.deleteWhere(org.tusk.sql.catalog.CatalogDefinitions.PG_DESCRIPTION, r -> oid(r, "objoid") == loid
                && r.oid("classoid") == org.tusk.sql.catalog.CatalogOids.PG_LARGEOBJECT);
        tables.storage().commandCounterIncrement();
    }

    private static long oid(CatalogRow r, String column) {
        return Integer.toUnsignedLong(r.oid(column));
    }

    private List<CatalogRow> pages(long loid, long firstPage, long lastPage) {
        return tables.rows(PG_LARGEOBJECT, r -> oid(r, "loid") == loid && r.int4("pageno") >= firstPage
                && r.int4("pageno") <= lastPage);
    }

    /** The object's length: the end of its last page. */
    long size(long loid) {
        long end = 0;
        for (CatalogRow r : pages(loid, 0, Integer.MAX_VALUE)) {
            end = Math.max(end, (long) r.int4("pageno") * LOBLKSIZE + ((byte[]) r.get("data")).length);
        }
        return end;
    }

    /** Up to {@code length} bytes from {@code offset}; fewer at the end of the object. */
    byte[] read(long loid, long offset, int length) {
        long size = size(loid);
        if (offset >= size || length <= 0) {
            return new byte[0];
        }
        int n = (int) Math.min(length, size - offset);
        byte[] out = new byte[n];
        for (CatalogRow r : pages(loid, offset / LOBLKSIZE, (offset + n - 1) / LOBLKSIZE)) {
            byte[] data = (byte[]) r.get("data");
            long pageStart = (long) r.int4("pageno") * LOBLKSIZE;
            long from = Math.max(offset, pageStart);
            long to = Math.min(offset + n, pageStart + data.length);
            if (from < to) {
                System.arraycopy(data, (int) (from - pageStart), out, (int) (from - offset), (int) (to - from));
            }
        }
        return out;
    }

    /** Writes {@code data} at {@code offset}, filling a gap before it with zeros where pages exist. */
    void write(long loid, long offset, byte[] data) {
        if (data.length == 0) {
            return;
        }
        if (offset + data.length > MAX_SIZE) {
            throw new SqlException("22023", "invalid large object write request size: " + data.length);
        }
        long firstPage = offset / LOBLKSIZE;
        long lastPage = (offset + data.length - 1) / LOBLKSIZE;
        List<CatalogRow> existing = pages(loid, firstPage, lastPage);
        for (long page = firstPage; page <= lastPage; page++) {
            long pageStart = page * LOBLKSIZE;
            final long p = page;
            CatalogRow row = existing.stream().filter(r -> r.int4("pageno") == p).findFirst().orElse(null);
            byte[] old = row == null ? new byte[0] : (byte[]) row.get("data");
            long from = Math.max(offset, pageStart);
            long to = Math.min(offset + data.length, pageStart + LOBLKSIZE);
            int newLength = (int) Math.max(old.length, to - pageStart);
            byte[] bytes = Arrays.copyOf(old, newLength);
            System.arraycopy(data, (int) (from - offset), bytes, (int) (from - pageStart), (int) (to - from));
            if (row == null) {
                tables.insert(CatalogRow.create(PG_LARGEOBJECT).set("loid", loid).set("pageno", (int) page)
                        .set("data", bytes));
            } else {
                row.set("data", bytes);
                tables.update(row);
            }
        }
        tables.storage().commandCounterIncrement();
    }

    /** Cuts the object to {@code length} bytes, or extends it with zeros (a hole) to that length. */
    void truncate(long loid, long length) {
        long size = size(loid);
        if (length > size) {
            // Only the last byte needs to exist: the pages before it are a hole.
            write(loid, length - 1, new byte[1]);
            return;
        }
        long keepPages = (length + LOBLKSIZE - 1) / LOBLKSIZE;
        for (CatalogRow r : pages(loid, 0, Integer.MAX_VALUE)) {
            long pageStart = (long) r.int4("pageno") * LOBLKSIZE;
            if (r.int4("pageno") >= keepPages) {
                tables.delete(r);
            } else if (pageStart + ((byte[]) r.get("data")).length > length) {
                r.set("data", Arrays.copyOf((byte[]) r.get("data"), (int) (length - pageStart)));
                tables.update(r);
            }
        }
        tables.storage().commandCounterIncrement();
    }
}
