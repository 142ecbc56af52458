package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays transcripts recorded from a real PostgreSQL 15 server (cases.txt) against this engine and
 * expects the same messages, message for message: column names, type OIDs, sizes and modifiers,
 * values, command tags, notices, SQLSTATEs, messages, positions, hints and details.
 *
 * <p>The file holds cases separated by blank lines; each case is one session. "Q" lines are queries
 * (with \n, \t and \\ escapes), the lines after each are what the server sent. The recording client
 * connected with TimeZone=GMT, the default here. One deliberate difference is normalised in the
 * recording: ParameterStatus messages caused by a failing query come before its ErrorResponse, because
 * the SPI ends a query by throwing.
 */
class RecordedTranscriptsTest {

    record Step(String sql, List<String> expected) {
    }

    record Case(int line, List<Step> steps) {
    }

    /** One container per case (a session); its queries run in order on that session, one test each. */
    @TestFactory
    Stream<DynamicContainer> transcripts() throws IOException {
        return load().stream().map(c -> {
            Transcript[] session = new Transcript[1];
            return DynamicContainer.dynamicContainer("cases.txt:" + c.line(), c.steps().stream()
                    .map(s -> DynamicTest.dynamicTest(s.sql(), () -> {
                        if (session[0] == null) {
                            session[0] = new Transcript();
                        }
                        assertEquals(String.join("\n", s.expected()), String.join("\n", session[0].run(s.sql())),
                                "query: " + s.sql());
                    })));
        });
    }

    private static List<Case> load() throws IOException {
        String text;
        try (InputStream in = RecordedTranscriptsTest.class.getResourceAsStream("cases.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> cases = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        String sql = null;
        List<String> expected = new ArrayList<>();
        int lineNo = 0;
        int caseLine = 1;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) {
                if (sql != null) {
                    steps.add(new Step(sql, List.copyOf(expected)));
                    sql = null;
                }
                if (!steps.isEmpty()) {
                    cases.add(new Case(caseLine, List.copyOf(steps)));
                    steps.clear();
                }
                caseLine = lineNo + 1;
            } else if (line.startsWith("Q ")) {
                if (sql != null) {
                    steps.add(new Step(sql, List.copyOf(expected)));
                }
                sql = unescape(line.substring(2));
                expected.clear();
            } else {
                expected.add(line);
            }
        }
        return cases;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case '\\' -> b.append('\\');
                    default -> b.append('\\').append(n);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
