package org.tusk.storage.heap;

/**
 * Row lock strengths (PostgreSQL's LockTupleMode), weakest first, and the xmax infomask bits that
 * record them with HEAP_XMAX_LOCK_ONLY.
 */
public enum TupleLockMode {
    /** FOR KEY SHARE: blocks only changes of key columns and deletes. */
    KEY_SHARE(HeapTupleHeader.HEAP_XMAX_KEYSHR_LOCK),
    /** FOR SHARE. */
    SHARE(HeapTupleHeader.HEAP_XMAX_SHR_LOCK),
    /** FOR NO KEY UPDATE (what an UPDATE not touching key columns takes). */
    NO_KEY_UPDATE(HeapTupleHeader.HEAP_XMAX_EXCL_LOCK),
    /** FOR UPDATE (also recorded with HEAP_KEYS_UPDATED in infomask2, as PostgreSQL does). */
    UPDATE(HeapTupleHeader.HEAP_XMAX_EXCL_LOCK);

    private final int infomaskBits;

    TupleLockMode(int infomaskBits) {
        this.infomaskBits = infomaskBits;
    }

    public int infomaskBits() {
        return infomaskBits;
    }
}
