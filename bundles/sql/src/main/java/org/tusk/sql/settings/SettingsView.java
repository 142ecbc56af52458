package org.tusk.sql.settings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tusk.sql.types.ArrayValue;

/**
 * The rows of pg_settings (pg_show_all_settings(), guc.c's GetConfigOptionByNum): one per parameter of
 * {@link SettingCatalog}, with the current value, RESET's value and the built-in default in the
 * parameter's base unit ("4096" kB where SHOW says "4MB"), where the value came from, and what
 * PostgreSQL 15 says about the parameter (unit, category, descriptions, context, type, limits, enum
 * values).
 *
 * <p>That description is data recorded from PostgreSQL 15 (pg15-settings.tsv, written by
 * src/test/resources/catalog/regenerate-settings.sh) rather than a second copy of it spread over the
 * parameter definitions: the definitions say how values are checked, the file says how PostgreSQL
 * presents them, and SettingsViewTest keeps the two in agreement. session_authorization and
 * is_superuser are not listed, as PostgreSQL hides them from SHOW ALL and pg_settings (GUC_NO_SHOW_ALL).
 */
public final class SettingsView {

    /** pg_settings' columns, in order. */
    public static final List<String> COLUMNS = List.of("name", "setting", "unit", "category", "short_desc",
            "extra_desc", "context", "vartype", "source", "min_val", "max_val", "enumvals", "boot_val",
            "reset_val", "sourcefile", "sourceline", "pending_restart");

    /** One parameter as PostgreSQL 15 describes it; empty fields of the file are nulls. */
    record Description(String name, String unit, String category, String shortDesc, String extraDesc,
            String context, String vartype, String minVal, String maxVal, List<String> enumVals, String bootVal) {
    }

    private static final Map<String, Description> DESCRIPTIONS = load();

    private SettingsView() {
    }

    /** The description of {@code name} (any case), or null if PostgreSQL's pg_settings does not list it. */
    static Description description(String name) {
        return DESCRIPTIONS.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * pg_settings' rows for a session, ordered by name as pg_show_all_settings returns them. Each row
     * holds Strings, except enumvals (an ArrayValue of Strings or null), sourceline (Integer or null) and
     * pending_restart (Boolean).
     */
    public static List<Object[]> rows(SessionSettings session) {
        List<Object[]> rows = new ArrayList<>();
        for (Setting def : SettingCatalog.all()) {
            Description d = description(def.name());
            if (d == null) {
                continue;
            }
            String minVal = d.minVal();
            String maxVal = d.maxVal();
            if (def.context() == Setting.Context.INTERNAL && "integer".equals(d.vartype())) {
                // A preset's limits are its own value (server_version_num: this build's number).
                minVal = def.bootValue();
                maxVal = def.bootValue();
            }
            rows.add(new Object[] {def.name(), inBaseUnit(session.get(def.name()), d.unit()), d.unit(), d.category(),
                d.shortDesc(), d.extraDesc(), d.context(), d.vartype(), session.source(def.name()), minVal, maxVal,
                d.enumVals() == null ? null : new ArrayValue(1, List.<Object>copyOf(d.enumVals())), inBaseUnit(def.bootValue(), d.unit()), inBaseUnit(session.resetValue(def.name()),
                        d.unit()), null, null, false});
        }
        rows.sort((a, b) -> ((String) a[0]).compareToIgnoreCase((String) b[0]));
        return rows;
    }

    /**
     * A value as SHOW prints it ("4MB", "1s", "128MB") in the parameter's base unit ("4096" for kB, "1000"
     * for ms, "16384" for 8kB pages); values of parameters without a unit are returned unchanged.
     */
    static String inBaseUnit(String value, String unit) {
        if (unit == null || value == null) {
            return value;
        }
        int split = 0;
        while (split < value.length() && (Character.isDigit(value.charAt(split)) || value.charAt(split) == '-')) {
            split++;
        }
        long number = Long.parseLong(value.substring(0, split));
        String given = value.substring(split).trim();
        long factor = switch (unit) {
            case "ms" -> millisecondsPer(given.isEmpty() ? "ms" : given);
            case "kB" -> kilobytesPer(given.isEmpty() ? "kB" : given);
            case "8kB" -> given.isEmpty() ? 8 : kilobytesPer(given);
            default -> throw new IllegalArgumentException("unit " + unit);
        };
        long result = number * factor;
        return Long.toString(unit.equals("8kB") ? result / 8 : result);
    }

    private static long millisecondsPer(String unit) {
        return switch (unit) {
            case "ms" -> 1;
            case "s" -> 1000;
            case "min" -> 60_000;
            case "h" -> 3_600_000;
            case "d" -> 86_400_000;
            default -> throw new IllegalArgumentException("time unit " + unit);
        };
    }

    private static long kilobytesPer(String unit) {
        return switch (unit) {
            case "kB" -> 1;
            case "MB" -> 1L << 10;
            case "GB" -> 1L << 20;
            case "TB" -> 1L << 30;
            default -> throw new IllegalArgumentException("memory unit " + unit);
        };
    }

    private static Map<String, Description> load() {
        Map<String, Description> map = new LinkedHashMap<>();
        try (InputStream in = SettingsView.class.getResourceAsStream("pg15-settings.tsv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split("\t", -1);
                List<String> enumVals = f[9].isEmpty() ? null : Arrays.asList(f[9].split(","));
                map.put(f[0].toLowerCase(Locale.ROOT), new Description(f[0], orNull(f[1]), f[2], f[3], orNull(f[4]),
                        f[5], f[6], orNull(f[7]), orNull(f[8]), enumVals, f[10]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }

    private static String orNull(String field) {
        return field.isEmpty() ? null : field;
    }
}
