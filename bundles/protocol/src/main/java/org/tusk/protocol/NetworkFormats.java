package org.tusk.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * inet, cidr, macaddr and macaddr8 on the wire. The binary form of inet and cidr (network_send) is the family
 * (2 for IPv4, 3 for IPv6), the mask length, an is-cidr flag, the address length (4 or 16) and the address;
 * of macaddr and macaddr8 their 6 or 8 bytes. The text side is the types' output form, which this class
 * also writes for an address ({@link #addressText}) so that server and client print addresses alike.
 */
public final class NetworkFormats {
    private static final int PGSQL_AF_INET = 2;
    private static final int PGSQL_AF_INET6 = 3;

    private NetworkFormats() {
    }

    static boolean handles(int typeOid) {
        return typeOid == TypeOids.INET || typeOid == TypeOids.CIDR || typeOid == TypeOids.MACADDR
                || typeOid == TypeOids.MACADDR8;
    }

    /** network_recv, macaddr_recv, macaddr8_recv, then the output function. */
    static String toText(int typeOid, ByteBuffer b) {
        if (typeOid == TypeOids.MACADDR || typeOid == TypeOids.MACADDR8) {
            byte[] m = new byte[typeOid == TypeOids.MACADDR ? 6 : 8];
            if (b.remaining() < m.length) {
                throw new IllegalArgumentException("insufficient data left in message");
            }
            b.get(m);
            return HexFormat.ofDelimiter(":").formatHex(m);
        }
        if (b.remaining() < 4) {
            throw new IllegalArgumentException("insufficient data left in message");
        }
        int family = b.get();
        int bits = b.get() & 0xff;
        b.get(); // is_cidr: ignored, as network_recv does; the type decides
        int nb = b.get();
        int size = family == PGSQL_AF_INET ? 4 : family == PGSQL_AF_INET6 ? 16 : -1;
        String type = typeOid == TypeOids.CIDR ? "cidr" : "inet";
        if (size < 0) {
            throw new IllegalArgumentException("invalid address family in external \"" + type + "\" value");
        }
        if (bits > size * 8) {
            throw new IllegalArgumentException("invalid bits in external \"" + type + "\" value");
        }
        if (nb != size) {
            throw new IllegalArgumentException("invalid length in external \"" + type + "\" value");
        }
        if (b.remaining() < nb) {
            throw new IllegalArgumentException("insufficient data left in message");
        }
        byte[] addr = new byte[nb];
        b.get(addr);
        return addressText(addr) + "/" + bits;
    }

    /** The output function's text, then network_send, macaddr_send, macaddr8_send. */
    static byte[] fromText(int typeOid, String text) {
        if (typeOid == TypeOids.MACADDR || typeOid == TypeOids.MACADDR8) {
            return HexFormat.ofDelimiter(":").parseHex(text);
        }
        int slash = text.indexOf('/');
        String a = slash < 0 ? text : text.substring(0, slash);
        byte[] addr = a.indexOf(':') >= 0 ? parseV6(a) : parseV4(a);
        int bits = slash < 0 ? addr.length * 8 : Integer.parseInt(text.substring(slash + 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(addr.length == 4 ? PGSQL_AF_INET : PGSQL_AF_INET6);
        out.write(bits);
        out.write(typeOid == TypeOids.CIDR ? 1 : 0);
        out.write(addr.length);
        out.writeBytes(addr);
        return out.toByteArray();
    }

    private static byte[] parseV4(String a) {
        String[] parts = a.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + a);
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) Integer.parseInt(parts[i]);
        }
        return out;
    }

    private static byte[] parseV6(String a) {
        byte[] out = new byte[16];
        int gap = a.indexOf("::");
        String head = gap < 0 ? a : a.substring(0, gap);
        String tail = gap < 0 ? "" : a.substring(gap + 2);
        byte[] h = groups(head);
        byte[] t = groups(tail);
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(t, 0, out, 16 - t.length, t.length);
        return out;
    }

    /** Colon-separated hex groups, the last possibly a dotted IPv4 address. */
    private static byte[] groups(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (s.isEmpty()) {
            return new byte[0];
        }
        for (String g : s.split(":", -1)) {
            if (g.indexOf('.') >= 0) {
                out.writeBytes(parseV4(g));
            } else {
                int v = Integer.parseInt(g, 16);
                out.write(v >> 8);
                out.write(v & 0xff);
            }
        }
        return out.toByteArray();
    }

    /**
     * An address as inet_net_ntop writes it: IPv4 dotted; IPv6 in lowercase hex groups, the first longest run of
     * two or more zero groups as "::", and IPv4-compatible or -mapped addresses (::a.b.c.d, ::ffff:a.b.c.d)
     * ending in dotted decimal.
     */
    public static String addressText(byte[] b) {
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = (b[2 * i] & 0xff) << 8 | b[2 * i + 1] & 0xff;
        }
        int bestBase = -1;
        int bestLen = 0;
        for (int i = 0; i < 8;) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestBase = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    out.append(':');
                }
                continue;
            }
            if (i != 0) {
                out.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || bestLen == 7 && w[7] != 0x0001
                    || bestLen == 5 && w[5] == 0xffff)) {
                out.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.').append(b[14] & 0xff)
                        .append('.').append(b[15] & 0xff);
                break;
            }
            out.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            out.append(':');
        }
        return out.toString();
    }
}
