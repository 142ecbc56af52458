package org.tusk.sql.settings;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;

/**
 * The startup packet's "options" parameter: command-line switches for the backend, split on blanks
 * with backslash escapes (pg_split_opts). Only the switches that set parameters are accepted:
 * {@code -c name=value}, {@code -cname=value} and {@code --name=value}; dashes in names become
 * underscores, as on PostgreSQL's command line.
 */
final class StartupOptions {

    private StartupOptions() {
    }

    /** The name/value pairs the options set. */
    static List<String[]> parse(String options) {
        List<String> words = split(options);
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String assignment;
            if (w.equals("-c") && i + 1 < words.size()) {
                assignment = words.get(++i);
            } else if (w.startsWith("-c") && w.length() > 2) {
                assignment = w.substring(2);
            } else if (w.startsWith("--") && w.length() > 2) {
                assignment = w.substring(2);
            } else {
                throw invalid(w);
            }
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new SqlException("42601", (w.startsWith("--") ? "--" : "-c ") + assignment + " requires a value");
            }
            pairs.add(new String[] {assignment.substring(0, eq).replace('-', '_'), assignment.substring(eq + 1)});
        }
        return pairs;
    }

    private static SqlException invalid(String word) {
        return new SqlException(ErrorFields.of("ERROR", "42601", "invalid command-line argument for server process: "
                + word).hint("Try \"postgres --help\" for more information.").build());
    }

    private static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder current = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                if (current != null) {
                    words.add(current.toString());
                    current = null;
                }
                continue;
            }
            if (current == null) {
                current = new StringBuilder();
            }
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            current.append(c);
        }
        if (current != null) {
            words.add(current.toString());
        }
        return words;
    }
}
