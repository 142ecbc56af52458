package org.tusk.storage.wal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.tusk.storage.common.TransactionIds;
import org.tusk.storage.control.ControlFile;
import org.tusk.storage.control.DbState;

/**
 * A new cluster's WAL and control file (PostgreSQL's BootStrapXLOG, run by initdb): segment 1 with a
 * shutdown checkpoint record at 0/1000028 whose redo points at itself, and a control file in state
 * "shut down" pointing at it. Written directly to disk, without shared memory, like PostgreSQL does.
 */
public final class WalBootstrap {

    /** PostgreSQL's FirstGenbkiObjectId: where initdb starts handing out OIDs. */
    public static final int FIRST_OID = 10000;

    private WalBootstrap() {
    }

    /** Creates {@code pg_wal/} and {@code global/pg_control}; returns the control file written. */
    public static ControlFile.Data bootstrap(Path dataDirectory, long systemIdentifier, boolean fullPageWrites) {
        Path walDirectory = dataDirectory.resolve("pg_wal");
        try {
            Files.createDirectories(walDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create directory \"" + walDirectory + "\"", e);
        }
        long location = WalAddressing.FIRST_RECORD;
        long now = Instant.now().getEpochSecond();
        CheckpointRecord checkpoint = new CheckpointRecord(location, 1, fullPageWrites, TransactionIds.FIRST_NORMAL,
                FIRST_OID, now);
        byte[] record = checkpoint.toRecord(true).assemble(0, false, new boolean[1]);
        ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).putInt(WalRecord.OFF_CRC,
                WalRecord.computeCrc(record, record.length));
        try (Arena arena = Arena.ofConfined(); WalFiles files = new WalFiles(walDirectory, SyncMethod.FDATASYNC, true)) {
            MemorySegment page = arena.allocate(WalAddressing.PAGE_SIZE);
            Wal.formatPageHeader(page, WalAddressing.SEGMENT_SIZE, systemIdentifier);
            MemorySegment.copy(record, 0, page, ValueLayout.JAVA_BYTE, WalAddressing.LONG_HEADER, record.length);
            long segNo = WalAddressing.segmentOf(location);
            files.write(segNo, 0, page.asByteBuffer());
            files.sync(segNo);
        }
        ControlFile.Data control = new ControlFile.Data(systemIdentifier, DbState.SHUT_DOWN, now, location, location,
                1, fullPageWrites, checkpoint.nextXid(), checkpoint.nextOid(), now);
        ControlFile.create(dataDirectory, control);
        return control;
    }
}
