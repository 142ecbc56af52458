package org.tusk.sql.catalog;

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
import java.util.Map;

/**
 * A table recorded from PostgreSQL 15 by src/test/resources/catalog/regenerate.sh: psql's unaligned
 * output with tabs, after '#' comment lines; a header line, then rows, then "(n rows)". A value
 * {@code \N} is NULL (null here).
 */
final class Pg15Recording {
    final List<String> header;
    final List<Map<String, String>> rows;

    private Pg15Recording(List<String> header, List<Map<String, String>> rows) {
        this.header = header;
        this.rows = rows;
    }

    static Pg15Recording load(String file) {
        try (InputStream in = Pg15Recording.class.getResourceAsStream("/catalog/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource catalog/" + file);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> header = null;
            List<Map<String, String>> rows = new ArrayList<>();
            int footerCount = -1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (header == null) {
                    header = Arrays.asList(line.split("\t", -1));
                    continue;
                }
                if (line.matches("\\(\\d+ rows?\\)")) {
                    footerCount = Integer.parseInt(line.replaceAll("\\D", ""));
                    break;
                }
                String[] values = line.split("\t", -1);
                if (values.length != header.size()) {
                    throw new IllegalStateException(file + ": a row with " + values.length + " values: " + line);
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < values.length; i++) {
                    row.put(header.get(i), values[i].equals("\\N") ? null : values[i]);
                }
                rows.add(row);
            }
            if (header == null || footerCount != rows.size()) {
                throw new IllegalStateException(file + ": truncated recording");
            }
            return new Pg15Recording(List.copyOf(header), List.copyOf(rows));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows whose {@code column} has this text value. */
    List<Map<String, String>> where(String column, String value) {
        return rows.stream().filter(r -> value.equals(r.get(column))).toList();
    }
}
