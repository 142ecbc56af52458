package org.tusk.sql.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.StorageSession;
import org.tusk.storage.access.Table;

/**
 * Reads and changes the catalogs of one database through a backend's storage session, in its
 * current transaction and statement (PostgreSQL's heap_open of a catalog plus
 * CatalogTupleInsert/Update/Delete). The catalogs are small and read by sequential scans; the
 * relation cache keeps what it found, so scans happen when a backend first needs a relation and
 * after catalog changes.
 */
public final class CatalogTables {
    private final StorageSession storage;
    private final int database;

    public CatalogTables(StorageSession storage, int database) {
        this.storage = storage;
        this.database = database;
    }

    public StorageSession storage() {
        return storage;
    }

    public int database() {
        return database;
    }

    private Table open(CatalogRelation catalog) {
        return storage.openTable(CatalogStorage.id(catalog, database), CatalogStorage.shape(catalog));
    }

    /** The rows of {@code catalog} the statement's snapshot sees that {@code filter} accepts. */
    public List<CatalogRow> rows(CatalogRelation catalog, Predicate<CatalogRow> filter) {
        List<CatalogRow> result = new ArrayList<>();
        try (RowScan scan = open(catalog).scan()) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                CatalogRow row = new CatalogRow(catalog, r.values(), r.tid());
                if (filter.test(row)) {
                    result.add(row);
                }
            }
        }
        return result;
    }

    /** The first row {@code filter} accepts, or null. */
    public CatalogRow first(CatalogRelation catalog, Predicate<CatalogRow> filter) {
        try (RowScan scan = open(catalog).scan()) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                CatalogRow row = new CatalogRow(catalog, r.values(), r.tid());
                if (filter.test(row)) {
                    return row;
                }
            }
        }
        return null;
    }

    public void insert(CatalogRow row) {
        open(row.catalog()).insert(row.values());
    }

    /** Replaces a row found by {@link #rows} with its changed values (a new row version). */
    public void update(CatalogRow row) {
        Object[] values = row.values().clone();
        open(row.catalog()).update(row.tid(), values, old -> values);
    }

    public void delete(CatalogRow row) {
        open(row.catalog()).delete(row.tid(), old -> true);
    }

    /** Deletes every row {@code filter} accepts; returns how many. */
    public int deleteWhere(CatalogRelation catalog, Predicate<CatalogRow> filter) {
        List<CatalogRow> rows = rows(catalog, filter);
        for (CatalogRow r : rows) {
            delete(r);
        }
        return rows.size();
    }
}
