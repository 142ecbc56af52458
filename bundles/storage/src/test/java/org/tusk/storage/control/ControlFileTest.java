package org.tusk.storage.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlFileTest {

    @TempDir
    Path dir;

    private final ControlFile.Data data = new ControlFile.Data(7_300_000_000_000_000_123L, DbState.IN_PRODUCTION,
            1_700_000_000L, 0x1000028L, 0x1000028L, 1, true, 742, 16384, 1_700_000_000L);

    @Test
    void writtenAndReadBack() throws IOException {
        ControlFile.create(dir, data);
        assertEquals(ControlFile.FILE_SIZE, Files.size(ControlFile.path(dir)));
        assertEquals(data, ControlFile.read(dir));
        ControlFile.Data next = data.withCheckpoint(DbState.SHUT_DOWN, 0x2000100L, 0x2000028L, 900, 17000, 1_700_000_100L);
        ControlFile.update(dir, next);
        assertEquals(next, ControlFile.read(dir));
        assertEquals(ControlFile.FILE_SIZE, Files.size(ControlFile.path(dir)));
    }

    @Test
    void theDataFitsInOneSector() {
        assertEquals(true, ControlFile.STRUCT_SIZE <= 512);
        byte[] image = ControlFile.encode(data).array();
        for (int i = ControlFile.STRUCT_SIZE; i < image.length; i++) {
            assertEquals(0, image[i], "byte " + i + " past the struct");
        }
    }

    @Test
    void everyCorruptedByteIsCaught() throws IOException {
        ControlFile.create(dir, data);
        Path file = ControlFile.path(dir);
        byte[] original = Files.readAllBytes(file);
        for (int i = 0; i < 88; i++) {
            if (i >= 8 && i < 12) {
                continue; // the version word is checked first, with its own message
            }
            byte[] corrupted = original.clone();
            corrupted[i] ^= 0x10;
            Files.write(file, corrupted);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ControlFile.read(dir), "byte " + i);
            assertEquals("incorrect checksum in control file", e.getMessage());
        }
        byte[] corrupted = original.clone();
        corrupted[8] ^= 1;
        Files.write(file, corrupted);
        assertEquals("database files are incompatible with server: The database cluster was initialized with"
                + " PG_CONTROL_VERSION 1301, but the server was compiled with PG_CONTROL_VERSION 1300.",
                assertThrows(IllegalStateException.class, () -> ControlFile.read(dir)).getMessage());
    }

    @Test
    void updateRewritesInPlace() throws IOException {
        ControlFile.create(dir, data);
        Object inode = Files.getAttribute(ControlFile.path(dir), "unix:ino");
        ControlFile.update(dir, data.withState(DbState.SHUT_DOWN, 1_700_000_200L));
        assertEquals(inode, Files.getAttribute(ControlFile.path(dir), "unix:ino"));
        try (FileChannel channel = FileChannel.open(ControlFile.path(dir), StandardOpenOption.READ)) {
            ByteBuffer state = ByteBuffer.allocate(4);
            channel.read(state, 12);
            assertEquals(DbState.SHUT_DOWN.ordinal(), state.get(0));
        }
        assertThrows(IllegalStateException.class, () -> ControlFile.read(dir.resolve("missing")));
    }
}
