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
     * Adds the entry {@code key -> tid} to the unique index of a DEFERRABLE constraint, whose shape
     * is not unique (PostgreSQL's UNIQUE_CHECK_PARTIAL): it goes in whatever equal keys there are, and
     * the answer says whether another row with an equal key is live or being inserted or deleted by a
     * running transaction, a possible conflict the caller must {@link #recheckUnique} later (at the
     * end of the statement, or at commit). Keys with a NULL never conflict. Never waits.
     */
    default boolean insertPartial(Object[] key, TupleId tid) {
        insert(key, tid);
        return true;
    }

    /**
     * The later check of an entry {@link #insertPartial} reported (UNIQUE_CHECK_EXISTING, PostgreSQL's
     * unique_key_recheck): nothing if the row at {@code tid} is no longer live; otherwise, as
     * {@link #insert} checks a unique index, waits for a running inserter or deleter of another row
     * with an equal key and decides again, and raises {@link UniqueViolationException} on a live one.
     */
    default void recheckUnique(Object[] key, TupleId tid) {
        throw new UnsupportedOperationException("index " + id() + " cannot check uniqueness later");
    }

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

    /**
     * ON CONFLICT's speculative insertion of {@code key -> tid} into an arbiter index (PostgreSQL's
     * UNIQUE_CHECK_PARTIAL with noDupErr): the entry goes in whatever equal keys there are, and the
     * answer says whether another row with an equal key is live or being inserted or deleted by a
     * running transaction. Then the caller takes its row back ({@link Table#abortInsert}) and looks for
     * the conflict again ({@link #conflict}, which waits for a running transaction), because a
     * concurrent inserter got the key between its first look and this insertion. Never waits, never
     * raises. The default (an index without concurrent writers) is {@link #insert}, which raises on a
     * duplicate, and answers false.
     */
    default boolean insertSpeculative(Object[] key, TupleId tid) {
        insert(key, tid);
        return false;
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
