package org.tusk.storage.heap;

/**
 * A varlena value already in its stored form, header included: a {@link ToastPointer}'s image or an
 * inline compressed value ({@link ToastCompression}). The toaster puts these into a row in place of
 * the Java values it compressed or moved out of line; {@link TupleData} copies them as they are.
 */
public record StoredVarlena(byte[] image) {

    /** Whether this is an external pointer (1-byte header 0x01), which is stored unaligned. */
    public boolean isPointer() {
        return image[0] == 0x01;
    }
}
