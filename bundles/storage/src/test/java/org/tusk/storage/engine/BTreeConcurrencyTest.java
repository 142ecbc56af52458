package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.storage.engine.BTreeFixture.TABLE;
import static org.tusk.storage.engine.BTreeFixture.asc;
import static org.tusk.storage.engine.BTreeFixture.desc;
import static org.tusk.storage.engine.BTreeFixture.insert;
import static org.tusk.storage.engine.BTreeFixture.scanAll;
import static org.tusk.storage.engine.BTreeFixture.shape;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.TupleId;
import org.tusk.storage.btree.IndexKeys;
import org.tusk.storage.common.Snapshot;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.xact.IsolationLevel;

/**
 * Inserters and scanners on one index from many threads (each its own backend session): while
 * leaves and internal pages split under them, every scan returns exactly the rows its snapshot sees
 * in the heap, in index order, each once.
 */
class BTreeConcurrencyTest {

    static final IndexShape SHAPE = shape(false, desc("b", PgType.TEXT), asc("a", PgType.INT4));

    @TempDir
    Path dir;

    @Test
    void scansDuringConcurrentSplitsReturnEveryVisibleRowOnceInOrder() throws Exception {
        int inserters = 6;
        int scanners = 2;
        int rowsPerInserter = 1500;
        try (StorageEngine engine = BTreeFixture.start(dir); Session setup = engine.session(0)) {
            setup.createTable(TABLE.locator(), TABLE.descriptor());
            BTreeIndex index = BTreeIndex.create(setup, new RelationId(BTreeFixture.DB, 16800), SHAPE);
            ExecutorService pool = Executors.newFixedThreadPool(inserters + scanners);
            AtomicBoolean inserting = new AtomicBoolean(true);
            AtomicInteger scans = new AtomicInteger();
            AtomicInteger running = new AtomicInteger(inserters);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < inserters; t++) {
                int proc = 1 + t;
                futures.add(pool.submit(() -> {
                    try (Session s = engine.session(proc)) {
                        BTreeIndex mine = BTreeIndex.open(s, index.id(), SHAPE);
                        Random r = new Random(proc);
                        for (int done = 0; done < rowsPerInserter; ) {
                            s.begin(IsolationLevel.READ_COMMITTED);
                            for (int i = 0; i < 25; i++, done++) {
                                insert(s, new Object[] {r.nextInt(1000), "key" + r.nextInt(500) + "-".repeat(r.nextInt(80)),
                                        null, null}, mine);
                            }
                            if (r.nextInt(10) == 0) {
                                s.abort();
                            } else {
                                s.commit();
                            }
                        }
                    } finally {
                        if (running.decrementAndGet() == 0) {
                            inserting.set(false);
                        }
                    }
                    return null;
                }));
            }
            for (int t = 0; t < scanners; t++) {
                int proc = 1 + inserters + t;
                futures.add(pool.submit(() -> {
                    try (Session s = engine.session(proc)) {
                        BTreeIndex mine = BTreeIndex.open(s, index.id(), SHAPE);
                        boolean backward = proc % 2 == 0;
                        while (inserting.get()) {
                            s.begin(IsolationLevel.REPEATABLE_READ);
                            checkAgainstHeap(s, mine, s.snapshot(), backward);
                            s.commit();
                            scans.incrementAndGet();
                            backward = !backward;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(180, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertTrue(scans.get() > 0, "scans ran during the inserts");
            setup.begin(IsolationLevel.READ_COMMITTED);
            List<Row> all = checkAgainstHeap(setup, index, setup.snapshot(), false);
            checkAgainstHeap(setup, index, setup.snapshot(), true);
            assertTrue(all.size() > inserters * rowsPerInserter * 7 / 10, "rows " + all.size());
            assertTrue(index.readMeta().level() >= 1);
            Random r = new Random(1);
            for (int q = 0; q < 100; q++) {
                Row pick = all.get(r.nextInt(all.size()));
                Object[] key = BTreeFixture.keyOf(SHAPE, pick.values());
                List<Row> found = scanAll(index.scan(setup.heap(), TABLE, KeyRange.equal(key), false, setup.snapshot()));
                assertTrue(found.stream().anyMatch(row -> row.tid().equals(pick.tid())), "found " + pick.tid());
            }
            setup.commit();
            System.out.printf("btree concurrency: %d rows inserted by %d threads, %d concurrent scans checked%n",
                    all.size(), inserters, scans.get());
        }
    }

    /** An index scan under {@code snapshot} equals the heap's visible rows sorted in index order. */
    static List<Row> checkAgainstHeap(Session s, BTreeIndex index, Snapshot snapshot, boolean backward) {
        List<Row> scanned = scanAll(index.scan(s.heap(), TABLE, KeyRange.ALL, backward, snapshot));
        IndexKeys keys = index.keys();
        List<BTreeFixture.Entry> heap = new ArrayList<>();
        for (HeapRow row : s.heap().scan(TABLE, snapshot)) {
            heap.add(new BTreeFixture.Entry(BTreeFixture.keyOf(SHAPE, row.values()),
                    new TupleId(row.tid().block(), row.tid().offset())));
        }
        heap.sort(BTreeFixture.order(keys));
        List<TupleId> expected = new ArrayList<>(heap.stream().map(BTreeFixture.Entry::tid).toList());
        if (backward) {
            Collections.reverse(expected);
        }
        assertEquals(expected, scanned.stream().map(Row::tid).toList(), backward ? "backward scan" : "forward scan");
        return scanned;
    }
}
