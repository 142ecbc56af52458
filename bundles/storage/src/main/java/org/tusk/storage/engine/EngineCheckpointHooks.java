package org.tusk.storage.engine;

import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.storage.wal.CheckpointHooks;
import org.tusk.storage.xact.TransactionSystem;

/**
 * What a checkpoint writes between its redo point and its record (PostgreSQL's CheckPointGuts),
 * after waiting for the commits in progress at the redo point ({@link CommitDelay}):
 * every dirty shared buffer (through the checkpointer's own {@link BufferManager}; each write first
 * flushes WAL up to the page's LSN), then the commit log's dirty pages (written and fsynced by
 * {@link TransactionSystem#checkpoint}), then an fsync of every data file written since the last
 * checkpoint by any process (forwarded through the shared sync request queue). Calls are serialized:
 * one checkpoint at a time, from the checkpointer thread, the startup process or a shutdown.
 */
final class EngineCheckpointHooks implements CheckpointHooks {

    private final BufferManager buffers;
    private final StorageManager smgr;
    private final TransactionSystem transactions;
    private final CommitDelay commitDelay;

    EngineCheckpointHooks(BufferManager buffers, StorageManager smgr, TransactionSystem transactions,
            CommitDelay commitDelay) {
        this.commitDelay = commitDelay;
        this.buffers = buffers;
        this.smgr = smgr;
        this.transactions = transactions;
    }

    @Override
    public synchronized void flushAllBuffers() {
        // The redo point is fixed: commits whose record went in before it must reach pg_xact first.
        commitDelay.waitForCommitsInProgress();
        buffers.flushAll();
    }

    @Override
    public synchronized void syncDataFiles() {
        transactions.checkpoint();
        smgr.syncPending();
    }
}
