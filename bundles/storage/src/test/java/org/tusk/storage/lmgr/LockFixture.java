package org.tusk.storage.lmgr;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.tusk.storage.shmem.SharedMemory;

/**
 * A segment with initialized lock tables, backends that run on their own platform threads, and
 * polling helpers that give up after a generous limit (they guard against hangs; nothing asserts on
 * how long anything took).
 */
final class LockFixture implements AutoCloseable {

    static final Duration DEADLOCK_TIMEOUT = Duration.ofMillis(50);
    static final long LIMIT_SECONDS = 30;
    static final int DB = 5;

    final SharedMemory shm;
    final LockManager manager;

    LockFixture(Path dir, LockSettings settings) {
        shm = SharedMemory.create(dir.resolve("lmgr-seg"),
                SharedMemory.HEADER_SIZE + LockManager.shmemSize(settings) + 64 * 1024);
        manager = LockManager.initialize(shm, settings);
    }

    /** Backend {@code proc} with pid 1000 + proc. */
    BackendLocks backend(int proc) {
        return manager.backend(proc, pid(proc), DEADLOCK_TIMEOUT);
    }

    static int pid(int proc) {
        return 1000 + proc;
    }

    static LockTag rel(int oid) {
        return LockTag.relation(DB, oid);
    }

    /** Runs {@code task} on a new platform thread (lock waits block the OS thread). */
    static <T> Future<T> async(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().daemon().start(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        thread.setName("lock-test-backend");
        return result;
    }

    /** Waits until proc sleeps in a lock wait. */
    void awaitWaiting(int proc) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        while (!manager.isWaiting(proc)) {
            if (System.nanoTime() > deadline) {
                fail("proc " + proc + " never started waiting");
            }
            Thread.sleep(1);
        }
    }

    static <T> T get(Future<T> future) throws InterruptedException, ExecutionException {
        try {
            return future.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return fail("backend did not finish: a lock wait that should have ended did not");
        }
    }

    /** The LockException a future failed with. */
    static LockException failure(Future<?> future) throws InterruptedException {
        try {
            future.get(LIMIT_SECONDS, TimeUnit.SECONDS);
            return fail("expected a LockException");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LockException lock) {
                return lock;
            }
            throw new AssertionError("unexpected failure", e.getCause());
        } catch (TimeoutException e) {
            return fail("backend did not finish");
        }
    }

    @Override
    public void close() {
        shm.close();
    }
}
