package org.tusk.storage.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.tusk.storage.common.StorageConstants;
import org.tusk.storage.common.WalFlusher;

/** Page contents for the buffer tests: a pattern that depends on block and offset, checked word by word. */
final class Pages {

    /** A WAL that is always flushed: for tests whose pages carry no LSN. */
    static final WalFlusher NO_WAL = new WalFlusher() {
        @Override
        public void flush(long lsn) {
        }

        @Override
        public long flushedUpTo() {
            return Long.MAX_VALUE;
        }
    };

    private Pages() {
    }

    /** Fills the page after its LSN with words derived from {@code seed} and their offset. */
    static void fill(MemorySegment page, int seed) {
        for (int offset = 8; offset < StorageConstants.BLOCK_SIZE; offset += 4) {
            page.set(ValueLayout.JAVA_INT_UNALIGNED, offset, word(seed, offset));
        }
    }

    /** Asserts that the page holds exactly {@link #fill}'s pattern for {@code seed}. */
    static void check(MemorySegment page, int seed) {
        for (int offset = 8; offset < StorageConstants.BLOCK_SIZE; offset += 4) {
            int found = page.get(ValueLayout.JAVA_INT_UNALIGNED, offset);
            if (found != word(seed, offset)) {
                assertEquals(word(seed, offset), found, "seed " + seed + ", offset " + offset);
            }
        }
    }

    private static int word(int seed, int offset) {
        return seed * 0x9E3779B9 ^ offset * 0x85EBCA6B;
    }
}
