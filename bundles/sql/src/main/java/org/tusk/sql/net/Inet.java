package org.tusk.sql.net;

import java.util.Arrays;

import org.tusk.spi.SqlException;

/**
 * An inet or cidr value: the family (4 or 6), the address bytes (4 or 16), the netmask length and whether it
 * is a cidr (a network, no bits set right of the mask). Two values order as network_cmp orders them: family
 * first, then the network parts over the shorter mask, then the mask length, then the whole address; whether
 * a value is a cidr plays no part, so equal inet and cidr values are equal here too.
 */
public final class Inet implements Comparable<Inet> {
    private final int family;
    private final byte[] addr;
    private final int bits;
    private final boolean cidr;

    public Inet(int family, byte[] addr, int bits, boolean cidr) {
        this.family = family;
        this.addr = addr;
        this.bits = bits;
        this.cidr = cidr;
    }

    public int family() {
        return family;
    }

    /** A copy of the address bytes. */
    public byte[] address() {
        return addr.clone();
    }

    public int bits() {
        return bits;
    }

    public boolean isCidr() {
        return cidr;
    }

    /** 32 or 128. */
    public int maxBits() {
        return addr.length * 8;
    }

    /** The same address as the other type (cidr(inet) masks; cidr to inet keeps everything). */
    public Inet withCidr(boolean asCidr) {
        return asCidr ? new Inet(family, masked(addr, bits), bits, true) : new Inet(family, addr, bits, false);
    }

    Inet withBits(int newBits, boolean asCidr) {
        return new Inet(family, asCidr ? masked(addr, newBits) : addr, newBits, asCidr);
    }

    Inet withAddress(byte[] newAddr, boolean asCidr) {
        return new Inet(family, newAddr, bits, asCidr);
    }

    byte[] raw() {
        return addr;
    }

    /** The address with every bit right of {@code n} cleared. */
    static byte[] masked(byte[] a, int n) {
        byte[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.clamp(n - i * 8L, 0, 8);
            out[i] &= (byte) (0xff00 >> keep);
        }
        return out;
    }

    /** Whether the first {@code n} bits of two equally long addresses agree (bitncmp == 0). */
    static int compareBits(byte[] a, byte[] b, int n) {
        for (int i = 0; i < a.length && n > 0; i++, n -= 8) {
            int mask = n >= 8 ? 0xff : 0xff00 >> n & 0xff;
            int c = Integer.compare(a[i] & mask, b[i] & mask);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public int compareTo(Inet o) {
        if (family != o.family) {
            return Integer.compare(family, o.family);
        }
        int c = compareBits(addr, o.addr, Math.min(bits, o.bits));
        if (c != 0) {
            return c;
        }
        if (bits != o.bits) {
            return Integer.compare(bits, o.bits);
        }
        return compareBits(addr, o.addr, maxBits());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Inet i && family == i.family && bits == i.bits && Arrays.equals(addr, i.addr);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(addr) * 31 + bits;
    }

    /** The text form: inet_out, or cidr_out with the mask length always written. */
    @Override
    public String toString() {
        String text = InetText.format(this);
        return cidr && text.indexOf('/') < 0 ? text + "/" + bits : text;
    }

    /**
     * The bytes this value is stored as: family, the network part (masked address), the mask length, the whole
     * address and the cidr flag. Their unsigned lexicographic order is {@link #compareTo}'s: a shorter mask with
     * the same network part has zeros where a longer one has its bits, and the mask length settles a tie.
     */
    public byte[] storageKey() {
        int n = addr.length;
        byte[] out = new byte[2 * n + 3];
        out[0] = (byte) family;
        System.arraycopy(masked(addr, bits), 0, out, 1, n);
        out[n + 1] = (byte) bits;
        System.arraycopy(addr, 0, out, n + 2, n);
        out[2 * n + 2] = (byte) (cidr ? 1 : 0);
        return out;
    }

    /** The value of {@link #storageKey()}'s bytes. */
    public static Inet fromStorageKey(byte[] key) {
        int n = key[0] == 4 ? 4 : 16;
        return new Inet(key[0], Arrays.copyOfRange(key, n + 2, 2 * n + 2), key[n + 1] & 0xff, key[2 * n + 2] != 0);
    }

    /** inet_in and cidr_in, with their messages. */
    public static Inet parse(String text, boolean asCidr) {
        return InetText.parse(text, asCidr);
    }

    static SqlException invalid(String text, boolean asCidr) {
        return new SqlException("22P02", "invalid input syntax for type " + (asCidr ? "cidr" : "inet") + ": \""
                + text + "\"");
    }
}
