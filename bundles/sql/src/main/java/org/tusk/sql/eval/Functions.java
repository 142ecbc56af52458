package org.tusk.sql.eval;

import static org.tusk.sql.types.SqlType.BOOL;
import static org.tusk.sql.types.SqlType.BPCHAR;
import static org.tusk.sql.types.SqlType.FLOAT4;
import static org.tusk.sql.types.SqlType.FLOAT8;
import static org.tusk.sql.types.SqlType.INT2;
import static org.tusk.sql.types.SqlType.INT4;
import static org.tusk.sql.types.SqlType.INT8;
import static org.tusk.sql.types.SqlType.NAME;
import static org.tusk.sql.types.SqlType.NUMERIC;
import static org.tusk.sql.types.SqlType.TEXT;
import static org.tusk.sql.types.SqlType.TIMESTAMPTZ;
import static org.tusk.sql.types.SqlType.VOID;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.tusk.spi.SqlException;
import org.tusk.sql.types.Arithmetic;
import org.tusk.sql.types.DateTimes;
import org.tusk.sql.types.NumericMath;
import org.tusk.sql.types.SqlType;

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
        session();
    }

    List<Routine> lookup(String name) {
        return byName.getOrDefault(name, List.of());
    }

    private void add(String name, List<SqlType> args, SqlType result, Routine.Body body) {
        byName.computeIfAbsent(name, k -> new ArrayList<>()).add(new Routine(name, args, result, true, body));
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
        add("abs", List.of(NUMERIC), NUMERIC, (a, c) -> num(a[0]).abs());
        add("abs", List.of(FLOAT4), FLOAT4, (a, c) -> Math.abs((Float) a[0]));
        add("abs", List.of(FLOAT8), FLOAT8, (a, c) -> Math.abs(d(a[0])));
        add("mod", List.of(NUMERIC, NUMERIC), NUMERIC, (a, c) -> NumericMath.mod(num(a[0]), num(a[1])));

        add("round", List.of(NUMERIC), NUMERIC, (a, c) -> NumericMath.round(num(a[0]), 0));
        add("round", List.of(NUMERIC, INT4), NUMERIC, (a, c) -> NumericMath.round(num(a[0]), (Integer) a[1]));
        add("round", List.of(FLOAT8), FLOAT8, (a, c) -> Math.rint(d(a[0])));
        add("trunc", List.of(NUMERIC), NUMERIC, (a, c) -> NumericMath.trunc(num(a[0]), 0));
        add("trunc", List.of(NUMERIC, INT4), NUMERIC, (a, c) -> NumericMath.trunc(num(a[0]), (Integer) a[1]));
        add("trunc", List.of(FLOAT8), FLOAT8, (a, c) -> d(a[0]) < 0 ? Math.ceil(d(a[0])) : Math.floor(d(a[0])));
        for (String name : new String[] {"ceil", "ceiling"}) {
            add(name, List.of(NUMERIC), NUMERIC, (a, c) -> num(a[0]).setScale(0, RoundingMode.CEILING));
            add(name, List.of(FLOAT8), FLOAT8, (a, c) -> Math.ceil(d(a[0])));
        }
        add("floor", List.of(NUMERIC), NUMERIC, (a, c) -> num(a[0]).setScale(0, RoundingMode.FLOOR));
        add("floor", List.of(FLOAT8), FLOAT8, (a, c) -> Math.floor(d(a[0])));
        add("sign", List.of(NUMERIC), NUMERIC, (a, c) -> BigDecimal.valueOf(num(a[0]).signum()));
        add("sign", List.of(FLOAT8), FLOAT8, (a, c) -> Math.signum(d(a[0])));
        add("sqrt", List.of(FLOAT8), FLOAT8, (a, c) -> sqrt(d(a[0])));
        add("sqrt", List.of(NUMERIC), NUMERIC, (a, c) -> NumericMath.sqrt(num(a[0])));
        add("cbrt", List.of(FLOAT8), FLOAT8, (a, c) -> Math.cbrt(d(a[0])));
        for (String name : new String[] {"power", "pow"}) {
            add(name, List.of(FLOAT8, FLOAT8), FLOAT8, (a, c) -> power(d(a[0]), d(a[1])));
            add(name, List.of(NUMERIC, NUMERIC), NUMERIC, (a, c) -> NumericMath.power(num(a[0]), num(a[1])));
        }
        add("exp", List.of(FLOAT8), FLOAT8, (a, c) -> Arithmetic.checkFloat8(Math.exp(d(a[0])),
                Double.isInfinite(d(a[0])), true));
        add("ln", List.of(FLOAT8), FLOAT8, (a, c) -> log(d(a[0]), Math.log(d(a[0]))));
        add("log", List.of(FLOAT8), FLOAT8, (a, c) -> log(d(a[0]), Math.log10(d(a[0]))));
        add("log10", List.of(FLOAT8), FLOAT8, (a, c) -> log(d(a[0]), Math.log10(d(a[0]))));
        add("pi", List.of(), FLOAT8, (a, c) -> Math.PI);
        add("degrees", List.of(FLOAT8), FLOAT8, (a, c) -> Math.toDegrees(d(a[0])));
        add("radians", List.of(FLOAT8), FLOAT8, (a, c) -> Math.toRadians(d(a[0])));
        add("random", List.of(), FLOAT8, (a, c) -> ThreadLocalRandom.current().nextDouble());
    }

    private static BigDecimal num(Object o) {
        return (BigDecimal) o;
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
        add("repeat", List.of(TEXT, INT4), TEXT, (a, c) -> ((String) a[0]).repeat(Math.max(0, (Integer) a[1])));
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

    private static String chr(int code) {
        if (code == 0) {
            throw new SqlException("54000", "null character not permitted");
        }
        if (code < 0 || code > Character.MAX_CODE_POINT || (code >= 0xD800 && code <= 0xDFFF)) {
            throw new SqlException("54000", "requested character too large for encoding: " + code);
        }
        return new String(Character.toChars(code));
    }

    // ---- session and time

    private void session() {
        add("version", List.of(), TEXT, (a, c) -> VERSION_TEXT);
        add("current_database", List.of(), NAME, (a, c) -> c.database());
        add("pg_backend_pid", List.of(), INT4, (a, c) -> c.backendPid());
        add("current_schema", List.of(), NAME, (a, c) -> "public");
        for (String name : new String[] {"now", "transaction_timestamp"}) {
            add(name, List.of(), TIMESTAMPTZ, (a, c) -> c.transactionStart());
        }
        add("statement_timestamp", List.of(), TIMESTAMPTZ, (a, c) -> c.statementStart());
        add("clock_timestamp", List.of(), TIMESTAMPTZ, (a, c) -> DateTimes.micros(Instant.now()));
        add("pg_sleep", List.of(FLOAT8), VOID, (a, c) -> sleep(d(a[0]), c));
        add("tusk_debug_crash_backend", List.of(), VOID, (a, c) -> crashBackend(c));
        // Not strict: a null channel is refused as empty, a null payload is an empty one (as PostgreSQL).
        byName.computeIfAbsent("pg_notify", k -> new ArrayList<>()).add(new Routine("pg_notify",
                List.of(TEXT, TEXT), VOID, false, (a, c) -> {
                    c.notify((String) a[0], (String) a[1]);
                    return "";
                }));
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
