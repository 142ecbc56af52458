import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.tusk.storage.common.TransactionIds;
import org.tusk.storage.control.ControlFile;
import org.tusk.storage.shmem.SharedMemory;
import org.tusk.storage.wal.RmgrIds;
import org.tusk.storage.wal.SyncMethod;
import org.tusk.storage.wal.Wal;
import org.tusk.storage.wal.WalBootstrap;
import org.tusk.storage.wal.WalReader;
import org.tusk.storage.wal.WalRecord;
import org.tusk.storage.wal.WalRecordBuilder;
import org.tusk.storage.wal.WalSettings;
import org.tusk.storage.wal.WalWriter;

/**
 * Commit throughput of the WAL alone: T threads, each inserting a commit-sized record (a transaction
 * record with 32 bytes of data, about what PostgreSQL's commit record is) and then committing it
 * (flush with group commit, or with synchronous_commit off just noting it for the WAL writer), in a
 * loop for a fixed time. Reports commits/s, fdatasyncs and commits per fdatasync.
 *
 * Usage: java -cp <storage classes> WalCommitBench.java DIR [seconds] [sync_method] [threads...]
 * DIR must be on the disk to measure (the WAL goes to DIR/run-N/pg_wal); shared memory is on /dev/shm.
 */
public class WalCommitBench {

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        SyncMethod method = args.length > 2 ? SyncMethod.fromSetting(args[2]) : SyncMethod.FDATASYNC;
        List<Integer> threadCounts = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            threadCounts.add(Integer.parseInt(args[i]));
        }
        if (threadCounts.isEmpty()) {
            threadCounts = List.of(1, 8);
        }
        System.out.printf("wal_sync_method=%s, %d s per run, WAL in %s%n", method.settingName(), seconds, base);
        System.out.printf("%-18s %7s %12s %10s %14s %12s%n", "synchronous_commit", "threads", "commits/s",
                "syncs", "commits/sync", "us/commit");
        int run = 0;
        for (boolean synchronous : new boolean[] {true, false}) {
            for (int threads : threadCounts) {
                measure(base.resolve("run-" + run++), seconds, method, synchronous, threads);
            }
        }
    }

    static void measure(Path dataDirectory, int seconds, SyncMethod method, boolean synchronous, int threads)
            throws Exception {
        WalSettings settings = WalSettings.defaults().withSyncMethod(method).withSynchronousCommit(synchronous);
        Files.createDirectories(dataDirectory);
        ControlFile.Data control = WalBootstrap.bootstrap(dataDirectory, ControlFile.newSystemIdentifier(), true);
        Path shmFile = SharedMemory.defaultDirectory(dataDirectory).resolve("tusk-wal-bench-" + ProcessHandle.current().pid());
        try (SharedMemory shm = SharedMemory.create(shmFile, Wal.shmemSize(settings) + 8192);
                Wal wal = Wal.initialize(shm, settings, dataDirectory, control.systemIdentifier())) {
            WalRecord checkpoint;
            try (WalReader reader = new WalReader(dataDirectory.resolve("pg_wal"), control.systemIdentifier())) {
                checkpoint = reader.read(control.checkPoint());
            }
            wal.startInsertion(checkpoint.lsn(), checkpoint.endLsn(), control.redo());
            WalWriter writer = new WalWriter(wal);
            if (!synchronous) {
                writer.start();
            }
            AtomicLong xids = new AtomicLong(TransactionIds.FIRST_NORMAL);
            // Warm-up: a second of the same work, not counted.
            runFor(wal, threads, 1, xids);
            Wal.Stats before = wal.stats();
            long started = System.nanoTime();
            long commits = runFor(wal, threads, seconds, xids);
            long elapsed = System.nanoTime() - started;
            if (!synchronous) {
                writer.stop();
            }
            Wal.Stats after = wal.stats();
            long syncs = after.syncs() - before.syncs();
            double perSecond = commits / (elapsed / 1e9);
            System.out.printf("%-18s %7d %12.0f %10d %14.1f %12.1f%n", synchronous ? "on" : "off", threads,
                    perSecond, syncs, syncs == 0 ? Double.NaN : (double) commits / syncs,
                    threads * (elapsed / 1e3) / commits);
        } finally {
            Files.deleteIfExists(shmFile);
            deleteTree(dataDirectory);
        }
    }

    static long runFor(Wal wal, int threads, int seconds, AtomicLong xids) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong commits = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                long mine = 0;
                byte[] data = new byte[32];
                while (System.nanoTime() < deadline) {
                    long xid = xids.getAndIncrement();
                    ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putLong(0, System.currentTimeMillis());
                    Wal.Inserted at = wal.insert(new WalRecordBuilder(RmgrIds.TRANSACTION, 0x00, xid).mainData(data));
                    wal.commit(at.end());
                    mine++;
                }
                commits.addAndGet(mine);
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return commits.get();
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
