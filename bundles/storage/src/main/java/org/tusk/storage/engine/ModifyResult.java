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
 */
public record ModifyResult(TmResult result, ItemPointer newTid, ItemPointer next, boolean heapOnly) {

    /** A result that is not a heap-only update. */
    public ModifyResult(TmResult result, ItemPointer newTid, ItemPointer next) {
        this(result, newTid, next, false);
    }
}
