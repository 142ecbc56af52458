package org.tusk.storage.engine;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.recovery.RedoBufferAccess;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.smgr.StorageManager;

/**
 * Recovery's page access through the shared buffers (PostgreSQL's XLogReadBufferExtended): the
 * startup process's own {@link BufferManager}. WAL may describe blocks that never reached the disk,
 * or a relation whose file was never created, so a missing file is created and a block beyond the
 * end is reached by extending the relation with zero pages. One thread (the startup process) only.
 */
final class BufferRedoAccess implements RedoBufferAccess {

    private record Key(RelFileLocator rel, ForkNumber fork, int block) {
    }

    private final BufferManager buffers;
    private final StorageManager smgr;
    private final Map<Key, Integer> held = new HashMap<>();

    BufferRedoAccess(BufferManager buffers, StorageManager smgr) {
        this.buffers = buffers;
        this.smgr = smgr;
    }

    @Override
    public MemorySegment readPage(RelFileLocator locator, ForkNumber fork, int block) {
        if (!smgr.exists(locator, fork)) {
            smgr.create(locator, fork, true);
        }
        while (smgr.nblocks(locator, fork) <= block) {
            buffers.release(buffers.extend(locator, fork));
        }
        int buffer = buffers.readBuffer(locator, fork, block);
        buffers.lock(buffer, LWLock.Mode.EXCLUSIVE);
        held.put(new Key(locator, fork, block), buffer);
        return buffers.page(buffer);
    }

    @Override
    public void release(RelFileLocator locator, ForkNumber fork, int block, MemorySegment page, boolean dirty) {
        Integer buffer = held.remove(new Key(locator, fork, block));
        if (buffer == null) {
            throw new IllegalStateException("block " + block + " of " + locator + " was not read for redo");
        }
        if (dirty) {
            buffers.markDirty(buffer);
        }
        buffers.unlockRelease(buffer);
    }
}
