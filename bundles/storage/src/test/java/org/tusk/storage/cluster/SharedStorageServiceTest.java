package org.tusk.storage.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.access.AccessException;
import org.tusk.storage.access.ColumnType;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.StorageAccess;
import org.tusk.storage.access.StorageSession;
import org.tusk.storage.access.TableShape;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.control.ControlFile;
import org.tusk.storage.control.DbState;
import org.tusk.storage.engine.EngineSettings;
import org.tusk.storage.engine.HeapRow;
import org.tusk.storage.engine.HeapTable;
import org.tusk.storage.engine.Session;
import org.tusk.storage.heap.Attribute;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.heap.TupleDescriptor;
import org.tusk.storage.shmem.SharedMemory;
import org.tusk.storage.xact.IsolationLevel;

/**
 * The postmaster's three moments with the real engine: start (segment created, data directory
 * bootstrapped or recovered), reinitialize after a crash (next generation, committed rows recovered
 * from the WAL), stop (shutdown checkpoint, segment removed).
 */
class SharedStorageServiceTest {

    private static final Map<String, String> SMALL = Map.of("shared_buffers", "1MB", "max_connections", "10",
            "wal_buffers", "64kB");

    @TempDir
    Path dataDirectory;

    @Test
    void startCreatesAPrivateSegmentSizedFromTheSettingsAndBootstrapsTheDataDirectory() throws Exception {
        SharedStorageService service = new SharedStorageService();
        service.start(dataDirectory, SMALL);
        try {
            Path file = service.sharedMemoryPath();
            assertTrue(Files.exists(file));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(1, service.generation());
            try (SharedMemory attached = SharedMemory.attach(file)) {
                assertTrue(attached.size() >= 128 * 8192L, "room for 128 buffers of 8 kB: " + attached.size());
                assertEquals(1, attached.generation());
                assertTrue(attached.allocations().stream().anyMatch(a -> a.name().equals("buffer descriptors")));
                assertTrue(attached.allocations().stream().anyMatch(a -> a.name().equals("wal buffers")));
            }
            assertTrue(Files.exists(dataDirectory.resolve("global/pg_control")), "control file written");
            try (var wal = Files.list(dataDirectory.resolve("pg_wal"))) {
                assertTrue(wal.anyMatch(p -> p.getFileName().toString().matches("[0-9A-F]{24}")), "a WAL segment");
            }
        } finally {
            service.stop();
        }
        assertEquals(DbState.SHUT_DOWN, ControlFile.read(dataDirectory).state(), "shutdown checkpoint");
    }

    @Test
    void aCrashReinitializationRecoversCommittedRowsIntoTheNextGeneration() {
        SharedStorageService service = new SharedStorageService();
        service.start(dataDirectory, SMALL);
        Path file = service.sharedMemoryPath();
        RelFileLocator rel = RelFileLocator.of(5, 16384);
        TupleDescriptor desc = new TupleDescriptor(List.of(Attribute.of("id", PgType.INT4, true),
                Attribute.of("note", PgType.TEXT, false)));
        try (Session s = service.engine().session(0)) {
            HeapTable table = s.createTable(rel, desc);
            s.begin(IsolationLevel.READ_COMMITTED);
            s.heap().insert(table, new Object[] {1, "committed"});
            s.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            s.heap().insert(table, new Object[] {2, "in flight at the crash"});
            service.reinitialize(); // the backend "crashed" mid-transaction
        } catch (RuntimeException expected) {
            // closing a session of the abandoned generation may fail; it is gone either way
        }
        try {
            assertEquals(2, service.generation());
            assertEquals(file, service.sharedMemoryPath(), "same file name: a restarted postmaster finds it");
            try (Session s = service.engine().session(0)) {
                HeapTable table = new HeapTable(rel, desc);
                s.begin(IsolationLevel.READ_COMMITTED);
                List<Object> ids = s.heap().scan(table, s.snapshot()).stream().map(HeapRow::values)
                        .map(v -> v[0]).toList();
                s.commit();
                assertEquals(List.of(1), ids, "the committed row is back, the in-flight one is not");
            }
        } finally {
            service.stop();
        }
        assertFalse(Files.exists(file));
        assertEquals(0, service.generation());
        service.stop(); // idempotent
    }

    @Test
    void eachDataDirectoryHasItsOwnSegment(@TempDir Path other) {
        assertNotEquals(SharedStorageService.segmentFile(dataDirectory, 1 << 20),
                SharedStorageService.segmentFile(other, 1 << 20));
    }

    @Test
    void aSegmentLargerThanDevShmGoesIntoTheDataDirectory() throws Exception {
        long huge = Files.getFileStore(Path.of("/tmp")).getTotalSpace() * 4 + (1L << 40);
        assertEquals(dataDirectory.toRealPath(), SharedStorageService.segmentFile(dataDirectory, huge).getParent(),
                "no tmpfs has room for more than the disk: a file in the data directory instead of a SIGBUS later");
    }

    @Test
    void settingsUsePostgresNamesDefaultsAndUnits() {
        EngineSettings defaults = ServerStorageSettings.of(Map.of());
        assertEquals(16384, defaults.sharedBuffers(), "128MB");
        assertEquals(100, defaults.maxConnections());
        assertEquals(512, defaults.wal().walBuffers(), "-1: 1/32 of shared_buffers");
        assertEquals(Duration.ofMinutes(5), defaults.wal().checkpointTimeout());
        assertEquals(1L << 30, defaults.wal().maxWalSize());
        assertEquals(Duration.ofSeconds(1), defaults.deadlockTimeout());
        assertTrue(defaults.wal().synchronousCommit());

        EngineSettings set = ServerStorageSettings.of(Map.of("shared_buffers", "16384", "wal_buffers", "1MB",
                "checkpoint_timeout", "30", "max_wal_size", "64", "deadlock_timeout", "50",
                "synchronous_commit", "off", "fsync", "off", "wal_sync_method", "open_datasync"));
        assertEquals(16384, set.sharedBuffers(), "a bare number is 8 kB pages");
        assertEquals(128, set.wal().walBuffers());
        assertEquals(Duration.ofSeconds(30), set.wal().checkpointTimeout(), "a bare number is seconds");
        assertEquals(64L << 20, set.wal().maxWalSize(), "a bare number is MB");
        assertEquals(Duration.ofMillis(50), set.deadlockTimeout(), "a bare number is milliseconds");
        assertFalse(set.wal().synchronousCommit());
        assertFalse(set.wal().fsync());

        IllegalArgumentException unit = assertThrows(IllegalArgumentException.class,
                () -> ServerStorageSettings.of(Map.of("shared_buffers", "12 parsecs")));
        assertTrue(unit.getMessage().contains("Valid units for this parameter"), unit.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServerStorageSettings.of(Map.of("shared_buffers", "8")));
        assertThrows(IllegalArgumentException.class, () -> ServerStorageSettings.of(Map.of("fsync", "maybe")));
    }

    @Test
    void badSettingsAreAStartFailureWithPostgresWords() {
        SharedStorageService service = new SharedStorageService();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> service.start(dataDirectory, Map.of("wal_sync_method", "carrier_pigeon")));
        assertEquals("invalid value for parameter \"wal_sync_method\": \"carrier_pigeon\"", e.getMessage());
        assertEquals(0, service.generation());
    }

    @Test
    void storageAccessHandsOutSessionsOnTheRunningEngine() {
        SharedStorageService service = new SharedStorageService();
        StorageAccess access = service;
        AccessException early = assertThrows(AccessException.class, () -> access.openSession(1));
        assertEquals("57P03", early.sqlState());
        assertEquals("the database system is starting up", early.getMessage());
        service.start(dataDirectory, Map.of("shared_buffers", "1MB", "max_connections", "3", "wal_buffers", "64kB"));
        RelationId t = new RelationId(5, 16384);
        TableShape shape = new TableShape(List.of(new ColumnType("a", 23, false)));
        long version;
        int oid;
        try {
            List<StorageSession> sessions = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sessions.add(access.openSession(100 + i));
            }
            AccessException full = assertThrows(AccessException.class, () -> access.openSession(200));
            assertEquals("53300", full.sqlState());
            assertEquals("sorry, too many clients already", full.getMessage());
            sessions.remove(2).close();
            StorageSession s = access.openSession(200); // the slot is free again
            StorageSession other = sessions.get(0);

            oid = s.newOid();
            assertTrue(Integer.toUnsignedLong(oid) >= 16384);
            assertEquals(oid + 1, other.newOid(), "one counter for every session");
            version = other.catalogVersion();
            s.begin(Isolation.READ_COMMITTED);
            s.createTable(t, shape).insert(new Object[] {42});
            s.catalogChanged();
            assertEquals(version, other.catalogVersion(), "not before the commit");
            s.commit();
            assertEquals(version + 1, other.catalogVersion());
            s.begin(Isolation.READ_COMMITTED);
            s.catalogChanged();
            s.abort();
            assertEquals(version + 1, other.catalogVersion(), "an abort changes nothing");
            s.close();
            sessions.forEach(StorageSession::close);
        } finally {
            service.stop();
        }
        AccessException stopped = assertThrows(AccessException.class, () -> access.openSession(1));
        assertEquals("57P03", stopped.sqlState());
        assertEquals("the database system is shutting down", stopped.getMessage());

        service.start(dataDirectory, SMALL);
        try (StorageSession s = access.openSession(1)) {
            assertTrue(Integer.compareUnsigned(s.newOid(), oid + 1) > 0, "OIDs are not reused after a clean restart");
            s.begin(Isolation.READ_COMMITTED);
            List<Object> values = new java.util.ArrayList<>();
            try (RowScan scan = s.openTable(t, shape).scan()) {
                for (Row r = scan.next(); r != null; r = scan.next()) {
                    values.add(r.values()[0]);
                }
            }
            assertEquals(List.of(42), values);
            s.commit();
        } finally {
            service.stop();
        }
    }
}
