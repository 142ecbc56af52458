package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.storage.access.AccessException;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.RelationId;

/**
 * Opening a table asks the file system whether its file exists only the first time, and again after
 * any relation file was removed in the cluster: a dropped table still fails with 58P01 in every
 * backend that opened it before.
 */
class RelationExistenceTest {

    @RegisterExtension
    final EngineFixture db = new EngineFixture(32);

    Path file(RelationId id) {
        return db.dir().resolve("data/base/" + id.database() + "/" + id.fileNumber());
    }

    @Test
    void theFileIsCheckedOnceUntilSomeRelationIsRemoved() throws Exception {
        AccessSession s1 = db.open();
        AccessSession s2 = db.open();
        RelationId other = new RelationId(5, 16410);
        s1.begin(Isolation.READ_COMMITTED);
        s1.createTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS);
        s1.createTable(other, AccessSessionTest.ACCOUNTS);
        s1.commit();
        s2.openTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS);

        // Moved away behind the engine's back: s2 remembers the file, a backend that never saw it does not.
        Path moved = db.dir().resolve("moved");
        Files.move(file(AccessSessionTest.T), moved);
        s2.openTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS);
        AccessSession s3 = db.open();
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
