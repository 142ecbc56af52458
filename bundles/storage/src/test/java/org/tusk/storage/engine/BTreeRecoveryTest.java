package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tusk.storage.engine.BTreeFixture.TABLE;
import static org.tusk.storage.engine.BTreeFixture.insert;
import static org.tusk.storage.engine.BTreeFixture.scanAll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.UniqueViolationException;
import org.tusk.storage.testing.ChildJvm;
import org.tusk.storage.xact.IsolationLevel;

/**
 * B-tree indexes across crashes and processes: what recovery rebuilds from the WAL (splits, new
 * roots, inserts, with and without full-page images after a checkpoint) equals what was committed,
 * and the tree takes new inserts afterwards; a child JVM killed with SIGKILL while inserting loses
 * no acknowledged row; a child JVM attached to the running cluster inserts into the same indexes as
 * this one.
 */
class BTreeRecoveryTest {

    @TempDir
    Path dir;

    /** Small buffers, so that pages are evicted (written) before the crash as well as not. */
    static EngineSettings settings() {
        return EngineSettings.small().withBackgroundThreads(false).withSharedBuffers(48);
    }

    StorageEngine start() {
        return StorageEngine.create(dir.resolve("data"), dir.resolve("segment.shm"), settings());
    }

    static void createTableAndIndexes(Session s) {
        s.createTable(TABLE.locator(), TABLE.descriptor());
        BTreeIndex.create(s, BTreeProcess.UNIQUE_ID, BTreeProcess.UNIQUE);
        BTreeIndex.create(s, BTreeProcess.TEXT_ID, BTreeProcess.TEXT);
    }

    /**
     * Both indexes equal the heap's visible rows (forward and backward), the unique one holds each id
     * once, and equal-key lookups through both find the rows; returns the ids.
     */
    static Set<Integer> check(Session s) {
        BTreeIndex unique = BTreeIndex.open(s, BTreeProcess.UNIQUE_ID, BTreeProcess.UNIQUE);
        BTreeIndex text = BTreeIndex.open(s, BTreeProcess.TEXT_ID, BTreeProcess.TEXT);
        s.begin(IsolationLevel.READ_COMMITTED);
        try {
            for (BTreeIndex index : List.of(unique, text)) {
                for (boolean backward : new boolean[] {false, true}) {
                    List<Row> scanned = scanAll(index.scan(s.heap(), TABLE, KeyRange.ALL, backward, s.snapshot()));
                    List<BTreeFixture.Entry> heap = new ArrayList<>();
                    for (HeapRow row : s.heap().scan(TABLE, s.snapshot())) {
                        heap.add(new BTreeFixture.Entry(BTreeFixture.keyOf(index.shape(), row.values()),
                                new org.tusk.storage.access.TupleId(row.tid().block(), row.tid().offset())));
                    }
                    heap.sort(BTreeFixture.order(index.keys()));
                    List<org.tusk.storage.access.TupleId> expected = new ArrayList<>(
                            heap.stream().map(BTreeFixture.Entry::tid).toList());
                    if (backward) {
                        java.util.Collections.reverse(expected);
                    }
                    assertEquals(expected, scanned.stream().map(Row::tid).toList(), index.shape() + " " + backward);
                }
            }
            Set<Integer> ids = new HashSet<>();
            List<Row> rows = scanAll(unique.scan(s.heap(), TABLE, KeyRange.ALL, false, s.snapshot()));
            Random r = new Random(rows.size());
            for (Row row : rows) {
                assertTrue(ids.add((Integer) row.values()[0]), "id " + row.values()[0] + " twice");
            }
            for (int q = 0; q < Math.min(50, rows.size()); q++) {
                Row pick = rows.get(r.nextInt(rows.size()));
                assertEquals(List.of(pick.tid()), scanAll(unique.scan(s.heap(), TABLE,
                        KeyRange.equal(pick.values()[0]), false, s.snapshot())).stream().map(Row::tid).toList());
                assertTrue(scanAll(text.scan(s.heap(), TABLE, KeyRange.equal(pick.values()[1]), q % 2 == 0,
                        s.snapshot())).stream().anyMatch(row -> row.tid().equals(pick.tid())));
            }
            return ids;
        } finally {
            s.commit();
        }
    }

    @Test
    void recoveryRebuildsWhatWasCommittedAndTheTreeGrowsOn() {
        Set<Integer> committed = new HashSet<>();
        Random r = new Random(3);
        StorageEngine engine = start();
        try (Session s = engine.session(0)) {
            createTableAndIndexes(s);
            BTreeIndex unique = BTreeIndex.open(s, BTreeProcess.UNIQUE_ID, BTreeProcess.UNIQUE);
            BTreeIndex text = BTreeIndex.open(s, BTreeProcess.TEXT_ID, BTreeProcess.TEXT);
            for (int batch = 0; batch < 100; batch++) {
                s.begin(IsolationLevel.READ_COMMITTED);
                List<Integer> ids = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    int id = r.nextInt(1_000_000);
                    try {
                        insert(s, BTreeProcess.row(id, r), unique, text);
                        ids.add(id);
                    } catch (UniqueViolationException e) {
                        s.abort();
                        s.begin(IsolationLevel.READ_COMMITTED);
                        ids.clear();
                    }
                }
                if (batch % 10 == 3) {
                    s.abort();
                } else {
                    s.commit();
                    committed.addAll(ids);
                }
                if (batch == 40) {
                    engine.checkpoint(); // later first changes of each page carry full-page images
                }
            }
            // Inserted but never committed: their entries may or may not survive, the rows must not.
            s.begin(IsolationLevel.READ_COMMITTED);
            for (int i = 0; i < 200; i++) {
                insert(s, BTreeProcess.row(2_000_000 + i, r), unique, text);
            }
            engine.crash();
        }
        try (StorageEngine again = start(); Session s = again.session(0)) {
            assertTrue(again.recoveryOutcome().performed());
            assertEquals(committed, check(s));
            BTreeIndex unique = BTreeIndex.open(s, BTreeProcess.UNIQUE_ID, BTreeProcess.UNIQUE);
            BTreeIndex text = BTreeIndex.open(s, BTreeProcess.TEXT_ID, BTreeProcess.TEXT);
            s.begin(IsolationLevel.READ_COMMITTED);
            for (int i = 0; i < 2000; i++) {
                insert(s, BTreeProcess.row(3_000_000 + i, r), unique, text);
                committed.add(3_000_000 + i);
            }
            s.commit();
            assertEquals(committed, check(s));
            again.crash();
        }
        try (StorageEngine third = start(); Session s = third.session(0)) {
            assertEquals(committed, check(s), "and again after a second crash");
        }
    }

    @Test
    void aKilledInserterLosesNoAcknowledgedRow() throws Exception {
        EngineSettings settings = settings();
        Path data = dir.resolve("data");
        Path segment = dir.resolve("segment.shm");
        try (StorageEngine engine = StorageEngine.create(data, segment, settings); Session s = engine.session(0)) {
            createTableAndIndexes(s);
        }
        Set<Integer> acknowledged = new HashSet<>();
        Random random = new Random(11);
        for (int i = 0; i < 3; i++) {
            Path ack = dir.resolve("ack" + i);
            Path log = dir.resolve("child" + i + ".log");
            Process child = ChildJvm.start(BTreeProcess.class, log, "create", segment.toString(), data.toString(),
                    settings.encode(), "1", Integer.toString((i + 1) * 1_000_000), "10000000", ack.toString());
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                int target = 10 + random.nextInt(40);
                while (!Files.exists(ack) || Files.readString(ack).lines().count() <= target) {
                    if (!child.isAlive() || System.nanoTime() > deadline) {
                        fail("iteration " + i + ": the child did not get going: " + Files.readString(log));
                    }
                    Thread.sleep(2);
                }
                Thread.sleep(random.nextInt(20));
            } finally {
                child.destroyForcibly();
                child.waitFor();
            }
            String text = Files.readString(ack);
            List<String> lines = text.lines().toList();
            for (int l = 1; l < lines.size(); l++) {
                if (l == lines.size() - 1 && !text.endsWith("\n")) {
                    break;
                }
                String[] range = lines.get(l).split(" ");
                for (int id = Integer.parseInt(range[0]); id <= Integer.parseInt(range[1]); id++) {
                    acknowledged.add(id);
                }
            }
            try (StorageEngine engine = StorageEngine.create(data, segment, settings); Session s = engine.session(0)) {
                assertTrue(engine.recoveryOutcome().performed());
                Set<Integer> ids = check(s);
                Set<Integer> missing = new HashSet<>(acknowledged);
                missing.removeAll(ids);
                assertTrue(missing.isEmpty(), "iteration " + i + ": acknowledged but lost: " + missing);
                // Beyond the acknowledged rows, at most one batch per kill: committed, not yet acknowledged.
                assertTrue(ids.size() <= acknowledged.size() + 20 * (i + 1), ids.size() + " rows, "
                        + acknowledged.size() + " acknowledged");
            }
        }
    }

    @Test
    void aChildProcessInsertsIntoTheSameIndexes() throws Exception {
        EngineSettings settings = EngineSettings.small().withSharedBuffers(256);
        Path data = dir.resolve("data");
        Path segment = dir.resolve("segment.shm");
        try (StorageEngine engine = StorageEngine.create(data, segment, settings)) {
            try (Session s = engine.session(0)) {
                createTableAndIndexes(s);
            }
            Path ack = dir.resolve("ack");
            Path log = dir.resolve("child.log");
            Process child = ChildJvm.start(BTreeProcess.class, log, "attach", segment.toString(), data.toString(),
                    settings.encode(), "5", "1000000", "2000", ack.toString());
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.exists(ack) || !Files.readString(ack).startsWith("READY")) {
                    if (!child.isAlive() || System.nanoTime() > deadline) {
                        fail("the child did not attach: " + Files.readString(log));
                    }
                    Thread.sleep(5);
                }
                Files.createFile(Path.of(ack + ".go"));
                try (Session s = engine.session(1)) {
                    BTreeIndex unique = BTreeIndex.open(s, BTreeProcess.UNIQUE_ID, BTreeProcess.UNIQUE);
                    BTreeIndex text = BTreeIndex.open(s, BTreeProcess.TEXT_ID, BTreeProcess.TEXT);
                    Random r = new Random(5);
                    for (int id = 0; id < 2000; id += 20) {
                        s.begin(IsolationLevel.READ_COMMITTED);
                        for (int i = id; i < id + 20; i++) {
                            insert(s, BTreeProcess.row(i, r), unique, text);
                        }
                        s.commit();
                    }
                }
                assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child finished");
                assertEquals(0, child.exitValue(), Files.readString(log));
            } finally {
                child.destroyForcibly();
                child.waitFor();
            }
            try (Session s = engine.session(0)) {
                Set<Integer> ids = check(s);
                Set<Integer> expected = new HashSet<>();
                for (int i = 0; i < 2000; i++) {
                    expected.add(i);
                    expected.add(1_000_000 + i);
                }
                assertEquals(expected, ids);
            }
        }
    }
}
