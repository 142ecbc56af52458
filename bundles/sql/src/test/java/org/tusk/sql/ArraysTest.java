package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Multi-dimensional arrays, array operators and functions, compared with what PostgreSQL 15 printed for
 * the same statements: {@code arrays-pg15.txt} holds each statement and, after a tab, psql's unaligned
 * output ({@code psql -At -F'|' -P null='\N' -v VERBOSITY=terse}: rows joined by ";", or the error
 * message). An error is compared by its message text.
 */
class ArraysTest {

    private static String run(String sql) {
        List<String> lines = new Transcript().run(sql);
        for (String l : lines) {
            if (l.startsWith("E ")) {
                // "E ERROR 22P02 message @8": the message without SQLSTATE and position.
                String rest = l.substring("E ERROR ".length() + 6);
                int at = rest.lastIndexOf(" @");
                return "ERROR:  " + (at >= 0 ? rest.substring(0, at) : rest);
            }
        }
        return lines.stream().filter(l -> l.startsWith("D")).map(l -> l.length() > 2 ? l.substring(2) : "")
                .collect(Collectors.joining(";"));
    }

    @Test
    void asPostgres15Answers() throws IOException {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        try (InputStream in = ArraysTest.class.getResourceAsStream("arrays-pg15.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                int tab = line.indexOf('\t');
                String sql = line.substring(0, tab);
                String expected = line.substring(tab + 1).replaceAll(" at character \\d+$", "");
                String actual = run(sql);
                cases++;
                if (!expected.equals(actual)) {
                    failures.add(sql + "\n   expected: " + expected + "\n   actual:   " + actual);
                }
            }
        }
        assertEquals("", String.join("\n", failures), failures.size() + " of " + cases + " statements differ");
    }
}
