package org.tusk.storage.shmem;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Virtual threads waiting on futex words must not take every carrier thread: with more waiters than
 * carriers, the virtual thread that changes the word and wakes them must still get to run. (A futex
 * system call would pin each waiter's carrier, and this test would hang until its timeout.)
 */
class FutexVirtualThreadTest {

    @Test
    void moreWaitingVirtualThreadsThanCarriersAreAllWokenByAnotherVirtualThread() throws Exception {
        int waiters = Runtime.getRuntime().availableProcessors() * 2 + 2;
        try (Arena arena = Arena.ofShared()) {
            MemorySegment word = arena.allocate(4, 4);
            word.set(ValueLayout.JAVA_INT, 0, 0);
            CountDownLatch waiting = new CountDownLatch(waiters);
            CountDownLatch done = new CountDownLatch(waiters);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < waiters; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    waiting.countDown();
                    while (word.get(ValueLayout.JAVA_INT, 0) == 0) {
                        Futex.await(word, 0, 0);
                    }
                    done.countDown();
                }));
            }
            assertTrue(waiting.await(10, TimeUnit.SECONDS), "the waiters started");
            Thread waker = Thread.ofVirtual().start(() -> {
                word.set(ValueLayout.JAVA_INT, 0, 1);
                Futex.wake(word, 0, Integer.MAX_VALUE);
            });
            assertTrue(done.await(20, TimeUnit.SECONDS), "every waiter saw the change; still waiting: "
                    + done.getCount());
            waker.join();
            for (Thread t : threads) {
                t.join(1000);
            }
        }
    }

    @Test
    void aTimedWaitOnAVirtualThreadEndsWhenTheTimeIsUp() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment word = arena.allocate(4, 4);
            long start = System.nanoTime();
            Thread t = Thread.ofVirtual().unstarted(() -> Futex.await(word, 0, 0, TimeUnit.MILLISECONDS.toNanos(50)));
            t.start();
            try {
                assertTrue(t.join(java.time.Duration.ofSeconds(20)), "the timed wait returned");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50), "it waited its time");
        }
    }
}
