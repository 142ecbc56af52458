package org.tusk.storage.access;

/**
 * One B-tree index of a table. Entries map keys (values of the key columns, in index column order)
 * to heap row versions; which versions a scan returns is decided by the heap
 * ({@link Table#indexScan}).
 */
public interface Index {

    RelationId id();

    IndexShape shape();

    /**
     * Adds the entry {@code key -> tid}. For a unique index, first checks for a live row with an
     * equal key (keys with a NULL never conflict): if its inserter or deleter is still running, waits
     * for it to end and decides again; a committed (or own) live duplicate raises
     * {@link UniqueViolationException}.
     */
    void insert(Object[] key, TupleId tid);

    /**
     * INSERT ... ON CONFLICT's pre-check (ExecCheckIndexConstraints with a dirty snapshot): the
     * position of the live row version holding {@code key} in this unique index, or null if none
     * (keys with a NULL never conflict). It uses the same check as {@link #insert}: if the holder's
     * inserter or deleter is still running, it waits for it to end and decides again, so a second
     * upserter of a new key waits for the first. The default (an index without the check) refuses.
     */
    default TupleId conflict(Object[] key) {
        throw new UnsupportedOperationException("index " + id() + " has no unique check");
    }

    /** The index's size in 8 kB blocks now. */
    long blocks();

    /**
     * The height of the tree above its leaves as the metapage records it (PostgreSQL's
     * _bt_getrootheight, btm_fastlevel): 0 while the root is a leaf. The planner charges a descent
     * per level (btcostestimate). The default, for an index that is no tree, is 0.
     */
    default int treeHeight() {
        return 0;
    }
}
