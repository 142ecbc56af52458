import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.engine.EngineException;
import org.tusk.storage.engine.EngineSettings;
import org.tusk.storage.engine.HeapRow;
import org.tusk.storage.engine.HeapTable;
import org.tusk.storage.engine.Session;
import org.tusk.storage.engine.StorageEngine;
import org.tusk.storage.heap.Attribute;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.heap.TupleDescriptor;
import org.tusk.storage.lmgr.LockException;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.wal.Wal;
import org.tusk.storage.xact.IsolationLevel;

/**
 * TPC-B-like transactions on the storage engine alone (no SQL, no network): pgbench's default script
 * done through the heap access method. Per transaction: UPDATE pgbench_accounts SET abalance =
 * abalance + delta WHERE aid = ?; SELECT abalance of that account; UPDATE pgbench_tellers ...;
 * UPDATE pgbench_branches ...; INSERT INTO pgbench_history; COMMIT, in READ COMMITTED. Rows are found
 * through a map of a recently seen TID of each row (standing in for the primary-key indexes the
 * engine does not have yet) and {@code fetchLatest}, which follows the update chain from there.
 *
 * Reports transactions/s at each worker count with synchronous_commit on and off, and the WAL's
 * fdatasync count, so commits per fdatasync (group commit).
 *
 * Usage: java -cp <storage classes>:<slf4j-api jar> StorageTpcbBench.java DIR [seconds] [scale] [workers...]
 * DIR is where the data directory goes (the disk to measure); the segment is on /dev/shm.
 */
public class StorageTpcbBench {

    static final int ACCOUNTS_PER_BRANCH = 10_000;
    static final int TELLERS_PER_BRANCH = 10;
    static final ConcurrentHashMap<Long, ItemPointer> ROOTS = new ConcurrentHashMap<>();

    static final HeapTable ACCOUNTS = table(16384, "aid", "bid", "abalance");
    static final HeapTable TELLERS = table(16385, "tid", "bid", "tbalance");
    static final HeapTable BRANCHES = table(16386, "bid", "x", "bbalance");
    static final HeapTable HISTORY = new HeapTable(RelFileLocator.of(5, 16387), TupleDescriptor.of(
            Attribute.of("tid", PgType.INT4), Attribute.of("bid", PgType.INT4), Attribute.of("aid", PgType.INT4),
            Attribute.of("delta", PgType.INT4), Attribute.of("mtime", PgType.INT8)));

    static HeapTable table(int rel, String id, String ref, String balance) {
        return new HeapTable(RelFileLocator.of(5, rel), TupleDescriptor.of(Attribute.of(id, PgType.INT4, true),
                Attribute.of(ref, PgType.INT4, true), Attribute.of(balance, PgType.INT8, true)));
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int scale = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        List<Integer> workerCounts = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            workerCounts.add(Integer.parseInt(args[i]));
        }
        if (workerCounts.isEmpty()) {
            workerCounts = List.of(1, 8);
        }
        System.out.printf("scale %d (%d accounts), %d s per run, data in %s, shared_buffers 16 MB, wal_buffers 4 MB%n",
                scale, scale * ACCOUNTS_PER_BRANCH, seconds, base);
        System.out.printf("%-18s %7s %10s %10s %10s %14s %10s%n", "synchronous_commit", "workers", "tps",
                "commits", "syncs", "commits/sync", "retries");
        int run = 0;
        for (boolean synchronous : new boolean[] {true, false}) {
            for (int workers : workerCounts) {
                Path dir = base.resolve("run-" + run++);
                delete(dir);
                EngineSettings settings = EngineSettings.small().withSharedBuffers(2048).withMaxConnections(16);
                settings = settings.withWal(settings.wal().withWalBuffers(512).withMaxWalSize(1L << 30)
                        .withSynchronousCommit(synchronous));
                Path segment = Path.of("/dev/shm", "tusk-tpcb-" + ProcessHandle.current().pid() + ".shm");
                try (StorageEngine engine = StorageEngine.create(dir.resolve("data"), segment, settings)) {
                    ConcurrentHashMap<Long, ItemPointer> tids = setup(engine, scale);
                    runOnce(engine, tids, scale, workers, seconds, synchronous);
                }
                delete(dir);
            }
        }
    }

    static ConcurrentHashMap<Long, ItemPointer> setup(StorageEngine engine, int scale) {
        ConcurrentHashMap<Long, ItemPointer> tids = new ConcurrentHashMap<>();
        try (Session s = engine.session(0)) {
            for (HeapTable t : List.of(ACCOUNTS, TELLERS, BRANCHES, HISTORY)) {
                s.createTable(t.locator(), t.descriptor());
            }
            s.begin(IsolationLevel.READ_COMMITTED);
            for (int b = 1; b <= scale; b++) {
                tids.put(key(BRANCHES, b), s.heap().insert(BRANCHES, new Object[] {b, 0, 0L}));
                for (int t = 1; t <= TELLERS_PER_BRANCH; t++) {
                    int tid = (b - 1) * TELLERS_PER_BRANCH + t;
                    tids.put(key(TELLERS, tid), s.heap().insert(TELLERS, new Object[] {tid, b, 0L}));
                }
                for (int a = 1; a <= ACCOUNTS_PER_BRANCH; a++) {
                    int aid = (b - 1) * ACCOUNTS_PER_BRANCH + a;
                    tids.put(key(ACCOUNTS, aid), s.heap().insert(ACCOUNTS, new Object[] {aid, b, 0L}));
                }
            }
            s.commit();
        }
        engine.checkpoint();
        ROOTS.clear();
        ROOTS.putAll(tids);
        return tids;
    }

    static long key(HeapTable t, int id) {
        return ((long) t.locator().relNumber() << 32) | id;
    }

    static void runOnce(StorageEngine engine, ConcurrentHashMap<Long, ItemPointer> tids, int scale, int workers,
            int seconds, boolean synchronous) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        Wal.Stats before = engine.walStats();
        long commitsBefore = engine.commitRecords();
        long start = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            int proc = w + 1;
            threads.add(Thread.ofPlatform().start(() -> {
                try (Session s = engine.session(proc)) {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (!stop.get()) {
                        int aid = 1 + random.nextInt(scale * ACCOUNTS_PER_BRANCH);
                        int tid = 1 + random.nextInt(scale * TELLERS_PER_BRANCH);
                        int bid = 1 + random.nextInt(scale);
                        int delta = random.nextInt(-5000, 5001);
                        while (true) {
                            try {
                                s.begin(IsolationLevel.READ_COMMITTED);
                                add(s, tids, ACCOUNTS, aid, delta);
                                add(s, tids, TELLERS, tid, delta);
                                add(s, tids, BRANCHES, bid, delta);
                                s.heap().insert(HISTORY, new Object[] {tid, bid, aid, delta, System.nanoTime()});
                                s.commit();
                                break;
                            } catch (LockException | EngineException e) {
                                s.abort();
                                retries.incrementAndGet();
                            }
                        }
                        done.incrementAndGet();
                    }
                }
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Wal.Stats after = engine.walStats();
        long commits = engine.commitRecords() - commitsBefore;
        long syncs = after.syncs() - before.syncs();
        System.out.printf("%-18s %7d %10.0f %10d %10d %14s %10d%n", synchronous ? "on" : "off", workers,
                done.get() / elapsed, commits, syncs, syncs == 0 ? "-" : String.format("%.2f", (double) commits / syncs),
                retries.get());
    }

    /** UPDATE t SET balance = balance + delta WHERE id = ? (and read the new balance back). */
    static void add(Session s, ConcurrentHashMap<Long, ItemPointer> tids, HeapTable table, int id, int delta) {
        long key = key(table, id);
        org.tusk.storage.common.Snapshot snapshot = s.snapshot();
        HeapRow row = s.heap().fetchLatest(table, tids.get(key), snapshot);
        if (row == null) {
            // The hint is a version newer than this snapshot: walk from the row's first version.
            row = s.heap().fetchLatest(table, ROOTS.get(key), snapshot);
        }
        s.heap().updateRow(table, row.tid(), row.values(), v -> new Object[] {v[0], v[1], (Long) v[2] + delta});
        // Remember the version this statement saw: the chain from it leads to the newest one.
        tids.put(key, row.tid());
        s.commandCounterIncrement();
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
