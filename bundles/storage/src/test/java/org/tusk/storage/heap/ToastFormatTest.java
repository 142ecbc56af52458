package org.tusk.storage.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The TOAST formats in a tuple: an external pointer (1-byte header 0x01, tag 18, 24 bytes, unaligned)
 * read back as a {@link ToastPointer}, an inline compressed value (4-byte header with low bits 10,
 * aligned) decompressed when deformed, HEAP_HASEXTERNAL, and the compression's keep-only-if-smaller rule.
 */
class ToastFormatTest {

    private static final TupleDescriptor D = new TupleDescriptor(List.of(Attribute.of("a", PgType.BOOL),
            Attribute.of("doc", PgType.TEXT), Attribute.of("b", PgType.BOOL), Attribute.of("data", PgType.BYTEA)));

    @Test
    void pointerImageRoundTrips() {
        ToastPointer p = new ToastPointer(1_000_004, 400_000, 0xFFFF_FFF0, 0x8000_4000, 77_000, 3);
        byte[] image = p.image();
        assertEquals(ToastPointer.SIZE, image.length);
        assertEquals(0x01, image[0]);
        assertEquals(ToastPointer.TAG_ONDISK, image[1]);
        MemorySegment s = MemorySegment.ofArray(image);
        assertEquals(p, ToastPointer.read(s, 0));
        assertEquals(24, Datums.varlenaSize(s, 0));
        assertTrue(p.compressed(), "extsize < rawsize - 4: compressed");
        assertFalse(new ToastPointer(1_000_004, 1_000_000, 1, 2, 3, 4).compressed());
    }

    @Test
    void aTupleWithAPointerAndACompressedValueDeformsToThePointerAndTheValue() {
        ToastPointer p = new ToastPointer(50_004, 50_000, 12345, 0x8000_4001, 2, 1);
        String text = "tusk ".repeat(2000);
        byte[] compressed = ToastCompression.compress(text.getBytes(StandardCharsets.UTF_8));
        assertTrue(compressed.length < 200, "10 kB of a repeated word compresses well: " + compressed.length);
        Object[] row = {true, new StoredVarlena(compressed), false, new StoredVarlena(p.image())};
        byte[] tuple = HeapTuple.form(D, row);
        MemorySegment t = MemorySegment.ofArray(tuple);
        assertTrue(HeapTupleHeader.hasAny(t, HeapTupleHeader.HEAP_HASEXTERNAL));
        int hoff = HeapTupleHeader.hoff(t);
        // bool at 0, the compressed text aligned to 4 (its 4-byte header), bool, then the pointer unaligned.
        assertEquals(hoff + 4, HeapTuple.attributeOffset(D, t, 1));
        int pointerAt = hoff + 4 + compressed.length + 1;
        assertEquals(pointerAt, HeapTuple.attributeOffset(D, t, 3));
        assertEquals(pointerAt + ToastPointer.SIZE, tuple.length);
        Object[] back = HeapTuple.deform(D, t);
        assertEquals(true, back[0]);
        assertEquals(text, back[1]);
        assertEquals(false, back[2]);
        assertEquals(p, back[3]);
        // Without a pointer the flag stays clear.
        assertFalse(HeapTupleHeader.hasAny(MemorySegment.ofArray(HeapTuple.form(D, new Object[] {true,
                new StoredVarlena(compressed), null, null})), HeapTupleHeader.HEAP_HASEXTERNAL));
    }

    @Test
    void compressionIsKeptOnlyWhenItSavesSpace() {
        assertNull(ToastCompression.compress(new byte[31]), "under 32 bytes: not tried");
        byte[] random = new byte[100_000];
        new Random(1).nextBytes(random);
        assertNull(ToastCompression.compress(random), "random bytes do not shrink");
        byte[] zeros = new byte[100_000];
        byte[] image = ToastCompression.compress(zeros);
        MemorySegment s = MemorySegment.ofArray(image);
        assertTrue(ToastCompression.isCompressed(s, 0));
        assertEquals(image.length, Datums.varlenaSize(s, 0));
        assertEquals(100_000, ToastCompression.rawSize(s, 0));
        assertArrayEquals(zeros, ToastCompression.decompress(image, 0, image.length));
    }
}
