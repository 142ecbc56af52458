package org.tusk.storage.engine;

import java.lang.foreign.MemorySegment;
import java.util.function.LongSupplier;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.TransactionIds;
import org.tusk.storage.common.TransactionOracle;
import org.tusk.storage.heap.HotChain;
import org.tusk.storage.heap.HeapTupleHeader;
import org.tusk.storage.heap.HeapVisibility;
import org.tusk.storage.heap.HintBits;
import org.tusk.storage.heap.VacuumStatus;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.shmem.LWLock;

/**
 * What a unique index insertion needs to know about the heap row an equal key points at
 * (PostgreSQL's _bt_check_unique with a SnapshotDirty fetch): is it a live duplicate, dead, or
 * still being decided by a running transaction that the inserter must wait for?
 *
 * <p>The rules are HeapTupleSatisfiesDirty's: a row inserted by a running transaction (not ours)
 * makes us wait for it, since if it commits we conflict and if it aborts we do not; so does a row
 * deleted by a running transaction. A row whose inserter committed (or is us) and that no committed
 * transaction (nor we) deleted is a live duplicate. Everything else is dead; and if dead to every
 * transaction (VACUUM's test against the oldest xmin of all), its index entry may be marked LP_DEAD.
 * No commit hint bits are set here: the heap's readers set them.
 */
final class BTreeUniqueCheck {

    /**
     * The verdict on one heap row. {@code xid} is the transaction to wait for with WAIT; with LIVE from
     * {@link #judge}, the page offset of the live version (0 if unknown).
     */
    record Verdict(Kind kind, long xid) {
        static final Verdict LIVE = new Verdict(Kind.LIVE, 0);
        static final Verdict DEAD = new Verdict(Kind.DEAD, 0);
        /** Dead, and to every transaction and snapshot now and later: its index entries may go. */
        static final Verdict DEAD_TO_ALL = new Verdict(Kind.DEAD, -1);

        boolean deadToAll() {
            return this == DEAD_TO_ALL;
        }
    }

    enum Kind { LIVE, DEAD, WAIT }

    /** Hint bits: only the always-safe ones (HintBits' rules), the page not dirtied for them. */
    private static final HintBits NO_COMMIT_HINTS = new HintBits() {
        @Override
        public boolean mayMarkCommitted(long xid) {
            return false;
        }

        @Override
        public void pageDirtied() {
        }
    };

    /** {@link #horizon} when it has to be computed again. */
    private static final long HORIZON_UNKNOWN = -1;

    private final BufferManager buffers;
    private final TransactionOracle oracle;
    private final LongSupplier globalXmin;
    /**
     * The vacuum horizon the "dead to all" test uses, computed once per insertion or scan batch
     * ({@link #forgetHorizon}) rather than once per dead row: computing it scans the whole proc array
     * under its lock, and a key updated many times has a dozen recently dead versions to look at in
     * every insertion's unique check and every index scan (PostgreSQL caches it too, in
     * GlobalVisState). A horizon computed a little earlier is never newer than the true one, so it
     * can only call fewer rows dead to all: it never kills an entry some snapshot still needs.
     */
    private long horizon = HORIZON_UNKNOWN;

    BTreeUniqueCheck(BufferManager buffers, TransactionOracle oracle, LongSupplier globalXmin) {
        this.buffers = buffers;
        this.oracle = oracle;
        this.globalXmin = globalXmin;
    }

    /** Makes the next "dead to all" test compute the vacuum horizon afresh. */
    void forgetHorizon() {
        horizon = HORIZON_UNKNOWN;
    }

    private long horizon() {
        if (horizon == HORIZON_UNKNOWN) {
            horizon = globalXmin.getAsLong();
        }
        return horizon;
    }

    /** The verdict on the heap row at {@code tid} of {@code heap}. */
    Verdict check(RelFileLocator heap, ItemPointer tid) {
        int buffer = buffers.readBuffer(heap, ForkNumber.MAIN, tid.block());
        buffers.lock(buffer, LWLock.Mode.SHARED);
        try {
            return judge(buffers.page(buffer), tid.block(), tid.offset());
        } finally {
            buffers.unlockRelease(buffer);
        }
    }

    /** {@link #check} on the heap page, share-locked by the caller, of the row at ({@code block}, {@code offset}). */
    Verdict judge(MemorySegment page, int block, int offset) {
        if (Page.isNew(page) || offset > Page.maxOffset(page)) {
            return Verdict.DEAD_TO_ALL; // a row lost with its transaction in a crash
        }
        // The entry points at a HOT chain's root: the row is live if any member is (heap_hot_search
        // with SnapshotDirty), and its entries may go only if every member is dead to everyone.
        int off = HotChain.first(page, offset);
        if (off == Page.INVALID_OFFSET) {
            return Verdict.DEAD_TO_ALL; // pruned
        }
        boolean deadToAll = true;
        while (off != Page.INVALID_OFFSET) {
            MemorySegment tuple = Page.item(page, off);
            Verdict verdict = satisfiesDirty(tuple);
            if (verdict.kind() == Kind.LIVE) {
                // A live verdict carries the offset of the live chain member (ON CONFLICT locks it).
                return new Verdict(Kind.LIVE, off);
            }
            if (verdict != Verdict.DEAD) {
                return verdict;
            }
            deadToAll &= HeapVisibility.satisfiesVacuum(tuple, horizon(), oracle,
                    NO_COMMIT_HINTS) == VacuumStatus.DEAD;
            off = HotChain.next(page, block, tuple);
        }
        return deadToAll ? Verdict.DEAD_TO_ALL : Verdict.DEAD;
    }

    private Verdict satisfiesDirty(MemorySegment tuple) {
        if (!HeapTupleHeader.xminCommitted(tuple)) {
            if (HeapTupleHeader.xminInvalid(tuple)) {
                return Verdict.DEAD;
            }
            long xmin = HeapTupleHeader.xmin(tuple);
            if (isCurrent(xmin)) {
                int mask = HeapTupleHeader.infomask(tuple);
                if ((mask & HeapTupleHeader.HEAP_XMAX_INVALID) != 0 || HeapTupleHeader.isLockedOnly(mask)) {
                    return Verdict.LIVE;
                }
                // Deleted by us, or by a subtransaction of ours that aborted.
                return isCurrent(HeapTupleHeader.xmax(tuple)) ? Verdict.DEAD : Verdict.LIVE;
            }
            TransactionOracle.Status status = status(xmin);
            if (status == TransactionOracle.Status.IN_PROGRESS) {
                return new Verdict(Kind.WAIT, xmin);
            }
            if (status != TransactionOracle.Status.COMMITTED) {
                return Verdict.DEAD;
            }
        }
        int mask = HeapTupleHeader.infomask(tuple);
        if ((mask & HeapTupleHeader.HEAP_XMAX_INVALID) != 0 || HeapTupleHeader.isLockedOnly(mask)) {
            return Verdict.LIVE;
        }
        if ((mask & HeapTupleHeader.HEAP_XMAX_COMMITTED) != 0) {
            return Verdict.DEAD;
        }
        long xmax = HeapTupleHeader.xmax(tuple);
        if (isCurrent(xmax)) {
            return Verdict.DEAD;
        }
        return switch (status(xmax)) {
            case IN_PROGRESS -> new Verdict(Kind.WAIT, xmax);
            case COMMITTED -> Verdict.DEAD;
            case ABORTED -> Verdict.LIVE;
        };
    }

    private boolean isCurrent(long xid) {
        return TransactionIds.isNormal(xid) && oracle.isCurrentTransaction(xid);
    }

    /** Bootstrap and frozen xids count as committed, invalid ones as aborted. */
    private TransactionOracle.Status status(long xid) {
        if (!TransactionIds.isNormal(xid)) {
            return xid == TransactionIds.BOOTSTRAP || xid == TransactionIds.FROZEN
                    ? TransactionOracle.Status.COMMITTED : TransactionOracle.Status.ABORTED;
        }
        return oracle.status(xid);
    }
}
