package org.tusk.storage.shmem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockTest {

    private static final int THREADS = 8;
    private static final int INCREMENTS = 50_000;

    @TempDir
    Path dir;
    private SharedMemory shm;
    /** lock word at 0, counters at 8 and 16 (plain, non-atomic longs). */
    private MemorySegment area;

    @BeforeEach
    void setUp() {
        shm = SharedMemory.create(dir.resolve("seg"), 64 * 1024);
        area = shm.allocate("lock test", 64);
    }

    @AfterEach
    void tearDown() {
        shm.close();
    }

    @Test
    void exclusiveLWLockGivesMutualExclusion() throws Exception {
        LWLock lock = LWLock.init(area, 0);
        runThreads(THREADS, () -> {
            for (int i = 0; i < INCREMENTS; i++) {
                lock.acquire(LWLock.Mode.EXCLUSIVE);
                try {
                    increment(8);
                } finally {
                    lock.release();
                }
            }
        });
        assertEquals((long) THREADS * INCREMENTS, area.get(ValueLayout.JAVA_LONG, 8));
        assertEquals(0, lock.state(), "free and no waiter flag left behind");
    }

    @Test
    void spinLockGivesMutualExclusion() throws Exception {
        SpinLock lock = SpinLock.init(area, 0);
        runThreads(THREADS, () -> {
            for (int i = 0; i < INCREMENTS; i++) {
                lock.lock();
                try {
                    increment(8);
                } finally {
                    lock.unlock();
                }
            }
        });
        assertEquals((long) THREADS * INCREMENTS, area.get(ValueLayout.JAVA_LONG, 8));
        assertFalse(lock.isLocked());
    }

    @Test
    void sharedHoldersCoexistAndExcludeWriters() {
        LWLock lock = LWLock.init(area, 0);
        LWLock otherView = new LWLock(shm.lookup("lock test"), 0);
        lock.acquire(LWLock.Mode.SHARED);
        assertTrue(otherView.tryAcquire(LWLock.Mode.SHARED));
        assertFalse(otherView.tryAcquire(LWLock.Mode.EXCLUSIVE));
        lock.release();
        assertFalse(otherView.tryAcquire(LWLock.Mode.EXCLUSIVE), "one shared holder left");
        otherView.release();
        assertTrue(otherView.tryAcquire(LWLock.Mode.EXCLUSIVE));
        assertFalse(lock.tryAcquire(LWLock.Mode.SHARED));
        assertFalse(lock.tryAcquire(LWLock.Mode.EXCLUSIVE));
        otherView.release();
        assertFalse(lock.isHeld());
        assertThrows(IllegalStateException.class, lock::release);
    }

    @Test
    void releaseWakesASleepingWaiter() throws Exception {
        LWLock lock = LWLock.init(area, 0);
        lock.acquire(LWLock.Mode.SHARED);
        CountDownLatch acquired = new CountDownLatch(1);
        Thread writer = Thread.ofPlatform().start(() -> {
            lock.acquire(LWLock.Mode.EXCLUSIVE);
            acquired.countDown();
            lock.release();
        });
        // Wait (bounded) until the writer has flagged itself as a waiter, i.e. is about to sleep.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((lock.state() & LWLock.HAS_WAITERS) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertTrue((lock.state() & LWLock.HAS_WAITERS) != 0, "writer never waited");
        assertEquals(1, acquired.getCount());
        lock.release();
        assertTrue(acquired.await(10, TimeUnit.SECONDS), "writer not woken");
        writer.join(10_000);
        assertEquals(0, lock.state());
    }

    @Test
    void readersNeverSeeAHalfDoneUpdate() throws Exception {
        LWLock lock = LWLock.init(area, 0);
        AtomicReference<String> torn = new AtomicReference<>();
        Runnable writer = () -> {
            for (int i = 0; i < INCREMENTS; i++) {
                lock.acquire(LWLock.Mode.EXCLUSIVE);
                try {
                    increment(8);
                    Thread.onSpinWait();
                    increment(16);
                } finally {
                    lock.release();
                }
            }
        };
        Runnable reader = () -> {
            for (int i = 0; i < INCREMENTS; i++) {
                lock.acquire(LWLock.Mode.SHARED);
                try {
                    long a = area.get(ValueLayout.JAVA_LONG, 8);
                    long b = area.get(ValueLayout.JAVA_LONG, 16);
                    if (a != b) {
                        torn.set(a + " != " + b);
                    }
                } finally {
                    lock.release();
                }
            }
        };
        runAll(List.of(writer, writer, reader, reader, reader, reader));
        assertEquals(null, torn.get());
        assertEquals(2L * INCREMENTS, area.get(ValueLayout.JAVA_LONG, 16));
        assertEquals(0, lock.state());
    }

    @Test
    void locksRefuseMisalignedWords() {
        assertThrows(IllegalArgumentException.class, () -> new LWLock(area, 2));
        assertThrows(IllegalArgumentException.class, () -> new SpinLock(area, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> new LWLock(area, 64));
    }

    private void increment(long offset) {
        area.set(ValueLayout.JAVA_LONG, offset, area.get(ValueLayout.JAVA_LONG, offset) + 1);
    }

    private static void runThreads(int count, Runnable body) throws Exception {
        List<Runnable> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bodies.add(body);
        }
        runAll(bodies);
    }

    /** Starts all bodies together on platform threads; fails on any exception or after 60 s. */
    private static void runAll(List<Runnable> bodies) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (Runnable body : bodies) {
            threads.add(Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    start.await();
                    body.run();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        start.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            assertFalse(t.isAlive(), "worker still running after 60 s (deadlock?)");
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }
}
