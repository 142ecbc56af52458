package org.tusk.storage.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.tusk.storage.common.StorageConstants;

/**
 * {@code global/pg_control}: the few facts recovery starts from (PostgreSQL's ControlFileData).
 *
 * <p>The file is 8 kB, but the data is a struct of {@value #STRUCT_SIZE} bytes at its start, well under
 * one 512-byte disk sector, protected by a CRC-32C. It is rewritten in place with a single write and
 * an fsync, as PostgreSQL does: a sector is written atomically by the disk, so after a crash the
 * file holds either the old or the new struct, never a mix, and the CRC catches anything else. The
 * rest of the 8 kB is zeroes, written too, so a reader never hits a premature end of file.
 *
 * <p>Who writes it: initdb (bootstrap), the startup process (state changes around recovery) and the
 * checkpointer (each checkpoint); never two at once, since they run one after the other. PostgreSQL
 * serializes them with ControlFileLock; when they become concurrent processes here, an LWLock will do.
 *
 * <pre>
 *  0  system identifier (long)          8  pg_control version (int)     12 state (int, DbState ordinal)
 *  16 time of last update (long, epoch seconds)
 *  24 latest checkpoint location (long)
 *  32 latest checkpoint: redo (long), 40 timeline (int), 44 full_page_writes (int),
 *     48 next xid (long), 56 next OID (int), 60 reserved, 64 checkpoint time (long)
 *  72 BLCKSZ (int)  76 RELSEG_SIZE (int)  80 XLOG_BLCKSZ (int)  84 WAL segment size (int)
 *  88 CRC-32C of bytes [0, 88) (int)
 * </pre>
 */
public final class ControlFile {

    /** PostgreSQL 15's PG_CONTROL_VERSION; ours has its own layout, so it only guards against foreign files. */
    public static final int VERSION = 1300;
    public static final int FILE_SIZE = 8192;
    public static final int STRUCT_SIZE = 92;
    private static final int OFF_CRC = 88;
    private static final int WAL_PAGE = 8192;

    /** The file's contents. Times are seconds since the epoch, like pg_time_t. */
    public record Data(long systemIdentifier, DbState state, long time, long checkPoint, long redo, int timeline,
            boolean fullPageWrites, long nextXid, int nextOid, long checkPointTime) {

        public Data withState(DbState newState, long now) {
            return new Data(systemIdentifier, newState, now, checkPoint, redo, timeline, fullPageWrites, nextXid,
                    nextOid, checkPointTime);
        }

        /** After a checkpoint record at {@code location}. */
        public Data withCheckpoint(DbState newState, long location, long newRedo, long newNextXid, int newNextOid,
                long now) {
            return new Data(systemIdentifier, newState, now, location, newRedo, timeline, fullPageWrites, newNextXid,
                    newNextOid, now);
        }
    }

    private ControlFile() {
    }

    public static Path path(Path dataDirectory) {
        return dataDirectory.resolve("global").resolve("pg_control");
    }

    /** Reads and checks the control file (ReadControlFile); errors carry PostgreSQL's messages. */
    public static Data read(Path dataDirectory) {
        Path file = path(dataDirectory);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("could not open file \"" + file + "\": No such file or directory", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read file \"" + file + "\"", e);
        }
        if (bytes.length < STRUCT_SIZE) {
            throw new IllegalStateException("could not read file \"" + file + "\": read " + bytes.length + " of "
                    + STRUCT_SIZE);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int version = b.getInt(8);
        if (version != VERSION) {
            throw new IllegalStateException("database files are incompatible with server: The database cluster was"
                    + " initialized with PG_CONTROL_VERSION " + version + ", but the server was compiled with"
                    + " PG_CONTROL_VERSION " + VERSION + ".");
        }
        if (b.getInt(OFF_CRC) != crc(bytes)) {
            throw new IllegalStateException("incorrect checksum in control file");
        }
        checkCompiled(b.getInt(72), StorageConstants.BLOCK_SIZE, "BLCKSZ");
        checkCompiled(b.getInt(76), StorageConstants.BLOCKS_PER_SEGMENT, "RELSEG_SIZE");
        checkCompiled(b.getInt(80), WAL_PAGE, "XLOG_BLCKSZ");
        checkCompiled(b.getInt(84), StorageConstants.WAL_SEGMENT_SIZE, "wal_segment_size");
        int state = b.getInt(12);
        if (state < 0 || state >= DbState.values().length) {
            throw new IllegalStateException("control file contains invalid database cluster state");
        }
        return new Data(b.getLong(0), DbState.values()[state], b.getLong(16), b.getLong(24), b.getLong(32),
                b.getInt(40), b.getInt(44) != 0, b.getLong(48), b.getInt(56), b.getLong(64));
    }

    private static void checkCompiled(int stored, int compiled, String name) {
        if (stored != compiled) {
            throw new IllegalStateException("database files are incompatible with server: The database cluster was"
                    + " initialized with " + name + " " + stored + ", but the server was compiled with " + name + " "
                    + compiled + ".");
        }
    }

    /** Writes a new control file (initdb): into a new file, synced, directory synced. */
    public static void create(Path dataDirectory, Data data) {
        Path file = path(dataDirectory);
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeAll(channel, encode(data));
                channel.force(true);
            }
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create file \"" + file + "\"", e);
        }
    }

    /**
     * Rewrites the control file in place (update_controlfile): one write of the 8 kB image whose data
     * fits in the first sector, then fsync. Returns only once the new contents are durable.
     */
    public static void update(Path dataDirectory, Data data) {
        Path file = path(dataDirectory);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            writeAll(channel, encode(data));
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to file \"" + file + "\"", e);
        }
    }

    private static void writeAll(FileChannel channel, ByteBuffer image) throws IOException {
        while (image.hasRemaining()) {
            channel.write(image, image.position());
        }
    }

    static ByteBuffer encode(Data d) {
        byte[] bytes = new byte[FILE_SIZE];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, d.systemIdentifier());
        b.putInt(8, VERSION);
        b.putInt(12, d.state().ordinal());
        b.putLong(16, d.time());
        b.putLong(24, d.checkPoint());
        b.putLong(32, d.redo());
        b.putInt(40, d.timeline());
        b.putInt(44, d.fullPageWrites() ? 1 : 0);
        b.putLong(48, d.nextXid());
        b.putInt(56, d.nextOid());
        b.putLong(64, d.checkPointTime());
        b.putInt(72, StorageConstants.BLOCK_SIZE);
        b.putInt(76, StorageConstants.BLOCKS_PER_SEGMENT);
        b.putInt(80, WAL_PAGE);
        b.putInt(84, StorageConstants.WAL_SEGMENT_SIZE);
        b.putInt(OFF_CRC, crc(bytes));
        return b;
    }

    private static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, OFF_CRC);
        return (int) crc.getValue();
    }

    /**
     * A system identifier the way initdb makes one: seconds since the epoch in the high 32 bits, then
     * microseconds and the pid's low bits, so two clusters practically never share one.
     */
    public static long newSystemIdentifier() {
        long micros = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
        long seconds = micros / 1_000_000;
        long usec = micros % 1_000_000;
        return seconds << 32 | usec << 12 | (ProcessHandle.current().pid() & 0xFFF);
    }
}
