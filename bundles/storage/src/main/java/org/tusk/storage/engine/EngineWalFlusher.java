package org.tusk.storage.engine;

import org.tusk.storage.common.WalFlusher;
import org.tusk.storage.wal.Wal;

/**
 * The {@link WalFlusher} the buffer manager and the commit log use in this process. During crash
 * recovery nothing may be inserted and the WAL being replayed is already on disk (it was read from
 * there), so a flush request for a replayed page or clog LSN is satisfied as it stands (PostgreSQL
 * updates minRecoveryPoint there instead); {@link Wal#flush} would refuse it because insertion has
 * not started. After recovery every request goes to the WAL.
 */
final class EngineWalFlusher implements WalFlusher {

    private final Wal wal;
    private volatile boolean inRecovery;

    EngineWalFlusher(Wal wal, boolean inRecovery) {
        this.wal = wal;
        this.inRecovery = inRecovery;
    }

    void endRecovery() {
        inRecovery = false;
    }

    @Override
    public void flush(long lsn) {
        if (inRecovery) {
            return;
        }
        wal.flush(lsn);
    }

    @Override
    public long flushedUpTo() {
        return wal.flushedUpTo();
    }
}
