package org.tusk.storage.heap;

import static org.tusk.storage.heap.HeapTupleHeader.HEAP_XMAX_COMMITTED;
import static org.tusk.storage.heap.HeapTupleHeader.HEAP_XMAX_INVALID;
import static org.tusk.storage.heap.HeapTupleHeader.HEAP_XMIN_COMMITTED;
import static org.tusk.storage.heap.HeapTupleHeader.HEAP_XMIN_INVALID;

import java.lang.foreign.MemorySegment;
import org.tusk.storage.common.Snapshot;
import org.tusk.storage.common.TransactionIds;
import org.tusk.storage.common.TransactionOracle;
import org.tusk.storage.page.ItemPointer;

/**
 * PostgreSQL's tuple visibility rules (heapam_visibility.c) for 64-bit xids: whether a tuple version
 * is visible to an MVCC snapshot, whether a command may update it, and whether VACUUM may remove it.
 * The rules are followed branch by branch, in PostgreSQL's order, because the order is what makes
 * them correct while transactions commit concurrently: the snapshot (or "is it running?") is asked
 * before the commit log, since a transaction is marked committed in the log before it leaves the
 * running set.
 *
 * <p>Hint bits are set only when the outcome is final (committed or aborted), through
 * {@link HintBits}: see there for the rules. A tuple's own transaction being in progress never sets
 * a hint. MultiXact xmax values (several lockers at once) do not exist yet.
 *
 * <p>Frozen and bootstrap xids (2 and 1) count as committed, as in PostgreSQL's commit-log lookups;
 * an invalid xmin (0) never commits.
 */
public final class HeapVisibility {

    private HeapVisibility() {
    }

    /** HeapTupleSatisfiesMVCC: is {@code tuple} visible to {@code snapshot}? */
    public static boolean satisfiesMvcc(MemorySegment tuple, Snapshot snapshot, TransactionOracle oracle, HintBits hints) {
        long xmin = HeapTupleHeader.xmin(tuple);
        if (!HeapTupleHeader.xminCommitted(tuple)) {
            if (HeapTupleHeader.xminInvalid(tuple)) {
                return false;
            }
            if (isCurrent(oracle, xmin)) {
                if (HeapTupleHeader.cmin(tuple) >= snapshot.commandId()) {
                    return false; // inserted after the scan started
                }
                int mask = HeapTupleHeader.infomask(tuple);
                if ((mask & HEAP_XMAX_INVALID) != 0 || HeapTupleHeader.isLockedOnly(mask)) {
                    return true;
                }
                if (!isCurrent(oracle, HeapTupleHeader.xmax(tuple))) {
                    // The deleting subtransaction must have aborted.
                    setHint(tuple, HEAP_XMAX_INVALID, TransactionIds.INVALID, hints);
                    return true;
                }
                return HeapTupleHeader.cmax(tuple) >= snapshot.commandId(); // deleted after the scan started?
            }
            if (inSnapshot(snapshot, xmin)) {
                return false;
            }
            if (didCommit(oracle, xmin)) {
                setHint(tuple, HEAP_XMIN_COMMITTED, xmin, hints);
            } else {
                // Aborted or crashed (a finished transaction that did not commit).
                if (oracle.status(xmin) == TransactionOracle.Status.ABORTED) {
                    setHint(tuple, HEAP_XMIN_INVALID, TransactionIds.INVALID, hints);
                }
                return false;
            }
        } else if (!HeapTupleHeader.xminFrozen(tuple) && inSnapshot(snapshot, xmin)) {
            // Committed, but not yet when the snapshot was taken.
            return false;
        }

        // By here the inserting transaction committed before the snapshot.
        int mask = HeapTupleHeader.infomask(tuple);
        if ((mask & HEAP_XMAX_INVALID) != 0 || HeapTupleHeader.isLockedOnly(mask)) {
            return true;
        }
        long xmax = HeapTupleHeader.xmax(tuple);
        if ((mask & HEAP_XMAX_COMMITTED) == 0) {
            if (isCurrent(oracle, xmax)) {
                return HeapTupleHeader.cmax(tuple) >= snapshot.commandId();
            }
            if (inSnapshot(snapshot, xmax)) {
                return true;
            }
            if (!didCommit(oracle, xmax)) {
                if (oracle.status(xmax) == TransactionOracle.Status.ABORTED) {
                    setHint(tuple, HEAP_XMAX_INVALID, TransactionIds.INVALID, hints);
                }
                return true;
            }
            setHint(tuple, HEAP_XMAX_COMMITTED, xmax, hints);
        } else if (inSnapshot(snapshot, xmax)) {
            return true;
        }
        return false;
    }

    /**
     * HeapTupleSatisfiesUpdate: may command {@code curcid} of the current transaction update, delete
     * or lock this tuple (whose own TID is {@code self}, to tell an update from a delete)?
     */
    public static TmResult satisfiesUpdate(MemorySegment tuple, ItemPointer self, int curcid, TransactionOracle oracle,
            HintBits hints) {
        long xmin = HeapTupleHeader.xmin(tuple);
        if (!HeapTupleHeader.xminCommitted(tuple)) {
            if (HeapTupleHeader.xminInvalid(tuple)) {
                return TmResult.INVISIBLE;
            }
            if (isCurrent(oracle, xmin)) {
                if (HeapTupleHeader.cmin(tuple) >= curcid) {
                    return TmResult.INVISIBLE; // inserted after the scan started
                }
                int mask = HeapTupleHeader.infomask(tuple);
                if ((mask & HEAP_XMAX_INVALID) != 0) {
                    return TmResult.OK;
                }
                long xmax = HeapTupleHeader.xmax(tuple);
                if (HeapTupleHeader.isLockedOnly(mask)) {
                    // Our own row may be locked by someone else (a lock on the version we updated);
                    // if the locker is gone there is nothing of interest left in xmax.
                    return isInProgress(oracle, xmax) ? TmResult.BEING_MODIFIED : TmResult.OK;
                }
                if (!isCurrent(oracle, xmax)) {
                    // The deleting subtransaction must have aborted.
                    setHint(tuple, HEAP_XMAX_INVALID, TransactionIds.INVALID, hints);
                    return TmResult.OK;
                }
                return HeapTupleHeader.cmax(tuple) >= curcid ? TmResult.SELF_MODIFIED : TmResult.INVISIBLE;
            }
            if (isInProgress(oracle, xmin)) {
                return TmResult.INVISIBLE;
            }
            if (didCommit(oracle, xmin)) {
                setHint(tuple, HEAP_XMIN_COMMITTED, xmin, hints);
            } else {
                setHint(tuple, HEAP_XMIN_INVALID, TransactionIds.INVALID, hints);
                return TmResult.INVISIBLE;
            }
        }

        // By here the inserting transaction has committed.
        int mask = HeapTupleHeader.infomask(tuple);
        if ((mask & HEAP_XMAX_INVALID) != 0) {
            return TmResult.OK;
        }
        if ((mask & HEAP_XMAX_COMMITTED) != 0) {
            if (HeapTupleHeader.isLockedOnly(mask)) {
                return TmResult.OK;
            }
            return updatedOrDeleted(tuple, self);
        }
        long xmax = HeapTupleHeader.xmax(tuple);
        if (isCurrent(oracle, xmax)) {
            if (HeapTupleHeader.isLockedOnly(mask)) {
                return TmResult.BEING_MODIFIED;
            }
            return HeapTupleHeader.cmax(tuple) >= curcid ? TmResult.SELF_MODIFIED : TmResult.INVISIBLE;
        }
        if (isInProgress(oracle, xmax)) {
            return TmResult.BEING_MODIFIED;
        }
        if (!didCommit(oracle, xmax)) {
            setHint(tuple, HEAP_XMAX_INVALID, TransactionIds.INVALID, hints);
            return TmResult.OK;
        }
        if (HeapTupleHeader.isLockedOnly(mask)) {
            // A committed locker is as good as none.
            setHint(tuple, HEAP_XMAX_INVALID, TransactionIds.INVALID, hints);
            return TmResult.OK;
        }
        setHint(tuple, HEAP_XMAX_COMMITTED, xmax, hints);
        return updatedOrDeleted(tuple, self);
    }

    private static TmResult updatedOrDeleted(MemorySegment tuple, ItemPointer self) {
        return HeapTupleHeader.ctid(tuple).equals(self) ? TmResult.DELETED : TmResult.UPDATED;
    }

    /**
     * HeapTupleSatisfiesVacuum: what VACUUM (or page pruning) may do with this tuple, given
     * {@code oldestXmin}, the horizon below which no running transaction's snapshot can see anything
     * a committed transaction deleted.
     */
    public static VacuumStatus satisfiesVacuum(MemorySegment tuple, long oldestXmin, TransactionOracle oracle,
            HintBits hints) {
        long xmin = HeapTupleHeader.xmin(tuple);
        if (!HeapTupleHeader.xminCommitted(tuple)) {
            if (HeapTupleHeader.xminInvalid(tuple)) {
                return VacuumStatus.DEAD;
            }
            if (isCurrent(oracle, xmin)) {
                int mask = HeapTupleHeader.infomask(tuple);
                if ((mask & HEAP_XMAX_INVALID) != 0 || HeapTupleHeader.isLockedOnly(mask)) {
                    return VacuumStatus.INSERT_IN_PROGRESS;
                }
                if (isCurrent(oracle, HeapTupleHeader.xmax(tuple))) {
                    return VacuumStatus.DELETE_IN_PROGRESS; // inserted and deleted by this transaction
                }
                return VacuumStatus.INSERT_IN_PROGRESS; // the deleting subtransaction aborted
            }
            if (isInProgress(oracle, xmin)) {
                // Always INSERT_IN_PROGRESS, whatever xmax says: others should wait for xmin.
                return VacuumStatus.INSERT_IN_PROGRESS;
            }
            if (didCommit(oracle, xmin)) {
                setHint(tuple, HEAP_XMIN_COMMITTED, xmin, hints);
            } else {
                setHint(tuple, HEAP_XMIN_INVALID, TransactionIds.INVALID, hints);
                return VacuumStatus.DEAD;
            }
        }

        // The inserter committed; what about the deleter?
        int mask = HeapTupleHeader.infomask(tuple);
        if ((mask & HEAP_XMAX_INVALID) != 0) {
            return VacuumStatus.LIVE;
        }
        long xmax = HeapTupleHeader.xmax(tuple);
        if (HeapTupleHeader.isLockedOnly(mask)) {
            // Only locked: live in any case; once the locker is gone, say so to save later lookups.
            if ((mask & HEAP_XMAX_COMMITTED) == 0) {
                if (isInProgress(oracle, xmax)) {
                    return VacuumStatus.LIVE;
                }
                setHint(tuple, HEAP_XMAX_INVALID, TransactionIds.INVALID, hints);
            }
            return VacuumStatus.LIVE;
        }
        if ((mask & HEAP_XMAX_COMMITTED) == 0) {
            if (isInProgress(oracle, xmax)) {
                return VacuumStatus.DELETE_IN_PROGRESS;
            }
            if (didCommit(oracle, xmax)) {
                setHint(tuple, HEAP_XMAX_COMMITTED, xmax, hints);
            } else {
                setHint(tuple, HEAP_XMAX_INVALID, TransactionIds.INVALID, hints);
                return VacuumStatus.LIVE;
            }
        }
        // The deleter committed, perhaps recently enough that an open snapshot still sees the tuple.
        return xmax >= oldestXmin ? VacuumStatus.RECENTLY_DEAD : VacuumStatus.DEAD;
    }

    // ---------------------------------------------------------------- helpers

    /** TransactionIdIsCurrentTransactionId: never true for the special xids. */
    private static boolean isCurrent(TransactionOracle oracle, long xid) {
        return TransactionIds.isNormal(xid) && oracle.isCurrentTransaction(xid);
    }

    /** TransactionIdIsInProgress (true for the current transaction too). */
    private static boolean isInProgress(TransactionOracle oracle, long xid) {
        return TransactionIds.isNormal(xid) && oracle.status(xid) == TransactionOracle.Status.IN_PROGRESS;
    }

    /** TransactionIdDidCommit: bootstrap and frozen always did, invalid never did. */
    private static boolean didCommit(TransactionOracle oracle, long xid) {
        if (!TransactionIds.isNormal(xid)) {
            return xid == TransactionIds.BOOTSTRAP || xid == TransactionIds.FROZEN;
        }
        return oracle.status(xid) == TransactionOracle.Status.COMMITTED;
    }

    /** XidInMVCCSnapshot. */
    private static boolean inSnapshot(Snapshot snapshot, long xid) {
        return TransactionIds.isNormal(xid) && snapshot.isRunning(xid);
    }

    /**
     * SetHintBits: a COMMITTED bit only if the hook agrees that the commit record is durable
     * ({@code xid} valid), an INVALID bit always ({@code xid} INVALID).
     */
    private static void setHint(MemorySegment tuple, int bits, long xid, HintBits hints) {
        if (TransactionIds.isValid(xid) && TransactionIds.isNormal(xid) && !hints.mayMarkCommitted(xid)) {
            return;
        }
        if ((HeapTupleHeader.infomask(tuple) & bits) == bits) {
            return;
        }
        HeapTupleHeader.setBits(tuple, bits);
        hints.pageDirtied();
    }
}
