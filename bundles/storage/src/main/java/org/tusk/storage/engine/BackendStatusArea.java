package org.tusk.storage.engine;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.storage.access.BackendActivity;
import org.tusk.storage.shmem.SharedMemory;

/**
 * Every backend's activity, in the segment ("backend status"): PostgreSQL's array of PgBackendStatus,
 * read by pg_stat_activity. One fixed-size slot per proc number, written only by the backend that
 * owns the proc number and read by any backend of any process attached to the segment, so no Java
 * object is shared and a backend in another JVM is seen the same way.
 *
 * <p>No lock: as PostgreSQL's st_changecount, the writer makes the slot's change count odd, writes the
 * fields, and makes it even again; a reader copies the slot and keeps the copy only if it saw the same
 * even count before and after (otherwise it copies again). A report is a few plain stores and two
 * ordered ones, no system call, so a backend can report every statement.
 *
 * <p>Slot layout (little-endian as the platform's ints; offsets in bytes):
 * <pre>
 *   0 change count   4 pid            8 database OID   12 user name length
 *  16 state          20 query length  24 app name length  28 (unused)
 *  32 backend start  40 transaction start  48 statement start  56 state change (µs since 1970, 0 = none)
 *  64 session user name (NAMEDATALEN 64 bytes, UTF-8; PostgreSQL keeps the role's OID, but a backend
 *     knows its role by name and the view finds the OID)
 * 128 application_name (NAMEDATALEN 64 bytes, UTF-8)
 * 192 query (track_activity_query_size 1024 bytes, UTF-8, cut at a character boundary)
 * </pre>
 */
final class BackendStatusArea {

    static final String NAME = "backend status";
    /** track_activity_query_size's default: the bytes of query text kept (PostgreSQL keeps one less). */
    static final int QUERY_SIZE = 1024;
    /** NAMEDATALEN: the bytes of application_name kept (one less, as PostgreSQL). */
    static final int NAME_SIZE = 64;

    private static final long CHANGE_COUNT = 0;
    private static final long PID = 4;
    private static final long DATABASE = 8;
    private static final long USER_LENGTH = 12;
    private static final long STATE = 16;
    private static final long QUERY_LENGTH = 20;
    private static final long NAME_LENGTH = 24;
    private static final long BACKEND_START = 32;
    private static final long XACT_START = 40;
    private static final long QUERY_START = 48;
    private static final long STATE_CHANGE = 56;
    private static final long USER = 64;
    private static final long APPLICATION_NAME = USER + NAME_SIZE;
    private static final long QUERY = APPLICATION_NAME + NAME_SIZE;
    static final long SLOT_SIZE = QUERY + QUERY_SIZE;

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private final MemorySegment area;
    private final int slots;

    private BackendStatusArea(MemorySegment area) {
        this.area = area;
        this.slots = (int) (area.byteSize() / SLOT_SIZE);
    }

    static long shmemSize(int maxProcs) {
        return SLOT_SIZE * maxProcs + SharedMemory.ALIGNMENT;
    }

    static BackendStatusArea initialize(SharedMemory shm, int maxProcs) {
        MemorySegment area = shm.allocate(NAME, SLOT_SIZE * maxProcs);
        area.fill((byte) 0);
        return new BackendStatusArea(area);
    }

    static BackendStatusArea attach(SharedMemory shm) {
        return new BackendStatusArea(shm.lookup(NAME));
    }

    /** The slot of proc number {@code proc}, or null when the area has none for it. */
    Writer writer(int proc) {
        return proc >= 0 && proc < slots ? new Writer(area.asSlice(SLOT_SIZE * proc, SLOT_SIZE)) : null;
    }

    /** One backend's own slot. Used by that backend's thread only. */
    static final class Writer {
        private final MemorySegment slot;
        private int changeCount;
        /** The query text last written (by identity): a statement reported again needs no copy. */
        private String writtenQuery;

        private Writer(MemorySegment slot) {
            this.slot = slot;
            this.changeCount = (int) INT.getVolatile(slot, CHANGE_COUNT);
            if ((changeCount & 1) != 0) {
                changeCount++; // a previous owner died mid-write: start from an even count
            }
        }

        /** pgstat_bestart: the backend's identity; its state stays unset until the first report. */
        void start(int pid, int databaseOid, String userName, String applicationName, long backendStartMicros) {
            beginWrite();
            slot.set(ValueLayout.JAVA_INT, PID, pid);
            slot.set(ValueLayout.JAVA_INT, DATABASE, databaseOid);
            slot.set(ValueLayout.JAVA_INT, USER_LENGTH, writeText(userName, USER, NAME_SIZE));
            slot.set(ValueLayout.JAVA_INT, STATE, 0);
            slot.set(ValueLayout.JAVA_INT, NAME_LENGTH, writeText(applicationName, APPLICATION_NAME, NAME_SIZE));
            slot.set(ValueLayout.JAVA_INT, QUERY_LENGTH, 0);
            slot.set(ValueLayout.JAVA_LONG, BACKEND_START, backendStartMicros);
            slot.set(ValueLayout.JAVA_LONG, XACT_START, 0L);
            slot.set(ValueLayout.JAVA_LONG, QUERY_START, 0L);
            slot.set(ValueLayout.JAVA_LONG, STATE_CHANGE, 0L);
            writtenQuery = null;
            endWrite();
        }

        /** pgstat_report_activity: state, query text (null keeps the last one) and the times. */
        void report(BackendActivity.State state, String query, long xactStartMicros, long queryStartMicros,
                long stateChangeMicros) {
            beginWrite();
            slot.set(ValueLayout.JAVA_INT, STATE, state.ordinal() + 1);
            if (query != null && query != writtenQuery) {
                slot.set(ValueLayout.JAVA_INT, QUERY_LENGTH, writeText(query, QUERY, QUERY_SIZE));
                writtenQuery = query;
            }
            slot.set(ValueLayout.JAVA_LONG, XACT_START, xactStartMicros);
            slot.set(ValueLayout.JAVA_LONG, QUERY_START, queryStartMicros);
            slot.set(ValueLayout.JAVA_LONG, STATE_CHANGE, stateChangeMicros);
            endWrite();
        }

        /** The backend ends: its slot shows no backend. */
        void clear() {
            beginWrite();
            slot.set(ValueLayout.JAVA_INT, PID, 0);
            slot.set(ValueLayout.JAVA_INT, STATE, 0);
            endWrite();
        }

        private void beginWrite() {
            changeCount++;
            INT.setOpaque(slot, CHANGE_COUNT, changeCount);
            // Readers must see the odd count before any field this write changes.
            VarHandle.storeStoreFence();
        }

        private void endWrite() {
            changeCount++;
            INT.setRelease(slot, CHANGE_COUNT, changeCount);
        }

        /** Writes {@code text} as UTF-8 at {@code offset}, at most {@code size - 1} bytes; returns the length. */
        private int writeText(String text, long offset, int size) {
            int limit = size - 1;
            int n = Math.min(text.length(), limit);
            int i = 0;
            for (; i < n; i++) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                slot.set(ValueLayout.JAVA_BYTE, offset + i, (byte) c);
            }
            if (i == n) {
                return n; // plain ASCII, the usual case: no encoding step
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            int length = Math.min(bytes.length, limit);
            // Never cut a character in two (pg_mbcliplen): back off to the start of the one cut.
            while (length < bytes.length && length > 0 && (bytes[length] & 0xC0) == 0x80) {
                length--;
            }
            MemorySegment.copy(bytes, 0, slot, ValueLayout.JAVA_BYTE, offset, length);
            return length;
        }
    }

    /** A consistent copy of every slot in use, by proc number. */
    List<BackendActivity> read() {
        List<BackendActivity> out = new ArrayList<>();
        byte[] user = new byte[NAME_SIZE];
        byte[] name = new byte[NAME_SIZE];
        byte[] query = new byte[QUERY_SIZE];
        for (int proc = 0; proc < slots; proc++) {
            MemorySegment slot = area.asSlice(SLOT_SIZE * proc, SLOT_SIZE);
            while (true) {
                int before = (int) INT.getAcquire(slot, CHANGE_COUNT);
                if ((before & 1) != 0) {
                    Thread.onSpinWait(); // a write is under way
                    continue;
                }
                int pid = slot.get(ValueLayout.JAVA_INT, PID);
                BackendActivity copy = null;
                if (pid != 0) {
                    int nameLength = Math.clamp(slot.get(ValueLayout.JAVA_INT, NAME_LENGTH), 0, NAME_SIZE);
                    int queryLength = Math.clamp(slot.get(ValueLayout.JAVA_INT, QUERY_LENGTH), 0, QUERY_SIZE);
                    int userLength = Math.clamp(slot.get(ValueLayout.JAVA_INT, USER_LENGTH), 0, NAME_SIZE);
                    MemorySegment.copy(slot, ValueLayout.JAVA_BYTE, USER, user, 0, userLength);
                    MemorySegment.copy(slot, ValueLayout.JAVA_BYTE, APPLICATION_NAME, name, 0, nameLength);
                    MemorySegment.copy(slot, ValueLayout.JAVA_BYTE, QUERY, query, 0, queryLength);
                    int state = slot.get(ValueLayout.JAVA_INT, STATE);
                    copy = new BackendActivity(pid, slot.get(ValueLayout.JAVA_INT, DATABASE),
                            new String(user, 0, userLength, StandardCharsets.UTF_8),
                            new String(name, 0, nameLength, StandardCharsets.UTF_8),
                            state <= 0 || state > BackendActivity.State.values().length ? null
                                    : BackendActivity.State.values()[state - 1],
                            new String(query, 0, queryLength, StandardCharsets.UTF_8),
                            slot.get(ValueLayout.JAVA_LONG, BACKEND_START), slot.get(ValueLayout.JAVA_LONG, XACT_START),
                            slot.get(ValueLayout.JAVA_LONG, QUERY_START), slot.get(ValueLayout.JAVA_LONG, STATE_CHANGE));
                }
                // The fields must be read before the count is read again.
                VarHandle.loadLoadFence();
                if ((int) INT.getVolatile(slot, CHANGE_COUNT) == before) {
                    if (copy != null) {
                        out.add(copy);
                    }
                    break;
                }
            }
        }
        return out;
    }
}
