import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.TupleId;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.engine.BTreeIndex;
import org.tusk.storage.engine.EngineSettings;
import org.tusk.storage.engine.HeapRow;
import org.tusk.storage.engine.HeapTable;
import org.tusk.storage.engine.Session;
import org.tusk.storage.engine.StorageEngine;
import org.tusk.storage.heap.Attribute;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.heap.TupleDescriptor;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.xact.IsolationLevel;

/**
 * The B-tree access method alone (no SQL, no network): index inserts/s of random int8 keys and of
 * ascending ones (the rightmost-leaf fast path), then point lookups/s (descent, one heap fetch,
 * visibility) on a table of ROWS rows with a unique index, with 1 and 8 backends (threads, each its
 * own session), and the sorted bulk build of the same unique index from a heap scan (what ALTER TABLE
 * ... ADD PRIMARY KEY needs). Inserts run in transactions of 1,000 with synchronous_commit off, so the figures
 * are the index's, not fsync's.
 *
 * Usage: java -cp <storage classes>:<slf4j-api jar> BTreeBench.java DIR [rows] [seconds]
 */
public class BTreeBench {

    static final HeapTable TABLE = new HeapTable(RelFileLocator.of(5, 16384), TupleDescriptor.of(
            Attribute.of("aid", PgType.INT8, true), Attribute.of("filler", PgType.TEXT)));
    static final RelationId TABLE_ID = new RelationId(5, 16384);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        delete(dir);
        EngineSettings settings = EngineSettings.small().withSharedBuffers(16384).withMaxConnections(16)
                .withBackgroundThreads(true);
        settings = settings.withWal(settings.wal().withWalBuffers(2048).withMaxWalSize(2L << 30)
                .withSynchronousCommit(false));
        try (StorageEngine engine = StorageEngine.create(dir.resolve("data"), Path.of("/dev/shm/tusk-btree-bench"),
                settings)) {
            System.out.printf("%d keys, shared_buffers 128 MB, synchronous_commit off, %d s per lookup run%n", rows, seconds);
            System.out.printf("%-34s %8s %14s%n", "operation", "backends", "per second");
            int[] file = {17000};
            for (int threads : new int[] {1, 8}) {
                double rate = inserts(engine, new RelationId(5, file[0]++), threads, rows, false);
                System.out.printf("%-34s %8d %,14.0f%n", "insert, random int8 keys", threads, rate);
            }
            double asc = inserts(engine, new RelationId(5, file[0]++), 1, rows, true);
            System.out.printf("%-34s %8d %,14.0f%n", "insert, ascending int8 keys", 1, asc);
            IndexShape pk = new IndexShape(List.of(IndexShape.KeyColumn.ascending("aid", PgType.INT8.oid())), true,
                    TABLE_ID);
            RelationId pkId = new RelationId(5, file[0]++);
            long start = System.nanoTime();
            try (Session s = engine.session(0)) {
                s.createTable(TABLE.locator(), TABLE.descriptor());
                BTreeIndex index = BTreeIndex.create(s, pkId, pk);
                for (int i = 0; i < rows; ) {
                    s.begin(IsolationLevel.READ_COMMITTED);
                    for (int n = 0; n < 1000 && i < rows; n++, i++) {
                        ItemPointer tid = s.heap().insert(TABLE, new Object[] {(long) i, "x".repeat(80)});
                        index.insert(new Object[] {(long) i}, new TupleId(tid.block(), tid.offset()));
                    }
                    s.commit();
                }
                System.out.printf("%-34s %8d %,14.0f   (%d index blocks)%n", "heap row + unique index entry", 1,
                        rows / ((System.nanoTime() - start) / 1e9), index.blocks());
            }
            try (Session s = engine.session(0)) {
                s.begin(IsolationLevel.READ_COMMITTED);
                List<Row> entries = new ArrayList<>();
                long scanStart = System.nanoTime();
                for (HeapRow row : s.heap().scan(TABLE, s.snapshot())) {
                    entries.add(new Row(new TupleId(row.tid().block(), row.tid().offset()), new Object[] {row.value(0)}));
                }
                long buildStart = System.nanoTime();
                BTreeIndex built = BTreeIndex.build(s, new RelationId(5, file[0]++), pk, entries.iterator());
                s.commit();
                System.out.printf("%-34s %8d %,14.0f   (%.2f s for %d entries, %.2f s heap scan before; %d blocks)%n",
                        "bulk build, unique int8 key", 1, rows / ((System.nanoTime() - buildStart) / 1e9),
                        (System.nanoTime() - buildStart) / 1e9, rows, (buildStart - scanStart) / 1e9, built.blocks());
            }
            lookups(engine, pkId, pk, 1, rows, 1); // warm-up, not reported
            for (int threads : new int[] {1, 8}) {
                double rate = lookups(engine, pkId, pk, threads, rows, seconds);
                System.out.printf("%-34s %8d %,14.0f%n", "point lookup (unique int8 key)", threads, rate);
            }
        } finally {
            delete(dir);
        }
    }

    static double inserts(StorageEngine engine, RelationId id, int threads, int rows, boolean ascending)
            throws Exception {
        IndexShape shape = new IndexShape(List.of(IndexShape.KeyColumn.ascending("k", PgType.INT8.oid())), false);
        try (Session s = engine.session(0)) {
            BTreeIndex.create(s, id, shape);
        }
        int per = rows / threads;
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int proc = 1 + t;
            workers.add(Thread.ofPlatform().start(() -> {
                try (Session s = engine.session(proc)) {
                    BTreeIndex index = BTreeIndex.open(s, id, shape);
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    for (int i = 0; i < per; ) {
                        s.begin(IsolationLevel.READ_COMMITTED);
                        for (int n = 0; n < 1000 && i < per; n++, i++) {
                            long key = ascending ? i : r.nextLong();
                            // The index does not look at the heap for a non-unique insert: any TID will do.
                            index.insert(new Object[] {key}, new TupleId(i / 100, 1 + i % 100));
                        }
                        s.commit();
                    }
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        return per * threads / ((System.nanoTime() - start) / 1e9);
    }

    static double lookups(StorageEngine engine, RelationId id, IndexShape shape, int threads, int rows, int seconds)
            throws Exception {
        long[] counts = new long[threads];
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int proc = 1 + t;
            int slot = t;
            workers.add(Thread.ofPlatform().start(() -> {
                try (Session s = engine.session(proc)) {
                    BTreeIndex index = BTreeIndex.open(s, id, shape);
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    s.begin(IsolationLevel.READ_COMMITTED);
                    long n = 0;
                    while (System.nanoTime() < end) {
                        long key = r.nextInt(rows);
                        try (RowScan scan = index.scan(s.heap(), TABLE, KeyRange.equal(key), false, s.snapshot())) {
                            if (scan.next() == null) {
                                throw new IllegalStateException("key " + key + " not found");
                            }
                        }
                        n++;
                    }
                    s.commit();
                    counts[slot] = n;
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
