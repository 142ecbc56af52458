package org.tusk.storage.xact;

/**
 * Writes the transaction-end records into the WAL (PostgreSQL's XLOG_XACT_COMMIT and
 * XLOG_XACT_ABORT), implemented by the WAL subsystem; this package only calls it. Each method
 * inserts the record and returns the LSN of its end, without flushing: commit decides whether to
 * flush ({@code synchronous_commit}) through a {@link org.tusk.storage.common.WalFlusher}.
 *
 * <p>Redo of these records must call {@link TransactionSystem#redoCommit} and
 * {@link TransactionSystem#redoAbort} with the same ids.
 */
public interface XactWalWriter {

    /**
     * Inserts a commit record for top-level {@code xid} and its committed subtransactions.
     *
     * @return the end of the record (flush up to here to make the commit durable)
     */
    long logCommit(long xid, long[] subxids);

    /**
     * Inserts an abort record for {@code xid} (a top-level transaction, or a subtransaction rolled
     * back to its savepoint) and the subtransactions aborted with it.
     *
     * @return the end of the record
     */
    long logAbort(long xid, long[] subxids);
}
