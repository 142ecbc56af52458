package org.tusk.storage.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.shmem.SharedMemory;

/** The postmaster's three moments: create at start, recreate after a crash, remove at shutdown. */
class SharedStorageServiceTest {

    @TempDir
    Path dataDirectory;

    @Test
    void startCreatesAPrivateSegmentSizedFromTheSettingsThatBackendsCanAttach() throws Exception {
        SharedStorageService service = new SharedStorageService();
        service.start(dataDirectory, Map.of("shared_buffers", "1MB", "max_connections", "10"));
        try {
            Path file = service.sharedMemoryPath();
            assertTrue(Files.exists(file));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(1, service.generation());
            try (SharedMemory attached = SharedMemory.attach(file)) {
                assertTrue(attached.size() >= 128 * 8192L, "room for 128 buffers of 8 kB: " + attached.size());
                assertEquals(1, attached.generation());
            }
        } finally {
            service.stop();
        }
    }

    @Test
    void reinitializeMakesTheNextGenerationAndStopRemovesTheFile() {
        SharedStorageService service = new SharedStorageService();
        service.start(dataDirectory, Map.of("shared_buffers", "16"));
        Path file = service.sharedMemoryPath();
        service.reinitialize();
        assertEquals(2, service.generation());
        assertEquals(file, service.sharedMemoryPath(), "same file name: a restarted postmaster finds it");
        try (SharedMemory attached = SharedMemory.attach(file)) {
            assertEquals(2, attached.generation());
        }
        service.stop();
        assertFalse(Files.exists(file));
        assertEquals(0, service.generation());
        service.stop(); // idempotent
    }

    @Test
    void aSegmentLeftByAKilledPostmasterIsReplacedByTheNextGeneration() {
        SharedStorageService killed = new SharedStorageService();
        killed.start(dataDirectory, Map.of("shared_buffers", "16"));
        // no stop(): the process "died"; a new postmaster on the same data directory starts
        SharedStorageService next = new SharedStorageService();
        next.start(dataDirectory, Map.of("shared_buffers", "16"));
        try {
            assertEquals(2, next.generation());
        } finally {
            next.stop();
            killed.stop();
        }
    }

    @Test
    void eachDataDirectoryHasItsOwnSegment(@TempDir Path other) {
        assertNotEquals(SharedStorageService.segmentFile(dataDirectory), SharedStorageService.segmentFile(other));
    }

    @Test
    void sharedBuffersUsesPostgresUnits() {
        assertEquals(16384, SharedStorageService.sharedBuffersPages("128MB"));
        assertEquals(16384, SharedStorageService.sharedBuffersPages("16384"));
        assertEquals(128, SharedStorageService.sharedBuffersPages("1024kB"));
        assertEquals(131072, SharedStorageService.sharedBuffersPages("1GB"));
        IllegalArgumentException unit = assertThrows(IllegalArgumentException.class,
                () -> SharedStorageService.sharedBuffersPages("12 parsecs"));
        assertTrue(unit.getMessage().contains("Valid units for this parameter"), unit.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SharedStorageService.sharedBuffersPages("8"));
    }
}
