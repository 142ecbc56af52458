package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.storage.access.ColumnType;
import org.tusk.storage.access.InPlaceChange;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.Table;
import org.tusk.storage.access.TableShape;

/**
 * {@code Table.overwriteInPlace}, the sequence primitive: a frozen single tuple changed in place is seen by
 * every snapshot at once and kept by a rollback; what the WAL record carries (not what the page had) is
 * what recovery restores after a kill -9; {@code mustLog} tells when a checkpoint has passed since the last
 * record; a table whose tuple is an ordinary row version is refused.
 */
class InPlaceOverwriteTest {

    /** A sequence's row: (last_value int8, log_cnt int8, is_called bool). */
    static final TableShape SEQUENCE = new TableShape(List.of(new ColumnType("last_value", 20, true),
            new ColumnType("log_cnt", 20, true), new ColumnType("is_called", 16, true)));
    static final RelationId S = new RelationId(5, 16500);

    @RegisterExtension
    final EngineFixture db = new EngineFixture(32);

    private static Table create(AccessSession s) {
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        Table t = s.createTable(S, SEQUENCE);
        t.insertAllFrozen(List.<Object[]>of(new Object[] {1L, 0L, false}));
        s.commit();
        return t;
    }

    private static Object[] read(AccessSession s) {
        boolean own = !s.inTransaction();
        if (own) {
            s.begin(Isolation.READ_COMMITTED);
        }
        s.startStatement();
        try (RowScan scan = s.openTable(S, SEQUENCE).scan()) {
            Row row = scan.next();
            assertNull(scan.next(), "one tuple");
            return row.values();
        } finally {
            if (own) {
                s.commit();
            }
        }
    }

    /** Sets the row to {@code values}, logging {@code logged} (null: no record); returns mustLog. */
    private static boolean overwrite(AccessSession s, Object[] values, Object[] logged) {
        boolean[] mustLog = new boolean[1];
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        Object[] now = s.openTable(S, SEQUENCE).overwriteInPlace((old, must) -> {
            mustLog[0] = must;
            return new InPlaceChange.Overwrite(values, logged);
        });
        assertArrayEquals(values, now);
        s.commit();
        return mustLog[0];
    }

    @Test
    void everySnapshotSeesTheChangeAtOnceAndARollbackKeepsIt() {
        AccessSession a = db.open();
        AccessSession b = db.open();
        create(a);
        a.begin(Isolation.REPEATABLE_READ);
        assertArrayEquals(new Object[] {1L, 0L, false}, read(a));

        b.begin(Isolation.READ_COMMITTED);
        b.startStatement();
        b.openTable(S, SEQUENCE).overwriteInPlace(
                (old, must) -> new InPlaceChange.Overwrite(new Object[] {2L, 31L, true}, new Object[] {33L, 0L, true}));
        b.abort();

        assertArrayEquals(new Object[] {2L, 31L, true}, read(a), "not a row version: the old snapshot sees it too");
        a.commit();
        assertArrayEquals(new Object[] {2L, 31L, true}, read(b), "the rollback kept it");
    }

    @Test
    void recoveryRestoresWhatTheRecordClaimedNotWhatThePageHad() {
        AccessSession s = db.open();
        create(s);
        assertFalse(overwrite(s, new Object[] {1L, 32L, true}, new Object[] {33L, 0L, true}), "CREATE logged the page");
        assertFalse(overwrite(s, new Object[] {2L, 31L, true}, null), "a record since the checkpoint covers it");
        assertFalse(overwrite(s, new Object[] {3L, 30L, true}, null));
        assertArrayEquals(new Object[] {3L, 30L, true}, read(s));

        db.crashAndRestart();
        AccessSession after = db.open();
        assertArrayEquals(new Object[] {33L, 0L, true}, read(after), "the claimed value, never one handed out");
        assertTrue(overwrite(after, new Object[] {34L, 32L, true}, new Object[] {66L, 0L, true}),
                "recovery ended with a checkpoint");
    }

    @Test
    void aCheckpointSinceTheLastRecordIsToldAndItsChangeSurvivesACrash() {
        AccessSession s = db.open();
        create(s);
        overwrite(s, new Object[] {1L, 32L, true}, new Object[] {33L, 0L, true});
        assertFalse(overwrite(s, new Object[] {2L, 31L, true}, null));
        s.checkpoint();
        assertTrue(overwrite(s, new Object[] {3L, 32L, true}, new Object[] {35L, 0L, true}),
                "the data file alone would not know the claim");
        assertFalse(overwrite(s, new Object[] {4L, 31L, true}, null));

        db.crashAndRestart();
        assertArrayEquals(new Object[] {35L, 0L, true}, read(db.open()));
    }

    @Test
    void anUnloggedChangeLostInACrashIsCoveredByTheLastRecord() {
        AccessSession s = db.open();
        create(s);
        overwrite(s, new Object[] {1L, 32L, true}, new Object[] {33L, 0L, true});
        s.checkpoint(); // the page, log_cnt 32, is on disk; the record is before the redo point
        db.crashAndRestart();
        assertArrayEquals(new Object[] {1L, 32L, true}, read(db.open()), "nothing to redo after the checkpoint");
    }

    @Test
    void anOrdinaryRowVersionIsRefusedAndLeftAlone() {
        AccessSession s = db.open();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        Table t = s.createTable(S, SEQUENCE);
        t.insert(new Object[] {1L, 0L, false});
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        assertNull(s.openTable(S, SEQUENCE).overwriteInPlace(
                (old, must) -> new InPlaceChange.Overwrite(new Object[] {9L, 0L, true}, null)));
        s.commit();
        assertArrayEquals(new Object[] {1L, 0L, false}, read(s));
    }
}
