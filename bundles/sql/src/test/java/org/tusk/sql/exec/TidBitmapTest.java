package org.tusk.sql.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.storage.access.BitmapPage;
import org.tusk.storage.access.TupleId;

/** The TID bitmap: pages in block order, exact offsets, lossy pages beyond the limit, AND and OR. */
class TidBitmapTest {

    private static List<BitmapPage> pages(TidBitmap b) {
        List<BitmapPage> out = new ArrayList<>();
        for (Iterator<BitmapPage> it = b.pages(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void tidsComeBackByPageInBlockOrder() {
        TidBitmap b = new TidBitmap(1000);
        b.add(new TupleId(7, 3));
        b.add(new TupleId(2, 9));
        b.add(new TupleId(7, 1));
        b.add(new TupleId(2, 9));
        List<BitmapPage> p = pages(b);
        assertEquals(2, p.size());
        assertEquals(2, p.get(0).block());
        assertArrayEquals(new int[] {9}, p.get(0).offsets());
        assertEquals(7, p.get(1).block());
        assertArrayEquals(new int[] {1, 3}, p.get(1).offsets());
    }

    @Test
    void beyondItsLimitTheLowestPagesTurnLossy() {
        TidBitmap b = new TidBitmap(16);
        for (int block = 0; block < 40; block++) {
            b.add(new TupleId(block, 1));
            b.add(new TupleId(block, 2));
        }
        assertTrue(b.entries() <= 16, "entries: " + b.entries());
        List<BitmapPage> p = pages(b);
        assertEquals(40, p.size(), "every page is still there, exact or lossy");
        assertTrue(p.getFirst().lossy());
        assertTrue(p.getLast().offsets() != null && p.getLast().offsets().length == 2);
        for (int i = 1; i < p.size(); i++) {
            assertTrue(p.get(i - 1).block() < p.get(i).block());
        }
        // a TID added to a lossy page changes nothing
        b.add(new TupleId(0, 5));
        assertNull(pages(b).getFirst().offsets());
    }

    @Test
    void intersectionKeepsCommonTidsAndLossyMeetsExact() {
        TidBitmap a = new TidBitmap(1000);
        a.add(new TupleId(1, 1));
        a.add(new TupleId(1, 2));
        a.add(new TupleId(2, 1));
        a.addPage(3);
        a.addPage(4);
        TidBitmap b = new TidBitmap(1000);
        b.add(new TupleId(1, 2));
        b.add(new TupleId(2, 5));
        b.add(new TupleId(3, 4));
        b.addPage(4);
        a.intersect(b);
        List<BitmapPage> p = pages(a);
        assertEquals(3, p.size(), p.toString());
        assertArrayEquals(new int[] {2}, p.get(0).offsets());
        assertEquals(3, p.get(1).block());
        assertArrayEquals(new int[] {4}, p.get(1).offsets(), "lossy AND exact is the exact page");
        assertEquals(4, p.get(2).block());
        assertTrue(p.get(2).lossy());
    }

    @Test
    void unionAddsEverythingAndLossyWins() {
        TidBitmap a = new TidBitmap(1000);
        a.add(new TupleId(1, 1));
        a.add(new TupleId(5, 1));
        TidBitmap b = new TidBitmap(1000);
        b.add(new TupleId(1, 3));
        b.addPage(5);
        b.add(new TupleId(9, 2));
        a.union(b);
        List<BitmapPage> p = pages(a);
        assertEquals(3, p.size());
        assertArrayEquals(new int[] {1, 3}, p.get(0).offsets());
        assertTrue(p.get(1).lossy());
        assertArrayEquals(new int[] {2}, p.get(2).offsets());
    }
}
