package org.tusk.storage.engine;

import java.lang.foreign.MemorySegment;
import org.tusk.storage.common.TransactionOracle;
import org.tusk.storage.heap.HeapVisibility;
import org.tusk.storage.heap.HintBits;
import org.tusk.storage.heap.VacuumStatus;
import org.tusk.storage.page.Page;

/**
 * Whether a heap page holds row versions that some snapshot may still see although the statement
 * building an index does not: deleted or updated by a transaction that committed recently
 * (RECENTLY_DEAD) or by the builder itself (DELETE_IN_PROGRESS). An index built from the builder's
 * snapshot lacks them (and, for a HOT chain, its entry leads to the chain whose older member has
 * another key), so such an index must not be trusted by snapshots that do not see the builder as
 * finished: PostgreSQL's ii_BrokenHotChain, which sets indcheckxmin. Pages without pd_prune_xid hold
 * no deleted version and are passed after a look at the header. {@link BTreeBuild} asks this of
 * every page of the table as its own walk over the pages (for HOT chain roots) passes it, so the
 * table is read once for both, not once more before the build.
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

    /**
     * True if some version on the (share-locked) heap {@code page} is RECENTLY_DEAD or
     * DELETE_IN_PROGRESS for {@code horizon}.
     */
    static boolean onPage(MemorySegment page, long horizon, TransactionOracle oracle) {
        if (Page.isNew(page) || Page.pruneXid(page) == 0) {
            return false;
        }
        for (int off = Page.FIRST_OFFSET; off <= Page.maxOffset(page); off++) {
            if (!Page.isNormal(page, off)) {
                continue;
            }
            VacuumStatus s = HeapVisibility.satisfiesVacuum(Page.item(page, off), horizon, oracle, NO_COMMIT_HINTS);
            if (s == VacuumStatus.RECENTLY_DEAD || s == VacuumStatus.DELETE_IN_PROGRESS) {
                return true;
            }
        }
        return false;
    }
}
