package org.tusk.storage.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.tusk.storage.common.RelFileLocator;
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
 * commit log. Main data: the number of subtransaction ids (int), then each (long), then the number
 * of relations whose files go with the outcome (int; each tablespace, database, relation number as
 * ints), little-endian. The record's own xid is the top-level (or aborted sub-) transaction.
 *
 * <p>The relations are PostgreSQL's xl_xact_relfilelocators: a commit record lists the relations the
 * transaction dropped, an abort record those it created. Redo removes their files (buffers first),
 * so a drop whose unlink a crash prevented is completed, and a creation replayed by the Storage
 * resource manager is undone again when the creator aborted. (A creator that crashed before writing
 * an abort record leaves its file behind: an orphan, as in PostgreSQL.)
 */
final class TransactionWal implements XactWalWriter, ResourceManager {

    /** PostgreSQL's XLOG_XACT_COMMIT. */
    static final int COMMIT = 0x00;
    /** PostgreSQL's XLOG_XACT_ABORT. */
    static final int ABORT = 0x20;

    private final Wal wal;
    private final TransactionSystem transactions;
    private final AtomicLong commits = new AtomicLong();
    private static final RelFileLocator[] NO_RELATIONS = new RelFileLocator[0];
    private Consumer<RelFileLocator> redoUnlink = rel -> {
        throw new IllegalStateException("no way to remove " + rel + " during redo");
    };

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
        return logCommit(xid, subxids, NO_RELATIONS);
    }

    @Override
    public long logAbort(long xid, long[] subxids) {
        return logAbort(xid, subxids, NO_RELATIONS);
    }

    /** A commit record that also lists the relations the transaction dropped. */
    long logCommit(long xid, long[] subxids, RelFileLocator[] dropped) {
        commits.incrementAndGet();
        return wal.insert(new WalRecordBuilder(RmgrIds.TRANSACTION, COMMIT, xid).mainData(encode(subxids, dropped)))
                .end();
    }

    /** An abort record that also lists the relations the (sub)transaction created. */
    long logAbort(long xid, long[] subxids, RelFileLocator[] created) {
        return wal.insert(new WalRecordBuilder(RmgrIds.TRANSACTION, ABORT, xid).mainData(encode(subxids, created)))
                .end();
    }

    /** How redo removes a relation's files (buffers, then files): set by the startup process. */
    void setRedoUnlink(Consumer<RelFileLocator> unlink) {
        this.redoUnlink = unlink;
    }

    private static byte[] encode(long[] subxids, RelFileLocator[] rels) {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * subxids.length + 4 + 12 * rels.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(subxids.length);
        for (long x : subxids) {
            b.putLong(x);
        }
        b.putInt(rels.length);
        for (RelFileLocator rel : rels) {
            b.putInt(rel.tablespace()).putInt(rel.database()).putInt(rel.relNumber());
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
        RelFileLocator[] rels = NO_RELATIONS;
        if (b.remaining() >= 4) {
            rels = new RelFileLocator[b.getInt()];
            for (int i = 0; i < rels.length; i++) {
                rels[i] = new RelFileLocator(b.getInt(), b.getInt(), b.getInt());
            }
        }
        switch (record.info()) {
            case COMMIT -> transactions.redoCommit(record.xid(), subxids, record.endLsn());
            case ABORT -> transactions.redoAbort(record.xid(), subxids);
            default -> throw new IllegalStateException("xact_redo: unknown op code " + record.info());
        }
        for (RelFileLocator rel : rels) {
            redoUnlink.accept(rel);
        }
    }
}
