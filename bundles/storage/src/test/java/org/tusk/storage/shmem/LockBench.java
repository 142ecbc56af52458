package org.tusk.storage.shmem;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Rough figures for the README, not a test (timings are too noisy to assert on). Run by hand:
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes
 * org.tusk.storage.shmem.LockBench}.
 */
public final class LockBench {

    private LockBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Files.createTempFile(SharedMemory.defaultDirectory(Path.of("/tmp")), "tusk-bench", ".shm");
        try (SharedMemory shm = SharedMemory.create(file, 64 * 1024)) {
            MemorySegment area = shm.allocate("bench", 128);
            LWLock lw = LWLock.init(area, 0);
            SpinLock spin = SpinLock.init(area, 64);
            for (int round = 0; round < 3; round++) {
                int n = 20_000_000;
                long t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    lw.acquire(LWLock.Mode.EXCLUSIVE);
                    lw.release();
                }
                long lwNs = System.nanoTime() - t;
                t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    lw.acquire(LWLock.Mode.SHARED);
                    lw.release();
                }
                long lwShNs = System.nanoTime() - t;
                t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    spin.lock();
                    spin.unlock();
                }
                long spinNs = System.nanoTime() - t;
                System.out.printf("uncontended acquire+release: LWLock exclusive %.1f ns, shared %.1f ns, SpinLock %.1f ns%n",
                        (double) lwNs / n, (double) lwShNs / n, (double) spinNs / n);
            }
            wakeLatency(area, lw);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Holder releases while a waiter sleeps in the futex; time from release to the waiter's acquire. */
    private static void wakeLatency(MemorySegment area, LWLock lock) throws Exception {
        int n = 2000;
        long[] latencies = new long[n];
        for (int i = 0; i < n; i++) {
            lock.acquire(LWLock.Mode.EXCLUSIVE);
            int index = i;
            Thread waiter = Thread.ofPlatform().start(() -> {
                lock.acquire(LWLock.Mode.EXCLUSIVE);
                latencies[index] = System.nanoTime() - area.get(ValueLayout.JAVA_LONG, 8);
                lock.release();
            });
            while ((lock.state() & LWLock.HAS_WAITERS) == 0) {
                LockSupport.parkNanos(10_000);
            }
            LockSupport.parkNanos(200_000); // let it reach the futex
            area.set(ValueLayout.JAVA_LONG, 8, System.nanoTime());
            lock.release();
            waiter.join();
        }
        Arrays.sort(latencies);
        System.out.printf("futex wake to acquire (threads, %d samples): median %.1f us, p90 %.1f us, p99 %.1f us%n",
                n, latencies[n / 2] / 1e3, latencies[n * 9 / 10] / 1e3, latencies[n * 99 / 100] / 1e3);
    }
}
