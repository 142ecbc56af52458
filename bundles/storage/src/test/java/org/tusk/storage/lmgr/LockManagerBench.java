package org.tusk.storage.lmgr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.tusk.storage.shmem.SharedMemory;

/**
 * Rough figures for the README, not a test (timings are too noisy to assert on). Run by hand from
 * bundles/storage after a build: {@code java --enable-native-access=ALL-UNNAMED -cp
 * target/classes:target/test-classes org.tusk.storage.lmgr.LockManagerBench}.
 */
public final class LockManagerBench {

    private LockManagerBench() {
    }

    public static void main(String[] args) throws Exception {
        LockSettings settings = new LockSettings(8, 64);
        Path file = Files.createTempFile(SharedMemory.defaultDirectory(Path.of("/tmp")), "tusk-lmgr-bench", ".shm");
        try (SharedMemory shm = SharedMemory.create(file,
                SharedMemory.HEADER_SIZE + LockManager.shmemSize(settings) + 4096)) {
            LockManager manager = LockManager.initialize(shm, settings);
            BackendLocks me = manager.backend(0, 1, Duration.ofSeconds(1));
            LockTag tag = LockTag.relation(5, 16384);
            for (int round = 0; round < 3; round++) {
                int n = 2_000_000;
                long t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    me.acquire(tag, LockMode.ACCESS_SHARE);
                    me.release(tag, LockMode.ACCESS_SHARE);
                }
                long shared = System.nanoTime() - t;
                me.acquire(tag, LockMode.ACCESS_SHARE);
                t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    me.acquire(tag, LockMode.ACCESS_SHARE);
                    me.release(tag, LockMode.ACCESS_SHARE);
                }
                long local = System.nanoTime() - t;
                me.releaseAll();
                System.out.printf("acquire+release: via shared memory %.0f ns, re-acquire (local table) %.0f ns%n",
                        (double) shared / n, (double) local / n);
            }
            handOff(manager);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Release-to-grant latency: a waiter asleep in the futex, woken by the holder's release. */
    private static void handOff(LockManager manager) throws Exception {
        int samples = 2000;
        long[] latencies = new long[samples];
        LockTag tag = LockTag.relation(5, 1);
        BackendLocks holder = manager.backend(1, 2, Duration.ofSeconds(10));
        long[] releasedAt = new long[1];
        for (int i = 0; i < samples; i++) {
            holder.acquire(tag, LockMode.ACCESS_EXCLUSIVE);
            CountDownLatch done = new CountDownLatch(1);
            int sample = i;
            Thread waiter = Thread.ofPlatform().start(() -> {
                BackendLocks b = manager.backend(2, 3, Duration.ofSeconds(10));
                b.acquire(tag, LockMode.ACCESS_SHARE);
                latencies[sample] = System.nanoTime() - releasedAt[0];
                b.releaseAll();
                done.countDown();
            });
            while (!manager.isWaiting(2)) {
                Thread.onSpinWait();
            }
            Thread.sleep(0, 200_000);
            releasedAt[0] = System.nanoTime();
            holder.releaseAll();
            done.await();
            waiter.join();
        }
        Arrays.sort(latencies);
        System.out.printf("release to grant, waiter asleep: median %d us, p90 %d us, p99 %d us%n",
                latencies[samples / 2] / 1000, latencies[samples * 9 / 10] / 1000, latencies[samples * 99 / 100] / 1000);
    }
}
