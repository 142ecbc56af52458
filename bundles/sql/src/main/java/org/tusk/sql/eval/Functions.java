package org.tusk.sql.eval;

import static org.tusk.sql.types.SqlType.BOOL;
import static org.tusk.sql.types.SqlType.BPCHAR;
import static org.tusk.sql.types.SqlType.BYTEA;
import static org.tusk.sql.types.SqlType.FLOAT4;
import static org.tusk.sql.types.SqlType.FLOAT8;
import static org.tusk.sql.types.SqlType.INT2;
import static org.tusk.sql.types.SqlType.INT4;
import static org.tusk.sql.types.SqlType.INT8;
import static org.tusk.sql.types.SqlType.NAME;
import static org.tusk.sql.types.SqlType.NUMERIC;
import static org.tusk.sql.types.SqlType.TEXT;
import static org.tusk.sql.types.SqlType.TEXT_ARRAY;
import static org.tusk.sql.types.SqlType.TIMESTAMPTZ;
import static org.tusk.sql.types.SqlType.UUID;
import static org.tusk.sql.types.SqlType.VOID;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.tusk.spi.SqlException;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.types.Arithmetic;
import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.DateTimes;
import org.tusk.sql.types.NativeMath;
import org.tusk.sql.types.Numeric;
import org.tusk.sql.types.NumericMath;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeOutput;

/**
 * The built-in functions (the part of pg_proc that needs no tables), registered with their argument
 * and result types so that resolution among overloads (abs(int4) or abs(numeric)?) works as in
 * PostgreSQL.
 */
final class Functions {
    /** The server_version this engine reports; version() and server_version agree with it. */
    static final String VERSION_TEXT = "PostgreSQL 15.0 (Tusk 0.1.0) on " + platform() + ", compiled by Java "
            + Runtime.version().feature() + ", 64-bit";
    private static final long SLEEP_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Map<String, List<Routine>> byName = new HashMap<>();

    Functions() {
        math();
        strings();
        binary();
        arrays();
        session();
        CatalogInfoFunctions.register(this::add, this::addNonStrict);
        org.tusk.sql.largeobject.LargeObjectFunctions.register(this::add);
        BackendSignalFunctions.register(this::add);
        StatsFunctions.register(this::add);
        RegexFunctions.register(this::add);
        RowFunctions.register(this::add);
        DateTimeFunctions.register(this::add);
        NumberFormatFunctions.register(this::add);
        NumericFunctions.register(this::add);
        org.tusk.sql.json.JsonFunctions.registerFunctions(this::add, this::addNonStrict);
        org.tusk.sql.json.JsonPathFunctions.registerFunctions(this::add);
        RangeFunctions.registerFunctions(this::add, this::addNonStrict);
        org.tusk.sql.roles.PrivilegeFunctions.register(this::add);
        org.tusk.sql.net.NetworkFunctions.registerFunctions(this::add);
        org.tusk.sql.bits.BitFunctions.registerFunctions(this::add);
    }

    List<Routine> lookup(String name) {
        return byName.getOrDefault(name, List.of());
    }

    private void add(String name, List<SqlType> args, SqlType result, Routine.Body body) {
        byName.computeIfAbsent(name, k -> new ArrayList<>()).add(new Routine(name, args, result, true, body));
    }

    /** A function that is called with null arguments too (proisstrict = false). */
    private void addNonStrict(String name, List<SqlType> args, SqlType result, Routine.Body body) {
        byName.computeIfAbsent(name, k -> new ArrayList<>()).add(new Routine(name, args, result, false, body));
    }

    private static String platform() {
        String arch = System.getProperty("os.arch", "unknown");
        String os = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT);
        if (arch.equals("amd64")) {
            arch = "x86_64";
        }
        return os.contains("linux") ? arch + "-pc-linux-gnu" : arch + "-" + os.replace(' ', '-');
    }

    // ---- mathematics

    private void math() {
        for (SqlType t : new SqlType[] {INT2, INT4, INT8}) {
            add("abs", List.of(t), t, (a, c) -> Arithmetic.abs(Arithmetic.toLong(a[0]), t));
            add("mod", List.of(t, t), t, (a, c) -> Arithmetic.mod(Arithmetic.toLong(a[0]), Arithmetic.toLong(a[1]),
                    t));
        }
        for (SqlType t : new SqlType[] {INT4, INT8}) {
            add("gcd", List.of(t, t), t, (a, c) -> gcd(Arithmetic.toLong(a[0]), Arithmetic.toLong(a[1]), t));
            add("lcm", List.of(t, t), t, (a, c) -> lcm(Arithmetic.toLong(a[0]), Arithmetic.toLong(a[1]), t));
        }
        add("factorial", List.of(INT8), NUMERIC, (a, c) -> factorial((Long) a[0]));
        add("to_hex", List.of(INT4), TEXT, (a, c) -> Integer.toHexString((Integer) a[0]));
        add("to_hex", List.of(INT8), TEXT, (a, c) -> Long.toHexString((Long) a[0]));
        add("abs", List.of(NUMERIC), NUMERIC, (a, c) -> Numeric.abs(a[0]));
        add("abs", List.of(FLOAT4), FLOAT4, (a, c) -> Math.abs((Float) a[0]));
        add("abs", List.of(FLOAT8), FLOAT8, (a, c) -> Math.abs(d(a[0])));
        add("mod", List.of(NUMERIC, NUMERIC), NUMERIC, (a, c) -> Numeric.mod(a[0], a[1]));

        add("round", List.of(NUMERIC), NUMERIC, (a, c) -> Numeric.round(a[0], 0));
        add("round", List.of(NUMERIC, INT4), NUMERIC, (a, c) -> Numeric.round(a[0], (Integer) a[1]));
        add("round", List.of(FLOAT8), FLOAT8, (a, c) -> Math.rint(d(a[0])));
        add("trunc", List.of(NUMERIC), NUMERIC, (a, c) -> Numeric.trunc(a[0], 0));
        add("trunc", List.of(NUMERIC, INT4), NUMERIC, (a, c) -> Numeric.trunc(a[0], (Integer) a[1]));
        add("trunc", List.of(FLOAT8), FLOAT8, (a, c) -> d(a[0]) < 0 ? Math.ceil(d(a[0])) : Math.floor(d(a[0])));
        for (String name : new String[] {"ceil", "ceiling"}) {
            add(name, List.of(NUMERIC), NUMERIC, (a, c) -> Numeric.ceil(a[0]));
            add(name, List.of(FLOAT8), FLOAT8, (a, c) -> Math.ceil(d(a[0])));
        }
        add("floor", List.of(NUMERIC), NUMERIC, (a, c) -> Numeric.floor(a[0]));
        add("floor", List.of(FLOAT8), FLOAT8, (a, c) -> Math.floor(d(a[0])));
        add("sign", List.of(NUMERIC), NUMERIC, (a, c) -> Numeric.sign(a[0]));
        add("sign", List.of(FLOAT8), FLOAT8, (a, c) -> Math.signum(d(a[0])));
        add("sqrt", List.of(FLOAT8), FLOAT8, (a, c) -> sqrt(d(a[0])));
        add("sqrt", List.of(NUMERIC), NUMERIC, (a, c) -> Numeric.sqrt(a[0]));
        add("cbrt", List.of(FLOAT8), FLOAT8, (a, c) -> NativeMath.cbrt(d(a[0])));
        for (String name : new String[] {"power", "pow"}) {
            add(name, List.of(FLOAT8, FLOAT8), FLOAT8, (a, c) -> power(d(a[0]), d(a[1])));
            add(name, List.of(NUMERIC, NUMERIC), NUMERIC, (a, c) -> Numeric.power(a[0], a[1]));
        }
        add("exp", List.of(FLOAT8), FLOAT8, (a, c) -> Arithmetic.checkFloat8(Math.exp(d(a[0])),
                Double.isInfinite(d(a[0])), true));
        add("exp", List.of(NUMERIC), NUMERIC, (a, c) -> Numeric.exp(a[0]));
        add("ln", List.of(NUMERIC), NUMERIC, (a, c) -> Numeric.ln(a[0]));
        add("log", List.of(NUMERIC), NUMERIC, (a, c) -> log10("log", a[0]));
        add("log10", List.of(NUMERIC), NUMERIC, (a, c) -> log10("log10", a[0]));
        add("log", List.of(NUMERIC, NUMERIC), NUMERIC, (a, c) -> Numeric.log(a[0], a[1]));
        add("ln", List.of(FLOAT8), FLOAT8, (a, c) -> log(d(a[0]), Math.log(d(a[0]))));
        add("log", List.of(FLOAT8), FLOAT8, (a, c) -> log(d(a[0]), Math.log10(d(a[0]))));
        add("log10", List.of(FLOAT8), FLOAT8, (a, c) -> log(d(a[0]), Math.log10(d(a[0]))));
        add("pi", List.of(), FLOAT8, (a, c) -> Math.PI);
        add("degrees", List.of(FLOAT8), FLOAT8, (a, c) -> Math.toDegrees(d(a[0])));
        add("radians", List.of(FLOAT8), FLOAT8, (a, c) -> Math.toRadians(d(a[0])));
        add("random", List.of(), FLOAT8, (a, c) -> ThreadLocalRandom.current().nextDouble());
    }

    /** numeric_fac: n! as a numeric; beyond 32177! the result would overflow numeric's format. */
    private static BigDecimal factorial(long n) {
        if (n < 0) {
            throw new SqlException("22023", "factorial of a negative number is undefined");
        }
        if (n > 32177) {
            throw new SqlException("22003", "value overflows numeric format");
        }
        BigInteger r = BigInteger.ONE;
        for (long i = 2; i <= n; i++) {
            r = r.multiply(BigInteger.valueOf(i));
        }
        return new BigDecimal(r);
    }

    /** The greatest common divisor, never negative; out of range when it is |minimum of the type|. */
    private static Object gcd(long a, long b, SqlType type) {
        return fitExact(BigInteger.valueOf(a).gcd(BigInteger.valueOf(b)), type);
    }

    /** The least common multiple, never negative; 0 if either argument is 0. */
    private static Object lcm(long a, long b, SqlType type) {
        if (a == 0 || b == 0) {
            return Arithmetic.fit(0, type);
        }
        BigInteger x = BigInteger.valueOf(a);
        BigInteger y = BigInteger.valueOf(b);
        // PostgreSQL computes the gcd first, so lcm(min, min) fails there, with the same message.
        fitExact(x.gcd(y), type);
        return fitExact(x.divide(x.gcd(y)).multiply(y).abs(), type);
    }

    private static Object fitExact(BigInteger v, SqlType type) {
        if (v.bitLength() > 63) {
            throw Arithmetic.outOfRange(type);
        }
        return Arithmetic.fit(v.longValue(), type);
    }

    private static double d(Object o) {
        return ((Number) o).doubleValue();
    }

    static double sqrt(double v) {
        if (v < 0) {
            throw new SqlException("2201F", "cannot take square root of a negative number");
        }
        return Math.sqrt(v);
    }

    private static double log(double arg, double result) {
        if (arg == 0) {
            throw new SqlException("2201E", "cannot take logarithm of zero");
        }
        if (arg < 0) {
            throw new SqlException("2201E", "cannot take logarithm of a negative number");
        }
        return result;
    }

    /** dpow: the domain errors of the SQL standard, then overflow and underflow checks. */
    static double power(double x, double y) {
        if (x == 0 && y < 0) {
            throw new SqlException("2201F", "zero raised to a negative power is undefined");
        }
        if (x < 0 && Math.floor(y) != y && !Double.isInfinite(y)) {
            throw new SqlException("2201F", "a negative number raised to a non-integer power yields a complex result");
        }
        double r = Math.pow(x, y);
        if (Double.isInfinite(r) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
            throw new SqlException("22003", "value out of range: overflow");
        }
        if (r == 0 && x != 0 && !Double.isInfinite(y)) {
            throw new SqlException("22003", "value out of range: underflow");
        }
        return r;
    }

    // ---- strings

    private void strings() {
        for (String name : new String[] {"length", "char_length", "character_length"}) {
            add(name, List.of(TEXT), INT4, (a, c) -> codePoints((String) a[0]));
            add(name, List.of(BPCHAR), INT4, (a, c) -> codePoints(Comparisons.stripTrailingSpaces((String) a[0])));
        }
        add("octet_length", List.of(TEXT), INT4, (a, c) -> ((String) a[0]).getBytes(StandardCharsets.UTF_8).length);
        add("bit_length", List.of(TEXT), INT4, (a, c) -> ((String) a[0]).getBytes(StandardCharsets.UTF_8).length * 8);
        add("lower", List.of(TEXT), TEXT, (a, c) -> ((String) a[0]).toLowerCase(Locale.ROOT));
        add("upper", List.of(TEXT), TEXT, (a, c) -> ((String) a[0]).toUpperCase(Locale.ROOT));
        add("initcap", List.of(TEXT), TEXT, (a, c) -> initcap((String) a[0]));
        add("btrim", List.of(TEXT), TEXT, (a, c) -> trim((String) a[0], " ", true, true));
        add("btrim", List.of(TEXT, TEXT), TEXT, (a, c) -> trim((String) a[0], (String) a[1], true, true));
        add("ltrim", List.of(TEXT), TEXT, (a, c) -> trim((String) a[0], " ", true, false));
        add("ltrim", List.of(TEXT, TEXT), TEXT, (a, c) -> trim((String) a[0], (String) a[1], true, false));
        add("rtrim", List.of(TEXT), TEXT, (a, c) -> trim((String) a[0], " ", false, true));
        add("rtrim", List.of(TEXT, TEXT), TEXT, (a, c) -> trim((String) a[0], (String) a[1], false, true));
        for (String name : new String[] {"substr", "substring"}) {
            add(name, List.of(TEXT, INT4), TEXT, (a, c) -> substring((String) a[0], (Integer) a[1], null));
            add(name, List.of(TEXT, INT4, INT4), TEXT, (a, c) -> substring((String) a[0], (Integer) a[1],
                    (Integer) a[2]));
        }
        add("replace", List.of(TEXT, TEXT, TEXT), TEXT, (a, c) -> ((String) a[1]).isEmpty() ? a[0]
                : ((String) a[0]).replace((String) a[1], (String) a[2]));
        add("repeat", List.of(TEXT, INT4), TEXT, (a, c) -> ValueLimits.repeat((String) a[0], (Integer) a[1]));
        add("reverse", List.of(TEXT), TEXT, (a, c) -> new StringBuilder((String) a[0]).reverse().toString());
        add("left", List.of(TEXT, INT4), TEXT, (a, c) -> left((String) a[0], (Integer) a[1]));
        add("right", List.of(TEXT, INT4), TEXT, (a, c) -> right((String) a[0], (Integer) a[1]));
        for (String name : new String[] {"strpos", "position"}) {
            add(name, List.of(TEXT, TEXT), INT4, (a, c) -> strpos((String) a[0], (String) a[1]));
        }
        add("lpad", List.of(TEXT, INT4), TEXT, (a, c) -> pad((String) a[0], (Integer) a[1], " ", true));
        add("lpad", List.of(TEXT, INT4, TEXT), TEXT, (a, c) -> pad((String) a[0], (Integer) a[1], (String) a[2],
                true));
        add("rpad", List.of(TEXT, INT4), TEXT, (a, c) -> pad((String) a[0], (Integer) a[1], " ", false));
        add("rpad", List.of(TEXT, INT4, TEXT), TEXT, (a, c) -> pad((String) a[0], (Integer) a[1], (String) a[2],
                false));
        add("split_part", List.of(TEXT, TEXT, INT4), TEXT, (a, c) -> splitPart((String) a[0], (String) a[1],
                (Integer) a[2]));
        add("starts_with", List.of(TEXT, TEXT), BOOL, (a, c) -> ((String) a[0]).startsWith((String) a[1]));
        add("md5", List.of(TEXT), TEXT, (a, c) -> md5((String) a[0]));
        add("chr", List.of(INT4), TEXT, (a, c) -> chr((Integer) a[0]));
        add("ascii", List.of(TEXT), INT4, (a, c) -> ((String) a[0]).isEmpty() ? 0 : ((String) a[0]).codePointAt(0));
        add("overlay", List.of(TEXT, TEXT, INT4), TEXT, (a, c) -> overlay((String) a[0], (String) a[1],
                (Integer) a[2], codePoints((String) a[1])));
        add("overlay", List.of(TEXT, TEXT, INT4, INT4), TEXT, (a, c) -> overlay((String) a[0], (String) a[1],
                (Integer) a[2], (Integer) a[3]));
        add("translate", List.of(TEXT, TEXT, TEXT), TEXT, (a, c) -> translate((String) a[0], (String) a[1],
                (String) a[2]));
        add("quote_ident", List.of(TEXT), TEXT, (a, c) -> Keywords.quoteIdentifier((String) a[0]));
        add("quote_literal", List.of(TEXT), TEXT, (a, c) -> quoteLiteral((String) a[0]));
        addNonStrict("quote_nullable", List.of(TEXT), TEXT, (a, c) -> a[0] == null ? "NULL" : quoteLiteral(
                (String) a[0]));
        addNonStrict("string_to_array", List.of(TEXT, TEXT), TEXT_ARRAY, (a, c) -> stringToArray((String) a[0],
                (String) a[1], null));
        addNonStrict("string_to_array", List.of(TEXT, TEXT, TEXT), TEXT_ARRAY, (a, c) -> stringToArray(
                (String) a[0], (String) a[1], (String) a[2]));
        add("like_escape", List.of(TEXT, TEXT), TEXT, (a, c) -> Like.convertEscape((String) a[0], (String) a[1]));
    }

    private static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String initcap(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean wordStart = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(wordStart ? Character.toUpperCase(c) : Character.toLowerCase(c));
            wordStart = !Character.isLetterOrDigit(c);
        }
        return b.toString();
    }

    private static String trim(String s, String chars, boolean leading, boolean trailing) {
        int start = 0;
        int end = s.length();
        if (leading) {
            while (start < end && chars.indexOf(s.charAt(start)) >= 0) {
                start++;
            }
        }
        if (trailing) {
            while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
                end--;
            }
        }
        return s.substring(start, end);
    }

    /** substr with PostgreSQL's 1-based start that may lie before the string. */
    private static String substring(String s, int start, Integer count) {
        if (count != null && count < 0) {
            throw new SqlException("22011", "negative substring length not allowed");
        }
        int n = codePoints(s);
        long from = start;
        long to = count == null ? Long.MAX_VALUE : (long) start + count;
        from = Math.max(from, 1);
        to = Math.min(to, n + 1L);
        if (from >= to) {
            return "";
        }
        return s.substring(s.offsetByCodePoints(0, (int) from - 1), s.offsetByCodePoints(0, (int) to - 1));
    }

    private static String left(String s, int n) {
        int len = codePoints(s);
        int keep = n >= 0 ? Math.min(n, len) : Math.max(0, len + n);
        return s.substring(0, s.offsetByCodePoints(0, keep));
    }

    private static String right(String s, int n) {
        int len = codePoints(s);
        int keep = n >= 0 ? Math.min(n, len) : Math.max(0, len + n);
        return s.substring(s.offsetByCodePoints(0, len - keep));
    }

    private static int strpos(String s, String sub) {
        int i = s.indexOf(sub);
        return i < 0 ? 0 : s.codePointCount(0, i) + 1;
    }

    private static String pad(String s, int length, String fill, boolean left) {
        int len = codePoints(s);
        if (length <= len) {
            return s.substring(0, s.offsetByCodePoints(0, Math.max(length, 0)));
        }
        if (fill.isEmpty()) {
            return s;
        }
        StringBuilder padding = new StringBuilder();
        int need = length - len;
        int[] cps = fill.codePoints().toArray();
        for (int i = 0; i < need; i++) {
            padding.appendCodePoint(cps[i % cps.length]);
        }
        return left ? padding + s : s + padding;
    }

    private static String splitPart(String s, String delimiter, int field) {
        if (field == 0) {
            throw new SqlException("22023", "field position must not be zero");
        }
        List<String> parts = new ArrayList<>();
        if (delimiter.isEmpty()) {
            parts.add(s);
        } else {
            int from = 0;
            while (true) {
                int i = s.indexOf(delimiter, from);
                if (i < 0) {
                    parts.add(s.substring(from));
                    break;
                }
                parts.add(s.substring(from, i));
                from = i + delimiter.length();
            }
        }
        int index = field > 0 ? field - 1 : parts.size() + field;
        return index >= 0 && index < parts.size() ? parts.get(index) : "";
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * string_to_array(text, delimiter [, null_string]): null text gives null, empty text an empty array; a null
     * delimiter splits into characters, an empty one keeps the whole text; fields equal to null_string are NULL.
     */
    private static ArrayValue stringToArray(String s, String delimiter, String nullString) {
        if (s == null) {
            return null;
        }
        List<Object> fields = new ArrayList<>();
        if (s.isEmpty()) {
            return new ArrayValue(1, fields);
        }
        if (delimiter == null) {
            s.codePoints().forEach(cp -> fields.add(new String(Character.toChars(cp))));
        } else if (delimiter.isEmpty()) {
            fields.add(s);
        } else {
            int from = 0;
            while (true) {
                int i = s.indexOf(delimiter, from);
                fields.add(s.substring(from, i < 0 ? s.length() : i));
                if (i < 0) {
                    break;
                }
                from = i + delimiter.length();
            }
        }
        fields.replaceAll(f -> f.equals(nullString) ? null : f);
        return new ArrayValue(1, fields);
    }

    /** text_overlay: the text before {@code from}, then {@code placing}, then the text after the replaced part. */
    private static String overlay(String s, String placing, int from, int count) {
        long after = (long) from + count;
        if (after != (int) after) {
            throw Arithmetic.outOfRange(INT4);
        }
        // substring raises 22011 for from <= 0, as PostgreSQL's text_overlay does.
        return substring(s, 1, from - 1) + placing + substring(s, (int) after, null);
    }

    /** Replaces each character of {@code from} by the one at the same place in {@code to}, or drops it. */
    private static String translate(String s, String from, String to) {
        int[] f = from.codePoints().toArray();
        int[] t = to.codePoints().toArray();
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int i = 0;
            while (i < f.length && f[i] != cp) {
                i++;
            }
            if (i == f.length) {
                b.appendCodePoint(cp);
            } else if (i < t.length) {
                b.appendCodePoint(t[i]);
            }
        });
        return b.toString();
    }


    /**
     * log(numeric) and log10(numeric): in PostgreSQL 15 SQL functions calling log(10, x), so their
     * errors carry that function's CONTEXT line.
     */
    private static Object log10(String name, Object x) {
        try {
            return Numeric.log(BigDecimal.TEN, x);
        } catch (SqlException e) {
            throw new SqlException(e.fields().toBuilder()
                    .set(org.tusk.protocol.ErrorFields.WHERE, "SQL function \"" + name + "\" statement 1").build());
        }
    }

    /** quote_literal: quotes doubled; with a backslash, an E'' literal with backslashes doubled. */
    static String quoteLiteral(String s) {
        String body = "'" + s.replace("'", "''").replace("\\", "\\\\") + "'";
        return s.indexOf('\\') >= 0 ? "E" + body : body;
    }

    private static String chr(int code) {
        if (code == 0) {
            throw new SqlException("54000", "null character not permitted");
        }
        if (code < 0 || code > Character.MAX_CODE_POINT || (code >= 0xD800 && code <= 0xDFFF)) {
            throw new SqlException("54000", "requested character too large for encoding: " + code);
        }
        return new String(Character.toChars(code));
    }

    // ---- arrays: see ArrayFunctions

    private void arrays() {
        ArrayFunctions.register(this::add, this::addNonStrict);
    }

    // ---- bytea and uuid

    private void binary() {
        add("length", List.of(BYTEA), INT4, (a, c) -> ((byte[]) a[0]).length);
        add("octet_length", List.of(BYTEA), INT4, (a, c) -> ((byte[]) a[0]).length);
        add("bit_length", List.of(BYTEA), INT4, (a, c) -> ((byte[]) a[0]).length * 8);
        add("md5", List.of(BYTEA), TEXT, (a, c) -> HexFormat.of().formatHex(digest("MD5", (byte[]) a[0])));
        add("sha224", List.of(BYTEA), BYTEA, (a, c) -> digest("SHA-224", (byte[]) a[0]));
        add("sha256", List.of(BYTEA), BYTEA, (a, c) -> digest("SHA-256", (byte[]) a[0]));
        add("sha384", List.of(BYTEA), BYTEA, (a, c) -> digest("SHA-384", (byte[]) a[0]));
        add("sha512", List.of(BYTEA), BYTEA, (a, c) -> digest("SHA-512", (byte[]) a[0]));
        add("encode", List.of(BYTEA, TEXT), TEXT, (a, c) -> encode((byte[]) a[0], (String) a[1]));
        add("decode", List.of(TEXT, TEXT), BYTEA, (a, c) -> decode((String) a[0], (String) a[1]));
        add("get_byte", List.of(BYTEA, INT4), INT4, (a, c) -> ((byte[]) a[0])[byteIndex((byte[]) a[0],
                (Integer) a[1])] & 0xff);
        add("set_byte", List.of(BYTEA, INT4, INT4), BYTEA, (a, c) -> {
            byte[] copy = ((byte[]) a[0]).clone();
            copy[byteIndex(copy, (Integer) a[1])] = (byte) (int) (Integer) a[2];
            return copy;
        });
        for (String name : new String[] {"substr", "substring"}) {
            add(name, List.of(BYTEA, INT4), BYTEA, (a, c) -> byteaSubstring((byte[]) a[0], (Integer) a[1], null));
            add(name, List.of(BYTEA, INT4, INT4), BYTEA, (a, c) -> byteaSubstring((byte[]) a[0], (Integer) a[1],
                    (Integer) a[2]));
        }
        add("convert_to", List.of(TEXT, NAME), BYTEA, (a, c) -> ((String) a[0]).getBytes(utf8Only((String) a[1],
                "destination")));
        add("convert_from", List.of(BYTEA, NAME), TEXT, (a, c) -> convertFrom((byte[]) a[0], (String) a[1]));
        add("gen_random_uuid", List.of(), UUID, (a, c) -> java.util.UUID.randomUUID());
    }

    /** bytea substring: the same 1-based window as for text, counted in bytes. */
    private static byte[] byteaSubstring(byte[] data, int start, Integer count) {
        if (count != null && count < 0) {
            throw new SqlException("22011", "negative substring length not allowed");
        }
        long from = Math.max(start, 1);
        long to = Math.min(count == null ? Long.MAX_VALUE : (long) start + count, data.length + 1L);
        return from >= to ? new byte[0] : Arrays.copyOfRange(data, (int) from - 1, (int) to - 1);
    }

    /**
     * The server encoding is always UTF8, so convert_to/convert_from to and from UTF8 are the identity (with
     * validation); other encodings are refused rather than guessed.
     */
    private static java.nio.charset.Charset utf8Only(String encoding, String which) {
        String normalized = encoding.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (!normalized.equals("utf8") && !normalized.equals("unicode")) {
            throw new SqlException("0A000", "conversion to and from encoding \"" + encoding
                    + "\" is not supported yet (" + which + ")");
        }
        return StandardCharsets.UTF_8;
    }

    /** convert_from: validates like pg_verify_mbstr, reporting the first bad sequence's bytes as PostgreSQL does. */
    private static String convertFrom(byte[] data, String encoding) {
        utf8Only(encoding, "source");
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(data);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(data.length);
        java.nio.charset.CoderResult result = StandardCharsets.UTF_8.newDecoder().decode(in, out, true);
        int bad = result.isError() ? in.position() : -1;
        for (int i = 0; i < data.length && (bad < 0 || i < bad); i++) {
            if (data[i] == 0) {
                bad = i; // valid UTF-8, but PostgreSQL's text cannot hold it
            }
        }
        if (bad >= 0) {
            int lead = data[bad] & 0xff;
            int length = lead < 0x80 ? 1 : lead >= 0xf0 && lead < 0xf8 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
            StringBuilder bytes = new StringBuilder();
            for (int i = bad; i < Math.min(data.length, bad + length); i++) {
                bytes.append(bytes.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "0x%02x", data[i] & 0xff));
            }
            throw new SqlException("22021", "invalid byte sequence for encoding \"UTF8\": " + bytes);
        }
        return out.flip().toString();
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int byteIndex(byte[] data, int n) {
        if (n < 0 || n >= data.length) {
            throw new SqlException("2202E", "index " + n + " out of valid range, 0.." + (data.length - 1));
        }
        return n;
    }

    /** encode(bytea, format): hex, base64 (lines of 76 characters, as PostgreSQL writes them) or escape. */
    private static String encode(byte[] data, String format) {
        switch (format.toLowerCase(Locale.ROOT)) {
            case "hex":
                return HexFormat.of().formatHex(data);
            case "base64":
                String flat = Base64.getEncoder().encodeToString(data);
                StringBuilder lines = new StringBuilder(flat.length() + flat.length() / 76);
                for (int i = 0; i < flat.length(); i += 76) {
                    if (i > 0) {
                        lines.append('\n');
                    }
                    lines.append(flat, i, Math.min(flat.length(), i + 76));
                }
                return lines.toString();
            case "escape":
                StringBuilder b = new StringBuilder();
                for (byte x : data) {
                    int v = x & 0xff;
                    if (v == '\\') {
                        b.append("\\\\");
                    } else if (v == 0 || v >= 0x80) {
                        b.append('\\').append((char) ('0' + (v >> 6))).append((char) ('0' + ((v >> 3) & 7)))
                                .append((char) ('0' + (v & 7)));
                    } else {
                        b.append((char) v);
                    }
                }
                return b.toString();
            default:
                throw new SqlException("22023", "unrecognized encoding: \"" + format + "\"");
        }
    }

    /** decode(text, format): the inverse of encode; base64 ignores white space as PostgreSQL's does. */
    private static byte[] decode(String s, String format) {
        switch (format.toLowerCase(Locale.ROOT)) {
            case "hex":
                return decodeHex(s);
            case "base64":
                try {
                    return Base64.getDecoder().decode(s.replaceAll("[ \t\r\n]", ""));
                } catch (IllegalArgumentException e) {
                    throw new SqlException("22023", "invalid base64 end sequence");
                }
            default:
                throw new SqlException("22023", "unrecognized encoding: \"" + format + "\"");
        }
    }

    private static byte[] decodeHex(String s) {
        byte[] out = new byte[s.length() / 2 + 1];
        int n = 0;
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
                i++;
                continue;
            }
            int hi = Character.digit(ch, 16);
            if (hi < 0) {
                throw new SqlException("22023", "invalid hexadecimal digit: \"" + ch + "\"");
            }
            if (i + 1 >= s.length()) {
                throw new SqlException("22023", "invalid hexadecimal data: odd number of digits");
            }
            int lo = Character.digit(s.charAt(i + 1), 16);
            if (lo < 0) {
                throw new SqlException("22023", "invalid hexadecimal digit: \"" + s.charAt(i + 1) + "\"");
            }
            out[n++] = (byte) (hi << 4 | lo);
            i += 2;
        }
        return Arrays.copyOf(out, n);
    }

    // ---- session and time

    private void session() {
        add("version", List.of(), TEXT, (a, c) -> VERSION_TEXT);
        add("current_database", List.of(), NAME, (a, c) -> c.database());
        add("pg_backend_pid", List.of(), INT4, (a, c) -> c.backendPid());
        // The transaction's 64-bit id, assigned now if the transaction has none yet (as PostgreSQL does).
        add("txid_current", List.of(), SqlType.INT8, (a, c) -> c.db().storage().transactionId());
        // Tusk has no standby mode: a server is never in recovery once it accepts queries (pg_dump asks).
        add("pg_is_in_recovery", List.of(), BOOL, (a, c) -> false);
        add("current_schema", List.of(), NAME, (a, c) -> c.db() == null ? "public"
                : org.tusk.sql.ddl.SchemaFunctions.currentSchema(c));
        add("current_schemas", List.of(BOOL), SqlType.NAME_ARRAY, (a, c) -> new org.tusk.sql.types.ArrayValue(1,
                new java.util.ArrayList<Object>(org.tusk.sql.ddl.SchemaFunctions.currentSchemas(c, (Boolean) a[0]))));
        // nextval('name') reads the name as regclass, as PostgreSQL's nextval(regclass) does.
        add("nextval", List.of(SqlType.REGCLASS), SqlType.INT8,
                (a, c) -> org.tusk.sql.ddl.Sequences.nextval(c, (Long) a[0]));
        add("currval", List.of(SqlType.REGCLASS), SqlType.INT8,
                (a, c) -> org.tusk.sql.ddl.Sequences.currval(c, (Long) a[0]));
        add("setval", List.of(SqlType.REGCLASS, SqlType.INT8), SqlType.INT8,
                (a, c) -> org.tusk.sql.ddl.Sequences.setval(c, (Long) a[0], (Long) a[1], true));
        add("setval", List.of(SqlType.REGCLASS, SqlType.INT8, BOOL), SqlType.INT8,
                (a, c) -> org.tusk.sql.ddl.Sequences.setval(c, (Long) a[0], (Long) a[1], (Boolean) a[2]));
        for (String name : new String[] {"now", "transaction_timestamp"}) {
            add(name, List.of(), TIMESTAMPTZ, (a, c) -> c.transactionStart());
        }
        add("statement_timestamp", List.of(), TIMESTAMPTZ, (a, c) -> c.statementStart());
        add("clock_timestamp", List.of(), TIMESTAMPTZ, (a, c) -> DateTimes.micros(Instant.now()));
        add("current_setting", List.of(TEXT), TEXT, (a, c) -> c.setting((String) a[0]));
        add("current_setting", List.of(TEXT, BOOL), TEXT, (a, c) -> currentSetting((String) a[0], (Boolean) a[1], c));
        addNonStrict("set_config", List.of(TEXT, TEXT, BOOL), TEXT, (a, c) -> {
            if (a[0] == null) {
                throw new SqlException("22023", "SET requires parameter name");
            }
            return c.setConfig((String) a[0], (String) a[1], Boolean.TRUE.equals(a[2]));
        });
        add("pg_sleep", List.of(FLOAT8), VOID, (a, c) -> sleep(d(a[0]), c));
        add("tusk_debug_crash_backend", List.of(), VOID, (a, c) -> crashBackend(c));
        // Not strict: a null channel is refused as empty, a null payload is an empty one (as PostgreSQL).
        byName.computeIfAbsent("pg_notify", k -> new ArrayList<>()).add(new Routine("pg_notify",
                List.of(TEXT, TEXT), VOID, false, (a, c) -> {
                    c.notify((String) a[0], (String) a[1]);
                    return "";
                }));
    }

    /** current_setting(name, missing_ok): with missing_ok, an unknown setting gives null instead of 42704. */
    private static String currentSetting(String name, boolean missingOk, EvalContext ctx) {
        try {
            return ctx.setting(name);
        } catch (SqlException e) {
            if (missingOk && e.sqlState().equals("42704")) {
                return null;
            }
            throw e;
        }
    }

    /** The server setting that allows {@code tusk_debug_crash_backend()}; off unless a test turns it on. */
    static final String FAULT_INJECTION_SETTING = "tusk.debug_fault_injection";

    /**
     * A fault injection point, as PostgreSQL's injection_points extension offers for its tests: makes
     * this backend die abnormally (an Error no layer catches), so that the postmaster's crash handling
     * can be tested end to end. Refused unless the server was started with
     * {@value #FAULT_INJECTION_SETTING} = on.
     */
    private static Object crashBackend(EvalContext ctx) {
        String enabled;
        try {
            enabled = ctx.setting(FAULT_INJECTION_SETTING);
        } catch (SqlException notSet) {
            enabled = null;
        }
        if (enabled == null || !(enabled.equalsIgnoreCase("on") || enabled.equalsIgnoreCase("true"))) {
            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "55000", "fault injection is not enabled")
                    .hint("Start the server with " + FAULT_INJECTION_SETTING + " = on.").build());
        }
        throw new InternalError("backend crash injected by tusk_debug_crash_backend()");
    }

    /**
     * pg_sleep: waits in short steps, polling for cancel and terminate requests between them, as
     * PostgreSQL's pg_sleep wakes every second at most; BackendSignals also unparks the thread, so a
     * request usually ends the wait at once.
     */
    private static Object sleep(double seconds, EvalContext ctx) {
        if (Double.isNaN(seconds)) {
            return "";
        }
        long deadline = System.nanoTime() + (long) Math.min(seconds * 1e9, Long.MAX_VALUE / 2.0);
        while (true) {
            ctx.checkForInterrupts();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return "";
            }
            LockSupport.parkNanos(Math.min(left, SLEEP_POLL_NANOS));
        }
    }
}
