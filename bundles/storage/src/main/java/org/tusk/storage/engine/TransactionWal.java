package org.tusk.storage.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;
import org.tusk.storage.recovery.RedoContext;
import org.tusk.storage.recovery.ResourceManager;
import org.tusk.storage.wal.RmgrIds;
import org.tusk.storage.wal.Wal;
import org.tusk.storage.wal.WalRecord;
import org.tusk.storage.wal.WalRecordBuilder;
import org.tusk.storage.xact.TransactionSystem;
import org.tusk.storage.xact.XactWalWriter;

/**
 * The "Transaction" resource manager (PostgreSQL's RM_XACT_ID): commit and abort records, written
 * through {@link XactWalWriter} by {@link org.tusk.storage.xact.TransactionManager}, replayed into the
 * commit log. Main data: the number of subtransaction ids (int), then each (long), little-endian.
 * The record's own xid is the top-level (or aborted sub-) transaction.
 */
final class TransactionWal implements XactWalWriter, ResourceManager {

    /** PostgreSQL's XLOG_XACT_COMMIT. */
    static final int COMMIT = 0x00;
    /** PostgreSQL's XLOG_XACT_ABORT. */
    static final int ABORT = 0x20;

    private final Wal wal;
    private final TransactionSystem transactions;
    private final AtomicLong commits = new AtomicLong();

    TransactionWal(Wal wal, TransactionSystem transactions) {
        this.wal = wal;
        this.transactions = transactions;
    }

    /** Commit records this process has written (for commits-per-sync figures). */
    long commits() {
        return commits.get();
    }

    @Override
    public long logCommit(long xid, long[] subxids) {
        commits.incrementAndGet();
        return wal.insert(new WalRecordBuilder(RmgrIds.TRANSACTION, COMMIT, xid).mainData(encode(subxids))).end();
    }

    @Override
    public long logAbort(long xid, long[] subxids) {
        return wal.insert(new WalRecordBuilder(RmgrIds.TRANSACTION, ABORT, xid).mainData(encode(subxids))).end();
    }

    private static byte[] encode(long[] subxids) {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * subxids.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(subxids.length);
        for (long x : subxids) {
            b.putLong(x);
        }
        return b.array();
    }

    @Override
    public int id() {
        return RmgrIds.TRANSACTION;
    }

    @Override
    public String name() {
        return "Transaction";
    }

    @Override
    public void redo(WalRecord record, RedoContext context) {
        ByteBuffer b = record.mainDataBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long[] subxids = new long[b.getInt()];
        for (int i = 0; i < subxids.length; i++) {
            subxids[i] = b.getLong();
        }
        switch (record.info()) {
            case COMMIT -> transactions.redoCommit(record.xid(), subxids, record.endLsn());
            case ABORT -> transactions.redoAbort(record.xid(), subxids);
            default -> throw new IllegalStateException("xact_redo: unknown op code " + record.info());
        }
    }
}
