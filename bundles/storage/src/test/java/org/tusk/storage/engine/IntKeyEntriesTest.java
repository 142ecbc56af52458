package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tusk.storage.btree.Comparators;
import org.tusk.storage.btree.IndexColumn;
import org.tusk.storage.btree.IndexKeys;
import org.tusk.storage.btree.IndexTuple;
import org.tusk.storage.heap.Attribute;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.page.ItemPointer;

/** An integer-key build's entries come out in (key, TID) order, NULLs where the column puts them. */
class IntKeyEntriesTest {

    private record Ref(Integer key, long tid) {
    }

    @Test
    void sortedByKeyThenTidWhateverTheArrivalOrder() {
        for (boolean nullsFirst : new boolean[] {false, true}) {
            Attribute a = Attribute.of("a", PgType.INT4);
            IndexKeys keys = IndexKeys.of(new IndexColumn(a, Comparators.forAttribute(a), false, nullsFirst));
            IntKeyEntries entries = new IntKeyEntries(keys);
            List<Ref> ref = new ArrayList<>();
            Random r = new Random(3);
            for (int i = 0; i < 5000; i++) {
                Integer key = r.nextInt(12) == 0 ? null
                        : r.nextInt(5) == 0 ? (r.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE)
                        : r.nextInt(300) - 150;
                // TIDs arrive out of order (a HOT chain's root after later offsets of its page).
                long tid = ((long) r.nextInt(1000) << 16) | (1 + r.nextInt(200));
                entries.add(key, tid);
                ref.add(new Ref(key, tid));
            }
            Comparator<Integer> keyOrder = nullsFirst ? Comparator.nullsFirst(Comparator.<Integer>naturalOrder())
                    : Comparator.nullsLast(Comparator.<Integer>naturalOrder());
            ref.sort(Comparator.comparing(Ref::key, keyOrder).thenComparingLong(Ref::tid));
            entries.sort();
            assertEquals(ref.size(), entries.size());
            for (int i = 0; i < ref.size(); i++) {
                assertEquals(ref.get(i).key(), entries.key(i), "key " + i);
                assertEquals(ref.get(i).tid(), entries.tid(i), "tid " + i);
            }
            List<int[]> runs = new ArrayList<>();
            entries.forEachDuplicateRun((first, end) -> runs.add(new int[] {first, end}));
            int expected = 0;
            for (int i = 0; i < ref.size(); ) {
                int j = i + 1;
                while (j < ref.size() && ref.get(i).key() != null && ref.get(i).key().equals(ref.get(j).key())) {
                    j++;
                }
                if (j - i > 1) {
                    assertEquals(i, runs.get(expected)[0]);
                    assertEquals(j, runs.get(expected)[1]);
                    expected++;
                }
                i = j;
            }
            assertEquals(expected, runs.size());
        }
    }

    @Test
    void int2KeysComeBackAsShortAndOnlyOneAscendingIntegerColumnApplies() {
        Attribute s = Attribute.of("s", PgType.INT2);
        IntKeyEntries entries = new IntKeyEntries(IndexKeys.of(IndexColumn.asc(s)));
        entries.add((short) 7, 1 << 16 | 2);
        entries.add((short) -3, 1 << 16 | 1);
        entries.sort();
        assertEquals((short) -3, entries.key(0));
        assertEquals((short) 7, entries.key(1));
        assertTrue(IntKeyEntries.applies(IndexKeys.of(IndexColumn.asc(Attribute.of("i", PgType.INT4)))));
        assertFalse(IntKeyEntries.applies(IndexKeys.of(IndexColumn.desc(Attribute.of("i", PgType.INT4)))));
        assertFalse(IntKeyEntries.applies(IndexKeys.of(IndexColumn.asc(Attribute.of("l", PgType.INT8)))));
        assertFalse(IntKeyEntries.applies(IndexKeys.of(IndexColumn.asc(Attribute.of("i", PgType.INT4)),
                IndexColumn.asc(Attribute.of("j", PgType.INT4)))));
    }

    /** The leaf tuples written straight from the sorted arrays are, byte for byte, what IndexTuple.form makes. */
    @Test
    void leafTuplesAreTheBytesTheGeneralFormGives() {
        for (PgType type : new PgType[] {PgType.INT4, PgType.INT2}) {
            Attribute a = Attribute.of("a", type);
            IndexKeys keys = IndexKeys.of(new IndexColumn(a, Comparators.forAttribute(a), false, false));
            IntKeyEntries entries = new IntKeyEntries(keys);
            int[] samples = type == PgType.INT2 ? new int[] {0, 1, -1, Short.MIN_VALUE, Short.MAX_VALUE, 300, -300}
                    : new int[] {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 70000, -70000};
            List<Object> keysIn = new ArrayList<>();
            for (int i = 0; i < samples.length; i++) {
                Object key = type == PgType.INT2 ? (Object) (short) samples[i] : (Object) samples[i];
                keysIn.add(key);
                entries.add(key, ((long) (0x12345 + i * 0x10001) << 16) | (1 + i * 37));
            }
            entries.add(null, (7L << 16) | 3);
            entries.sort();
            int i = 0;
            for (byte[] tuple : entries.tuples(keys, "idx")) {
                long tid = entries.tid(i);
                byte[] general = IndexTuple.form(keys, new Object[] {entries.key(i)},
                        new ItemPointer((int) (tid >>> 16), (int) (tid & 0xFFFF)), "idx");
                assertArrayEquals(general, tuple, type + " entry " + i + ", key " + entries.key(i));
                i++;
            }
            assertEquals(samples.length + 1, i);
        }
    }
}
