package org.tusk.protocol;

import java.nio.ByteBuffer;

/**
 * bit and varbit on the wire (bit_send, varbit_send): the length in bits as an int32, then the bits packed most
 * significant first, the last byte zero-padded. The text side is the output form, a string of 0s and 1s.
 */
public final class BitFormats {
    private BitFormats() {
    }

    static boolean handles(int typeOid) {
        return typeOid == TypeOids.BIT || typeOid == TypeOids.VARBIT;
    }

    static String toText(ByteBuffer b) {
        if (b.remaining() < 4) {
            throw new IllegalArgumentException("insufficient data left in message");
        }
        int length = b.getInt();
        if (length < 0 || length > 83_886_080) {
            throw new IllegalArgumentException("invalid length in external bit string");
        }
        byte[] bits = new byte[(length + 7) / 8];
        if (b.remaining() < bits.length) {
            throw new IllegalArgumentException("insufficient data left in message");
        }
        b.get(bits);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((bits[i >> 3] >> (7 - (i & 7)) & 1) != 0 ? '1' : '0');
        }
        return out.toString();
    }

    static byte[] fromText(String text) {
        int length = text.length();
        ByteBuffer out = ByteBuffer.allocate(4 + (length + 7) / 8);
        out.putInt(length);
        byte[] bits = new byte[(length + 7) / 8];
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) == '1') {
                bits[i >> 3] |= (byte) (0x80 >> (i & 7));
            }
        }
        return out.put(bits).array();
    }
}
