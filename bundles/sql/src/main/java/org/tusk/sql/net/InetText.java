package org.tusk.sql.net;

import org.tusk.spi.SqlException;

/**
 * The text forms of inet and cidr, as PostgreSQL's inet_net_pton.c reads them and inet_net_ntop.c and
 * inet_cidr_ntop.c write them: IPv4 for inet as a dotted quad (fewer octets only with an explicit mask
 * length), for cidr also abbreviated or in hex with the mask length taken from the address class; IPv6 as
 * colon groups with one "::" and an optional trailing dotted IPv4 part.
 */
final class InetText {
    private InetText() {
    }

    static Inet parse(String text, boolean asCidr) {
        boolean v6 = text.indexOf(':') >= 0;
        byte[] addr = new byte[v6 ? 16 : 4];
        int bits = v6 ? parseV6(text, addr) : asCidr ? parseCidrV4(text, addr) : parseInetV4(text, addr);
        if (bits < 0 || bits > addr.length * 8) {
            throw Inet.invalid(text, asCidr);
        }
        if (asCidr && !java.util.Arrays.equals(addr, Inet.masked(addr, bits))) {
            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "22P02", "invalid cidr value: \""
                    + text + "\"").detail("Value has bits set to right of mask.").build());
        }
        return new Inet(v6 ? 6 : 4, addr, bits, asCidr);
    }

    private static boolean digit(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    /** Decimal digits at {@code pos[0]} as a number, or -1 past {@code max}; advances {@code pos[0]}. */
    private static int number(String s, int[] pos, int max) {
        int v = 0;
        while (digit(s, pos[0])) {
            v = v * 10 + s.charAt(pos[0]++) - '0';
            if (v > max) {
                return -1;
            }
        }
        return v;
    }

    /** inet's IPv4: up to four decimal octets; fewer only with a mask length that they cover. */
    private static int parseInetV4(String s, byte[] dst) {
        int[] pos = {0};
        int n = 0;
        while (digit(s, pos[0])) {
            int v = number(s, pos, 255);
            if (v < 0 || n == 4) {
                return -1;
            }
            dst[n++] = (byte) v;
            if (pos[0] == s.length() || s.charAt(pos[0]) == '/') {
                break;
            }
            if (s.charAt(pos[0]++) != '.') {
                return -1;
            }
        }
        int bits = maskLength(s, pos, n > 0);
        if (bits == -2) {
            return -1;
        }
        if (bits == -1) {
            return n == 4 ? 32 : -1;
        }
        return n == 0 || bits / 8 > n ? -1 : bits;
    }

    /** A "/bits" suffix at pos (bits up to 32 for IPv4), -1 if there is none, -2 if it is malformed. */
    private static int maskLength(String s, int[] pos, boolean any) {
        if (pos[0] == s.length()) {
            return -1;
        }
        if (s.charAt(pos[0]) != '/' || !digit(s, pos[0] + 1) || !any) {
            return -2;
        }
        pos[0]++;
        int bits = number(s, pos, 1000);
        return pos[0] != s.length() || bits < 0 || bits > 32 ? -2 : bits;
    }

    /** cidr's IPv4: decimal octets or a 0x hex string, the mask length written or taken from the class. */
    private static int parseCidrV4(String s, byte[] dst) {
        int[] pos = {0};
        int n = 0;
        if (s.length() > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')
                && Character.digit(s.charAt(2), 16) >= 0) {
            pos[0] = 2;
            int nibbles = 0;
            int tmp = 0;
            while (pos[0] < s.length() && Character.digit(s.charAt(pos[0]), 16) >= 0 && s.charAt(pos[0]) < 128) {
                tmp = tmp << 4 | Character.digit(s.charAt(pos[0]++), 16);
                if (++nibbles == 2) {
                    if (n == 4) {
                        return -1;
                    }
                    dst[n++] = (byte) tmp;
                    nibbles = 0;
                    tmp = 0;
                }
            }
            if (nibbles == 1) {
                if (n == 4) {
                    return -1;
                }
                dst[n++] = (byte) (tmp << 4);
            }
        } else if (digit(s, 0)) {
            while (true) {
                int v = number(s, pos, 255);
                if (v < 0 || n == 4) {
                    return -1;
                }
                dst[n++] = (byte) v;
                if (pos[0] == s.length() || s.charAt(pos[0]) == '/') {
                    break;
                }
                if (s.charAt(pos[0]++) != '.' || !digit(s, pos[0])) {
                    return -1;
                }
            }
        } else {
            return -1;
        }
        int bits = maskLength(s, pos, n > 0);
        if (bits == -2) {
            return -1;
        }
        if (bits == -1) {
            int first = dst[0] & 0xff;
            bits = first >= 240 ? 32 : first >= 224 ? 8 : first >= 192 ? 24 : first >= 128 ? 16 : 8;
            if (bits < n * 8) {
                bits = n * 8; // the octets written count, whatever the class says
            }
            if (bits == 8 && first == 224) {
                bits = 4; // a bare class D network
            }
        }
        return bits;
    }

    /** IPv6: groups of up to four hex digits, one "::", maybe a dotted IPv4 tail, maybe "/bits" (0 .. 128). */
    private static int parseV6(String s, byte[] dst) {
        int slash = s.indexOf('/');
        String a = slash < 0 ? s : s.substring(0, slash);
        int bits = 128;
        if (slash >= 0) {
            String b = s.substring(slash + 1);
            if (b.isEmpty() || b.length() > 1 && b.charAt(0) == '0' || !b.chars().allMatch(c -> c >= '0' && c <= '9')
                    || b.length() > 3 || Integer.parseInt(b) > 128) {
                return -1;
            }
            bits = Integer.parseInt(b);
        }
        int n = 0;
        int gap = -1;
        int i = 0;
        if (a.startsWith(":")) {
            if (!a.startsWith("::")) {
                return -1;
            }
            i = 1;
        }
        int groupStart = i;
        int val = 0;
        int digits = 0;
        while (i < a.length()) {
            char c = a.charAt(i++);
            int d = c < 128 ? Character.digit(c, 16) : -1;
            if (d >= 0) {
                if (++digits > 4) {
                    return -1;
                }
                val = val << 4 | d;
            } else if (c == ':') {
                groupStart = i;
                if (digits == 0) {
                    if (gap >= 0) {
                        return -1;
                    }
                    gap = n;
                    continue;
                }
                if (i == a.length() || n + 2 > 16) {
                    return -1;
                }
                dst[n++] = (byte) (val >> 8);
                dst[n++] = (byte) val;
                digits = 0;
                val = 0;
            } else if (c == '.' && n + 4 <= 16) {
                byte[] v4 = v4Tail(a.substring(groupStart));
                if (v4 == null) {
                    return -1;
                }
                System.arraycopy(v4, 0, dst, n, 4);
                n += 4;
                digits = 0;
                break;
            } else {
                return -1;
            }
        }
        if (digits > 0) {
            if (n + 2 > 16) {
                return -1;
            }
            dst[n++] = (byte) (val >> 8);
            dst[n++] = (byte) val;
        }
        if (gap >= 0) {
            if (n == 16) {
                return -1;
            }
            int moved = n - gap;
            System.arraycopy(dst, gap, dst, 16 - moved, moved);
            java.util.Arrays.fill(dst, gap, 16 - moved, (byte) 0);
            n = 16;
        }
        return n == 16 ? bits : -1;
    }

    /** An IPv6 address's dotted tail (getv4): one to four decimal octets, the missing ones zero. */
    private static byte[] v4Tail(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(p) > 255) {
                return null;
            }
            out[i] = (byte) Integer.parseInt(p);
        }
        return out;
    }

    // ---- output

    /** inet_net_ntop: the address, and "/bits" unless the mask covers it all. */
    static String format(Inet v) {
        String a = address(v);
        return v.bits() == v.maxBits() ? a : a + "/" + v.bits();
    }

    /** The address alone (host()): inet_net_ntop's form, shared with the wire formats. */
    static String address(Inet v) {
        return org.tusk.protocol.NetworkFormats.addressText(v.raw());
    }

    /** abbrev(cidr), inet_cidr_ntop: only the octets or words the mask covers, then "/bits". */
    static String abbrevCidr(Inet v) {
        byte[] src = v.raw();
        int bits = v.bits();
        StringBuilder out = new StringBuilder();
        if (v.family() == 4) {
            if (bits == 0) {
                out.append('0');
            }
            for (int i = 0; i < bits / 8; i++) {
                out.append(i > 0 ? "." : "").append(src[i] & 0xff);
            }
            int rest = bits % 8;
            if (rest > 0) {
                out.append(out.isEmpty() ? "" : ".").append(src[bits / 8] & 0xff & 0xff00 >> rest);
            }
            return out.append('/').append(bits).toString();
        }
        if (bits == 0) {
            return "::/0";
        }
        byte[] s = Inet.masked(src, bits);
        int words = Math.max(2, (bits + 15) / 16);
        // The longest zero run, found the way inet_cidr_ntop does (its run counter restarts only after a
        // longer run was recorded).
        int zeroS = 0;
        int zeroL = 0;
        int tmpS = 0;
        int tmpL = 0;
        for (int i = 0; i < words; i++) {
            if ((s[2 * i] | s[2 * i + 1]) == 0) {
                if (tmpL == 0) {
                    tmpS = i;
                }
                tmpL++;
            } else if (tmpL != 0 && zeroL < tmpL) {
                zeroS = tmpS;
                zeroL = tmpL;
                tmpL = 0;
            }
        }
        if (tmpL != 0 && zeroL < tmpL) {
            zeroS = tmpS;
            zeroL = tmpL;
        }
        boolean v4 = zeroL != words && zeroS == 0 && (zeroL == 6 || zeroL == 5 && (s[10] & 0xff) == 0xff
                && (s[11] & 0xff) == 0xff || zeroL == 7 && s[14] != 0 && s[15] != 1);
        for (int p = 0; p < words; p++) {
            if (zeroL != 0 && p >= zeroS && p < zeroS + zeroL) {
                if (p == zeroS) {
                    out.append(':');
                }
                if (p == words - 1) {
                    out.append(':');
                }
                continue;
            }
            if (v4 && p > 5) {
                out.append(p == 6 ? ':' : '.').append(s[2 * p] & 0xff);
                if (p != 7 || bits > 120) {
                    out.append('.').append(s[2 * p + 1] & 0xff);
                }
            } else {
                if (!out.isEmpty()) {
                    out.append(':');
                }
                out.append(Integer.toHexString((s[2 * p] & 0xff) << 8 | s[2 * p + 1] & 0xff));
            }
        }
        return out.append('/').append(bits).toString();
    }
}
