package org.tusk.psql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code \h}: PostgreSQL 15's SQL command synopses, as psql 15 prints them. The synopses (PostgreSQL's
 * documented ones, one per SQL command, with the one-line description and the documentation page) live in
 * the resource {@code sql-help.txt}: an entry is a line {@code == NAME}, the description, the page name,
 * then the synopsis lines up to the next entry.
 *
 * <p>Which entries a topic selects follows psql's rules, which users rely on: the topic is first compared
 * as a prefix of every name in full, and if nothing matches, with fewer characters cut at its first words
 * (see {@link #shorterTopic}); an exact match ends the search, so {@code \h SELECT} shows only SELECT.
 */
final class SqlHelp {

    /** Width of one column of the command list: the longest name plus one space, as psql lays it out. */
    private static final int COLUMN = 33;
    private static final String URL = "https://www.postgresql.org/docs/15/";

    record Entry(String name, String description, String page, String synopsis) {
    }

    private static final List<Entry> ENTRIES = load();

    private SqlHelp() {
    }

    static List<Entry> entries() {
        return ENTRIES;
    }

    /**
     * The text {@code \h topic} prints; {@code topic} is the rest of the meta-command's line. An empty topic
     * lists the command names in as many columns as {@code screenWidth} holds.
     */
    static String help(String topic, int screenWidth) {
        String t = stripTrailing(topic.strip());
        if (t.isEmpty()) {
            return list(screenWidth);
        }
        StringBuilder out = new StringBuilder();
        if (t.equals("*")) {
            ENTRIES.forEach(e -> block(out, e));
            return out.toString();
        }
        int len = t.length();
        for (int pass = 1; pass <= 3; pass++) {
            if (pass > 1) {
                int shorter = shorterTopic(t, len, pass == 2);
                if (shorter >= len) {
                    break; // the same text again would match nothing new
                }
                len = shorter;
            }
            boolean found = false;
            String prefix = t.substring(0, len).toLowerCase(Locale.ROOT);
            for (Entry e : ENTRIES) {
                if (e.name().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    block(out, e);
                    found = true;
                    if (e.name().equalsIgnoreCase(t)) {
                        break;
                    }
                }
            }
            if (found) {
                return out.toString();
            }
        }
        return "No help available for \"" + t + "\".\nTry \\h with no arguments to see available help.\n";
    }

    /**
     * How many characters of the topic the next pass compares: for the second pass the first word and part of
     * the second, for the third the first word alone. psql counts the second word from its second character
     * (so {@code create table foo} becomes {@code create tab}); the same count is kept so that the same topic
     * shows the same entries.
     */
    private static int shorterTopic(String topic, int len, boolean twoWords) {
        int count = 1;
        int j = 1;
        while (j < len && topic.charAt(j++) != ' ') {
            count++;
        }
        if (twoWords) {
            j++;
            while (j < len && topic.charAt(j++) != ' ') {
                count++;
            }
        }
        return count;
    }

    /** Trailing semicolons and white space are not part of the topic ({@code \h select;}). */
    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ';' || Character.isWhitespace(s.charAt(end - 1)))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static void block(StringBuilder out, Entry e) {
        out.append("Command:     ").append(e.name()).append('\n')
                .append("Description: ").append(e.description()).append('\n')
                .append("Syntax:\n").append(e.synopsis()).append("\n\n")
                .append("URL: ").append(URL).append(e.page()).append(".html\n\n");
    }

    /** "Available help:" and the names filled column by column, the last column unpadded. */
    private static String list(int screenWidth) {
        int columns = Math.max((screenWidth - 3) / COLUMN, 1);
        int rows = (ENTRIES.size() + columns - 1) / columns;
        StringBuilder out = new StringBuilder("Available help:\n");
        for (int r = 0; r < rows; r++) {
            out.append("  ");
            for (int c = 0; c < columns; c++) {
                int i = r + c * rows;
                String name = i < ENTRIES.size() ? ENTRIES.get(i).name() : "";
                out.append(name);
                if (c < columns - 1) {
                    out.repeat(' ', COLUMN - name.length());
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static List<Entry> load() {
        List<Entry> entries = new ArrayList<>();
        String[] lines = Help.resource("sql-help.txt").split("\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].startsWith("== ")) {
            String name = lines[i].substring(3);
            String description = lines[i + 1];
            String page = lines[i + 2];
            int start = i + 3;
            i = start;
            while (i < lines.length && !lines[i].startsWith("== ")) {
                i++;
            }
            // The file ends with a newline, which leaves one empty last element after the last entry.
            int end = i == lines.length ? i - 1 : i;
            entries.add(new Entry(name, description, page, String.join("\n", List.of(lines).subList(start, end))));
        }
        if (i != lines.length || entries.isEmpty()) {
            throw new IllegalStateException("sql-help.txt is malformed near line " + (i + 1));
        }
        return List.copyOf(entries);
    }
}
