package org.tusk.sql.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tusk.protocol.Interval;
import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.TimeTz;
import org.tusk.storage.access.NumericSpecial;

/** The tuple store in memory and spilled: order, random access, backward reads, marks, interleaved appends, cleanup. */
class TupleStoreTest {

    private static Object[] row(int i) {
        return new Object[] {i, "row " + i, i % 7 == 0 ? null : BigDecimal.valueOf(i, 2)};
    }

    private static void assertRow(int i, Object actual) {
        assertArrayEquals(row(i), (Object[]) actual, "row " + i);
    }

    @Test
    void smallStoreStaysInMemory() {
        try (TupleStore s = new TupleStore(1 << 20)) {
            for (int i = 0; i < 100; i++) {
                s.append(row(i));
            }
            assertFalse(s.spilled());
            assertNull(s.file());
            assertEquals(100, s.size());
            TupleStore.Reader r = s.reader();
            for (int i = 0; i < 100; i++) {
                assertRow(i, r.next());
            }
            assertNull(r.next());
            assertRow(99, r.previous());
        }
    }

    @Test
    void bigStoreSpillsAndReadsBackInOrder() {
        int before = TupleStore.openFiles();
        Path file;
        try (TupleStore s = new TupleStore(16 * 1024)) {
            for (int i = 0; i < 20000; i++) {
                s.append(row(i));
            }
            assertTrue(s.spilled());
            file = s.file();
            assertNotNull(file);
            assertTrue(Files.exists(file));
            assertEquals(before + 1, TupleStore.openFiles());
            TupleStore.Reader r = s.reader();
            for (int i = 0; i < 20000; i++) {
                assertRow(i, r.next());
            }
            assertNull(r.next());
            assertTrue(Files.size(file) > 100_000, "the rows beyond 16kB are on file");
            // read a second time from the start
            r.rewind();
            for (int i = 0; i < 20000; i++) {
                assertRow(i, r.next());
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertFalse(Files.exists(file), "close deletes the temporary file");
        assertEquals(before, TupleStore.openFiles());
    }

    @Test
    void backwardReadsAcrossMemoryAndFile() {
        try (TupleStore s = new TupleStore(4 * 1024)) {
            for (int i = 0; i < 5000; i++) {
                s.append(row(i));
            }
            assertTrue(s.spilled());
            TupleStore.Reader r = s.reader();
            r.seek(s.size());
            for (int i = 4999; i >= 0; i--) {
                assertRow(i, r.previous());
            }
            assertNull(r.previous());
            assertEquals(0, r.position());
            // zig-zag: forward two, back one
            for (int i = 0; i < 3000; i++) {
                Object a = r.next();
                Object b = r.next();
                Object c = r.previous();
                assertRow(i, a);
                assertRow(i + 1, b);
                assertRow(i + 1, c);
            }
        }
    }

    @Test
    void randomAccessAndMarks() {
        try (TupleStore s = new TupleStore(8 * 1024)) {
            for (int i = 0; i < 10000; i++) {
                s.append(row(i));
            }
            Random random = new Random(42);
            for (int n = 0; n < 2000; n++) {
                int i = random.nextInt(10000);
                assertRow(i, s.get(i));
            }
            TupleStore.Reader r = s.reader();
            r.seek(7777);
            long mark = r.position();
            assertRow(7777, r.next());
            assertRow(7778, r.next());
            s.get(3);
            s.get(9999);
            r.seek(mark);
            assertRow(7777, r.next());
            assertThrows(IndexOutOfBoundsException.class, () -> s.get(10000));
            assertThrows(IndexOutOfBoundsException.class, () -> r.seek(10001));
        }
    }

    @Test
    void appendsInterleaveWithReads() {
        try (TupleStore s = new TupleStore(2 * 1024)) {
            TupleStore.Reader r = s.reader();
            for (int i = 0; i < 3000; i++) {
                s.append(row(i));
                // the row just written is readable at once (the write buffer is flushed for it)
                assertRow(i, r.next());
                assertNull(r.next());
            }
            assertRow(1500, s.get(1500));
        }
    }

    @Test
    void rowsLargerThanTheBuffersRoundTrip() {
        String wide = "x".repeat(200_000);
        try (TupleStore s = new TupleStore(0)) {
            for (int i = 0; i < 10; i++) {
                s.append(new Object[] {i, i % 2 == 0 ? wide + i : "small " + i});
            }
            TupleStore.Reader r = s.reader();
            r.seek(10);
            for (int i = 9; i >= 0; i--) {
                Object[] got = (Object[]) r.previous();
                assertEquals(i, got[0]);
                assertEquals(i % 2 == 0 ? wide + i : "small " + i, got[1]);
            }
        }
    }

    @Test
    void clearDeletesTheFileAndStartsAgain() {
        TupleStore s = new TupleStore(1024);
        for (int i = 0; i < 1000; i++) {
            s.append(row(i));
        }
        Path file = s.file();
        assertTrue(Files.exists(file));
        s.clear();
        assertFalse(Files.exists(file));
        assertEquals(0, s.size());
        for (int i = 0; i < 1000; i++) {
            s.append(row(i + 5));
        }
        assertRow(5, s.get(0));
        assertRow(1004, s.get(999));
        s.close();
        assertThrows(IllegalStateException.class, () -> s.append(row(1)));
    }

    @Test
    void everyValueKindRoundTripsThroughTheFile() {
        Object[] row = {true, (short) -3, 42, 1L << 40, 1.5f, -2.25, new BigDecimal("-12345678901234567890.123"),
            NumericSpecial.NAN, "text ü", new byte[] {0, 1, (byte) 255}, LocalDate.of(2026, 11, 24),
            LocalDateTime.of(2026, 11, 24, 13, 15, 1, 123_456_000), Instant.ofEpochSecond(1_790_000_000L, 5000),
            new UUID(7, -9), new Interval(14, -3, 3_600_000_001L), new TimeTz(45_296_000_001L, -5 * 3600),
            new ArrayValue(1, List.of(1, 2, 3)), new Object[] {"a record", null, 3}, null};
        try (TupleStore s = new TupleStore(0)) {
            s.append(row);
            s.append(row);
            assertTrue(s.spilled());
            assertArrayEquals(row, (Object[]) s.get(1));
            assertArrayEquals(row, (Object[]) s.get(0));
        }
    }
}
