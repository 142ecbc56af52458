package org.tusk.storage.common;

/**
 * What the heap's visibility rules need to know about transactions, answered by the transaction
 * manager (commit log, running-transactions array, the current backend's own transaction stack).
 */
public interface TransactionOracle {

    /** The fate of a transaction as the commit log and the running-transactions array know it. */
    enum Status { IN_PROGRESS, COMMITTED, ABORTED }

    /** True if {@code xid} is this backend's current transaction or one of its live subtransactions. */
    boolean isCurrentTransaction(long xid);

    /**
     * The status of {@code xid}. A subtransaction reports its top-level transaction's fate once it has
     * itself committed; an aborted subtransaction is ABORTED even while its parent runs. A transaction
     * that is neither running nor recorded committed (a crash) is ABORTED. A transaction still in the
     * running array is IN_PROGRESS even when the commit log already records its commit, as
     * PostgreSQL's TransactionIdIsInProgress answers: snapshots taken meanwhile count it as running.
     */
    Status status(long xid);
}
