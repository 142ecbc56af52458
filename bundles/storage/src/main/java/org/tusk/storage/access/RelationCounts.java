package org.tusk.storage.access;

import java.util.List;

/**
 * What one backend counted for one table or index since its last flush (PostgreSQL's PgStat_TableStatus
 * with its transactional part): plain fields of the backend's own object, so that counting a scanned
 * tuple is an increment, no lookup and no allocation. The executor gets one per relation from
 * {@link StorageSession#relationCounts} and may keep it for the session's life; the storage session adds
 * the counts to the shared entries when the transaction ends (inserted, updated and deleted tuples turn
 * into live and dead ones according to commit or abort, as PostgreSQL does) and zeroes them.
 */
public final class RelationCounts {

    private final int database;
    private final int object;
    /** The session's list of counts touched since the last flush; this joins it on the first count. */
    private final List<RelationCounts> touched;
    private boolean listed;

    long numScans;
    long tuplesReturned;
    long tuplesFetched;
    long inserted;
    long updated;
    long deleted;
    long hotUpdated;
    boolean truncated;

    public RelationCounts(int database, int object, List<RelationCounts> touched) {
        this.database = database;
        this.object = object;
        this.touched = touched;
    }

    public int database() {
        return database;
    }

    public int object() {
        return object;
    }

    private void touch() {
        if (!listed && touched != null) {
            listed = true;
            touched.add(this);
        }
    }

    /** A sequential scan of the table, or one index search, starts (seq_scan, idx_scan). */
    public void scanStarted() {
        touch();
        numScans++;
    }

    /** A tuple returned by a sequential scan, or an index entry returned by an index scan. */
    public void tupleReturned() {
        touch();
        tuplesReturned++;
    }

    /** A heap tuple fetched through an index (counted on the index) or by a bitmap heap scan (on the table). */
    public void tupleFetched() {
        touch();
        tuplesFetched++;
    }

    public void tuplesInserted(long n) {
        touch();
        inserted += n;
    }

    /** An update; {@code hot}: a heap-only one. */
    public void tupleUpdated(boolean hot) {
        touch();
        updated++;
        if (hot) {
            hotUpdated++;
        }
    }

    public void tupleDeleted() {
        touch();
        deleted++;
    }

    /** TRUNCATE: at commit the table's live and dead counts start again from zero. */
    public void truncated() {
        touch();
        truncated = true;
        inserted = 0;
        updated = 0;
        deleted = 0;
    }

    /** Called by the storage session after it flushed the counts. */
    public void clear() {
        listed = false;
        numScans = 0;
        tuplesReturned = 0;
        tuplesFetched = 0;
        inserted = 0;
        updated = 0;
        deleted = 0;
        hotUpdated = 0;
        truncated = false;
    }

    public long numScans() {
        return numScans;
    }

    public long tuplesReturned() {
        return tuplesReturned;
    }

    public long tuplesFetched() {
        return tuplesFetched;
    }

    public long inserted() {
        return inserted;
    }

    public long updated() {
        return updated;
    }

    public long deleted() {
        return deleted;
    }

    public long hotUpdated() {
        return hotUpdated;
    }

    public boolean wasTruncated() {
        return truncated;
    }
}
