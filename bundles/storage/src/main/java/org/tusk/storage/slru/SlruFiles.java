package org.tusk.storage.slru;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.tusk.storage.common.StorageConstants;

/**
 * The physical side of an SLRU: pages live in segment files of {@link #PAGES_PER_SEGMENT} pages
 * (256 kB) in one directory, named by the segment number in 15 upper-case hex digits (PostgreSQL 17's
 * "long segment names", needed because page numbers of 64-bit xids exceed 16 bits).
 *
 * <p>Each I/O opens and closes its file: SLRU I/O happens on a cache miss or a checkpoint, rarely
 * enough that keeping descriptors open (and shared across processes, which is impossible) is not
 * worth it. A page that is not on disk (missing file, or a file too short) reads as zeros: an all-zero
 * page is a valid page for every SLRU here (clog: all "in progress"; subtrans: no parents).
 */
final class SlruFiles {

    /** Pages per segment file: PostgreSQL's SLRU_PAGES_PER_SEGMENT. */
    static final int PAGES_PER_SEGMENT = 32;
    private static final int PAGE = StorageConstants.BLOCK_SIZE;

    private final Path directory;
    private final boolean fsync;

    SlruFiles(Path directory, boolean fsync) {
        this.directory = directory;
        this.fsync = fsync;
    }

    Path directory() {
        return directory;
    }

    static String segmentName(long segment) {
        return String.format(Locale.ROOT, "%015X", segment);
    }

    Path segmentPath(long pageNumber) {
        return directory.resolve(segmentName(pageNumber / PAGES_PER_SEGMENT));
    }

    /** Fills {@code page} with the page's bytes from disk, zeros where the file has none. */
    void read(long pageNumber, MemorySegment page) {
        page.fill((byte) 0);
        long position = (pageNumber % PAGES_PER_SEGMENT) * PAGE;
        ByteBuffer buffer = page.asByteBuffer();
        try (FileChannel channel = FileChannel.open(segmentPath(pageNumber), StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position + buffer.position());
                if (n < 0) {
                    break; // past the end of the file: the rest stays zero
                }
            }
        } catch (NoSuchFileException e) {
            // never written: an all-zero page
        } catch (IOException e) {
            throw new UncheckedIOException("could not read page " + pageNumber + " of " + directory, e);
        }
    }

    /**
     * Writes the page to its segment file, creating the file if needed. With fsync on (pg_xact) the
     * write is forced to disk at once: SLRU writes happen only on eviction and at checkpoints, so the
     * cost is rare, and no fsync request queue is needed to make evicted pages durable by the next
     * checkpoint.
     */
    void write(long pageNumber, MemorySegment page) {
        long position = (pageNumber % PAGES_PER_SEGMENT) * PAGE;
        ByteBuffer buffer = page.asByteBuffer();
        try (FileChannel channel = FileChannel.open(segmentPath(pageNumber), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            while (buffer.hasRemaining()) {
                channel.write(buffer, position + buffer.position());
            }
            if (fsync) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write page " + pageNumber + " of " + directory, e);
        }
    }

    /** Deletes every segment file that holds only pages below {@code cutoffPage}. */
    int deleteSegmentsBefore(long cutoffPage) {
        long cutoffSegment = cutoffPage / PAGES_PER_SEGMENT;
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.length() != 15 || !name.matches("[0-9A-F]+")) {
                    continue;
                }
                if (Long.parseLong(name, 16) < cutoffSegment) {
                    Files.deleteIfExists(file);
                    deleted++;
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("could not truncate " + directory, e);
        }
        return deleted;
    }

    /** Deletes every segment file (pg_subtrans at start-up: its contents do not survive a restart). */
    void deleteAll() {
        deleteSegmentsBefore(Long.MAX_VALUE);
    }

    void createDirectory() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create directory " + directory, e);
        }
    }
}
