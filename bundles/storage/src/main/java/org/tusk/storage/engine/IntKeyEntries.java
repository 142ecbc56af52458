package org.tusk.storage.engine;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.tusk.storage.btree.IndexColumn;
import org.tusk.storage.btree.IndexKeys;
import org.tusk.storage.btree.IndexTuple;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.page.ItemPointer;

/**
 * The entries of an index build whose index has one int2 or int4 key column in ascending order
 * (a primary key on an integer id: pgbench's, and most tables'), kept in primitive arrays instead of
 * an object per entry. A million entries as objects (record, key array, boxed key) were three
 * million objects alive through the sort, which the young collections copied again and again, and
 * the sort compared them through a generic comparator; here they are 24 bytes each in three arrays
 * the collector never traces, and the sort is {@link Arrays#sort(long[])}.
 *
 * <p>Each entry becomes one long for the sort: the key in the upper 32 bits (signed, so the long's
 * order is the key's order) and the entry's position in arrival order in the lower 32. Equal keys
 * come out in arrival order; the B-tree wants them in heap TID order, which arrival order nearly
 * always is (a HOT chain's root may come after later offsets of its page), so runs of equal keys
 * are sorted by TID afterwards. NULL keys are kept apart, in TID order, first or last as the
 * column's NULLS FIRST/LAST says; they take no part in the unique check.
 */
final class IntKeyEntries {

    /** Whether the fast path applies to {@code keys}: one ascending int2 or int4 column. */
    static boolean applies(IndexKeys keys) {
        if (keys.size() != 1) {
            return false;
        }
        IndexColumn c = keys.column(0);
        PgType type = c.attribute().type();
        return !c.attribute().isArray() && !c.descending() && (type == PgType.INT4 || type == PgType.INT2);
    }

    private final boolean int2;
    private final boolean nullsFirst;
    private long[] sortKeys = new long[1024];
    /** Per entry in arrival order, its TID packed as {@link BTreeBuild} packs TIDs. */
    private long[] tids = new long[1024];
    private int count;
    private long[] nullTids = new long[16];
    private int nulls;
    private boolean sorted;

    IntKeyEntries(IndexKeys keys) {
        if (!applies(keys)) {
            throw new IllegalArgumentException("not a single ascending int2 or int4 key: " + keys);
        }
        this.int2 = keys.column(0).attribute().type() == PgType.INT2;
        this.nullsFirst = keys.column(0).nullsFirst();
    }

    void add(Object key, long tid) {
        if (key == null) {
            if (nulls == nullTids.length) {
                nullTids = Arrays.copyOf(nullTids, nulls * 2);
            }
            nullTids[nulls++] = tid;
            return;
        }
        if (count == sortKeys.length) {
            sortKeys = Arrays.copyOf(sortKeys, count * 2);
            tids = Arrays.copyOf(tids, count * 2);
        }
        int k = ((Number) key).intValue();
        sortKeys[count] = ((long) k << 32) | count;
        tids[count] = tid;
        count++;
    }

    int size() {
        return count + nulls;
    }

    /**
     * Sorts the entries: afterwards entry i (0 .. size-1, NULLs included where they go) has
     * {@link #key} and {@link #tid}.
     */
    void sort() {
        Arrays.sort(sortKeys, 0, count);
        long[] byKey = new long[count];
        for (int i = 0; i < count; i++) {
            byKey[i] = tids[(int) sortKeys[i]];
        }
        tids = byKey;
        int i = 0;
        while (i < count) {
            int j = i + 1;
            while (j < count && keyAt(j) == keyAt(i)) {
                j++;
            }
            if (j - i > 1) {
                Arrays.sort(tids, i, j);
            }
            i = j;
        }
        Arrays.sort(nullTids, 0, nulls);
        sorted = true;
    }

    private int keyAt(int i) {
        return (int) (sortKeys[i] >> 32);
    }

    /** Entry {@code i}'s index among the non-NULL ones, or -1 for a NULL key. */
    private int nonNull(int i) {
        int at = nullsFirst ? i - nulls : i;
        return at >= 0 && at < count ? at : -1;
    }

    /** The key of entry {@code i} in sorted order (null for a NULL key), boxed as the column's type. */
    Object key(int i) {
        int at = nonNull(i);
        if (at < 0) {
            return null;
        }
        int k = keyAt(at);
        return int2 ? (Object) (short) k : (Object) k;
    }

    /** The packed heap TID of entry {@code i} in sorted order. */
    long tid(int i) {
        int at = nonNull(i);
        return at >= 0 ? tids[at] : nullTids[nullsFirst ? i : i - count];
    }

    /**
     * The runs of two or more equal non-NULL keys, as [first, end) entry ranges in sorted order: what
     * a unique build checks against the heap.
     */
    void forEachDuplicateRun(RunConsumer consumer) {
        requireSorted();
        int offset = nullsFirst ? nulls : 0;
        int i = 0;
        while (i < count) {
            int j = i + 1;
            while (j < count && keyAt(j) == keyAt(i)) {
                j++;
            }
            if (j - i > 1) {
                consumer.run(offset + i, offset + j);
            }
            i = j;
        }
    }

    interface RunConsumer {
        void run(int first, int end);
    }

    /** The leaf index tuples in order, formed one at a time as the leaf level is written. */
    Iterable<byte[]> tuples(IndexKeys keys, String indexName) {
        requireSorted();
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size();
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int i = next++;
                long tid = tid(i);
                int at = nonNull(i);
                if (at >= 0) {
                    return IndexTuple.formIntKey(keyAt(at), int2, (int) (tid >>> 16), (int) (tid & 0xFFFF));
                }
                return IndexTuple.form(keys, new Object[] {null},
                        new ItemPointer((int) (tid >>> 16), (int) (tid & 0xFFFF)), indexName);
            }
        };
    }

    private void requireSorted() {
        if (!sorted) {
            throw new IllegalStateException("entries not sorted yet");
        }
    }
}
