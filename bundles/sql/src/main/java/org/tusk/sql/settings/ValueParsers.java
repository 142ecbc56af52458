package org.tusk.sql.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.types.TimeZones;

/**
 * How values of each kind of parameter are checked and normalised, with PostgreSQL's messages:
 * booleans print as on/off, integers with units print in the largest unit that divides them exactly,
 * enumerations are matched case-insensitively.
 */
final class ValueParsers {
    /** Time units with their size in milliseconds, largest first. */
    private static final String[] TIME_UNITS = {"d", "h", "min", "s", "ms"};
    private static final long[] TIME_FACTORS = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
    /** Memory units with their size in kilobytes, largest first. */
    private static final String[] MEMORY_UNITS = {"TB", "GB", "MB", "kB"};
    private static final long[] MEMORY_FACTORS = {1L << 30, 1L << 20, 1L << 10, 1L};

    private ValueParsers() {
    }

    static SqlException invalidValue(String name, String value) {
        return new SqlException("22023", "invalid value for parameter \"" + name + "\": \"" + value + "\"");
    }

    static Setting.ValueParser bool() {
        return (v, name) -> {
            String s = v.strip().toLowerCase(Locale.ROOT);
            if (!s.isEmpty()) {
                if ("true".startsWith(s) || "yes".startsWith(s) || s.equals("1") || s.equals("on")) {
                    return "on";
                }
                if ("false".startsWith(s) || "no".startsWith(s) || s.equals("0")
                        || (s.length() >= 2 && "off".startsWith(s))) {
                    return "off";
                }
            }
            throw new SqlException("22023", "parameter \"" + name + "\" requires a Boolean value");
        };
    }

    static Setting.ValueParser string() {
        return (v, name) -> v;
    }

    /** An integer, rounded from a decimal as PostgreSQL 15 does; no unit. */
    static Setting.ValueParser integer(long min, long max) {
        return (v, name) -> {
            long value;
            try {
                value = Math.round(Double.parseDouble(v.strip()));
                if (!v.strip().matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw invalidValue(name, v);
            }
            if (value < min || value > max) {
                throw new SqlException("22023", value + " is outside the valid range for parameter \"" + name
                        + "\" (" + min + " .. " + max + ")");
            }
            return Long.toString(value);
        };
    }

    /** A duration in milliseconds; a bare number is milliseconds. */
    static Setting.ValueParser milliseconds(long max) {
        return withUnits(TIME_UNITS, TIME_FACTORS, "ms", max);
    }

    /** A size in kilobytes; a bare number is kilobytes. */
    static Setting.ValueParser kilobytes(long max) {
        return kilobytes(0, max);
    }

    /** A size in kilobytes between {@code min} and {@code max}; a bare number is kilobytes. */
    static Setting.ValueParser kilobytes(long min, long max) {
        return withUnits(MEMORY_UNITS, MEMORY_FACTORS, "kB", min, max);
    }

    private static Setting.ValueParser withUnits(String[] units, long[] factors, String baseUnit, long max) {
        return withUnits(units, factors, baseUnit, 0, max);
    }

    private static Setting.ValueParser withUnits(String[] units, long[] factors, String baseUnit, long min,
            long max) {
        return (v, name) -> {
            String s = v.strip();
            int i = 0;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || "+-.".indexOf(s.charAt(i)) >= 0)) {
                i++;
            }
            double number;
            try {
                number = Double.parseDouble(s.substring(0, i));
            } catch (NumberFormatException e) {
                throw invalidValue(name, v);
            }
            String unit = s.substring(i).strip();
            long factor = 1;
            if (!unit.isEmpty()) {
                factor = -1;
                for (int k = 0; k < units.length; k++) {
                    if (units[k].equals(unit)) {
                        factor = factors[k];
                    }
                }
                if (factor < 0) {
                    // PostgreSQL's parse_int names every unit of the parameter's kind.
                    String hint = units == TIME_UNITS
                            ? "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\"."
                            : "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".";
                    throw new SqlException(ErrorFields.of("ERROR", "22023", "invalid value for parameter \"" + name
                            + "\": \"" + v + "\"").hint(hint).build());
                }
            }
            long value = Math.round(number * factor);
            if (value < min || value > max) {
                throw new SqlException("22023", value + " " + baseUnit + " is outside the valid range for parameter \""
                        + name + "\" (" + min + " .. " + max + ")");
            }
            return format(value, units, factors);
        };
    }

    private static String format(long value, String[] units, long[] factors) {
        if (value == 0) {
            return "0";
        }
        for (int k = 0; k < units.length; k++) {
            if (value % factors[k] == 0) {
                return value / factors[k] + units[k];
            }
        }
        return Long.toString(value);
    }

    /** One of fixed values, matched without regard to case; {@code values} are in normal form. */
    static Setting.ValueParser enumeration(String... values) {
        return (v, name) -> {
            for (String allowed : values) {
                if (allowed.equalsIgnoreCase(v.strip())) {
                    return allowed;
                }
            }
            throw new SqlException(ErrorFields.of("ERROR", "22023", "invalid value for parameter \"" + name + "\": \""
                    + v + "\"").hint("Available values: " + String.join(", ", values) + ".").build());
        };
    }

    /** client_encoding: only UTF8 (also spelled utf8, utf-8, unicode) is supported. */
    static Setting.ValueParser clientEncoding() {
        return (v, name) -> {
            String s = v.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            if (s.equals("utf8") || s.equals("unicode")) {
                return "UTF8";
            }
            throw invalidValue("client_encoding", v);
        };
    }

    /**
     * DateStyle: an output style (ISO, SQL, Postgres, German) and a field order (MDY, DMY, YMD), in either
     * order, normalised to "ISO, MDY"; German alone means German, DMY, as in PostgreSQL's check_datestyle.
     */
    static Setting.ValueParser dateStyle() {
        return (v, name) -> {
            String style = null;
            String order = null;
            boolean germanOrder = false;
            List<String> words = new ArrayList<>();
            for (String w : v.split("[,\\s]+")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
            for (String w : words) {
                String next = switch (w.toLowerCase(Locale.ROOT)) {
                    case "iso" -> "ISO";
                    case "sql" -> "SQL";
                    case "postgres" -> "Postgres";
                    case "german" -> "German";
                    default -> null;
                };
                if (next != null) {
                    if (style != null && !style.equals(next)) {
                        throw new SqlException(ErrorFields.of("ERROR", "22023",
                                "invalid value for parameter \"DateStyle\": \"" + v + "\"")
                                .detail("Conflicting \"datestyle\" specifications.").build());
                    }
                    style = next;
                    germanOrder = next.equals("German") && order == null;
                    continue;
                }
                switch (w.toLowerCase(Locale.ROOT)) {
                    case "ymd" -> order = "YMD";
                    case "dmy", "euro", "european" -> order = "DMY";
                    case "mdy", "us", "noneuro", "noneuropean" -> order = "MDY";
                    case "default" -> {
                        style = style == null ? "ISO" : style;
                        order = order == null ? "MDY" : order;
                    }
                    default -> throw new SqlException(ErrorFields.of("ERROR", "22023",
                            "invalid value for parameter \"DateStyle\": \"" + v + "\"")
                            .detail("Unrecognized key word: \"" + w.toLowerCase(Locale.ROOT) + "\".").build());
                }
            }
            if (order == null && germanOrder) {
                order = "DMY";
            }
            return (style == null ? "ISO" : style) + ", " + (order == null ? "MDY" : order);
        };
    }

    /** TimeZone: a zone the JVM knows (IANA names, UTC, GMT), printed as the tz database spells it. */
    static Setting.ValueParser timeZone() {
        return (v, name) -> {
            String canonical = TimeZones.canonicalName(v.strip());
            if (canonical == null) {
                throw invalidValue("TimeZone", v);
            }
            return canonical;
        };
    }

    /** A floating-point number within [min, max], printed as PostgreSQL's %g does ("4", "1.1", "0.0025"). */
    static Setting.ValueParser real(double min, double max) {
        return (v, name) -> {
            double value;
            try {
                if (!v.strip().matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    throw new NumberFormatException();
                }
                value = Double.parseDouble(v.strip());
            } catch (NumberFormatException e) {
                throw invalidValue(name, v);
            }
            if (value < min || value > max) {
                throw new SqlException("22023", v.strip() + " is outside the valid range for parameter \"" + name
                        + "\" (" + realText(min) + " .. " + realText(max) + ")");
            }
            return realText(value);
        };
    }

    private static String realText(double value) {
        String s = new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", value)).stripTrailingZeros()
                .toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
