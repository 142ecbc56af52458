package org.tusk.storage.page;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PageTest {

    private static MemorySegment newPage() {
        return MemorySegment.ofArray(new byte[Page.SIZE]);
    }

    private static MemorySegment item(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        b[0] = (byte) (b[0] | 1); // never all zero
        return MemorySegment.ofArray(b);
    }

    private static byte[] bytes(MemorySegment s) {
        return s.toArray(ValueLayout.JAVA_BYTE);
    }

    @Test
    void initializedPageLayout() {
        MemorySegment page = newPage();
        assertTrue(Page.isNew(page));
        Page.initialize(page, 16);
        assertFalse(Page.isNew(page));
        assertEquals(Page.HEADER_SIZE, Page.lower(page));
        assertEquals(Page.SIZE - 16, Page.upper(page));
        assertEquals(Page.SIZE - 16, Page.special(page));
        assertEquals(16, Page.specialSize(page));
        assertEquals(0, Page.maxOffset(page));
        assertEquals(Page.SIZE - 16 - Page.HEADER_SIZE - Page.ITEM_ID_SIZE, Page.freeSpace(page));
        // Special space sizes are MAXALIGNed.
        Page.initialize(page, 12);
        assertEquals(Page.SIZE - 16, Page.special(page));
        Page.setLsn(page, 0x1_0000_0042L);
        assertEquals(0x1_0000_0042L, page.get(Page.LONG, 0), "page LSN in the first 8 bytes");
    }

    @Test
    void addAndGetItemsWithAlignment() {
        MemorySegment page = newPage();
        Page.initialize(page, 0);
        Random r = new Random(1);
        MemorySegment a = item(r, 13);
        MemorySegment b = item(r, 8);
        assertEquals(1, Page.addItem(page, a));
        assertEquals(2, Page.addItem(page, b));
        assertArrayEquals(bytes(a), bytes(Page.item(page, 1)));
        assertArrayEquals(bytes(b), bytes(Page.item(page, 2)));
        assertEquals(Page.SIZE - 16, Page.itemOffset(page, 1), "13 bytes take 16");
        assertEquals(Page.SIZE - 24, Page.itemOffset(page, 2));
        assertEquals(13, Page.itemLength(page, 1));
        assertEquals(Page.LP_NORMAL, Page.itemFlags(page, 1));
        assertEquals(Page.HEADER_SIZE + 8, Page.lower(page));
        assertThrows(IndexOutOfBoundsException.class, () -> Page.item(page, 3));
    }

    @Test
    void fullPageRefusesAndHeapPageCapsLinePointers() {
        MemorySegment page = newPage();
        Page.initialize(page, 0);
        Random r = new Random(2);
        int n = 0;
        while (Page.addItem(page, item(r, 100)) != Page.INVALID_OFFSET) {
            n++;
        }
        // (8192 - 32) / (104 + 4) = 75 items of 100 bytes (104 aligned) with their pointers.
        assertEquals(75, n);
        assertTrue(Page.freeSpace(page) < 104);

        Page.initialize(page, 0);
        int count = 0;
        while (Page.addItem(page, item(r, 1), Page.INVALID_OFFSET, false, true) != Page.INVALID_OFFSET) {
            count++;
        }
        assertEquals(Page.MAX_HEAP_TUPLES_PER_PAGE, count);
        assertEquals(185, Page.MAX_HEAP_TUPLES_PER_PAGE);
        assertEquals(0, Page.heapFreeSpace(page), "no line pointer left");
        assertTrue(Page.freeSpace(page) > 0);
    }

    /** Random heap-style operations (line pointer numbers stable) against a map from offset to item. */
    @Test
    void randomHeapOperationsMatchAModel() {
        Random r = new Random(42);
        for (int round = 0; round < 15; round++) {
            MemorySegment page = newPage();
            Page.initialize(page, 0);
            TreeMap<Integer, byte[]> normal = new TreeMap<>();
            TreeMap<Integer, Integer> otherFlags = new TreeMap<>(); // dead or unused, no storage
            for (int op = 0; op < 400; op++) {
                int choice = r.nextInt(10);
                if (choice < 5) {
                    MemorySegment it = item(r, 1 + r.nextInt(300));
                    int off = Page.addItem(page, it, Page.INVALID_OFFSET, false, true);
                    if (off == Page.INVALID_OFFSET) {
                        assertTrue(Page.heapFreeSpace(page) < Page.maxAlign((int) it.byteSize())
                                || Page.exactFreeSpace(page) < Page.maxAlign((int) it.byteSize()) + Page.ITEM_ID_SIZE,
                                "refused although it fits");
                    } else {
                        // The first unused line pointer is reused before a new one is made.
                        Integer firstUnused = otherFlags.entrySet().stream().filter(e -> e.getValue() == Page.LP_UNUSED)
                                .map(e -> e.getKey()).findFirst().orElse(null);
                        if (firstUnused != null) {
                            assertEquals(firstUnused.intValue(), off);
                        } else {
                            assertEquals(normal.size() + otherFlags.size() + 1, off);
                        }
                        otherFlags.remove(off);
                        normal.put(off, bytes(it));
                    }
                } else if (choice < 7 && !normal.isEmpty()) {
                    int off = pick(r, normal);
                    Page.setDead(page, off);
                    normal.remove(off);
                    otherFlags.put(off, Page.LP_DEAD);
                } else if (choice < 8 && otherFlags.containsValue(Page.LP_DEAD)) {
                    int off = otherFlags.entrySet().stream().filter(e -> e.getValue() == Page.LP_DEAD)
                            .map(e -> e.getKey()).findFirst().orElseThrow();
                    Page.setUnused(page, off);
                    otherFlags.put(off, Page.LP_UNUSED);
                } else {
                    int unused = Page.repairFragmentation(page);
                    assertEquals(otherFlags.values().stream().filter(f -> f == Page.LP_UNUSED).count(), unused);
                    // After compaction the free space is exactly what the live items leave.
                    int used = normal.values().stream().mapToInt(b -> Page.maxAlign(b.length)).sum();
                    assertEquals(Page.SIZE - Page.HEADER_SIZE - Page.maxOffset(page) * Page.ITEM_ID_SIZE - used,
                            Page.exactFreeSpace(page));
                }
                check(page, normal, otherFlags);
            }
        }
    }

    private static int pick(Random r, TreeMap<Integer, ?> map) {
        List<Integer> keys = new ArrayList<>(map.keySet());
        return keys.get(r.nextInt(keys.size()));
    }

    private static void check(MemorySegment page, TreeMap<Integer, byte[]> normal, TreeMap<Integer, Integer> other) {
        assertEquals(normal.size() + other.size(), Page.maxOffset(page));
        for (var e : normal.entrySet()) {
            assertEquals(Page.LP_NORMAL, Page.itemFlags(page, e.getKey()));
            assertArrayEquals(e.getValue(), bytes(Page.item(page, e.getKey())), "item " + e.getKey());
        }
        for (var e : other.entrySet()) {
            assertEquals(e.getValue().intValue(), Page.itemFlags(page, e.getKey()));
            assertFalse(Page.hasStorage(page, e.getKey()));
        }
        assertTrue(Page.isVerified(page, 0, false));
    }

    /** Random index-style operations (inserts and deletes shift line pointers) against a list. */
    @Test
    void randomIndexOperationsMatchAList() {
        Random r = new Random(7);
        MemorySegment page = newPage();
        Page.initialize(page, 16);
        List<byte[]> model = new ArrayList<>();
        for (int op = 0; op < 3000; op++) {
            if (r.nextInt(3) > 0 || model.isEmpty()) {
                MemorySegment it = item(r, 1 + r.nextInt(120));
                int off = 1 + r.nextInt(model.size() + 1);
                if (Page.addItem(page, it, off, false, false) == off) {
                    model.add(off - 1, bytes(it));
                } else {
                    assertTrue(Page.freeSpace(page) < Page.maxAlign((int) it.byteSize()));
                    // Make room: delete several at once.
                    int a = 1 + r.nextInt(model.size());
                    int b = 1 + r.nextInt(model.size());
                    Page.deleteIndexItems(page, a, b);
                    model.remove(Math.max(a, b) - 1);
                    if (a != b) {
                        model.remove(Math.min(a, b) - 1);
                    }
                }
            } else {
                int off = 1 + r.nextInt(model.size());
                Page.deleteIndexItem(page, off);
                model.remove(off - 1);
            }
            assertEquals(model.size(), Page.maxOffset(page));
            int used = 0;
            for (int i = 0; i < model.size(); i++) {
                assertArrayEquals(model.get(i), bytes(Page.item(page, i + 1)));
                used += Page.maxAlign(model.get(i).length);
            }
            // Deletion closes up the storage at once: no fragmentation ever.
            assertEquals(Page.SIZE - 16 - used, Page.upper(page));
        }
    }

    @Test
    void addAtOffsetShiftsOrOverwritesUnused() {
        MemorySegment page = newPage();
        Page.initialize(page, 0);
        Random r = new Random(3);
        MemorySegment a = item(r, 10);
        MemorySegment b = item(r, 10);
        MemorySegment c = item(r, 10);
        Page.addItem(page, a);
        Page.addItem(page, b);
        assertEquals(1, Page.addItem(page, c, 1, false, false));
        assertArrayEquals(bytes(c), bytes(Page.item(page, 1)));
        assertArrayEquals(bytes(a), bytes(Page.item(page, 2)));
        assertArrayEquals(bytes(b), bytes(Page.item(page, 3)));
        assertThrows(IllegalArgumentException.class, () -> Page.addItem(page, c, 2, true, false), "used");
        Page.setDead(page, 2);
        Page.setUnused(page, 2);
        assertEquals(2, Page.addItem(page, c, 2, true, true));
        assertArrayEquals(bytes(c), bytes(Page.item(page, 2)));
        assertThrows(IllegalArgumentException.class, () -> Page.addItem(page, c, 9, false, false));
    }

    @Test
    void markDeadKeepsStorageSetDeadDropsIt() {
        MemorySegment page = newPage();
        Page.initialize(page, 0);
        Random r = new Random(4);
        Page.addItem(page, item(r, 40));
        Page.addItem(page, item(r, 40));
        byte[] first = bytes(Page.item(page, 1));
        Page.markDead(page, 1);
        assertTrue(Page.isDead(page, 1));
        assertArrayEquals(first, bytes(Page.item(page, 1)), "killed index entry still readable");
        Page.setDead(page, 2);
        assertFalse(Page.hasStorage(page, 2));
        int before = Page.exactFreeSpace(page);
        Page.repairFragmentation(page);
        assertEquals(before + 40, Page.exactFreeSpace(page));
        Page.setRedirect(page, 2, 1);
        assertTrue(Page.isRedirect(page, 2));
        assertEquals(1, Page.itemOffset(page, 2));
    }

    @Test
    void truncateLinePointerArrayGivesBackTrailingUnused() {
        MemorySegment page = newPage();
        Page.initialize(page, 0);
        Random r = new Random(5);
        for (int i = 0; i < 5; i++) {
            Page.addItem(page, item(r, 8));
        }
        for (int off : new int[] {2, 4, 5}) {
            Page.setDead(page, off);
            Page.setUnused(page, off);
        }
        Page.truncateLinePointerArray(page);
        assertEquals(3, Page.maxOffset(page));
        assertTrue(Page.hasFlag(page, Page.PD_HAS_FREE_LINES), "2 is still unused");
        assertEquals(2, Page.addItem(page, item(r, 8)));
    }

    @Test
    void validationOfPagesReadFromDisk() {
        MemorySegment page = newPage();
        assertTrue(Page.isVerified(page, 3, true), "an all-zero page is a valid new page");
        page.set(ValueLayout.JAVA_BYTE, 5000, (byte) 1);
        assertFalse(Page.isVerified(page, 3, false), "pd_upper 0 but not all zero");
        PageException e = assertThrows(PageException.class,
                () -> Page.verify(page, 3, "base/5/16384", false));
        assertEquals("invalid page in block 3 of relation base/5/16384", e.getMessage());
        assertEquals("XX001", e.sqlState());

        Page.initialize(page, 16);
        Page.addItem(page, item(new Random(6), 50));
        assertTrue(Page.isVerified(page, 3, false));
        Page.setChecksum(page, 3);
        assertTrue(Page.isVerified(page, 3, true));
        assertFalse(Page.isVerified(page, 4, true), "checksum includes the block number");
        page.set(ValueLayout.JAVA_BYTE, Page.SIZE - 40, (byte) 0x55);
        assertFalse(Page.isVerified(page, 3, true), "a flipped byte fails the checksum");

        for (int[] bad : new int[][] {{12, 8}, {14, Page.SIZE + 8}, {16, Page.SIZE - 3}, {10, 0x80}, {18, 0x2004}}) {
            MemorySegment p = newPage();
            Page.initialize(p, 16);
            p.set(Page.SHORT, bad[0], (short) bad[1]);
            assertFalse(Page.isVerified(p, 0, false), "header field at " + bad[0] + " = " + bad[1]);
            assertThrows(PageException.class, () -> Page.verify(p, 0, "base/1/2", false));
        }
    }

    @Test
    void corruptLinePointerIsReportedByCompaction() {
        MemorySegment page = newPage();
        Page.initialize(page, 0);
        Page.addItem(page, item(new Random(8), 30));
        page.set(Page.INT, Page.HEADER_SIZE, (100) | Page.LP_NORMAL << 15 | 30 << 17); // offset below pd_upper
        PageException e = assertThrows(PageException.class, () -> Page.repairFragmentation(page));
        assertEquals("corrupted line pointer: 100", e.getMessage());
    }

    @Test
    void itemPointerOrderAndFormat() {
        ItemPointer a = new ItemPointer(1, 5);
        ItemPointer b = new ItemPointer(-1, 1); // block 4294967295
        assertTrue(a.compareTo(b) < 0, "block numbers are unsigned");
        assertEquals("(4294967295,1)", b.toString());
        MemorySegment s = MemorySegment.ofArray(new byte[6]);
        a.write(s, 0);
        assertEquals(a, ItemPointer.read(s, 0));
    }

    /**
     * The one-pass multi-delete leaves byte for byte the page that deleting the same items one by one
     * (highest offset number first) leaves: storage, line pointers, pd_lower and pd_upper.
     */
    @Test
    void multiDeleteEqualsDeletingOneByOne() {
        Random r = new Random(11);
        for (int round = 0; round < 300; round++) {
            MemorySegment page = newPage();
            Page.initialize(page, 16);
            int n = 1 + r.nextInt(200);
            for (int i = 0; i < n; i++) {
                MemorySegment it = item(r, 1 + r.nextInt(round % 3 == 0 ? 60 : 14));
                if (Page.addItem(page, it, 1 + r.nextInt(Page.maxOffset(page) + 1), false, false) == Page.INVALID_OFFSET) {
                    break;
                }
            }
            int max = Page.maxOffset(page);
            int[] offsets = new int[1 + r.nextInt(max)];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = 1 + r.nextInt(max); // repeats included: each counts once
            }
            MemorySegment expected = newPage();
            MemorySegment.copy(page, 0, expected, 0, Page.SIZE);
            int[] distinct = java.util.Arrays.stream(offsets).distinct().sorted().toArray();
            for (int i = distinct.length - 1; i >= 0; i--) {
                Page.deleteIndexItem(expected, distinct[i]);
            }
            Page.deleteIndexItems(page, offsets);
            assertArrayEquals(bytes(expected), bytes(page), "round " + round);
            assertEquals(max - distinct.length, Page.maxOffset(page));
            assertTrue(Page.isVerified(page, 0, false));
        }
    }

    @Test
    void multiDeleteOfEveryItemEmptiesThePage() {
        Random r = new Random(5);
        MemorySegment page = newPage();
        Page.initialize(page, 16);
        int[] all = new int[50];
        for (int i = 0; i < all.length; i++) {
            Page.addItem(page, item(r, 1 + r.nextInt(40)), i + 1, false, false);
            all[i] = i + 1;
        }
        Page.deleteIndexItems(page, all);
        assertEquals(0, Page.maxOffset(page));
        assertEquals(Page.SIZE - 16, Page.upper(page));
        for (long at = Page.upper(page) - 1; at >= Page.lower(page); at--) {
            assertEquals(0, page.get(ValueLayout.JAVA_BYTE, at));
        }
    }
}
