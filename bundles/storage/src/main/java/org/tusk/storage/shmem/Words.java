package org.tusk.storage.shmem;

import java.lang.foreign.MemorySegment;

/** Checks shared by the lock views: atomic access needs natural alignment inside the segment. */
final class Words {

    private Words() {
    }

    static void checkInt(MemorySegment segment, long offset) {
        if (offset < 0 || offset + 4 > segment.byteSize()) {
            throw new IndexOutOfBoundsException("lock word at " + offset + " outside a segment of "
                    + segment.byteSize() + " bytes");
        }
        if (((segment.address() + offset) & 3) != 0) {
            throw new IllegalArgumentException("lock word at " + offset + " is not 4-byte aligned");
        }
    }
}
