package org.tusk.storage.buffer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.shmem.SharedMemory;
import org.tusk.storage.smgr.StorageManager;

/**
 * Rough figures for the README, not a test (timings are too noisy to assert on). Run by hand:
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes
 * org.tusk.storage.buffer.BufferBench [data directory]} (default: a temporary directory under /tmp).
 *
 * <p>Hit: readBuffer + shared content lock + unlock + release of a block in the pool. Miss: the same over
 * a relation 8 times larger than the pool, every access an eviction (half the victims dirty) and a read
 * through the kernel's page cache.
 */
public final class BufferBench {

    private static final RelFileLocator REL = RelFileLocator.of(5, 16384);
    /** Wall-clock times mean little on a shared, loaded machine; this thread's CPU time does. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private BufferBench() {
    }

    public static void main(String[] args) throws Exception {
        Path data = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("tusk-bufbench");
        Path segment = Files.createTempFile(SharedMemory.defaultDirectory(Path.of("/tmp")), "tusk-bufbench", ".shm");
        int buffers = 1024;
        int pages = 8 * buffers;
        try (SharedMemory shm = SharedMemory.create(segment,
                SharedMemory.HEADER_SIZE + SharedBufferPool.shmemSize(buffers));
                StorageManager smgr = new StorageManager(data, null)) {
            SharedBufferPool pool = SharedBufferPool.initialize(shm, buffers);
            smgr.create(REL, ForkNumber.MAIN, false);
            BufferManager bm = new BufferManager(pool, smgr, Pages.NO_WAL);
            for (int i = 0; i < pages; i++) {
                bm.release(bm.extend(REL, ForkNumber.MAIN));
            }
            for (int round = 0; round < 3; round++) {
                int n = 2_000_000;
                long t = System.nanoTime();
                long cpu = CPU.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    int b = bm.readBuffer(REL, ForkNumber.MAIN, i & 511);
                    bm.lock(b, LWLock.Mode.SHARED);
                    bm.unlockRelease(b);
                }
                long hitNs = (System.nanoTime() - t) / n;
                long hitCpuNs = (CPU.getCurrentThreadCpuTime() - cpu) / n;
                int m = 50_000;
                long reads = bm.reads();
                t = System.nanoTime();
                cpu = CPU.getCurrentThreadCpuTime();
                for (int i = 0; i < m; i++) {
                    int block = (int) ((i * 2654435761L) % pages);
                    int b = bm.readBuffer(REL, ForkNumber.MAIN, block);
                    bm.lock(b, (i & 1) == 0 ? LWLock.Mode.EXCLUSIVE : LWLock.Mode.SHARED);
                    if ((i & 1) == 0) {
                        bm.markDirty(b);
                    }
                    bm.unlockRelease(b);
                }
                long missNs = (System.nanoTime() - t) / m;
                long missCpuNs = (CPU.getCurrentThreadCpuTime() - cpu) / m;
                System.out.printf("round %d: hit %d ns/op (cpu %d); miss %.1f us/op (cpu %.1f; %d of %d from disk)%n",
                        round, hitNs, hitCpuNs, missNs / 1000.0, missCpuNs / 1000.0, bm.reads() - reads, m);
            }
        } finally {
            Files.deleteIfExists(segment);
            if (args.length == 0) {
                try (Stream<Path> walk = Files.walk(data)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(BufferBench::delete);
                }
            }
        }
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
