package org.tusk.storage.recovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.StorageConstants;

/**
 * A page store for tests: relation files under the data directory, pages read into fresh memory and
 * written straight back when released dirty (no buffer pool: write-through).
 */
public final class TestPageStore implements RedoBufferAccess, AutoCloseable {

    private final Path dataDirectory;
    private final Arena arena = Arena.ofShared();

    public TestPageStore(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    @Override
    public MemorySegment readPage(RelFileLocator locator, ForkNumber fork, int block) {
        MemorySegment page = arena.allocate(StorageConstants.BLOCK_SIZE, 8);
        Path file = dataDirectory.resolve(locator.path(fork, 0));
        if (Files.exists(file)) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long offset = (long) block * StorageConstants.BLOCK_SIZE;
                if (channel.size() >= offset + StorageConstants.BLOCK_SIZE) {
                    ByteBuffer target = page.asByteBuffer();
                    while (target.hasRemaining()) {
                        channel.read(target, offset + target.position());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return page;
    }

    @Override
    public void release(RelFileLocator locator, ForkNumber fork, int block, MemorySegment page, boolean dirty) {
        if (dirty) {
            writePage(locator, fork, block, page);
        }
    }

    /** Writes a page to its file (what the buffer manager does after flushing WAL up to its LSN). */
    public void writePage(RelFileLocator locator, ForkNumber fork, int block, MemorySegment page) {
        Path file = dataDirectory.resolve(locator.path(fork, 0));
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ByteBuffer source = page.asByteBuffer();
                long offset = (long) block * StorageConstants.BLOCK_SIZE;
                while (source.hasRemaining()) {
                    channel.write(source, offset + source.position());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's bytes as stored now. */
    public byte[] pageBytes(RelFileLocator locator, int block) {
        return readPage(locator, ForkNumber.MAIN, block).toArray(ValueLayout.JAVA_BYTE);
    }

    @Override
    public void close() {
        arena.close();
    }
}
