package org.tusk.sql.types;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tusk.spi.SqlException;

/**
 * Date and timestamp input in the spellings beyond ISO 8601 that PostgreSQL's DecodeDateTime accepts:
 * month names ("January 8, 1999", "08-Jan-1999", "1999-Jan-08"), numeric dates read in DateStyle's field
 * order ("1/8/1999" is January 8 with MDY, August 1 with DMY), compact "19990108", day names (ignored),
 * AM/PM, BC/AD, a zone after the time or at the end ("Tue Jan 02 03:04:05 2024 UTC", the Postgres output
 * style). DateTimes reads the plain ISO forms itself and hands everything else here.
 *
 * <p>Errors follow PostgreSQL: text that is no date is 22007 "invalid input syntax for type ..."; a month
 * or day outside 1-12 or 1-31 is 22008 "date/time field value out of range" with the hint about DateStyle
 * (the fields may have been read in the wrong order); a day past the end of its month is 22008 without it.
 */
final class DateInput {
    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("january", 1),
            Map.entry("feb", 2), Map.entry("february", 2), Map.entry("mar", 3), Map.entry("march", 3),
            Map.entry("apr", 4), Map.entry("april", 4), Map.entry("may", 5), Map.entry("jun", 6),
            Map.entry("june", 6), Map.entry("jul", 7), Map.entry("july", 7), Map.entry("aug", 8),
            Map.entry("august", 8), Map.entry("sep", 9), Map.entry("sept", 9), Map.entry("september", 9),
            Map.entry("oct", 10), Map.entry("october", 10), Map.entry("nov", 11), Map.entry("november", 11),
            Map.entry("dec", 12), Map.entry("december", 12));
    private static final List<String> DAY_NAMES = List.of("sun", "sunday", "mon", "monday", "tue", "tues",
            "tuesday", "wed", "wednesday", "thu", "thur", "thurs", "thursday", "fri", "friday", "sat", "saturday");

    /** What the text held: a date, maybe a time of day, maybe a zone. */
    record Result(LocalDateTime local, boolean hasTime, ZoneId zone) {
    }

    private final String text;
    private final String typeName;
    private final TypeContext ctx;
    private Integer year;
    private boolean yearTwoDigits;
    private Integer month;
    private Integer day;
    private final List<String> pendingNumbers = new ArrayList<>();
    private Long timeMicros;
    private Boolean pm;
    private boolean bc;
    private ZoneId zone;

    private DateInput(String text, String typeName, TypeContext ctx) {
        this.text = text;
        this.typeName = typeName;
        this.ctx = ctx;
    }

    static Result parse(String text, String typeName, TypeContext ctx) {
        return new DateInput(text, typeName, ctx).run();
    }

    private Result run() {
        String s = text.strip().toLowerCase(Locale.ROOT);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == ',') {
                i++;
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < n && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (i < n && s.charAt(i) == ':') {
                    while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == ':' || s.charAt(i) == '.')) {
                        i++;
                    }
                    time(s.substring(start, i));
                } else if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '/' || s.charAt(i) == '.')) {
                    char sep = s.charAt(i);
                    while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == sep)) {
                        i++;
                    }
                    dateField(s.substring(start, i), sep);
                    if (i < n && s.charAt(i) == 't' && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
                        i++; // ISO 8601's T between the date and the time
                    }
                } else {
                    number(s.substring(start, i));
                }
            } else if (Character.isLetter(c)) {
                int start = i;
                while (i < n && Character.isLetter(s.charAt(i))) {
                    i++;
                }
                String word = s.substring(start, i);
                if (MONTHS.containsKey(word) && i < n && (s.charAt(i) == '-' || s.charAt(i) == '/'
                        || s.charAt(i) == '.') && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
                    char sep = s.charAt(i);
                    while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == sep)) {
                        i++;
                    }
                    dateField(s.substring(start, i), sep);
                } else {
                    // A zone name may go on with '/', '_', digits and signs (America/New_York, Etc/GMT+5).
                    int end = i;
                    while (end < n && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '/'
                            || s.charAt(end) == '_' || ((s.charAt(end) == '+' || s.charAt(end) == '-')
                            && s.charAt(end - 1) != ' '))) {
                        end++;
                    }
                    if (!word(word) && !zoneWord(text.strip().substring(start, end))) {
                        throw invalid();
                    }
                    i = Math.max(i, zone != null && end > i ? end : i);
                }
            } else if ((c == '+' || c == '-') && timeMicros != null && zone == null) {
                int start = i++;
                while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == ':')) {
                    i++;
                }
                zone = offset(s.substring(start, i));
            } else {
                throw invalid();
            }
        }
        return finish();
    }

    /** A word: month, day name, AM/PM, BC/AD. */
    private boolean word(String w) {
        Integer m = MONTHS.get(w);
        if (m != null && month == null) {
            month = m;
            return true;
        }
        if (DAY_NAMES.contains(w)) {
            return true;
        }
        switch (w) {
            case "am", "a" -> pm = false;
            case "pm", "p" -> pm = true;
            case "bc" -> bc = true;
            case "ad" -> bc = false;
            case "z", "zulu" -> zone = ZoneOffset.UTC;
            case "t" -> {
                // ISO 8601's T before the time
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean zoneWord(String name) {
        if (zone != null) {
            return false;
        }
        ZoneId z = TimeZones.lookup(name);
        if (z == null || Character.isDigit(name.charAt(0))) {
            return false;
        }
        zone = z;
        return true;
    }

    /** An ISO 8601 offset after the time: +02, -05:30, +0530 (east of Greenwich positive). */
    private ZoneId offset(String t) {
        String digits = t.substring(1).replace(":", "");
        if (digits.isEmpty() || digits.length() > 6) {
            throw invalid();
        }
        int h;
        int m = 0;
        int sec = 0;
        if (digits.length() <= 2) {
            h = Integer.parseInt(digits);
        } else if (digits.length() <= 4) {
            h = Integer.parseInt(digits.substring(0, digits.length() - 2));
            m = Integer.parseInt(digits.substring(digits.length() - 2));
        } else {
            h = Integer.parseInt(digits.substring(0, digits.length() - 4));
            m = Integer.parseInt(digits.substring(digits.length() - 4, digits.length() - 2));
            sec = Integer.parseInt(digits.substring(digits.length() - 2));
        }
        int total = h * 3600 + m * 60 + sec;
        if (h > 15 || m > 59 || sec > 59) {
            throw outOfRange(false);
        }
        return ZoneOffset.ofTotalSeconds(t.charAt(0) == '-' ? -total : total);
    }

    private void time(String t) {
        if (timeMicros != null) {
            throw invalid();
        }
        String[] parts = t.split(":", -1);
        if (parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw invalid();
        }
        try {
            long h = Long.parseLong(parts[0]);
            long m = Long.parseLong(parts[1].contains(".") ? "x" : parts[1]);
            long micros = 0;
            if (parts.length == 3) {
                String sec = parts[2];
                int dot = sec.indexOf('.');
                long whole = Long.parseLong(dot < 0 ? sec : sec.substring(0, dot));
                long frac = 0;
                if (dot >= 0 && dot + 1 < sec.length()) {
                    frac = Math.round(Double.parseDouble("0" + sec.substring(dot)) * 1_000_000);
                }
                if (whole > 60) {
                    throw outOfRange(false);
                }
                micros = whole * 1_000_000 + frac;
            }
            if (m > 59 || h > 24 || (h == 24 && (m > 0 || micros > 0))) {
                throw outOfRange(false);
            }
            timeMicros = (h * 60 + m) * 60_000_000L + micros;
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    /** A date with separators: 1/8/1999, 1999-01-08, 08-Jan-1999, 02.01.2024. */
    private void dateField(String field, char sep) {
        if (year != null || day != null) {
            throw invalid();
        }
        String[] parts = field.split(java.util.regex.Pattern.quote(String.valueOf(sep)), -1);
        if (parts.length != 3 && parts.length != 2) {
            throw invalid();
        }
        List<String> numbers = new ArrayList<>();
        for (String p : parts) {
            if (p.isEmpty()) {
                throw invalid();
            }
            if (Character.isLetter(p.charAt(0))) {
                Integer m = MONTHS.get(p);
                if (m == null || month != null) {
                    throw invalid();
                }
                month = m;
            } else if (p.chars().allMatch(Character::isDigit)) {
                numbers.add(p);
            } else {
                throw invalid();
            }
        }
        if (parts.length == 2 && month == null) {
            throw invalid();
        }
        if (month != null) {
            // With a month name the numbers are day and year, year first only if it is long or YMD says so.
            if (numbers.size() != 2) {
                throw invalid();
            }
            boolean yearFirst = numbers.get(0).length() > 2 || (DateStyles.order(ctx).equals("YMD")
                    && !Character.isLetter(parts[0].charAt(0)));
            setYear(numbers.get(yearFirst ? 0 : 1));
            day = Integer.parseInt(numbers.get(yearFirst ? 1 : 0));
            return;
        }
        String order = numbers.get(0).length() > 2 ? "YMD" : DateStyles.order(ctx);
        switch (order) {
            case "YMD" -> {
                setYear(numbers.get(0));
                month = Integer.parseInt(numbers.get(1));
                day = Integer.parseInt(numbers.get(2));
            }
            case "DMY" -> {
                day = Integer.parseInt(numbers.get(0));
                month = Integer.parseInt(numbers.get(1));
                setYear(numbers.get(2));
            }
            default -> {
                month = Integer.parseInt(numbers.get(0));
                day = Integer.parseInt(numbers.get(1));
                setYear(numbers.get(2));
            }
        }
    }

    /** A lone number: a compact date (19990108, 990108), or the day or year beside a month name. */
    private void number(String digits) {
        if (year == null && day == null && month == null && (digits.length() == 8 || digits.length() == 6)) {
            int yl = digits.length() - 4;
            setYear(digits.substring(0, yl));
            month = Integer.parseInt(digits.substring(yl, yl + 2));
            day = Integer.parseInt(digits.substring(yl + 2));
            return;
        }
        pendingNumbers.add(digits);
    }

    private void setYear(String digits) {
        if (digits.length() > 9) {
            throw outOfRange(false);
        }
        year = Integer.parseInt(digits);
        yearTwoDigits = digits.length() == 2;
    }

    private Result finish() {
        // Numbers beside a month name: the day first (unless it cannot be one), then the year.
        for (String num : pendingNumbers) {
            if (day == null && year == null && DateStyles.order(ctx).equals("YMD") && num.length() > 2) {
                setYear(num);
            } else if (day == null && num.length() <= 2) {
                day = Integer.parseInt(num);
            } else if (year == null) {
                setYear(num);
            } else {
                throw invalid();
            }
        }
        if (year == null || month == null || day == null) {
            throw invalid();
        }
        int y = year;
        if (yearTwoDigits && !bc) {
            y = y < 70 ? y + 2000 : y + 1900;
        }
        if (y == 0) {
            throw outOfRange(false);
        }
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            throw outOfRange(true);
        }
        LocalDate date;
        try {
            date = LocalDate.of(bc ? 1 - y : y, month, day);
        } catch (DateTimeException e) {
            throw outOfRange(false);
        }
        long t = timeMicros == null ? 0 : timeMicros;
        if (pm != null) {
            long hour = t / 3_600_000_000L;
            if (timeMicros == null || hour > 12) {
                throw outOfRange(false);
            }
            if (pm && hour < 12) {
                t += 12 * 3_600_000_000L;
            } else if (!pm && hour == 12) {
                t -= 12 * 3_600_000_000L;
            }
        }
        return new Result(date.atStartOfDay().plusNanos(t * 1000), timeMicros != null, zone);
    }

    private SqlException invalid() {
        return new SqlException("22007", "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }

    private SqlException outOfRange(boolean hint) {
        org.tusk.protocol.ErrorFields.Builder b = org.tusk.protocol.ErrorFields.of("ERROR", "22008",
                "date/time field value out of range: \"" + text + "\"");
        if (hint) {
            b.hint("Perhaps you need a different \"datestyle\" setting.");
        }
        return new SqlException(b.build());
    }
}
