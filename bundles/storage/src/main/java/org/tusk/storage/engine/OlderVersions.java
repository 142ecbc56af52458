package org.tusk.storage.engine;

import java.lang.foreign.MemorySegment;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.TransactionOracle;
import org.tusk.storage.heap.HeapVisibility;
import org.tusk.storage.heap.HintBits;
import org.tusk.storage.heap.VacuumStatus;
import org.tusk.storage.page.Page;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.smgr.StorageManager;

/**
 * Whether a table holds row versions that some snapshot may still see although the statement
 * building an index does not: deleted or updated by a transaction that committed recently
 * (RECENTLY_DEAD) or by the builder itself (DELETE_IN_PROGRESS). An index built from the builder's
 * snapshot lacks them (and, for a HOT chain, its entry leads to the chain whose older member has
 * another key), so such an index must not be trusted by snapshots that do not see the builder as
 * finished: PostgreSQL's ii_BrokenHotChain, which sets indcheckxmin. Pages without pd_prune_xid hold
 * no deleted version and are skipped after a look at the header.
 */
final class OlderVersions {

    /** Hint bits of final outcomes only where always safe: no commit hints (the heap's readers set them). */
    private static final HintBits NO_COMMIT_HINTS = new HintBits() {
        @Override
        public boolean mayMarkCommitted(long xid) {
            return false;
        }

        @Override
        public void pageDirtied() {
        }
    };

    private OlderVersions() {
    }

    /** True if some version of {@code heap} is RECENTLY_DEAD or DELETE_IN_PROGRESS for {@code horizon}. */
    static boolean remain(BufferManager buffers, StorageManager smgr, RelFileLocator heap, long horizon,
            TransactionOracle oracle) {
        int blocks = smgr.nblocks(heap, ForkNumber.MAIN);
        for (int block = 0; block < blocks; block++) {
            int buffer = buffers.readBuffer(heap, ForkNumber.MAIN, block);
            buffers.lock(buffer, LWLock.Mode.SHARED);
            try {
                MemorySegment page = buffers.page(buffer);
                if (Page.isNew(page) || Page.pruneXid(page) == 0) {
                    continue;
                }
                for (int off = Page.FIRST_OFFSET; off <= Page.maxOffset(page); off++) {
                    if (!Page.isNormal(page, off)) {
                        continue;
                    }
                    VacuumStatus s = HeapVisibility.satisfiesVacuum(Page.item(page, off), horizon, oracle,
                            NO_COMMIT_HINTS);
                    if (s == VacuumStatus.RECENTLY_DEAD || s == VacuumStatus.DELETE_IN_PROGRESS) {
                        return true;
                    }
                }
            } finally {
                buffers.unlockRelease(buffer);
            }
        }
        return false;
    }
}
