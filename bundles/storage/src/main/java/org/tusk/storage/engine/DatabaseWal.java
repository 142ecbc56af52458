package org.tusk.storage.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.recovery.RedoContext;
import org.tusk.storage.recovery.ResourceManager;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.storage.wal.RmgrIds;
import org.tusk.storage.wal.WalRecord;
import org.tusk.storage.wal.WalRecordBuilder;

/**
 * The "Database" resource manager (PostgreSQL's RM_DBASE_ID): XLOG_DBASE_CREATE_FILE_COPY (copy
 * {@code base/<template>} to {@code base/<database>}) and XLOG_DBASE_DROP (remove
 * {@code base/<database>}). Main data: the database OID(s), ints, little-endian. Redo does what the
 * backend did, buffers first: the template's dirty pages are written before its files are copied,
 * the dropped database's pages are forgotten before its files go.
 */
final class DatabaseWal implements ResourceManager {

    static final int CREATE_FILE_COPY = 0x00;
    static final int DROP = 0x10;

    private final Path dataDirectory;
    private final BufferManager buffers;
    private final StorageManager smgr;

    DatabaseWal(Path dataDirectory, BufferManager buffers, StorageManager smgr) {
        this.dataDirectory = dataDirectory;
        this.buffers = buffers;
        this.smgr = smgr;
    }

    static WalRecordBuilder createRecord(long xid, int template, int database) {
        byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(template).putInt(database).array();
        return new WalRecordBuilder(RmgrIds.DATABASE, CREATE_FILE_COPY, xid).mainData(data);
    }

    static WalRecordBuilder dropRecord(long xid, int database) {
        byte[] data = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(database).array();
        return new WalRecordBuilder(RmgrIds.DATABASE, DROP, xid).mainData(data);
    }

    /** Writes the database's dirty buffers, then copies its files (FILE_COPY). */
    static void copy(Path dataDirectory, BufferManager buffers, int template, int database) {
        Path source = DatabaseFiles.directory(dataDirectory, template);
        for (int rel : DatabaseFiles.relations(source)) {
            buffers.flushRelation(RelFileLocator.of(template, rel));
        }
        DatabaseFiles.copy(source, DatabaseFiles.directory(dataDirectory, database));
    }

    /** Forgets the database's buffers, unlinks its relations and removes its directory. */
    static void remove(Path dataDirectory, BufferManager buffers, StorageManager smgr, int database) {
        Path dir = DatabaseFiles.directory(dataDirectory, database);
        for (int rel : DatabaseFiles.relations(dir)) {
            RelFileLocator locator = RelFileLocator.of(database, rel);
            buffers.dropRelationAllForks(locator);
            smgr.unlink(locator);
        }
        DatabaseFiles.remove(dir);
    }

    @Override
    public int id() {
        return RmgrIds.DATABASE;
    }

    @Override
    public String name() {
        return "Database";
    }

    @Override
    public void redo(WalRecord record, RedoContext context) {
        ByteBuffer b = record.mainDataBuffer().order(ByteOrder.LITTLE_ENDIAN);
        switch (record.info()) {
            case CREATE_FILE_COPY -> {
                int template = b.getInt();
                int database = b.getInt();
                // Pages of an older incarnation of the target are stale now.
                remove(dataDirectory, buffers, smgr, database);
                copy(dataDirectory, buffers, template, database);
            }
            case DROP -> remove(dataDirectory, buffers, smgr, b.getInt());
            default -> throw new IllegalStateException("dbase_redo: unknown op code " + record.info());
        }
    }
}
