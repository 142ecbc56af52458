package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.storage.engine.BTreeFixture.TABLE;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.xact.IsolationLevel;

/**
 * The vacuum horizon of {@link BTreeUniqueCheck}: computed once per insertion or scan batch
 * ({@link BTreeUniqueCheck#forgetHorizon}), not once per dead row, and a horizon kept from earlier
 * only ever calls fewer rows dead to all.
 */
class BTreeUniqueCheckHorizonTest {

    @TempDir
    Path dir;

    @Test
    void theHorizonIsComputedOncePerRoundAndAStaleOneIsOnlyMoreCautious() {
        try (StorageEngine e = BTreeFixture.start(dir); Session s = e.session(0); Session reader = e.session(1)) {
            s.createTable(TABLE.locator(), TABLE.descriptor());
            List<ItemPointer> rows = new ArrayList<>();
            s.begin(IsolationLevel.READ_COMMITTED);
            for (int i = 0; i < 10; i++) {
                rows.add(s.heap().insert(TABLE, new Object[] {i, "r", null, null}));
            }
            s.commit();
            // A snapshot taken before the deletes holds the horizon back: the rows stay visible to it.
            reader.begin(IsolationLevel.REPEATABLE_READ);
            reader.snapshot();
            s.begin(IsolationLevel.READ_COMMITTED);
            for (ItemPointer row : rows) {
                s.heap().delete(TABLE, row);
            }
            s.commit();

            AtomicInteger computed = new AtomicInteger();
            LongSupplier horizon = () -> {
                computed.incrementAndGet();
                return e.transactions().globalXmin();
            };
            BTreeUniqueCheck check = new BTreeUniqueCheck(s.buffers(), s.transaction(), horizon);
            s.begin(IsolationLevel.READ_COMMITTED);
            for (ItemPointer row : rows) {
                BTreeUniqueCheck.Verdict v = check.check(TABLE.locator(), row);
                assertEquals(BTreeUniqueCheck.Kind.DEAD, v.kind());
                assertFalse(v.deadToAll(), "the reader's snapshot still sees " + row);
            }
            assertEquals(1, computed.get(), "one horizon for ten dead rows");

            reader.commit();
            // The kept horizon predates the reader's end: still not dead to all, and no new computation.
            assertFalse(check.check(TABLE.locator(), rows.get(0)).deadToAll());
            assertEquals(1, computed.get());

            check.forgetHorizon();
            for (ItemPointer row : rows) {
                assertTrue(check.check(TABLE.locator(), row).deadToAll(), row + " is dead to everyone now");
            }
            assertEquals(2, computed.get(), "computed again once after forgetHorizon");
            s.commit();
        }
    }
}
