package org.tusk.storage.shmem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedMemoryTest {

    @TempDir
    Path dir;

    @Test
    void allocatesNamedStructuresOnCacheLineBoundaries() {
        try (SharedMemory shm = SharedMemory.create(dir.resolve("seg"), 64 * 1024)) {
            MemorySegment a = shm.allocate("Buffer Descriptors", 10);
            MemorySegment b = shm.allocate("Proc Array", 100);
            MemorySegment c = shm.allocate("é-named", 1);
            for (MemorySegment s : new MemorySegment[] {a, b, c}) {
                assertEquals(0, s.address() % SharedMemory.ALIGNMENT, "aligned");
            }
            assertEquals(10, a.byteSize());
            assertEquals(SharedMemory.HEADER_SIZE, shm.allocations().get(0).offset());
            assertEquals(SharedMemory.HEADER_SIZE + 64, shm.allocations().get(1).offset());
            assertEquals(SharedMemory.HEADER_SIZE + 64 + 128, shm.allocations().get(2).offset());
            assertEquals("é-named", shm.allocations().get(2).name());
            assertEquals(1, shm.generation());
            assertEquals(ProcessHandle.current().pid(), shm.creatorPid());
        }
    }

    @Test
    void attachFindsTheSameStructuresAndContents() {
        Path file = dir.resolve("seg");
        try (SharedMemory creator = SharedMemory.create(file, 64 * 1024)) {
            creator.allocate("first", 24);
            creator.allocate("second", 8).set(ValueLayout.JAVA_LONG, 0, 42L);
            try (SharedMemory other = SharedMemory.attach(file)) {
                assertEquals(creator.allocations(), other.allocations());
                assertEquals(42L, other.lookup("second").get(ValueLayout.JAVA_LONG, 0));
                assertEquals(24, other.lookup("first").byteSize());
                // A write through one mapping is visible through the other.
                other.lookup("first").set(ValueLayout.JAVA_INT, 4, 7);
                assertEquals(7, creator.lookup("first").get(ValueLayout.JAVA_INT, 4));
                assertThrows(NoSuchElementException.class, () -> other.lookup("third"));
            }
        }
    }

    @Test
    void refusesDuplicateAndBadNames() {
        try (SharedMemory shm = SharedMemory.create(dir.resolve("seg"), 64 * 1024)) {
            shm.allocate("x", 8);
            assertThrows(IllegalArgumentException.class, () -> shm.allocate("x", 8));
            assertThrows(IllegalArgumentException.class, () -> shm.allocate("", 8));
            assertThrows(IllegalArgumentException.class, () -> shm.allocate("n".repeat(49), 8));
            shm.allocate("n".repeat(48), 8);
            assertEquals("n".repeat(48), shm.allocations().get(1).name());
        }
    }

    @Test
    void reportsOutOfSharedMemory() {
        long size = SharedMemory.HEADER_SIZE + 1024;
        try (SharedMemory shm = SharedMemory.create(dir.resolve("seg"), size)) {
            shm.allocate("fits", 1000); // rounds up to 1024: the segment is now full
            OutOfSharedMemoryException e =
                    assertThrows(OutOfSharedMemoryException.class, () -> shm.allocate("too big", 100));
            assertTrue(e.getMessage().startsWith("out of shared memory"), e.getMessage());
            assertThrows(OutOfSharedMemoryException.class, () -> shm.allocate("small", 1));
            assertEquals(0, shm.freeBytes());
            assertEquals(1, shm.allocations().size());
        }
    }

    @Test
    void reportsFullDirectory() {
        try (SharedMemory shm = SharedMemory.create(dir.resolve("seg"), 64 * 1024)) {
            for (int i = 0; i < SharedMemory.DIRECTORY_CAPACITY; i++) {
                shm.allocate("s" + i, 8);
            }
            assertThrows(OutOfSharedMemoryException.class, () -> shm.allocate("one more", 8));
        }
    }

    @Test
    void reinitializationBumpsTheGenerationAndStartsClean() {
        Path file = dir.resolve("seg");
        try (SharedMemory first = SharedMemory.create(file, 64 * 1024)) {
            first.allocate("a", 8).set(ValueLayout.JAVA_LONG, 0, 99L);
            // The postmaster re-creates the segment after a crash while old mappings may still exist.
            try (SharedMemory second = SharedMemory.create(file, 64 * 1024)) {
                assertEquals(2, second.generation());
                assertTrue(second.allocations().isEmpty());
                assertEquals(0L, second.allocate("a", 8).get(ValueLayout.JAVA_LONG, 0));
                // The previous generation's mapping still works (the file was unlinked, not truncated).
                assertEquals(99L, first.lookup("a").get(ValueLayout.JAVA_LONG, 0));
                try (SharedMemory attached = SharedMemory.attach(file)) {
                    assertEquals(2, attached.generation());
                }
            }
        }
    }

    @Test
    void attachRejectsForeignFiles() throws Exception {
        Path file = dir.resolve("junk");
        Files.write(file, new byte[8192]);
        assertThrows(IllegalStateException.class, () -> SharedMemory.attach(file));
        Files.write(file, new byte[100]);
        assertThrows(IllegalStateException.class, () -> SharedMemory.attach(file));
    }
}
