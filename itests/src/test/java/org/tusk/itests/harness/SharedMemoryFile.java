package org.tusk.itests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server's shared-memory segment seen from outside, as an administrator would look at
 * {@code /dev/shm}: where the storage bundle puts it for a data directory, and the generation in its
 * header (1 at start, one more after each crash re-initialization). Reads the documented layout
 * (bundles/storage/README.md) rather than using the storage bundle's private classes.
 */
public record SharedMemoryFile(Path path) {

    private static final long MAGIC = 0x314D48534B535554L; // "TUSKSHM1"

    public static SharedMemoryFile of(Path dataDirectory) {
        try {
            String real = dataDirectory.toRealPath().toString();
            String name = "tusk." + Integer.toHexString(real.hashCode()) + ".shm";
            // On /dev/shm when it has room, else in the data directory.
            Path onShm = Path.of("/dev/shm", name);
            return new SharedMemoryFile(Files.exists(onShm) || !Files.exists(dataDirectory.resolve(name))
                    ? onShm : dataDirectory.toRealPath().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists() {
        return Files.exists(path);
    }

    public long generation() {
        try (FileChannel ch = FileChannel.open(path)) {
            ByteBuffer header = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(header, 0);
            if (header.getLong(0) != MAGIC) {
                throw new IllegalStateException(path + " is not a Tusk shared memory segment");
            }
            return header.getLong(24);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
