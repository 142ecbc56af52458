package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.access.AccessException;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.RelationId;

/**
 * Opening a table asks the file system whether its file exists only the first time, and again after
 * any relation file was removed in the cluster: a dropped table still fails with 58P01 in every
 * backend that opened it before.
 */
class RelationExistenceTest {

    @TempDir
    Path dir;
    StorageEngine engine;
    final List<AccessSession> sessions = new ArrayList<>();

    @BeforeEach
    void start() {
        engine = StorageEngine.create(dir.resolve("data"), dir.resolve("segment.shm"),
                EngineSettings.small().withBackgroundThreads(false).withSharedBuffers(32)
                        .withDeadlockTimeout(Duration.ofMillis(50)));
    }

    @AfterEach
    void stop() {
        sessions.forEach(AccessSession::close);
        engine.shutdown();
    }

    AccessSession open() {
        AccessSession s = AccessSession.open(engine, engine.openSession(4711 + sessions.size()));
        sessions.add(s);
        return s;
    }

    Path file(RelationId id) {
        return dir.resolve("data/base/" + id.database() + "/" + id.fileNumber());
    }

    @Test
    void theFileIsCheckedOnceUntilSomeRelationIsRemoved() throws Exception {
        AccessSession s1 = open();
        AccessSession s2 = open();
        RelationId other = new RelationId(5, 16410);
        s1.begin(Isolation.READ_COMMITTED);
        s1.createTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS);
        s1.createTable(other, AccessSessionTest.ACCOUNTS);
        s1.commit();
        s2.openTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS);

        // Moved away behind the engine's back: s2 remembers the file, a backend that never saw it does not.
        Path moved = dir.resolve("moved");
        Files.move(file(AccessSessionTest.T), moved);
        s2.openTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS);
        AccessSession s3 = open();
        assertEquals("58P01", assertThrows(AccessException.class,
                () -> s3.openTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS)).sqlState());
        Files.move(moved, file(AccessSessionTest.T), StandardCopyOption.ATOMIC_MOVE);

        // A drop committed by another backend: s2 asks the file system again and fails as it should.
        s1.begin(Isolation.READ_COMMITTED);
        s1.dropRelation(AccessSessionTest.T);
        s2.openTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS); // not removed before the commit
        s1.commit();
        AccessException gone = assertThrows(AccessException.class,
                () -> s2.openTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS));
        assertEquals("58P01", gone.sqlState());
        s2.abort();
        s2.openTable(other, AccessSessionTest.ACCOUNTS); // the others are still found (and checked again)
    }
}
