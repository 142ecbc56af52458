package org.tusk.storage.async;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tusk.spi.NotificationQueue;
import org.tusk.spi.SqlException;
import org.tusk.storage.shmem.Futex;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.shmem.SharedMemory;

/**
 * The LISTEN/NOTIFY queue in shared memory: a fixed ring of variable-length notification records,
 * one head position, and one slot per backend with its read position and wake word. A per-process
 * view; everything it reads or writes is in the segment. See the package README for the layout and
 * why the queue is a ring rather than PostgreSQL's SLRU.
 *
 * <p>Positions are byte counts since the queue was created (64-bit, never wrap); a record at position
 * {@code p} lives at ring offset {@code p % capacity} and may continue at offset 0. Every record is a
 * multiple of 8 bytes long, so its header's ints never straddle the end of the ring.
 */
public final class AsyncQueue implements NotificationQueue {

    /** The name of the structure in the segment's directory. */
    public static final String NAME = "async notify queue";
    /** The ring's size in the server's segment: room for about 1000 maximal or 30,000 short notifications. */
    public static final long DEFAULT_CAPACITY = 1L << 20;
    /** Slots beyond max_connections, as PostgreSQL counts backends with the auxiliary processes. */
    public static final int EXTRA_SLOTS = 8;

    // header
    private static final long LOCK = 0;
    private static final long SLOT_COUNT = 4;
    private static final long CAPACITY = 8;
    private static final long HEAD = 16;
    private static final long SLOTS = 64;
    // a slot
    static final long SLOT_SIZE = 32;
    private static final long STATE = 0;
    private static final long PID = 4;
    private static final long LISTENING = 8;
    static final long WAKE = 12;
    private static final long POSITION = 16;
    // a record: total length, sender pid, channel length, payload length, then the UTF-8 bytes
    static final int RECORD_HEADER = 16;

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private final MemorySegment area;
    private final LWLock lock;
    private final int slotCount;
    private final long capacity;
    private final long ring;

    private AsyncQueue(MemorySegment area) {
        this.area = area;
        this.lock = new LWLock(area, LOCK);
        this.slotCount = area.get(ValueLayout.JAVA_INT, SLOT_COUNT);
        this.capacity = area.get(ValueLayout.JAVA_LONG, CAPACITY);
        this.ring = ringOffset(slotCount);
    }

    private static long ringOffset(int slots) {
        long end = SLOTS + slots * SLOT_SIZE;
        return (end + SharedMemory.ALIGNMENT - 1) / SharedMemory.ALIGNMENT * SharedMemory.ALIGNMENT;
    }

    /** Bytes the structure needs in the segment. */
    public static long size(int slots, long capacity) {
        return Math.addExact(ringOffset(slots), capacity);
    }

    /**
     * Allocates and initializes the queue in a new segment (the postmaster, before any backend).
     *
     * @param capacity ring bytes: a multiple of 8 that holds at least one maximal notification
     */
    public static AsyncQueue create(SharedMemory shm, int slots, long capacity) {
        if (slots < 1 || capacity % 8 != 0 || capacity < recordLength(Limits.MAX_CHANNEL_BYTES, Limits.MAX_PAYLOAD_BYTES)) {
            throw new IllegalArgumentException("bad queue geometry: " + slots + " slots, " + capacity + " bytes");
        }
        MemorySegment area = shm.allocate(NAME, size(slots, capacity)); // zeroed: slots free, head 0
        area.set(ValueLayout.JAVA_INT, SLOT_COUNT, slots);
        area.set(ValueLayout.JAVA_LONG, CAPACITY, capacity);
        LWLock.init(area, LOCK);
        return new AsyncQueue(area);
    }

    /** The queue of a segment created by another process (a backend that attached by path). */
    public static AsyncQueue attach(SharedMemory shm) {
        return new AsyncQueue(shm.lookup(NAME));
    }

    public long capacity() {
        return capacity;
    }

    public int slotCount() {
        return slotCount;
    }

    /** The write position: bytes ever queued. */
    long head() {
        return (long) LONG.getVolatile(area, HEAD);
    }

    @Override
    public Endpoint attach(int processId) {
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            for (int i = 0; i < slotCount; i++) {
                long s = slot(i);
                if ((int) INT.getVolatile(area, s + STATE) == 0) {
                    area.set(ValueLayout.JAVA_INT, s + PID, processId);
                    INT.setVolatile(area, s + LISTENING, 0);
                    LONG.setVolatile(area, s + POSITION, head());
                    INT.setVolatile(area, s + STATE, 1);
                    return new QueueEndpoint(this, i);
                }
            }
        } finally {
            lock.release();
        }
        throw new IllegalStateException("no free slot in the notification queue (" + slotCount + " slots)");
    }

    private long slot(int index) {
        return SLOTS + index * SLOT_SIZE;
    }

    static int recordLength(int channelBytes, int payloadBytes) {
        return (RECORD_HEADER + channelBytes + payloadBytes + 7) & ~7;
    }

    // ---- what QueueEndpoint does to its slot

    /** Registers the slot as a listener that reads from now on (PostgreSQL's Exec_ListenPreCommit). */
    void register(int index) {
        long s = slot(index);
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            if ((int) INT.getVolatile(area, s + LISTENING) == 0) {
                LONG.setVolatile(area, s + POSITION, head());
                INT.setVolatile(area, s + LISTENING, 1);
            }
        } finally {
            lock.release();
        }
    }

    /** The slot stops listening and no longer holds back the queue (asyncQueueUnregister). */
    void unregister(int index) {
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            INT.setVolatile(area, slot(index) + LISTENING, 0);
        } finally {
            lock.release();
        }
    }

    void release(int index) {
        long s = slot(index);
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            INT.setVolatile(area, s + LISTENING, 0);
            INT.setVolatile(area, s + STATE, 0);
        } finally {
            lock.release();
        }
    }

    boolean listening(int index) {
        return (int) INT.getVolatile(area, slot(index) + LISTENING) != 0;
    }

    /** The slot's read position. */
    long position(int index) {
        return (long) LONG.getVolatile(area, slot(index) + POSITION);
    }

    int wakeCount(int index) {
        return (int) INT.getVolatile(area, slot(index) + WAKE);
    }

    void awaitWake(int index, int seen, long nanos) {
        Futex.await(area, slot(index) + WAKE, seen, nanos);
    }

    void wake(int index) {
        long word = slot(index) + WAKE;
        INT.getAndAdd(area, word, 1);
        Futex.wake(area, word, Integer.MAX_VALUE);
    }

    /**
     * Appends one transaction's notifications contiguously, or nothing if they do not fit behind the
     * slowest listener, then wakes every listener.
     */
    void send(List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return;
        }
        List<byte[][]> encoded = new ArrayList<>(notifications.size());
        long total = 0;
        for (Notification n : notifications) {
            byte[] channel = n.channel().getBytes(StandardCharsets.UTF_8);
            byte[] payload = n.payload().getBytes(StandardCharsets.UTF_8);
            encoded.add(new byte[][] {channel, payload});
            total += recordLength(channel.length, payload.length);
        }
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            long head = head();
            if (head + total - tail(head) > capacity) {
                throw new SqlException("54000", "too many notifications in the NOTIFY queue");
            }
            long p = head;
            for (int i = 0; i < notifications.size(); i++) {
                byte[][] e = encoded.get(i);
                int length = recordLength(e[0].length, e[1].length);
                putInt(p, length);
                putInt(p + 4, notifications.get(i).processId());
                putInt(p + 8, e[0].length);
                putInt(p + 12, e[1].length);
                putBytes(p + RECORD_HEADER, e[0]);
                putBytes(p + RECORD_HEADER + e[0].length, e[1]);
                p += length;
            }
            LONG.setVolatile(area, HEAD, p); // published last: readers never see a half-written record
        } finally {
            lock.release();
        }
        for (int i = 0; i < slotCount; i++) {
            long s = slot(i);
            if ((int) INT.getVolatile(area, s + STATE) != 0 && (int) INT.getVolatile(area, s + LISTENING) != 0) {
                wake(i);
            }
        }
    }

    /** The oldest position some listener has yet to read (the head if nobody listens). */
    private long tail(long head) {
        long tail = head;
        for (int i = 0; i < slotCount; i++) {
            long s = slot(i);
            if ((int) INT.getVolatile(area, s + STATE) != 0 && (int) INT.getVolatile(area, s + LISTENING) != 0) {
                tail = Math.min(tail, (long) LONG.getVolatile(area, s + POSITION));
            }
        }
        return tail;
    }

    /**
     * Reads everything from the slot's position to the head, keeps the notifications on {@code channels},
     * and moves the position to the head. A shared lock: readers only write their own slot, and senders
     * (exclusive) cannot overwrite what is being read.
     */
    List<Notification> receive(int index, Set<String> channels) {
        long s = slot(index);
        List<Notification> result = new ArrayList<>();
        lock.acquire(LWLock.Mode.SHARED);
        try {
            if ((int) INT.getVolatile(area, s + LISTENING) == 0) {
                return result;
            }
            long head = head();
            long p = (long) LONG.getVolatile(area, s + POSITION);
            while (p < head) {
                int length = getInt(p);
                int pid = getInt(p + 4);
                int channelLength = getInt(p + 8);
                int payloadLength = getInt(p + 12);
                String channel = new String(getBytes(p + RECORD_HEADER, channelLength), StandardCharsets.UTF_8);
                if (channels.contains(channel)) {
                    String payload = new String(getBytes(p + RECORD_HEADER + channelLength, payloadLength),
                            StandardCharsets.UTF_8);
                    result.add(new Notification(pid, channel, payload));
                }
                p += length;
            }
            LONG.setVolatile(area, s + POSITION, head);
        } finally {
            lock.release();
        }
        return result;
    }

    // ---- the ring: positions modulo the capacity, byte runs split at the end

    private long at(long position) {
        return ring + position % capacity;
    }

    private void putInt(long position, int value) {
        area.set(ValueLayout.JAVA_INT, at(position), value);
    }

    private int getInt(long position) {
        return area.get(ValueLayout.JAVA_INT, at(position));
    }

    private void putBytes(long position, byte[] bytes) {
        long offset = position % capacity;
        int first = (int) Math.min(bytes.length, capacity - offset);
        MemorySegment.copy(bytes, 0, area, ValueLayout.JAVA_BYTE, ring + offset, first);
        MemorySegment.copy(bytes, first, area, ValueLayout.JAVA_BYTE, ring, bytes.length - first);
    }

    private byte[] getBytes(long position, int length) {
        byte[] bytes = new byte[length];
        long offset = position % capacity;
        int first = (int) Math.min(length, capacity - offset);
        MemorySegment.copy(area, ValueLayout.JAVA_BYTE, ring + offset, bytes, 0, first);
        MemorySegment.copy(area, ValueLayout.JAVA_BYTE, ring, bytes, first, length - first);
        return bytes;
    }
}
