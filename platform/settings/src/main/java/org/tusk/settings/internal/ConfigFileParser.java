package org.tusk.settings.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL's configuration file syntax: one {@code name [=] value} per line, {@code #} comments,
 * values that are identifiers, numbers (with unit letters such as 128MB) or single-quoted strings
 * ('' or \' for a quote, and backslash escapes), and the {@code include}, {@code include_if_exists}
 * and {@code include_dir} directives with paths relative to the including file. Names are
 * case-insensitive and returned lower-cased; a later entry for the same name wins.
 */
final class ConfigFileParser {

    /** PostgreSQL stops following includes at this depth, to catch include loops. */
    private static final int MAX_DEPTH = 10;

    private final Map<String, String> values = new LinkedHashMap<>();

    /** Parses {@code file} (and what it includes) into the accumulated values. */
    ConfigFileParser parse(Path file) throws ConfigFileException {
        parseFile(file.toAbsolutePath(), 0, false);
        return this;
    }

    /** Parses {@code file} if it exists (as postgresql.auto.conf is read). */
    ConfigFileParser parseIfExists(Path file) throws ConfigFileException {
        parseFile(file.toAbsolutePath(), 0, true);
        return this;
    }

    Map<String, String> values() {
        return values;
    }

    private void parseFile(Path file, int depth, boolean missingOk) throws ConfigFileException {
        if (depth > MAX_DEPTH) {
            throw new ConfigFileException("could not open configuration file \"" + file
                    + "\": maximum nesting depth exceeded");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (missingOk) {
                return;
            }
            throw new ConfigFileException("could not open configuration file \"" + file
                    + "\": No such file or directory", e);
        } catch (IOException e) {
            throw new ConfigFileException("could not open configuration file \"" + file + "\": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            parseLine(file, i + 1, lines.get(i), depth);
        }
    }

    private void parseLine(Path file, int lineNumber, String line, int depth) throws ConfigFileException {
        Lexer lx = new Lexer(line, file, lineNumber);
        String name = lx.next();
        if (name == null) {
            return; // blank or comment
        }
        if (!lx.lastWasName) {
            throw syntaxError(file, lineNumber, name);
        }
        String value = lx.next();
        if ("=".equals(value) && !lx.lastWasString) {
            value = lx.next();
        }
        if (value == null) {
            throw new ConfigFileException("syntax error in file \"" + file + "\" line " + lineNumber
                    + ", near end of line");
        }
        if (lx.lastWasInvalid || ("=".equals(value) && !lx.lastWasString)) {
            throw syntaxError(file, lineNumber, value);
        }
        String extra = lx.next();
        if (extra != null) {
            throw syntaxError(file, lineNumber, extra);
        }
        String key = name.toLowerCase(Locale.ROOT);
        switch (key) {
            case "include" -> parseFile(resolve(file, value), depth + 1, false);
            case "include_if_exists" -> parseFile(resolve(file, value), depth + 1, true);
            case "include_dir" -> includeDirectory(resolve(file, value), depth + 1);
            default -> values.put(key, value);
        }
    }

    private void includeDirectory(Path dir, int depth) throws ConfigFileException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.conf")) {
            for (Path p : ds) {
                if (!p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            throw new ConfigFileException("could not open configuration directory \"" + dir + "\": "
                    + e.getMessage(), e);
        }
        files.sort(null);
        for (Path p : files) {
            parseFile(p, depth, false);
        }
    }

    private static Path resolve(Path including, String target) {
        Path p = Path.of(target);
        return p.isAbsolute() ? p : including.getParent().resolve(p);
    }

    private static ConfigFileException syntaxError(Path file, int line, String token) {
        return new ConfigFileException("syntax error in file \"" + file + "\" line " + line + ", near token \""
                + token + "\"");
    }

    /** Splits one line into tokens: names/numbers/unquoted words, '=' and quoted strings. */
    private static final class Lexer {
        private final String s;
        private final Path file;
        private final int lineNumber;
        private int pos;
        boolean lastWasName;
        boolean lastWasString;
        boolean lastWasInvalid;

        Lexer(String s, Path file, int lineNumber) {
            this.s = s;
            this.file = file;
            this.lineNumber = lineNumber;
        }

        /** The next token, or null at end of line or at a comment. */
        String next() throws ConfigFileException {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            lastWasName = false;
            lastWasString = false;
            lastWasInvalid = false;
            if (pos >= s.length() || s.charAt(pos) == '#') {
                return null;
            }
            char c = s.charAt(pos);
            if (c == '=') {
                pos++;
                return "=";
            }
            if (c == '\'') {
                lastWasString = true;
                return quoted();
            }
            int start = pos;
            while (pos < s.length() && isWordChar(s.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                // A character that can start no token, like PostgreSQL's lexer rejecting it.
                pos++;
                lastWasInvalid = true;
                return s.substring(start, pos);
            }
            String word = s.substring(start, pos);
            lastWasName = Character.isLetter(word.charAt(0)) || word.charAt(0) == '_';
            return word;
        }

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '+' || c == ':'
                    || c == '/' || c == '$';
        }

        private String quoted() throws ConfigFileException {
            int start = pos;
            StringBuilder b = new StringBuilder();
            pos++; // opening quote
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '\'') {
                    if (pos < s.length() && s.charAt(pos) == '\'') {
                        b.append('\'');
                        pos++;
                        continue;
                    }
                    return b.toString();
                }
                if (c == '\\' && pos < s.length()) {
                    char e = s.charAt(pos++);
                    switch (e) {
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'n' -> b.append('\n');
                        case 'r' -> b.append('\r');
                        case 't' -> b.append('\t');
                        default -> {
                            if (e >= '0' && e <= '7') {
                                int v = e - '0';
                                for (int k = 0; k < 2 && pos < s.length() && s.charAt(pos) >= '0'
                                        && s.charAt(pos) <= '7'; k++) {
                                    v = v * 8 + (s.charAt(pos++) - '0');
                                }
                                b.append((char) v);
                            } else {
                                b.append(e);
                            }
                        }
                    }
                    continue;
                }
                b.append(c);
            }
            throw syntaxError(file, lineNumber, s.substring(start));
        }
    }
}
