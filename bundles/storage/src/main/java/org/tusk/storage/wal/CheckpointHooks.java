package org.tusk.storage.wal;

/**
 * What a checkpoint asks of the rest of storage between setting the redo point and writing the
 * checkpoint record: every page dirtied before the redo point must be on disk (CheckPointGuts:
 * CheckPointBuffers, then the fsync requests). Implemented by the buffer manager.
 */
public interface CheckpointHooks {

    /** Writes every dirty shared buffer (each write first flushes WAL up to the page's LSN). */
    void flushAllBuffers();

    /** fsyncs every data file written since the last checkpoint. */
    void syncDataFiles();

    /** For a cluster with no buffers yet (bootstrap, tests): nothing to flush. */
    CheckpointHooks NONE = new CheckpointHooks() {
        @Override
        public void flushAllBuffers() {
        }

        @Override
        public void syncDataFiles() {
        }
    };
}
