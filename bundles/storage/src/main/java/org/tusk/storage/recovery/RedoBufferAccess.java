package org.tusk.storage.recovery;

import java.lang.foreign.MemorySegment;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;

/**
 * How recovery reaches pages: the buffer manager in the server (pin, exclusive content lock), a plain
 * page file store in tests. A block beyond the relation's end reads as a new, all-zero page (the
 * relation is extended), because WAL may describe pages that never reached the disk.
 */
public interface RedoBufferAccess {

    /** The block's page, pinned and exclusively locked for the caller until {@link #release}. */
    MemorySegment readPage(RelFileLocator locator, ForkNumber fork, int block);

    /** Unlocks and unpins the page; {@code dirty} if redo changed it (it must be written eventually). */
    void release(RelFileLocator locator, ForkNumber fork, int block, MemorySegment page, boolean dirty);
}
