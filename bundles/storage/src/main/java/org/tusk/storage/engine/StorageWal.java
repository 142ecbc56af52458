package org.tusk.storage.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.recovery.RedoContext;
import org.tusk.storage.recovery.ResourceManager;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.storage.wal.RmgrIds;
import org.tusk.storage.wal.WalRecord;
import org.tusk.storage.wal.WalRecordBuilder;

/**
 * The "Storage" resource manager (PostgreSQL's RM_SMGR_ID), for now only XLOG_SMGR_CREATE: a new
 * relation file is WAL-logged so that recovery re-creates it even if the file never reached the
 * disk. Main data: tablespace, database, relation number, fork (ints, little-endian).
 */
final class StorageWal implements ResourceManager {

    static final int CREATE = 0x10;

    private final StorageManager smgr;

    StorageWal(StorageManager smgr) {
        this.smgr = smgr;
    }

    static WalRecordBuilder createRecord(RelFileLocator rel, ForkNumber fork) {
        byte[] data = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(rel.tablespace())
                .putInt(rel.database()).putInt(rel.relNumber()).putInt(fork.ordinal()).array();
        return new WalRecordBuilder(RmgrIds.STORAGE, CREATE, 0).mainData(data);
    }

    @Override
    public int id() {
        return RmgrIds.STORAGE;
    }

    @Override
    public String name() {
        return "Storage";
    }

    @Override
    public void redo(WalRecord record, RedoContext context) {
        if (record.info() != CREATE) {
            throw new IllegalStateException("smgr_redo: unknown op code " + record.info());
        }
        ByteBuffer b = record.mainDataBuffer();
        RelFileLocator rel = new RelFileLocator(b.getInt(), b.getInt(), b.getInt());
        smgr.create(rel, ForkNumber.values()[b.getInt()], true);
    }
}
