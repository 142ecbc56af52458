package org.tusk.storage.engine;

import org.tusk.storage.heap.TmResult;
import org.tusk.storage.page.ItemPointer;

/**
 * The outcome of one heap update, delete or row lock (PostgreSQL's TM_Result plus TM_FailureData):
 * {@link TmResult#OK} with the new version's TID for an update; {@link TmResult#UPDATED} with the TID
 * of the newer version a committed transaction made ({@code next}), {@link TmResult#DELETED},
 * {@link TmResult#SELF_MODIFIED} (this command already changed it) or {@link TmResult#INVISIBLE}.
 * {@link TmResult#BEING_MODIFIED} is never returned: the access method waits it out. {@code heapOnly}:
 * the update was a HOT update (the new version is on the old one's page, chained, with no index entry).
 * {@code updater}: with UPDATED, the transaction that made {@code next} (the old version's xmax); the
 * version found there is the row's only if its xmin is that transaction (the slot may have been reused).
 */
public record ModifyResult(TmResult result, ItemPointer newTid, ItemPointer next, boolean heapOnly, long updater) {

    /** A result that is not a heap-only update. */
    public ModifyResult(TmResult result, ItemPointer newTid, ItemPointer next) {
        this(result, newTid, next, false, 0);
    }

    /** A result with the heap-only flag and no updater. */
    public ModifyResult(TmResult result, ItemPointer newTid, ItemPointer next, boolean heapOnly) {
        this(result, newTid, next, heapOnly, 0);
    }
}
