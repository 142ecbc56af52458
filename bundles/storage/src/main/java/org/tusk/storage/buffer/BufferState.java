package org.tusk.storage.buffer;

/**
 * The bits of a buffer descriptor's 32-bit state word, PostgreSQL's layout: 18 bits of pin count,
 * 4 bits of usage count, then the flags. One word so that pinning (count and usage together) is a
 * single compare-and-set, and so the header lock can be a bit of the same word: whoever holds
 * {@link #LOCKED} may change tag and flags; everyone else only CASes a word without it.
 */
final class BufferState {

    static final int REFCOUNT_ONE = 1;
    static final int REFCOUNT_MASK = (1 << 18) - 1;
    static final int USAGE_SHIFT = 18;
    static final int USAGE_ONE = 1 << USAGE_SHIFT;
    static final int USAGE_MASK = 0xF << USAGE_SHIFT;
    /** PostgreSQL's BM_MAX_USAGE_COUNT: a buffer survives at most this many clock passes unused. */
    static final int MAX_USAGE = 5;

    /** The header spinlock: tag and flags may change only while it is held. */
    static final int LOCKED = 1 << 22;
    /** The page differs from the disk block. */
    static final int DIRTY = 1 << 23;
    /** The page holds the block's contents. */
    static final int VALID = 1 << 24;
    /** The tag names a block (and the mapping table has an entry for it). */
    static final int TAG_VALID = 1 << 25;
    /** Someone is reading the block in or writing it out; waiters sleep on the I/O lock. */
    static final int IO_IN_PROGRESS = 1 << 26;
    /** The last I/O on this buffer failed. */
    static final int IO_ERROR = 1 << 27;
    /** Dirtied again while a write was in progress: that write must not clear DIRTY. */
    static final int JUST_DIRTIED = 1 << 28;
    /** Dirty when the running checkpoint started: it must be written before the checkpoint ends. */
    static final int CHECKPOINT_NEEDED = 1 << 29;

    private BufferState() {
    }

    static int refcount(int state) {
        return state & REFCOUNT_MASK;
    }

    static int usage(int state) {
        return (state & USAGE_MASK) >>> USAGE_SHIFT;
    }

    static boolean has(int state, int flag) {
        return (state & flag) != 0;
    }
}
