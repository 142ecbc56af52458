package org.tusk.storage.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.spi.NotificationQueue.Endpoint;
import org.tusk.spi.NotificationQueue.Notification;
import org.tusk.spi.SqlException;
import org.tusk.storage.shmem.SharedMemory;

/** The queue within one process: order, per-listener positions, filtering, wrap-around, a full queue, waking. */
class AsyncQueueTest {

    /** Small enough that a few notifications wrap it: 16 records of 1 kB-ish. */
    private static final long CAPACITY = 16 * 1024;

    @TempDir
    Path dir;
    private SharedMemory shm;
    private AsyncQueue queue;

    @BeforeEach
    void create() {
        shm = SharedMemory.create(dir.resolve("seg"), 1 << 20);
        queue = AsyncQueue.create(shm, 4, CAPACITY);
    }

    @AfterEach
    void close() {
        shm.close();
    }

    private static Notification n(int pid, String channel, String payload) {
        return new Notification(pid, channel, payload);
    }

    @Test
    void deliversInOrderOnlyOnListenedChannels() {
        Endpoint a = queue.attach(101);
        Endpoint b = queue.attach(102);
        a.listen("x");
        b.listen("y");
        b.send(List.of(n(102, "x", "1"), n(102, "y", "2"), n(102, "x", "3")));
        a.send(List.of(n(101, "x", "é ünïcode")));
        assertEquals(List.of(n(102, "x", "1"), n(102, "x", "3"), n(101, "x", "é ünïcode")), a.receive());
        assertEquals(List.of(n(102, "y", "2")), b.receive());
        assertEquals(List.of(), a.receive(), "a position moved past what was read");
        assertEquals(Set.of("x"), a.channels());
    }

    @Test
    void listenerSeesOnlyWhatWasSentAfterItListened() {
        Endpoint a = queue.attach(1);
        Endpoint b = queue.attach(2);
        a.send(List.of(n(1, "c", "before")));
        b.listen("c");
        a.send(List.of(n(1, "c", "after")));
        assertEquals(List.of(n(1, "c", "after")), b.receive());
        assertEquals(List.of(), a.receive(), "a does not listen");
    }

    @Test
    void eachListenerHasItsOwnPosition() {
        Endpoint a = queue.attach(1);
        Endpoint b = queue.attach(2);
        a.listen("c");
        b.listen("c");
        a.send(List.of(n(1, "c", "1")));
        assertEquals(List.of(n(1, "c", "1")), a.receive());
        a.send(List.of(n(1, "c", "2")));
        assertEquals(List.of(n(1, "c", "2")), a.receive());
        assertEquals(List.of(n(1, "c", "1"), n(1, "c", "2")), b.receive());
    }

    @Test
    void recordsWrapAroundTheRing() {
        Endpoint a = queue.attach(1);
        a.listen("c");
        String payload = "p".repeat(1000);
        List<Notification> all = new ArrayList<>();
        // 200 records of about 1 kB pass through a 16 kB ring: it wraps a dozen times, records split at the end
        for (int i = 0; i < 200; i++) {
            Notification one = n(1, "c", i + payload.substring(0, 1000 - (i % 13)));
            a.send(List.of(one));
            all.add(one);
            if (i % 5 == 4) {
                List<Notification> got = a.receive();
                assertEquals(all, got);
                all.clear();
            }
        }
        assertTrue(queue.head() > 10 * CAPACITY, "the ring wrapped: head " + queue.head());
    }

    @Test
    void fullQueueRefusesTheWholeTransaction() {
        Endpoint slow = queue.attach(1);
        Endpoint sender = queue.attach(2);
        slow.listen("c");
        String payload = "x".repeat(7999);
        sender.send(List.of(n(2, "c", payload)));
        long head = queue.head();
        SqlException e = assertThrows(SqlException.class,
                () -> sender.send(List.of(n(2, "c", "small"), n(2, "c", payload), n(2, "c", payload))));
        assertEquals("54000", e.sqlState());
        assertEquals("too many notifications in the NOTIFY queue", e.getMessage());
        assertEquals(head, queue.head(), "nothing of the refused transaction was written");
        assertEquals(List.of(n(2, "c", payload)), slow.receive());
        sender.send(List.of(n(2, "c", "small"), n(2, "c", payload), n(2, "c", payload)));
        assertEquals(List.of(n(2, "c", "small"), n(2, "c", payload), n(2, "c", payload)), slow.receive());
        slow.unlistenAll();
        for (int i = 0; i < 10; i++) {
            sender.send(List.of(n(2, "c", payload))); // nobody listens: nothing holds the queue back
        }
    }

    @Test
    void slotsAreLimitedAndReused() {
        List<Endpoint> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            all.add(queue.attach(i));
        }
        assertThrows(IllegalStateException.class, () -> queue.attach(9));
        all.get(2).close();
        Endpoint again = queue.attach(9);
        again.listen("c");
        again.send(List.of(n(9, "c", "mine")));
        assertEquals(List.of(n(9, "c", "mine")), again.receive());
    }

    @Test
    void unlistenLastChannelStopsReading() {
        Endpoint a = queue.attach(1);
        a.listen("c");
        a.listen("d");
        a.unlisten("c");
        a.send(List.of(n(1, "c", "1"), n(1, "d", "2")));
        assertEquals(List.of(n(1, "d", "2")), a.receive());
        a.unlisten("d");
        a.send(List.of(n(1, "d", "3")));
        a.listen("d");
        assertEquals(List.of(), a.receive(), "what was sent while not listening is not delivered");
    }

    @Test
    void sendWakesASleepingListener() throws Exception {
        Endpoint listener = queue.attach(1);
        Endpoint sender = queue.attach(2);
        listener.listen("c");
        CountDownLatch asleep = new CountDownLatch(1);
        List<Notification> got = new ArrayList<>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            int seen = listener.wakeCount();
            asleep.countDown();
            while (got.isEmpty()) {
                listener.awaitWake(seen, TimeUnit.SECONDS.toNanos(30));
                seen = listener.wakeCount();
                got.addAll(listener.receive());
            }
        });
        asleep.await();
        sender.send(List.of(n(2, "c", "wake up")));
        waiter.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals(List.of(n(2, "c", "wake up")), got);
    }

    @Test
    void anotherViewOfTheSegmentSeesTheSameQueue() {
        Endpoint a = queue.attach(1);
        a.listen("c");
        try (SharedMemory other = SharedMemory.attach(shm.path())) {
            AsyncQueue view = AsyncQueue.attach(other);
            assertEquals(CAPACITY, view.capacity());
            Endpoint b = view.attach(2);
            b.send(List.of(n(2, "c", "through another mapping")));
        }
        assertEquals(List.of(n(2, "c", "through another mapping")), a.receive());
    }
}
