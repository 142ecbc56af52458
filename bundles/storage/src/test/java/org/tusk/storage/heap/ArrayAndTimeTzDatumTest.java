package org.tusk.storage.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.storage.access.StoredArray;
import org.tusk.storage.access.TimeWithZone;

/**
 * Arrays of several dimensions or other lower bounds, and timetz, in PostgreSQL's on-disk form: the
 * bytes of a whole row compared with what PostgreSQL 15 wrote for the same row (pageinspect), and
 * round trips of the shapes a List cannot carry.
 */
class ArrayAndTimeTzDatumTest {

    /**
     * {@code create table v (a int4[], t timetz, b text[]); insert into v values
     * ('[0:1][2:4]={{1,2,3},{4,NULL,6}}', '12:34:56.789+05:30', '{{a,b},{c,d}}');} then
     * {@code select t_data from heap_page_items(get_raw_page('v', 0))} on PostgreSQL 15.
     */
    private static final String POSTGRES_ROW = "73020000002800000017000000020000000300000000000000020000002f000000"
            + "000000000100000002000000030000000400000006000000000000000000000826e68b0a000000a8b2ffff7b02000000"
            + "0000000019000000020000000200000001000000010000001400000061000000140000006200000014000000630000"
            + "001400000064000000";

    private static final TupleDescriptor V = TupleDescriptor.of(Attribute.arrayOf("a", PgType.INT4, false),
            Attribute.of("t", PgType.TIMETZ), Attribute.arrayOf("b", PgType.TEXT, false));

    private static final Object[] ROW = {
        new StoredArray(new int[] {2, 3}, new int[] {0, 2}, Arrays.asList(1, 2, 3, 4, null, 6)),
        // 12:34:56.789 is 45,296,789,000 µs; +05:30 is 19,800 seconds east, -19800 in PostgreSQL's sign
        new TimeWithZone(45_296_789_000L, -19_800),
        new StoredArray(new int[] {2, 2}, new int[] {1, 1}, List.of("a", "b", "c", "d")),
    };

    @Test
    void theRowIsStoredByteForByteAsPostgresStoresIt() {
        MemorySegment t = MemorySegment.ofArray(HeapTuple.form(V, ROW));
        int hoff = HeapTupleHeader.hoff(t);
        byte[] data = t.asSlice(hoff).toArray(ValueLayout.JAVA_BYTE);
        assertEquals(POSTGRES_ROW, HexFormat.of().formatHex(data));
    }

    @Test
    void shapesRoundTrip() {
        Object[] back = HeapTuple.deform(V, MemorySegment.ofArray(HeapTuple.form(V, ROW)));
        assertEquals(Arrays.asList(ROW), Arrays.asList(back));
        StoredArray a = (StoredArray) back[0];
        assertArrayEquals(new int[] {2, 3}, a.dims());
        assertArrayEquals(new int[] {0, 2}, a.lowerBounds());

        // One dimension with lower bound 1 is a plain List again; with another lower bound it is not.
        TupleDescriptor one = TupleDescriptor.of(Attribute.arrayOf("a", PgType.INT8, false));
        StoredArray oneDim = new StoredArray(new int[] {3}, new int[] {1}, List.of(7L, 8L, 9L));
        assertEquals(List.of(7L, 8L, 9L), HeapTuple.deform(one, MemorySegment.ofArray(HeapTuple.form(one,
                new Object[] {oneDim})))[0]);
        StoredArray shifted = new StoredArray(new int[] {2}, new int[] {-3}, List.of(7L, 8L));
        assertEquals(shifted, HeapTuple.deform(one, MemorySegment.ofArray(HeapTuple.form(one,
                new Object[] {shifted})))[0]);
        // Three dimensions of an 8-byte aligned element with NULLs.
        StoredArray cube = new StoredArray(new int[] {2, 2, 2}, new int[] {1, 1, 1},
                Arrays.asList(1L, null, 3L, 4L, 5L, 6L, null, 8L));
        assertEquals(cube, HeapTuple.deform(one, MemorySegment.ofArray(HeapTuple.form(one, new Object[] {cube})))[0]);
    }

    @Test
    void timeTzIsTwelveBytesDoubleAligned() {
        // pg_column_size(ROW(true, '12:00+01'::timetz)) is 44 on PostgreSQL 15: 24 of header, 8 + 12 of data.
        TupleDescriptor d = TupleDescriptor.of(Attribute.of("a", PgType.BOOL), Attribute.of("t", PgType.TIMETZ));
        MemorySegment t = MemorySegment.ofArray(HeapTuple.form(d, new Object[] {true,
                new TimeWithZone(43_200_000_000L, -3600)}));
        assertEquals(20, t.byteSize() - HeapTupleHeader.hoff(t));
    }
}
