package org.tusk.storage.heap;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.tusk.storage.page.Page.INT;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Inline compression of varlena values (PostgreSQL's toast_compress_datum / varattrib_4b compressed
 * form). The stored form is a 4-byte header whose low two bits are {@code 10} (VARATT_IS_4B_C), the
 * total size above them as in any 4-byte header, then va_tcinfo (the uncompressed payload's size in
 * the low 30 bits, the method, 0, in the top two), then the compressed bytes.
 *
 * <p>The method is not PostgreSQL's pglz but raw DEFLATE ({@link Deflater}, fastest level, no zlib
 * wrapper) from the JDK: the bytes never leave the server, so only the sizes differ from
 * PostgreSQL's ({@code pg_column_size} of a compressed value). As PostgreSQL does, a value is kept
 * compressed only if that makes it smaller, and values under 32 bytes are not tried
 * (PGLZ_strategy_default's min_input_size).
 */
public final class ToastCompression {

    /** Header (4) and va_tcinfo (4) before the compressed bytes. */
    public static final int HEADER = 8;
    /** Input after which a value that has not shrunk by 2 % is given up on. */
    private static final long GIVE_UP_AFTER = 1 << 20;
    /** Values shorter than this are not worth trying. */
    public static final int MIN_INPUT = 32;

    private ToastCompression() {
    }

    /** Whether the varlena at {@code at} is stored compressed inline (VARATT_IS_4B_C). */
    public static boolean isCompressed(MemorySegment seg, long at) {
        return (seg.get(JAVA_BYTE, at) & 0x03) == 0x02;
    }

    /**
     * The compressed stored form of {@code payload}, or null if it would not be smaller than the
     * plain 4-byte-header form (the caller keeps the value as it is).
     */
    public static byte[] compress(byte[] payload) {
        if (payload.length < MIN_INPUT) {
            return null;
        }
        int limit = payload.length + 4 - HEADER - 1; // compressed bytes must save at least one byte
        byte[] out = new byte[Math.min(limit, 1 << 16) + HEADER];
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try {
            deflater.setInput(payload);
            deflater.finish();
            int n = 0;
            while (!deflater.finished()) {
                if (n == out.length - HEADER) {
                    if (n >= limit) {
                        return null; // incompressible: give up as soon as it is known
                    }
                    out = Arrays.copyOf(out, (int) Math.min((long) limit + HEADER, 2L * out.length));
                }
                n += deflater.deflate(out, HEADER + n, out.length - HEADER - n);
                if (deflater.getBytesRead() >= GIVE_UP_AFTER && n > deflater.getBytesRead() / 100 * 98) {
                    return null; // (pglz's first_success_by, loosely) the first megabyte did not shrink
                }
            }
            if (n > limit) {
                return null;
            }
            byte[] image = n + HEADER == out.length ? out : Arrays.copyOf(out, n + HEADER);
            MemorySegment s = MemorySegment.ofArray(image);
            s.set(INT, 0, image.length << 2 | 0x02);
            s.set(INT, 4, payload.length);
            return image;
        } finally {
            deflater.end();
        }
    }

    /** The uncompressed payload size of a compressed image (va_tcinfo's low 30 bits). */
    public static int rawSize(MemorySegment image, long at) {
        return image.get(INT, at + 4) & Datums.MAX_VARLENA;
    }

    /**
     * The payload of the compressed varlena image {@code data[from..from+length)} (the 4-byte
     * header included); a corrupt image raises XX001-like data corruption as an IllegalStateException.
     */
    public static byte[] decompress(byte[] data, int from, int length) {
        MemorySegment s = MemorySegment.ofArray(data);
        int raw = s.get(INT, from + 4) & Datums.MAX_VARLENA;
        byte[] out = new byte[raw];
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(data, from + HEADER, length - HEADER);
            int n = 0;
            while (n < raw) {
                int got = inflater.inflate(out, n, raw - n);
                if (got == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != raw) {
                throw new IllegalStateException("compressed data is corrupted");
            }
            return out;
        } catch (DataFormatException e) {
            throw new IllegalStateException("compressed data is corrupted", e);
        } finally {
            inflater.end();
        }
    }
}
