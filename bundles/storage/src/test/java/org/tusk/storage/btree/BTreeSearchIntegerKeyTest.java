package org.tusk.storage.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tusk.storage.heap.Attribute;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.page.ItemPointer;

/**
 * BTreeSearch.compare reads a leading integer column straight from the tuple; its answers must be
 * those of the column's comparator on the deformed values, for every integer width, both orders,
 * search values of another integer type, NULLs, and ties decided by later columns and heap TIDs.
 */
class BTreeSearchIntegerKeyTest {

    private static final long[] VALUES = {Long.MIN_VALUE, Integer.MIN_VALUE, -70000, -1, 0, 1, 2, 32767, 70000,
        Integer.MAX_VALUE, Long.MAX_VALUE};

    private static Object boxed(PgType type, long v) {
        return switch (type) {
            case INT2 -> (short) v;
            case INT4 -> (int) v;
            default -> v;
        };
    }

    private static boolean fits(PgType type, long v) {
        return switch (type) {
            case INT2 -> v == (short) v;
            case INT4 -> v == (int) v;
            default -> true;
        };
    }

    /** The expected sign: column order on the first column, then the second, then the heap TID. */
    private static int expected(IndexKeys keys, Object[] key, ItemPointer keyTid, Object[] stored, ItemPointer tid) {
        for (int i = 0; i < key.length; i++) {
            int c = keys.column(i).compare(key[i], stored[i]);
            if (c != 0) {
                return c;
            }
        }
        return keyTid == null ? 0 : Integer.signum(keyTid.compareTo(tid));
    }

    @Test
    void agreesWithTheColumnComparatorForEveryWidthAndOrder() {
        for (PgType type : List.of(PgType.INT2, PgType.INT4, PgType.INT8)) {
            for (boolean desc : new boolean[] {false, true}) {
                Attribute a = Attribute.of("k", type, true);
                IndexKeys keys = IndexKeys.of(desc ? IndexColumn.desc(a) : IndexColumn.asc(a));
                for (long s : VALUES) {
                    if (!fits(type, s)) {
                        continue;
                    }
                    MemorySegment tuple = MemorySegment.ofArray(
                            IndexTuple.form(keys, new Object[] {boxed(type, s)}, new ItemPointer(3, 4), "i"));
                    for (long k : VALUES) {
                        // the search value as int4 or int8 whatever the column's width (cross-type scans)
                        for (Object kv : fits(PgType.INT4, k) ? new Object[] {(int) k, k} : new Object[] {k}) {
                            int want = Integer.signum(expected(keys, new Object[] {kv}, null,
                                    new Object[] {boxed(type, s)}, null));
                            assertEquals(want, Integer.signum(BTreeSearch.compare(keys, ScanKey.of(kv), tuple)),
                                    type + (desc ? " desc" : " asc") + ": " + kv + " vs " + s);
                        }
                    }
                }
            }
        }
    }

    @Test
    void tiesAndNullsGoToTheFullComparison() {
        IndexKeys keys = IndexKeys.of(IndexColumn.asc(Attribute.of("a", PgType.INT4)),
                IndexColumn.asc(Attribute.of("b", PgType.INT8)));
        Object[][] rows = {{5, 10L}, {5, null}, {null, 1L}, {4, 99L}, {6, -1L}};
        Object[][] searches = {{5, 10L}, {5, 11L}, {5, 9L}, {5, null}, {null, 1L}, {4, 1L}, {6, -1L}};
        ItemPointer tid = new ItemPointer(7, 2);
        for (Object[] row : rows) {
            MemorySegment tuple = MemorySegment.ofArray(IndexTuple.form(keys, row, tid, "i"));
            for (Object[] search : searches) {
                for (ItemPointer keyTid : new ItemPointer[] {null, new ItemPointer(7, 1), tid, new ItemPointer(8, 1)}) {
                    int want = Integer.signum(expected(keys, search, keyTid, row, tid));
                    int got = Integer.signum(BTreeSearch.compare(keys, ScanKey.forInsert(search, keyTid), tuple));
                    assertEquals(want, got, java.util.Arrays.toString(search) + " " + keyTid + " vs "
                            + java.util.Arrays.toString(row));
                }
            }
        }
    }
}
