package org.tusk.storage.recovery;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.tusk.storage.common.PageLsn;
import org.tusk.storage.wal.WalRecord;

/**
 * What a resource manager's redo gets besides the record: page access, and the helper every page
 * redo goes through ({@link #redoBlock}, PostgreSQL's XLogReadBufferForRedo plus the usual
 * "if BLK_NEEDS_REDO: change, PageSetLSN, MarkBufferDirty" around it).
 */
public final class RedoContext {

    /** What {@link #redoBlock} did with a block reference. */
    public enum BlockResult {
        /** The full-page image was copied over the page (the change is in the image). */
        RESTORED,
        /** The change was applied to the page. */
        APPLIED,
        /** The page already had the change (its LSN is at or past the record's end): nothing done. */
        ALREADY_APPLIED
    }

    /** A change to one page, given the block reference (its per-block data). */
    @FunctionalInterface
    public interface PageChange {
        void apply(MemorySegment page, WalRecord.BlockReference block);
    }

    private final RedoBufferAccess buffers;
    private final WalRecord record;

    RedoContext(RedoBufferAccess buffers, WalRecord record) {
        this.buffers = buffers;
        this.record = record;
    }

    public RedoBufferAccess buffers() {
        return buffers;
    }

    public WalRecord record() {
        return record;
    }

    /**
     * Redoes the record's block {@code index}: a full-page image is restored unconditionally (it is
     * the page as it was right after the change, so it repairs a torn page); otherwise the change is
     * applied only if the page's LSN is before the record's end, since a page LSN says which record
     * last changed the page. WILL_INIT blocks start from a zeroed page. Either way the page ends up
     * with the record's end as its LSN, and is released dirty.
     */
    public BlockResult redoBlock(int index, PageChange change) {
        WalRecord.BlockReference block = record.blocks().get(index);
        MemorySegment page = buffers.readPage(block.locator(), block.fork(), block.block());
        boolean dirty = false;
        try {
            if (block.hasImage()) {
                MemorySegment.copy(block.image(), 0, page, ValueLayout.JAVA_BYTE, 0, block.image().length);
                PageLsn.set(page, record.endLsn());
                dirty = true;
                return BlockResult.RESTORED;
            }
            if ((block.flags() & WalRecord.WILL_INIT) != 0) {
                page.fill((byte) 0);
            } else if (Long.compareUnsigned(PageLsn.get(page), record.endLsn()) >= 0) {
                return BlockResult.ALREADY_APPLIED;
            }
            change.apply(page, block);
            PageLsn.set(page, record.endLsn());
            dirty = true;
            return BlockResult.APPLIED;
        } finally {
            buffers.release(block.locator(), block.fork(), block.block(), page, dirty);
        }
    }
}
