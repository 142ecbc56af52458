package org.tusk.sql.net;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tusk.spi.SqlException;

/**
 * A macaddr (6 bytes) or macaddr8 (8 bytes) value. Both order bytewise (macaddr_cmp compares the two halves
 * as unsigned numbers, which is the same), print as lowercase hex pairs joined by colons, and are stored as
 * their bytes.
 */
public final class MacAddr implements Comparable<MacAddr> {
    private static final String H = "([0-9A-Fa-f]+)";
    private static final String H2 = "([0-9A-Fa-f]{2})";
    /** The spellings macaddr_in's sscanf formats accept. */
    private static final Pattern[] MACADDR_FORMATS = {
        Pattern.compile(H + ":" + H + ":" + H + ":" + H + ":" + H + ":" + H),
        Pattern.compile(H + "-" + H + "-" + H + "-" + H + "-" + H + "-" + H),
        Pattern.compile(H2 + H2 + H2 + ":" + H2 + H2 + H2),
        Pattern.compile(H2 + H2 + H2 + "-" + H2 + H2 + H2),
        Pattern.compile(H2 + H2 + "\\." + H2 + H2 + "\\." + H2 + H2),
        Pattern.compile(H2 + H2 + "-" + H2 + H2 + "-" + H2 + H2),
        Pattern.compile(H2 + H2 + H2 + H2 + H2 + H2)};

    private final byte[] bytes;

    public MacAddr(byte[] bytes) {
        this.bytes = bytes;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean isMacaddr8() {
        return bytes.length == 8;
    }

    /** macaddr_in: six octets in one of the accepted spellings, surrounding white space ignored. */
    public static MacAddr parse6(String text) {
        String s = text.strip();
        for (Pattern p : MACADDR_FORMATS) {
            Matcher m = p.matcher(s);
            if (m.matches()) {
                byte[] b = new byte[6];
                for (int i = 0; i < 6; i++) {
                    String g = m.group(i + 1).replaceFirst("^0+(?=.)", "");
                    if (g.length() > 2) {
                        throw new SqlException("22003", "invalid octet value in \"macaddr\" value: \"" + text + "\"");
                    }
                    b[i] = (byte) Integer.parseInt(g, 16);
                }
                return new MacAddr(b);
            }
        }
        throw new SqlException("22P02", "invalid input syntax for type macaddr: \"" + text + "\"");
    }

    /**
     * macaddr8_in: pairs of hex digits, optionally separated by one kind of ':', '-' or '.'; six of them are an
     * EUI-48 address, widened to EUI-64 with FF:FE in the middle as the cast from macaddr does.
     */
    public static MacAddr parse8(String text) {
        String s = text.strip();
        byte[] b = new byte[8];
        int n = 0;
        char spacer = 0;
        int i = 0;
        while (i < s.length()) {
            if (n == 8 || i + 1 >= s.length()) {
                throw invalid8(text);
            }
            int hi = Character.digit(s.charAt(i), 16);
            int lo = Character.digit(s.charAt(i + 1), 16);
            if (hi < 0 || lo < 0 || s.charAt(i) > 127 || s.charAt(i + 1) > 127) {
                throw invalid8(text);
            }
            b[n++] = (byte) (hi << 4 | lo);
            i += 2;
            if (i < s.length()) {
                char c = s.charAt(i);
                if (c == ':' || c == '-' || c == '.') {
                    if (spacer != 0 && spacer != c) {
                        throw invalid8(text);
                    }
                    spacer = c;
                    i++; // a trailing separator is accepted, as macaddr8_in does
                }
            }
        }
        if (n == 6) {
            return new MacAddr(new byte[] {b[0], b[1], b[2], (byte) 0xff, (byte) 0xfe, b[3], b[4], b[5]});
        }
        if (n != 8) {
            throw invalid8(text);
        }
        return new MacAddr(b);
    }

    private static SqlException invalid8(String text) {
        return new SqlException("22P02", "invalid input syntax for type macaddr8: \"" + text + "\"");
    }

    /** macaddr to macaddr8: FF:FE inserted in the middle. */
    public MacAddr toMacaddr8() {
        return new MacAddr(new byte[] {bytes[0], bytes[1], bytes[2], (byte) 0xff, (byte) 0xfe, bytes[3], bytes[4],
            bytes[5]});
    }

    /** macaddr8 to macaddr: only an address with FF:FE in its middle has one. */
    public MacAddr toMacaddr() {
        if ((bytes[3] & 0xff) != 0xff || (bytes[4] & 0xff) != 0xfe) {
            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "22003",
                    "macaddr8 data out of range to convert to macaddr").hint("Only addresses that have FF and FE as"
                    + " values in the 4th and 5th bytes from the left, for example xx:xx:xx:ff:fe:xx:xx:xx, are"
                    + " eligible to be converted from macaddr8 to macaddr.").build());
        }
        return new MacAddr(new byte[] {bytes[0], bytes[1], bytes[2], bytes[5], bytes[6], bytes[7]});
    }

    /** trunc: the manufacturer part (the first three bytes), the rest zero. */
    public MacAddr trunc() {
        byte[] b = new byte[bytes.length];
        System.arraycopy(bytes, 0, b, 0, 3);
        return new MacAddr(b);
    }

    /** macaddr8_set7bit: the universal/local bit of the first byte set. */
    public MacAddr set7bit() {
        byte[] b = bytes.clone();
        b[0] |= 0x02;
        return new MacAddr(b);
    }

    public MacAddr not() {
        byte[] b = bytes.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) ~b[i];
        }
        return new MacAddr(b);
    }

    public MacAddr and(MacAddr o) {
        byte[] b = bytes.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] &= o.bytes[i];
        }
        return new MacAddr(b);
    }

    public MacAddr or(MacAddr o) {
        byte[] b = bytes.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] |= o.bytes[i];
        }
        return new MacAddr(b);
    }

    @Override
    public int compareTo(MacAddr o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddr m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
