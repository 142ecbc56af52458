package org.tusk.storage.heap;

/**
 * What the visibility checks need from the buffer that holds the tuple when they want to set a hint
 * bit (PostgreSQL's SetHintBits and MarkBufferDirtyHint).
 *
 * <p>Hint bits (XMIN_COMMITTED, XMIN_INVALID, XMAX_COMMITTED, XMAX_INVALID) cache a transaction's
 * final outcome in the tuple, so later readers skip the commit-log lookup. They are set under a
 * shared buffer lock, are not WAL-logged, and dirty the page "softly": losing them in a crash is
 * harmless because they can always be recomputed. (With data checksums PostgreSQL WAL-logs a full
 * page image the first time a hint dirties a page after a checkpoint, since a torn write would break
 * the checksum; that is the buffer manager's business in {@link #pageDirtied}.)
 *
 * <p>One rule is not optional: a COMMITTED hint must not reach disk before the transaction's commit
 * record is durable, or after a crash the tuple would look committed while the commit log says the
 * transaction aborted (asynchronous commit makes that window real). So before setting a COMMITTED bit
 * the checks ask {@link #mayMarkCommitted}; PostgreSQL's answer is "yes if the commit record is
 * flushed, or if the page's LSN is already past it (the page cannot be written before WAL up to its
 * LSN is flushed anyway)". ABORTED (INVALID) hints need no such check.
 */
public interface HintBits {

    /** True if a COMMITTED hint for {@code xid} may be set now. */
    boolean mayMarkCommitted(long xid);

    /** A hint bit was set: mark the buffer dirty for hints (MarkBufferDirtyHint). */
    void pageDirtied();

    /** Sets every hint and ignores dirtying: for pages not in shared buffers (tests, tools). */
    HintBits ALWAYS = new HintBits() {
        @Override
        public boolean mayMarkCommitted(long xid) {
            return true;
        }

        @Override
        public void pageDirtied() {
        }
    };

    /**
     * Never sets a COMMITTED hint, as if no commit record were flushed yet (asynchronous commit with
     * a lagging WAL writer); aborted hints are still set.
     */
    HintBits NO_COMMITTED_HINTS = new HintBits() {
        @Override
        public boolean mayMarkCommitted(long xid) {
            return false;
        }

        @Override
        public void pageDirtied() {
        }
    };
}
