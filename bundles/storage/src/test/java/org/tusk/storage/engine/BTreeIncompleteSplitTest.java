package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.storage.engine.BTreeFixture.insert;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.btree.BTreeMeta;
import org.tusk.storage.btree.BTreePage;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.xact.IsolationLevel;

/**
 * A crash between a split's WAL record and its parent's leaves the left half flagged
 * BTP_INCOMPLETE_SPLIT: readers still find everything through the right link, and the next inserter
 * passing the page inserts the missing downlink (or makes the new root, if the root was split).
 */
class BTreeIncompleteSplitTest {

    /** Stands for the crash: thrown out of the split, after the WAL up to its record is flushed. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @TempDir
    Path dir;

    @AfterEach
    void noHook() {
        BTreeIndex.afterSplitLogged = null;
    }

    StorageEngine start() {
        return StorageEngine.create(dir.resolve("data"), dir.resolve("segment.shm"), BTreeRecoveryTest.settings());
    }

    @Test
    void aRootSplitCutShortIsFinishedByTheNextInserter() {
        crashAtSplit(1);
    }

    @Test
    void aLeafSplitCutShortIsFinishedByTheNextInserter() {
        crashAtSplit(6);
    }

    void crashAtSplit(int nth) {
        Set<Integer> committed = new HashSet<>();
        Random r = new Random(nth);
        StorageEngine engine = start();
        try (Session s = engine.session(0)) {
            BTreeRecoveryTest.createTableAndIndexes(s);
            BTreeIndex unique = BTreeIndex.open(s, BTreeProcess.UNIQUE_ID, BTreeProcess.UNIQUE);
            BTreeIndex text = BTreeIndex.open(s, BTreeProcess.TEXT_ID, BTreeProcess.TEXT);
            s.setSynchronousCommit(false); // the hook flushes every commit before the "crash"
            AtomicInteger splits = new AtomicInteger();
            BTreeIndex.afterSplitLogged = () -> {
                if (splits.incrementAndGet() == nth) {
                    engine.wal().flush(engine.wal().insertPosition());
                    throw new Crash();
                }
            };
            assertThrows(Crash.class, () -> {
                for (int id = 0; ; id++) {
                    s.begin(IsolationLevel.READ_COMMITTED);
                    // Only the unique index (int4 keys, smaller) is in play until the crash.
                    insert(s, BTreeProcess.row(id, r), unique);
                    s.commit();
                    committed.add(id);
                }
            });
            BTreeIndex.afterSplitLogged = null;
            engine.crash();
        }
        try (StorageEngine again = start(); Session s = again.session(0)) {
            BTreeIndex unique = BTreeIndex.open(s, BTreeProcess.UNIQUE_ID, BTreeProcess.UNIQUE);
            assertEquals(1, incompleteSplits(unique), "the crash left one split incomplete");
            BTreeMeta.Data before = unique.readMeta();
            // The text index has no entries for these rows: check() compares the unique one only.
            assertEquals(committed, uniqueIds(s, unique), "readers find everything through the right link");
            BTreeIndex text = BTreeIndex.open(s, BTreeProcess.TEXT_ID, BTreeProcess.TEXT);
            s.begin(IsolationLevel.READ_COMMITTED);
            for (int id = 100_000; id < 100_400; id++) {
                insert(s, BTreeProcess.row(id, r), unique);
                committed.add(id);
            }
            s.commit();
            assertEquals(0, incompleteSplits(unique), "the next inserter finished the split");
            if (nth == 1) {
                assertEquals(0, before.level(), "the metapage still had the old root");
                assertTrue(unique.readMeta().level() >= 1, "a new root was made");
            }
            assertEquals(committed, uniqueIds(s, unique));
            assertTrue(text.blocks() >= 2);
        }
    }

    static Set<Integer> uniqueIds(Session s, BTreeIndex unique) {
        s.begin(IsolationLevel.READ_COMMITTED);
        try {
            Set<Integer> ids = new HashSet<>();
            for (var row : BTreeFixture.scanAll(unique.scan(s.heap(), BTreeFixture.TABLE,
                    org.tusk.storage.access.KeyRange.ALL, false, s.snapshot()))) {
                assertTrue(ids.add((Integer) row.values()[0]));
                assertEquals(1, BTreeFixture.scanAll(unique.scan(s.heap(), BTreeFixture.TABLE,
                        org.tusk.storage.access.KeyRange.equal(row.values()[0]), false, s.snapshot())).size());
            }
            return ids;
        } finally {
            s.commit();
        }
    }

    /** Leaf entries of the index marked LP_DEAD. */
    static int deadItems(BTreeIndex index) {
        int count = 0;
        for (int block = 1; block < index.blocks(); block++) {
            int buffer = index.lockedBuffer(block, LWLock.Mode.SHARED);
            var page = index.buffers().page(buffer);
            if (!org.tusk.storage.page.Page.isNew(page) && BTreePage.isLeaf(page)) {
                for (int off = BTreePage.firstDataKey(page); off <= org.tusk.storage.page.Page.maxOffset(page); off++) {
                    if (org.tusk.storage.page.Page.isDead(page, off)) {
                        count++;
                    }
                }
            }
            index.buffers().unlockRelease(buffer);
        }
        return count;
    }

    /** Pages of the index flagged BTP_INCOMPLETE_SPLIT. */
    static int incompleteSplits(BTreeIndex index) {
        int count = 0;
        for (int block = 1; block < index.blocks(); block++) {
            int buffer = index.lockedBuffer(block, LWLock.Mode.SHARED);
            var page = index.buffers().page(buffer);
            if (!org.tusk.storage.page.Page.isNew(page)
                    && (BTreePage.flags(page) & BTreePage.BTP_INCOMPLETE_SPLIT) != 0) {
                count++;
            }
            index.buffers().unlockRelease(buffer);
        }
        return count;
    }
}
