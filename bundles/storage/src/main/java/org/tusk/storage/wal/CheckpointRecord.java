package org.tusk.storage.wal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The main data of a checkpoint record (PostgreSQL's CheckPoint struct, the part we need): where redo
 * must start, the timeline, full_page_writes, and the counters recovery must resume from. Times are
 * seconds since the epoch.
 */
public record CheckpointRecord(long redo, int timeline, boolean fullPageWrites, long nextXid, int nextOid,
        long time) {

    static final int SIZE = 40;

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(redo).putInt(timeline).putInt(fullPageWrites ? 1 : 0).putLong(nextXid).putInt(nextOid)
                .putInt(0).putLong(time);
        return b.array();
    }

    /** Decodes a checkpoint record; null if {@code record} is not one. */
    public static CheckpointRecord of(WalRecord record) {
        if (!isCheckpoint(record) || record.mainData().length != SIZE) {
            return null;
        }
        ByteBuffer b = record.mainDataBuffer();
        long redo = b.getLong();
        int timeline = b.getInt();
        boolean fpw = b.getInt() != 0;
        long nextXid = b.getLong();
        int nextOid = b.getInt();
        b.getInt();
        return new CheckpointRecord(redo, timeline, fpw, nextXid, nextOid, b.getLong());
    }

    public static boolean isCheckpoint(WalRecord record) {
        return record.rmid() == RmgrIds.XLOG && (record.info() == RmgrIds.XLOG_CHECKPOINT_ONLINE
                || record.info() == RmgrIds.XLOG_CHECKPOINT_SHUTDOWN);
    }

    /** A record builder for this checkpoint. */
    public WalRecordBuilder toRecord(boolean shutdown) {
        return new WalRecordBuilder(RmgrIds.XLOG,
                shutdown ? RmgrIds.XLOG_CHECKPOINT_SHUTDOWN : RmgrIds.XLOG_CHECKPOINT_ONLINE, 0).mainData(encode());
    }
}
