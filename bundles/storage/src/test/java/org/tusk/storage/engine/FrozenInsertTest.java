package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Table;
import org.tusk.storage.common.ForkNumber;

/**
 * COPY FREEZE's storage side: {@code Table.newInCurrentSubtransaction} (PostgreSQL's rd_createSubid /
 * rd_newRelfilenodeSubid test) and {@code Table.insertAllFrozen}, whose rows are visible to every
 * snapshot at once, vanish with their file when the creating subtransaction aborts, and survive a
 * crash only when committed.
 */
class FrozenInsertTest {

    /** The table's file after a TRUNCATE: a new relfilenode for the same table. */
    static final RelationId T_TRUNCATED = new RelationId(5, 16401);

    @RegisterExtension
    final EngineFixture db = new EngineFixture(32);

    @Test
    void aFileIsNewOnlyInTheSubtransactionThatCreatedItOrItsReleasedChildren() {
        AccessSession s = db.open();
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.createTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS);
        assertTrue(t.newInCurrentSubtransaction(), "created in this transaction");
        s.savepoint("a");
        assertFalse(t.newInCurrentSubtransaction(), "created by the parent, not by this subtransaction");
        s.rollbackToSavepoint("a");
        assertFalse(t.newInCurrentSubtransaction(), "ROLLBACK TO keeps the savepoint: still a subtransaction");
        s.releaseSavepoint("a");
        assertTrue(t.newInCurrentSubtransaction(), "back at the creating level");
        s.commit();

        s.begin(Isolation.READ_COMMITTED);
        Table old = s.openTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS);
        assertFalse(old.newInCurrentSubtransaction(), "created by an earlier transaction");
        s.savepoint("b");
        Table truncated = s.createTable(T_TRUNCATED, AccessSessionTest.ACCOUNTS);
        assertTrue(truncated.newInCurrentSubtransaction());
        s.releaseSavepoint("b");
        assertTrue(truncated.newInCurrentSubtransaction(), "a released child's file counts for its parent");
        s.savepoint("c");
        s.rollbackToSavepoint("c");
        s.releaseSavepoint("c");
        assertTrue(truncated.newInCurrentSubtransaction(), "an empty subtransaction rolled back changes nothing");
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        assertFalse(truncated.newInCurrentSubtransaction(), "committed: no longer new");
        s.commit();
        assertFalse(truncated.newInCurrentSubtransaction(), "outside a transaction");
    }

    @Test
    void frozenRowsAreSeenAtOnceAndOnlyANewFileTakesThem() {
        AccessSession s = db.open();
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.createTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS);
        s.commit();

        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> t.insertAllFrozen(BulkInsertTest.rows(0, 10)));
        assertTrue(refused.getMessage().contains("not new"), refused.getMessage());
        s.abort();

        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        Table truncated = s.createTable(T_TRUNCATED, AccessSessionTest.ACCOUNTS);
        truncated.insertAllFrozen(BulkInsertTest.rows(0, 2000));
        // Ordinary rows of the current command are not seen by it; frozen ones are visible to everyone.
        assertEquals(2000, AccessSessionTest.all(truncated).size());
        truncated.insertAll(BulkInsertTest.rows(2000, 10));
        assertEquals(2000, AccessSessionTest.all(truncated).size(), "the unfrozen rows wait for the next command");
        s.commandCounterIncrement();
        assertEquals(2010, AccessSessionTest.ids(truncated).size());
        s.commit();

        AccessSession other = db.open();
        other.begin(Isolation.REPEATABLE_READ);
        other.startStatement();
        Table seen = other.openTable(T_TRUNCATED, AccessSessionTest.ACCOUNTS);
        assertEquals(2010, AccessSessionTest.ids(seen).size());
        other.commit();
    }

    @Test
    void anAbortedSubtransactionTakesItsFrozenRowsWithItsFile() {
        AccessSession s = db.open();
        s.begin(Isolation.READ_COMMITTED);
        s.createTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS);
        s.commit();

        s.begin(Isolation.READ_COMMITTED);
        s.savepoint("a");
        s.startStatement();
        Table truncated = s.createTable(T_TRUNCATED, AccessSessionTest.ACCOUNTS);
        truncated.insertAllFrozen(BulkInsertTest.rows(0, 500));
        s.rollbackToSavepoint("a");
        s.commit();
        assertFalse(db.engine().smgr().exists(Relations.locator(T_TRUNCATED), ForkNumber.MAIN),
                "the file and its frozen rows are gone");
        AccessSession r = db.open();
        r.begin(Isolation.READ_COMMITTED);
        r.startStatement();
        assertEquals(0, AccessSessionTest.all(r.openTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS)).size());
        r.commit();
    }

    @Test
    void committedFrozenRowsSurviveACrashAndUncommittedOnesDoNot() {
        AccessSession s = db.open();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        Table t = s.createTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS);
        t.insertAllFrozen(BulkInsertTest.rows(0, 3000));
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        Table truncated = s.createTable(T_TRUNCATED, AccessSessionTest.ACCOUNTS);
        truncated.insertAllFrozen(BulkInsertTest.rows(5000, 3000));
        // In progress at the crash: the new file's rows must not come back as visible rows.
        db.crashAndRestart();
        AccessSession r = db.open();
        r.begin(Isolation.READ_COMMITTED);
        r.startStatement();
        List<Integer> ids = new ArrayList<>(AccessSessionTest.ids(r.openTable(AccessSessionTest.T,
                AccessSessionTest.ACCOUNTS)));
        ids.sort(null);
        assertEquals(3000, ids.size());
        assertEquals(0, ids.getFirst());
        assertEquals(2999, ids.getLast());
        assertFalse(db.engine().smgr().exists(Relations.locator(T_TRUNCATED), ForkNumber.MAIN)
                && !AccessSessionTest.all(r.openTable(T_TRUNCATED, AccessSessionTest.ACCOUNTS)).isEmpty(),
                "the uncommitted transaction's file holds no rows anyone sees");
        r.commit();
    }
}
