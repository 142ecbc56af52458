package org.tusk.storage.wal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * This process's open WAL segment files under {@code pg_wal/} (PostgreSQL's openLogFile in xlog.c).
 *
 * <p>Used only while holding the WAL write lock, which serializes every write and sync in the cluster,
 * so it needs no locking of its own. It keeps one segment open (the one being written) and opens others
 * on demand. A new segment is created the way PostgreSQL's XLogFileInit does it: zero-filled in a
 * temporary file, synced, then renamed into place, so that later {@code fdatasync}s never have to
 * update the file's size and a crash never leaves a half-created segment under a real name.
 */
final class WalFiles implements AutoCloseable {

    static final int TIMELINE = 1;
    private static final int ZERO_CHUNK = 1 << 20;

    private final Path directory;
    private final SyncMethod method;
    private final boolean fsync;
    private long openSegment = -1;
    private FileChannel openChannel;

    WalFiles(Path directory, SyncMethod method, boolean fsync) {
        this.directory = directory;
        this.method = method;
        this.fsync = fsync;
    }

    Path directory() {
        return directory;
    }

    Path path(long segNo) {
        return directory.resolve(WalAddressing.segmentFileName(TIMELINE, segNo));
    }

    /** Writes {@code data} at {@code offset} of segment {@code segNo}, creating the segment if needed. */
    void write(long segNo, long offset, ByteBuffer data) {
        FileChannel channel = channel(segNo);
        try {
            long position = offset;
            while (data.hasRemaining()) {
                position += channel.write(data, position);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to log file " + path(segNo).getFileName()
                    + " at offset " + offset, e);
        }
    }

    /** Makes segment {@code segNo} durable; returns false if there was nothing to do (fsync off, open_*). */
    boolean sync(long segNo) {
        if (!fsync || method.syncsOnWrite()) {
            return false;
        }
        try {
            channel(segNo).force(method == SyncMethod.FSYNC);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not " + method.settingName() + " file \""
                    + path(segNo).getFileName() + "\"", e);
        }
    }

    private FileChannel channel(long segNo) {
        if (segNo == openSegment) {
            return openChannel;
        }
        closeOpen();
        Path file = path(segNo);
        if (!Files.exists(file)) {
            create(segNo);
        }
        Set<StandardOpenOption> options = new HashSet<>(Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE));
        if (fsync && method == SyncMethod.OPEN_DATASYNC) {
            options.add(StandardOpenOption.DSYNC);
        } else if (fsync && method == SyncMethod.OPEN_SYNC) {
            options.add(StandardOpenOption.SYNC);
        }
        try {
            openChannel = FileChannel.open(file, options);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open file \"" + file + "\"", e);
        }
        openSegment = segNo;
        return openChannel;
    }

    /** Creates a zero-filled segment under its final name (XLogFileInit). */
    private void create(long segNo) {
        Path temp = directory.resolve("xlogtemp." + ProcessHandle.current().pid());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer zeros = ByteBuffer.allocateDirect(ZERO_CHUNK);
                for (long written = 0; written < WalAddressing.SEGMENT_SIZE; written += ZERO_CHUNK) {
                    zeros.clear();
                    while (zeros.hasRemaining()) {
                        channel.write(zeros, written + zeros.position());
                    }
                }
                if (fsync) {
                    channel.force(true);
                }
            }
            Files.move(temp, path(segNo), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(directory, fsync);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create file \"" + path(segNo) + "\"", e);
        }
    }

    /** fsync of a directory, so that a rename or unlink in it survives a crash. */
    static void syncDirectory(Path directory, boolean fsync) throws IOException {
        if (fsync) {
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            }
        }
    }

    /** Forgets an open segment that is about to be removed or renamed. */
    void forget(long segNo) {
        if (segNo == openSegment) {
            closeOpen();
        }
    }

    private void closeOpen() {
        if (openChannel != null) {
            try {
                openChannel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not close log file " + path(openSegment).getFileName(), e);
            }
            openChannel = null;
            openSegment = -1;
        }
    }

    @Override
    public void close() {
        closeOpen();
    }
}
