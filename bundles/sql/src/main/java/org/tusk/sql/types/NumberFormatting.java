package org.tusk.sql.types;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;

/**
 * to_char for numbers and to_number, with the template patterns of PostgreSQL's formatting.c (its NUM_
 * half): 9 0 . , D G S MI PL SG PR FM TH th V EEEE RN rn L B, double-quoted literal text, and every
 * other character copied. The locale is C, as the server's lc_numeric is: the decimal point is ".", the
 * group separator ",", the currency symbol a space, the signs "-" and "+".
 *
 * <p>The structure follows formatting.c on purpose, because its outputs are full of corner cases that
 * only its own algorithm reproduces ({@code to_char(-0.1, '99.99')} is {@code "  -.10"}, FM drops
 * trailing zeros but not those a 0 asks for, an overflow is a row of '#'): the template is parsed into
 * nodes while a {@link Desc} counts digit positions and flags (NUMDesc_prepare); each input type turns
 * its value into a digit string without sign, the sign, and the spaces to pad before it (int4_to_char,
 * numeric_to_char, ...); and one processor walks the nodes, writing (to_char) or reading (to_number)
 * (NUM_processor). Strings are C strings there: the processor works on char arrays with a NUL
 * terminator, and the result ends at the first NUL, as it does in PostgreSQL.
 */
public final class NumberFormatting {
    private static final int FLT_DIG = 6;
    private static final int DBL_DIG = 15;

    private NumberFormatting() {
    }

    // ---- the template

    /** The NUM_ keywords, in formatting.c's order (the first that matches wins: "SG" before "S"). */
    private enum Key {
        COMMA(","), DEC("."), ZERO("0"), NINE("9"), B("B"), C("C"), D("D"), EEEE("EEEE"), FM("FM"), G("G"),
        L("L"), MI("MI"), PL("PL"), PR("PR"), RN("RN"), SG("SG"), SP("SP"), S("S"), TH("TH"), V("V"),
        B_LOWER("b", B), C_LOWER("c", C), D_LOWER("d", D), EEEE_LOWER("eeee", EEEE), FM_LOWER("fm", FM),
        G_LOWER("g", G), L_LOWER("l", L), MI_LOWER("mi", MI), PL_LOWER("pl", PL), PR_LOWER("pr", PR),
        RN_LOWER("rn"), SG_LOWER("sg", SG), SP_LOWER("sp", SP), S_LOWER("s", S), TH_LOWER("th"),
        V_LOWER("v", V);

        final String name;
        private final Key same;

        Key(String name) {
            this(name, null);
        }

        Key(String name, Key same) {
            this.name = name;
            this.same = same;
        }

        /** The action: lower-case spellings act as the upper-case ones, except rn and th. */
        Key id() {
            return same == null ? this : same;
        }
    }

    /** A parsed template item: a keyword, or one literal character. */
    private record Node(Key key, String text) {
    }

    // NUMDesc flags.
    private static final int F_DECIMAL = 1 << 1;
    private static final int F_LDECIMAL = 1 << 2;
    private static final int F_ZERO = 1 << 3;
    private static final int F_BLANK = 1 << 4;
    private static final int F_FILLMODE = 1 << 5;
    private static final int F_LSIGN = 1 << 6;
    private static final int F_BRACKET = 1 << 7;
    private static final int F_MINUS = 1 << 8;
    private static final int F_PLUS = 1 << 9;
    private static final int F_ROMAN = 1 << 10;
    private static final int F_MULTI = 1 << 11;
    private static final int F_PLUS_POST = 1 << 12;
    private static final int F_MINUS_POST = 1 << 13;
    private static final int F_EEEE = 1 << 14;

    private static final int LSIGN_PRE = -1;
    private static final int LSIGN_POST = 1;
    private static final int LSIGN_NONE = 0;

    /** NUMDesc: digit counts and flags gathered from the template. */
    private static final class Desc {
        int pre;
        int post;
        int lsign = LSIGN_NONE;
        int flag;
        int preLsignNum;
        int multi;
        int zeroStart;
        int zeroEnd;

        boolean is(int f) {
            return (flag & f) != 0;
        }
    }

    /** A parsed template. */
    private record Template(List<Node> nodes, Desc desc) {
    }

    /** parse_format for NUM_FLAG, with NUMDesc_prepare on each keyword. */
    private static Template parse(String format) {
        List<Node> nodes = new ArrayList<>();
        Desc num = new Desc();
        int i = 0;
        int n = format.length();
        while (i < n) {
            Key key = keywordAt(format, i);
            if (key != null) {
                Node node = new Node(key, null);
                nodes.add(node);
                prepare(num, key.id());
                i += key.name.length();
                continue;
            }
            char c = format.charAt(i);
            if (c == '"') {
                // A double-quoted literal; a backslash quotes the next character.
                i++;
                while (i < n) {
                    if (format.charAt(i) == '"') {
                        i++;
                        break;
                    }
                    if (format.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    int len = Character.charCount(format.codePointAt(i));
                    nodes.add(new Node(null, format.substring(i, i + len)));
                    i += len;
                }
                continue;
            }
            // Outside quotes a backslash only matters before a double quote.
            if (c == '\\' && i + 1 < n && format.charAt(i + 1) == '"') {
                i++;
            }
            int len = Character.charCount(format.codePointAt(i));
            nodes.add(new Node(null, format.substring(i, i + len)));
            i += len;
        }
        return new Template(nodes, num);
    }

    private static Key keywordAt(String s, int at) {
        for (Key k : Key.values()) {
            if (s.startsWith(k.name, at)) {
                return k;
            }
        }
        return null;
    }

    private static SqlException syntax(String message) {
        return new SqlException("42601", message);
    }

    /** NUMDesc_prepare. */
    private static void prepare(Desc num, Key id) {
        if (num.is(F_EEEE) && id != Key.EEEE) {
            throw syntax("\"EEEE\" must be the last pattern used");
        }
        switch (id) {
            case NINE -> {
                if (num.is(F_BRACKET)) {
                    throw syntax("\"9\" must be ahead of \"PR\"");
                }
                if (num.is(F_MULTI)) {
                    num.multi++;
                } else if (num.is(F_DECIMAL)) {
                    num.post++;
                } else {
                    num.pre++;
                }
            }
            case ZERO -> {
                if (num.is(F_BRACKET)) {
                    throw syntax("\"0\" must be ahead of \"PR\"");
                }
                if (!num.is(F_ZERO) && !num.is(F_DECIMAL)) {
                    num.flag |= F_ZERO;
                    num.zeroStart = num.pre + 1;
                }
                if (!num.is(F_DECIMAL)) {
                    num.pre++;
                } else {
                    num.post++;
                }
                num.zeroEnd = num.pre + num.post;
            }
            case B -> {
                if (num.pre == 0 && num.post == 0 && !num.is(F_ZERO)) {
                    num.flag |= F_BLANK;
                }
            }
            case D, DEC -> {
                if (id == Key.D) {
                    num.flag |= F_LDECIMAL;
                }
                if (num.is(F_DECIMAL)) {
                    throw syntax("multiple decimal points");
                }
                if (num.is(F_MULTI)) {
                    throw syntax("cannot use \"V\" and decimal point together");
                }
                num.flag |= F_DECIMAL;
            }
            case FM -> num.flag |= F_FILLMODE;
            case S -> {
                if (num.is(F_LSIGN)) {
                    throw syntax("cannot use \"S\" twice");
                }
                if (num.is(F_PLUS) || num.is(F_MINUS) || num.is(F_BRACKET)) {
                    throw syntax("cannot use \"S\" and \"PL\"/\"MI\"/\"SG\"/\"PR\" together");
                }
                if (!num.is(F_DECIMAL)) {
                    num.lsign = LSIGN_PRE;
                    num.preLsignNum = num.pre;
                    num.flag |= F_LSIGN;
                } else if (num.lsign == LSIGN_NONE) {
                    num.lsign = LSIGN_POST;
                    num.flag |= F_LSIGN;
                }
            }
            case MI -> {
                if (num.is(F_LSIGN)) {
                    throw syntax("cannot use \"S\" and \"MI\" together");
                }
                num.flag |= F_MINUS;
                if (num.is(F_DECIMAL)) {
                    num.flag |= F_MINUS_POST;
                }
            }
            case PL -> {
                if (num.is(F_LSIGN)) {
                    throw syntax("cannot use \"S\" and \"PL\" together");
                }
                num.flag |= F_PLUS;
                if (num.is(F_DECIMAL)) {
                    num.flag |= F_PLUS_POST;
                }
            }
            case SG -> {
                if (num.is(F_LSIGN)) {
                    throw syntax("cannot use \"S\" and \"SG\" together");
                }
                num.flag |= F_MINUS | F_PLUS;
            }
            case PR -> {
                if (num.is(F_LSIGN) || num.is(F_PLUS) || num.is(F_MINUS)) {
                    throw syntax("cannot use \"PR\" and \"S\"/\"PL\"/\"MI\"/\"SG\" together");
                }
                num.flag |= F_BRACKET;
            }
            case RN, RN_LOWER -> num.flag |= F_ROMAN;
            case V -> {
                if (num.is(F_DECIMAL)) {
                    throw syntax("cannot use \"V\" and decimal point together");
                }
                num.flag |= F_MULTI;
            }
            case EEEE -> {
                if (num.is(F_EEEE)) {
                    throw syntax("cannot use \"EEEE\" twice");
                }
                if (num.is(F_BLANK) || num.is(F_FILLMODE) || num.is(F_LSIGN) || num.is(F_BRACKET)
                        || num.is(F_MINUS) || num.is(F_PLUS) || num.is(F_ROMAN) || num.is(F_MULTI)) {
                    throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "42601",
                            "\"EEEE\" is incompatible with other formats")
                            .detail("\"EEEE\" may only be used together with digit and decimal point patterns.")
                            .build());
                }
                num.flag |= F_EEEE;
            }
            default -> {
                // L, G, C, SP, TH: nothing to count.
            }
        }
    }

    // ---- to_char of each type: the digits, the sign and the padding, then the processor

    /** to_char(integer, text): int4_to_char. */
    public static String toChar(int value, String format) {
        if (format.isEmpty()) {
            return "";
        }
        Template t = parse(format);
        Desc num = t.desc();
        if (num.is(F_ROMAN)) {
            return process(t, toRoman(value), 0, 0);
        }
        if (num.is(F_EEEE)) {
            return process(t, signedExponent((double) value, num.post), 0, 0);
        }
        String orgnum;
        if (num.is(F_MULTI)) {
            orgnum = Integer.toString(value * (int) Math.pow(10, num.multi));
            num.pre += num.multi;
        } else {
            orgnum = Integer.toString(value);
        }
        return integerDigits(t, orgnum);
    }

    /** to_char(bigint, text): int8_to_char. */
    public static String toChar(long value, String format) {
        if (format.isEmpty()) {
            return "";
        }
        Template t = parse(format);
        Desc num = t.desc();
        if (num.is(F_ROMAN)) {
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw Arithmetic.outOfRange(SqlType.INT4);
            }
            return process(t, toRoman((int) value), 0, 0);
        }
        if (num.is(F_EEEE)) {
            String orgnum = scientific(BigDecimal.valueOf(value), num.post);
            return process(t, orgnum.startsWith("-") ? orgnum : " " + orgnum, 0, 0);
        }
        if (num.is(F_MULTI)) {
            long multi = (long) Math.pow(10, num.multi);
            value = Arithmetic.toLong(Arithmetic.multiply(value, multi, SqlType.INT8));
            num.pre += num.multi;
        }
        return integerDigits(t, Long.toString(value));
    }

    /** The common end of int4_to_char and int8_to_char: sign, zeros after the point, padding or '#'s. */
    private static String integerDigits(Template t, String orgnum) {
        Desc num = t.desc();
        char sign = '+';
        if (orgnum.startsWith("-")) {
            sign = '-';
            orgnum = orgnum.substring(1);
        }
        int preLen = orgnum.length();
        String numstr = num.post > 0 ? orgnum + "." + "0".repeat(num.post) : orgnum;
        int outPreSpaces = 0;
        if (preLen < num.pre) {
            outPreSpaces = num.pre - preLen;
        } else if (preLen > num.pre) {
            numstr = overflow(num);
        }
        return process(t, numstr, outPreSpaces, sign);
    }

    /** to_char(numeric, text): numeric_to_char. */
    public static String toChar(Object value, String format) {
        if (format.isEmpty()) {
            return "";
        }
        Template t = parse(format);
        Desc num = t.desc();
        if (num.is(F_ROMAN)) {
            Object rounded = Numeric.round(value, 0);
            int n = (Integer) Arithmetic.fit(Numeric.toLong(rounded, SqlType.INT4), SqlType.INT4);
            return process(t, toRoman(n), 0, 0);
        }
        if (num.is(F_EEEE)) {
            String numstr;
            if (!(value instanceof BigDecimal d)) {
                numstr = nonFiniteExponent(num);
            } else {
                String orgnum = scientific(d, num.post);
                numstr = orgnum.startsWith("-") ? orgnum : " " + orgnum;
            }
            return process(t, numstr, 0, 0);
        }
        Object val = value;
        if (num.is(F_MULTI)) {
            Object x = Numeric.power(BigDecimal.TEN, BigDecimal.valueOf(num.multi));
            val = Numeric.multiply(value, x);
            num.pre += num.multi;
        }
        String orgnum = Numeric.format(Numeric.round(val, num.post));
        char sign = '+';
        String numstr = orgnum;
        if (orgnum.startsWith("-")) {
            sign = '-';
            numstr = orgnum.substring(1);
        }
        return fractionDigits(t, numstr, sign);
    }

    /** to_char(real, text): float4_to_char. */
    public static String toChar(float value, String format) {
        return floatToChar(value, true, format);
    }

    /** to_char(double precision, text): float8_to_char. */
    public static String toChar(double value, String format) {
        return floatToChar(value, false, format);
    }

    private static String floatToChar(double value, boolean float4, String format) {
        if (format.isEmpty()) {
            return "";
        }
        Template t = parse(format);
        Desc num = t.desc();
        if (num.is(F_ROMAN)) {
            // (int) rint(value): C's conversion of an out-of-range double; Java saturates instead.
            return process(t, toRoman((int) Math.rint(value)), 0, 0);
        }
        if (num.is(F_EEEE)) {
            String numstr = Double.isNaN(value) || Double.isInfinite(value) ? nonFiniteExponent(num)
                    : signedExponent(value, num.post);
            return process(t, numstr, 0, 0);
        }
        double val = value;
        if (num.is(F_MULTI)) {
            if (float4) {
                float multi = (float) Math.pow(10, num.multi);
                val = (float) value * multi;
            } else {
                val = value * Math.pow(10, num.multi);
            }
            num.pre += num.multi;
        }
        int digits = float4 ? FLT_DIG : DBL_DIG;
        int preLen = fixed(Math.abs(val), 0).length();
        // Never more digits than the type holds.
        if (preLen >= digits) {
            num.post = 0;
        } else if (preLen + num.post > digits) {
            num.post = digits - preLen;
        }
        String orgnum = fixed(val, num.post);
        char sign = '+';
        String numstr = orgnum;
        if (orgnum.startsWith("-")) {
            sign = '-';
            numstr = orgnum.substring(1);
        }
        return fractionDigits(t, numstr, sign);
    }

    /** The common end of numeric and float to_char: padding before the point, or '#'s. */
    private static String fractionDigits(Template t, String numstr, char sign) {
        Desc num = t.desc();
        int point = numstr.indexOf('.');
        int preLen = point >= 0 ? point : numstr.length();
        int outPreSpaces = 0;
        if (preLen < num.pre) {
            outPreSpaces = num.pre - preLen;
        } else if (preLen > num.pre) {
            numstr = overflow(num);
        }
        return process(t, numstr, outPreSpaces, sign);
    }

    /** An overflowed number: '#' for each digit position, with the point where the template has it. */
    private static String overflow(Desc num) {
        char[] s = "#".repeat(num.pre + num.post + 1).toCharArray();
        s[num.pre] = '.';
        return new String(s);
    }

    /** EEEE of NaN or an infinity: '#'s in the shape of " d.ddde+dd". */
    private static String nonFiniteExponent(Desc num) {
        char[] s = "#".repeat(num.pre + num.post + 6).toCharArray();
        s[0] = ' ';
        s[num.pre + 1] = '.';
        return new String(s);
    }

    /**
     * C's {@code %.*f} as PostgreSQL's snprintf prints it: the exact binary value rounded half to even,
     * a '-' for negative values and for -0, "NaN" and "Infinity" spelled so.
     */
    private static String fixed(double v, int precision) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        String digits = Double.isInfinite(v) ? "Infinity"
                : new BigDecimal(Math.abs(v)).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return negative ? "-" + digits : digits;
    }

    /** C's {@code %+.*e} of a finite double, with the leading '+' replaced by a space. */
    private static String signedExponent(double v, int precision) {
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        String mantissa;
        int exponent;
        if (v == 0) {
            mantissa = BigDecimal.ZERO.setScale(precision).toPlainString();
            exponent = 0;
        } else {
            BigDecimal r = new BigDecimal(Math.abs(v)).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
            exponent = r.precision() - r.scale() - 1;
            mantissa = r.movePointLeft(exponent).setScale(precision, RoundingMode.UNNECESSARY).toPlainString();
        }
        return (negative ? "-" : " ") + mantissa + exponentText(exponent);
    }

    private static String exponentText(int exponent) {
        String digits = Integer.toString(Math.abs(exponent));
        return "e" + (exponent < 0 ? '-' : '+') + (digits.length() < 2 ? "0" + digits : digits);
    }

    /**
     * numeric_out_sci: one digit before the point, {@code scale} after (rounded half away from zero,
     * which can give 10.0 for 9.99), then the exponent of the leading digit.
     */
    private static String scientific(BigDecimal v, int scale) {
        int exponent = v.signum() == 0 ? 0 : v.precision() - v.scale() - 1;
        BigDecimal significand = v.movePointLeft(exponent).setScale(scale, RoundingMode.HALF_UP);
        return significand.toPlainString() + exponentText(exponent);
    }

    private static final String[] RM1 = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
    private static final String[] RM10 = {"X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"};
    private static final String[] RM100 = {"C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"};

    /** int_to_roman: 1 to 3999, otherwise 15 '#'s. */
    private static String toRoman(int number) {
        if (number > 3999 || number < 1) {
            return "#".repeat(15);
        }
        String digits = Integer.toString(number);
        StringBuilder out = new StringBuilder();
        for (int i = 0, len = digits.length(); i < digits.length(); i++, len--) {
            int d = digits.charAt(i) - '1';
            if (d < 0) {
                continue;
            }
            switch (len) {
                case 4 -> out.append("M".repeat(d + 1));
                case 3 -> out.append(RM100[d]);
                case 2 -> out.append(RM10[d]);
                default -> out.append(RM1[d]);
            }
        }
        return out.toString();
    }

    // ---- the processor (to_char)

    /** NUMProc: the processor's state for one to_char. */
    private static final class Proc {
        final Desc num;
        final char[] number; // NUL-terminated
        int numberP;
        char[] out;
        int outP;
        char sign;
        boolean signWrote;
        int numCount;
        boolean numIn;
        int numCurr;
        int outPreSpaces;
        int lastRelevant = -1; // index into number, -1 for none

        Proc(Desc num, String number) {
            this.num = num;
            this.number = (number + '\0').toCharArray();
            this.out = new char[64];
        }

        char numberAt(int i) {
            return i < number.length ? number[i] : '\0';
        }

        void ensure(int extra) {
            if (outP + extra + 1 >= out.length) {
                out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, outP + extra + 16));
            }
        }

        /** strcpy at the output position, advancing past it. */
        void write(String s) {
            ensure(s.length());
            s.getChars(0, s.length(), out, outP);
            outP += s.length();
            out[outP] = '\0';
        }

        /** One character at the output position, not advancing (the main loop advances). */
        void put(char c) {
            ensure(1);
            out[outP] = c;
        }

        boolean predecSpace() {
            return !num.is(F_ZERO) && numberP == 0 && number[0] == '0' && num.post != 0;
        }

        String result() {
            int end = 0;
            while (end < out.length && out[end] != '\0') {
                end++;
            }
            return new String(out, 0, end);
        }
    }

    /** NUM_processor for to_char. */
    private static String process(Template t, String number, int outPreSpaces, int sign) {
        Desc num = t.desc();
        Proc np = new Proc(num, number);
        if (num.zeroStart > 0) {
            num.zeroStart--;
        }
        if (num.is(F_EEEE)) {
            return number;
        }
        if (num.is(F_ROMAN)) {
            num.lsign = 0;
            num.preLsignNum = 0;
            num.post = 0;
            num.pre = 0;
            outPreSpaces = 0;
            sign = 0;
            num.flag = (num.is(F_FILLMODE) ? F_FILLMODE : 0) | F_ROMAN;
        }
        np.sign = (char) sign;
        if (num.is(F_PLUS) || num.is(F_MINUS)) {
            // MI/PL/SG write the sign themselves; a PL alone leaves it to the number too.
            np.signWrote = !(num.is(F_PLUS) && !num.is(F_MINUS));
        } else {
            if (np.sign != '-' && num.is(F_FILLMODE)) {
                num.flag &= ~F_BRACKET;
            }
            np.signWrote = np.sign == '+' && num.is(F_FILLMODE) && !num.is(F_LSIGN);
            if (num.lsign == LSIGN_PRE && num.pre == num.preLsignNum) {
                num.lsign = LSIGN_POST;
            }
        }
        np.numCount = num.post + num.pre - 1;
        np.outPreSpaces = outPreSpaces;
        if (num.is(F_FILLMODE) && num.is(F_DECIMAL)) {
            np.lastRelevant = lastRelevantDecimal(np.number);
            // Digits a 0 asks for are kept, but never beyond the end of the number.
            if (np.lastRelevant >= 0 && num.zeroEnd > np.outPreSpaces) {
                int lastZero = Math.min(number.length() - 1, num.zeroEnd - np.outPreSpaces);
                if (np.lastRelevant < lastZero) {
                    np.lastRelevant = lastZero;
                }
            }
        }
        if (!np.signWrote && np.outPreSpaces == 0) {
            np.numCount++;
        }
        for (Node n : t.nodes()) {
            if (n.key() == null) {
                np.write(n.text());
                continue;
            }
            switch (n.key().id()) {
                case NINE, ZERO, DEC, D -> {
                    numpartToChar(np, n.key().id());
                    continue;
                }
                case COMMA -> {
                    if (!np.numIn) {
                        if (num.is(F_FILLMODE)) {
                            continue;
                        }
                        np.put(' ');
                    } else {
                        np.put(',');
                    }
                }
                case G -> {
                    if (!np.numIn) {
                        if (num.is(F_FILLMODE)) {
                            continue;
                        }
                        np.put(' ');
                    } else {
                        np.put(',');
                    }
                }
                case L -> np.put(' ');
                case RN, RN_LOWER -> {
                    String roman = new String(np.number, np.numberP, np.number.length - 1 - np.numberP);
                    if (n.key() == Key.RN_LOWER) {
                        roman = roman.toLowerCase(java.util.Locale.ROOT);
                    }
                    String s = num.is(F_FILLMODE) ? roman : " ".repeat(Math.max(0, 15 - roman.length())) + roman;
                    np.write(s);
                    np.outP--;
                }
                case TH, TH_LOWER -> {
                    if (num.is(F_ROMAN) || np.number[0] == '#' || np.sign == '-' || num.is(F_DECIMAL)) {
                        continue;
                    }
                    np.write(ordinalSuffix(number, n.key() == Key.TH));
                    np.outP--;
                }
                case MI -> {
                    if (np.sign == '-') {
                        np.put('-');
                    } else if (num.is(F_FILLMODE)) {
                        continue;
                    } else {
                        np.put(' ');
                    }
                }
                case PL -> {
                    if (np.sign == '+') {
                        np.put('+');
                    } else if (num.is(F_FILLMODE)) {
                        continue;
                    } else {
                        np.put(' ');
                    }
                }
                case SG -> np.put(np.sign);
                default -> {
                    continue;
                }
            }
            np.outP++;
        }
        np.ensure(0);
        np.out[np.outP] = '\0';
        return np.result();
    }

    /** get_last_relevant_decnum: the last non-zero digit after the point, or the point itself. */
    private static int lastRelevantDecimal(char[] number) {
        int p = -1;
        for (int i = 0; number[i] != '\0'; i++) {
            if (number[i] == '.') {
                p = i;
                break;
            }
        }
        if (p < 0) {
            return -1;
        }
        int result = p;
        for (int i = p + 1; number[i] != '\0'; i++) {
            if (number[i] != '0') {
                result = i;
            }
        }
        return result;
    }

    /** get_th: st, nd, rd or th for the last digit (th for 11 to 13). */
    private static String ordinalSuffix(String number, boolean upper) {
        int len = number.length();
        char last = len == 0 ? '\0' : number.charAt(len - 1);
        if (last < '0' || last > '9') {
            throw new SqlException("22P02", "\"" + number + "\" is not a number");
        }
        if (len > 1 && number.charAt(len - 2) == '1') {
            last = '0';
        }
        String s = switch (last) {
            case '1' -> "st";
            case '2' -> "nd";
            case '3' -> "rd";
            default -> "th";
        };
        return upper ? s.toUpperCase(java.util.Locale.ROOT) : s;
    }

    /** NUM_numpart_to_char: a digit position or the decimal point, with the sign where it belongs. */
    private static void numpartToChar(Proc np, Key id) {
        Desc num = np.num;
        if (num.is(F_ROMAN)) {
            return;
        }
        boolean lastIsPoint = np.lastRelevant >= 0 && np.number[np.lastRelevant] == '.';
        if (!np.signWrote
                && (np.numCurr >= np.outPreSpaces || (num.is(F_ZERO) && num.zeroStart == np.numCurr))
                && (!np.predecSpace() || lastIsPoint)) {
            if (num.is(F_LSIGN)) {
                if (num.lsign == LSIGN_PRE) {
                    np.write(np.sign == '-' ? "-" : "+");
                    np.signWrote = true;
                }
            } else if (num.is(F_BRACKET)) {
                np.write(np.sign == '+' ? " " : "<");
                np.signWrote = true;
            } else if (np.sign == '+') {
                if (!num.is(F_FILLMODE)) {
                    np.write(" ");
                }
                np.signWrote = true;
            } else if (np.sign == '-') {
                np.write("-");
                np.signWrote = true;
            }
        }
        if (np.numCurr < np.outPreSpaces && (num.zeroStart > np.numCurr || !num.is(F_ZERO))) {
            // A blank before the number.
            if (!num.is(F_FILLMODE)) {
                np.write(" ");
            }
        } else if (num.is(F_ZERO) && np.numCurr < np.outPreSpaces && num.zeroStart <= np.numCurr) {
            // A leading zero that 0 asks for.
            np.write("0");
            np.numIn = true;
        } else {
            char c = np.numberAt(np.numberP);
            if (c == '.') {
                if (!lastIsPoint) {
                    np.write(".");
                } else if (num.is(F_FILLMODE)) {
                    // FM9.9 of 1 is "1.".
                    np.write(".");
                }
            } else {
                if (np.lastRelevant >= 0 && np.numberP > np.lastRelevant && id != Key.ZERO) {
                    // A trailing zero that FM drops.
                } else if (np.predecSpace()) {
                    // 9.9 of 0.1 is " .1"; FM9.9 of 0 is "0.".
                    if (!num.is(F_FILLMODE)) {
                        np.write(" ");
                    } else if (lastIsPoint) {
                        np.write("0");
                    }
                } else {
                    // The digit; past the end of the number this writes the terminator, as in C.
                    np.ensure(1);
                    np.out[np.outP++] = c;
                    np.numIn = true;
                }
            }
            if (c != '\0') {
                np.numberP++;
            }
        }
        int end = np.numCount + (np.outPreSpaces > 0 ? 1 : 0) + (num.is(F_DECIMAL) ? 1 : 0);
        if (np.lastRelevant >= 0 && np.lastRelevant == np.numberP) {
            end = np.numCurr;
        }
        if (np.numCurr + 1 == end) {
            if (np.signWrote && num.is(F_BRACKET)) {
                np.write(np.sign == '+' ? " " : ">");
            } else if (num.is(F_LSIGN) && num.lsign == LSIGN_POST) {
                np.write(np.sign == '-' ? "-" : "+");
            }
        }
        np.numCurr++;
    }

    // ---- to_number

    /** to_number(text, text): numeric_to_number. Null for an empty template. */
    public static Object toNumber(String value, String format) {
        if (format.isEmpty()) {
            return null;
        }
        Template t = parse(format);
        Desc num = t.desc();
        String numstr = readNumber(t, value);
        int scale = num.post;
        int precision = num.pre + num.multi + scale;
        Object result = TypeInput.parseNumeric(numstr);
        result = Casts.applyTypmod(result, SqlType.NUMERIC, ((precision << 16) | scale) + TypeModifiers.VARHDRSZ,
                false);
        if (num.is(F_MULTI)) {
            Object x = Numeric.power(BigDecimal.TEN, BigDecimal.valueOf(-num.multi));
            result = Numeric.multiply(result, x);
        }
        return result;
    }

    /** NUM_processor for to_number: the number's text (sign first) as numeric_in reads it. */
    private static String readNumber(Template t, String input) {
        Desc num = t.desc();
        if (num.zeroStart > 0) {
            num.zeroStart--;
        }
        if (num.is(F_EEEE)) {
            throw new SqlException("0A000", "\"EEEE\" not supported for input");
        }
        if (num.is(F_ROMAN)) {
            throw new SqlException("0A000", "\"RN\" not supported for input");
        }
        Reader r = new Reader(num, input);
        for (Node n : t.nodes()) {
            if (r.overload()) {
                break;
            }
            if (n.key() == null) {
                // One input character is skipped for each literal character, matching or not.
                r.p += Character.charCount(input.codePointAt(r.p));
                continue;
            }
            switch (n.key().id()) {
                case NINE, ZERO, DEC, D -> r.numpart(n.key().id());
                case COMMA -> {
                    if (!r.numIn && num.is(F_FILLMODE)) {
                        continue;
                    }
                    if (r.at(r.p) != ',') {
                        continue;
                    }
                }
                case G -> {
                    if (!r.numIn && num.is(F_FILLMODE)) {
                        continue;
                    }
                    if (!(r.amount(1) && r.at(r.p) == ',')) {
                        continue;
                    }
                }
                case L -> {
                    r.eatNonDataChars(1);
                    continue;
                }
                case TH, TH_LOWER -> {
                    if (num.is(F_ROMAN) || r.number.charAt(0) == '#' || num.is(F_DECIMAL)) {
                        continue;
                    }
                    r.eatNonDataChars(2);
                    continue;
                }
                case MI -> {
                    if (r.at(r.p) == '-') {
                        r.number.setCharAt(0, '-');
                    } else {
                        r.eatNonDataChars(1);
                        continue;
                    }
                }
                case PL -> {
                    if (r.at(r.p) == '+') {
                        r.number.setCharAt(0, '+');
                    } else {
                        r.eatNonDataChars(1);
                        continue;
                    }
                }
                case SG -> {
                    char c = r.at(r.p);
                    if (c == '-' || c == '+') {
                        r.number.setCharAt(0, c);
                    } else {
                        r.eatNonDataChars(1);
                        continue;
                    }
                }
                default -> {
                    continue;
                }
            }
            r.p++;
        }
        StringBuilder number = r.number;
        if (number.charAt(number.length() - 1) == '.') {
            number.setLength(number.length() - 1);
        }
        num.post = r.readPost;
        return number.toString();
    }

    /** The reading half of NUMProc. */
    private static final class Reader {
        final Desc num;
        final String in;
        int p;
        final StringBuilder number = new StringBuilder(" "); // sign first
        boolean numIn;
        int readPre;
        int readPost;
        boolean readDec;

        Reader(Desc num, String in) {
            this.num = num;
            this.in = in;
        }

        char at(int i) {
            return i < in.length() ? in.charAt(i) : '\0';
        }

        boolean overload() {
            return p >= in.length();
        }

        boolean amount(int s) {
            return p <= in.length() - s;
        }

        /** NUM_eat_non_data_chars. */
        void eatNonDataChars(int n) {
            while (n-- > 0) {
                if (overload() || "0123456789.,+-".indexOf(at(p)) >= 0) {
                    break;
                }
                p += Character.charCount(in.codePointAt(p));
            }
        }

        /** NUM_numpart_from_char: a digit or the decimal point, and a sign before or after them. */
        void numpart(Key id) {
            boolean isread = false;
            if (at(p) == ' ') {
                p++;
            }
            if (overload()) {
                return;
            }
            if (number.charAt(0) == ' ' && (id == Key.ZERO || id == Key.NINE) && readPre + readPost == 0) {
                if (num.is(F_LSIGN) && num.lsign == LSIGN_PRE) {
                    if (amount(1) && at(p) == '-') {
                        p++;
                        number.setCharAt(0, '-');
                    } else if (amount(1) && at(p) == '+') {
                        p++;
                        number.setCharAt(0, '+');
                    }
                } else if (at(p) == '-' || (num.is(F_BRACKET) && at(p) == '<')) {
                    number.setCharAt(0, '-');
                    p++;
                } else if (at(p) == '+') {
                    number.setCharAt(0, '+');
                    p++;
                }
            }
            if (overload()) {
                return;
            }
            char c = at(p);
            if (c >= '0' && c <= '9') {
                if (readDec && readPost == num.post) {
                    return;
                }
                number.append(c);
                if (readDec) {
                    readPost++;
                } else {
                    readPre++;
                }
                isread = true;
            } else if (num.is(F_DECIMAL) && !readDec) {
                if (amount(1) && c == '.') {
                    number.append('.');
                    readDec = true;
                    isread = true;
                }
            }
            if (overload()) {
                return;
            }
            // A sign after the last digit read: 9.9S of ".5-", FM9.999999MI of "5.01-".
            if (number.charAt(0) == ' ' && readPre + readPost > 0) {
                if (num.is(F_LSIGN) && isread && p + 1 < in.length() && !Character.isDigit(at(p + 1))) {
                    int tmp = p++;
                    if (amount(1) && at(p) == '-') {
                        number.setCharAt(0, '-');
                    } else if (amount(1) && at(p) == '+') {
                        number.setCharAt(0, '+');
                    }
                    if (number.charAt(0) == ' ') {
                        p = tmp;
                    }
                } else if (!isread && !num.is(F_LSIGN) && (num.is(F_PLUS) || num.is(F_MINUS))) {
                    if (at(p) == '-' || at(p) == '+') {
                        number.setCharAt(0, at(p));
                    }
                }
            }
        }
    }
}
