package org.tusk.psql;

import java.util.function.Function;

/**
 * Splits input lines into statements as psql's lexer (psqlscan.l) does: a statement ends at a semicolon
 * outside quotes ({@code '...'}, {@code E'...'}, {@code "..."}, dollar quotes), comments and parentheses;
 * whitespace and {@code --} comments before a statement are dropped; lines of one statement are joined
 * with newlines; a backslash outside quotes starts a meta-command that runs to the end of the line;
 * {@code :name}, {@code :'name'} and {@code :"name"} are replaced by variables.
 */
public final class StatementScanner {

    /** What one step of scanning found. */
    public sealed interface Event permits Statement, MetaCommand {
    }

    /** A complete statement, including its semicolon. */
    public record Statement(String sql) implements Event {
    }

    /** A backslash command: the text after the backslash up to the end of the line. */
    public record MetaCommand(String text) implements Event {
    }

    private enum State { NORMAL, SQUOTE, ESTRING, DQUOTE, DOLLAR, COMMENT }

    private final StringBuilder buf = new StringBuilder();
    private final Function<String, String> variables;
    private State state = State.NORMAL;
    private String dollarTag;
    private int commentDepth;
    private int parenDepth;
    private String line = "";
    private int pos;
    /** Where the line break feed() put between lines ends (-1: none), so a line of only a backslash command can take it back. */
    private int addedNewline = -1;
    /** Plain interpolations on the current line, bounded so that a self-referencing variable terminates. */
    private int expansions;
    private static final int MAX_EXPANSIONS = 100;

    /** @param variables looks up psql variables for interpolation (null when not set) */
    public StatementScanner(Function<String, String> variables) {
        this.variables = variables;
    }

    /** Starts scanning a new input line (without its line terminator). */
    public void feed(String newLine) {
        addedNewline = -1;
        if (buf.length() > 0) {
            buf.append('\n');
            addedNewline = buf.length();
        }
        this.line = newLine;
        this.pos = 0;
        this.expansions = 0;
    }

    /** Lines put back by {@link #rescan} that follow the current one. */
    private final java.util.ArrayDeque<String> queued = new java.util.ArrayDeque<>();

    /**
     * psql's PSQL_CMD_NEWEDIT: what came back from an editor replaces the query buffer and the rest of
     * the current line, and is scanned as new input (complete statements run, the rest stays pending).
     */
    public void rescan(String text) {
        takePending();
        queued.clear();
        line = "";
        pos = 0;
        String[] lines = text.split("\n", -1);
        int n = lines.length;
        if (n > 0 && lines[n - 1].isEmpty()) {
            n--;
        }
        for (int i = 0; i < n; i++) {
            queued.add(lines[i]);
        }
    }

    /** Appends text to the query buffer as is (psql's editor code adds a newline there before it runs). */
    public void appendToBuffer(String text) {
        buf.append(text);
    }

    /** The next statement or meta-command of the current line, or null when the line is used up. */
    public Event next() {
        while (true) {
            Event e = nextOfLine();
            if (e != null || queued.isEmpty()) {
                return e;
            }
            feed(queued.poll());
        }
    }

    private Event nextOfLine() {
        while (pos < line.length()) {
            char c = line.charAt(pos);
            switch (state) {
                case NORMAL -> {
                    Event e = normal(c);
                    if (e != null) {
                        return e;
                    }
                }
                case SQUOTE, ESTRING -> {
                    buf.append(c);
                    pos++;
                    if (state == State.ESTRING && c == '\\' && pos < line.length()) {
                        buf.append(line.charAt(pos++));
                    } else if (c == '\'') {
                        if (pos < line.length() && line.charAt(pos) == '\'') {
                            buf.append('\'');
                            pos++;
                        } else {
                            state = State.NORMAL;
                        }
                    }
                }
                case DQUOTE -> {
                    buf.append(c);
                    pos++;
                    if (c == '"') {
                        state = State.NORMAL;
                    }
                }
                case DOLLAR -> {
                    if (line.startsWith(dollarTag, pos)) {
                        buf.append(dollarTag);
                        pos += dollarTag.length();
                        state = State.NORMAL;
                    } else {
                        buf.append(c);
                        pos++;
                    }
                }
                case COMMENT -> {
                    if (line.startsWith("*/", pos)) {
                        buf.append("*/");
                        pos += 2;
                        if (--commentDepth == 0) {
                            state = State.NORMAL;
                        }
                    } else if (line.startsWith("/*", pos)) {
                        buf.append("/*");
                        pos += 2;
                        commentDepth++;
                    } else {
                        buf.append(c);
                        pos++;
                    }
                }
            }
        }
        return null;
    }

    private Event normal(char c) {
        if (buf.isEmpty() && Character.isWhitespace(c)) {
            pos++;
            return null;
        }
        if (c == '-' && line.startsWith("--", pos)) {
            if (!buf.isEmpty()) {
                buf.append(line, pos, line.length());
            }
            pos = line.length();
            return null;
        }
        if (c == '\\') {
            String text = line.substring(pos + 1);
            pos = line.length();
            if (buf.length() > 0 && buf.charAt(buf.length() - 1) == '\n' && buf.toString().isBlank()) {
                buf.setLength(0);
            } else if (addedNewline == buf.length()) {
                // Nothing but the backslash command on this line: as psql, the query buffer does not keep
                // the line break (so \p, \w and \g see "select 1\n;" rather than "select 1\n\n;").
                buf.setLength(addedNewline - 1);
            }
            addedNewline = -1;
            return new MetaCommand(text);
        }
        if (c == ';' && parenDepth == 0) {
            buf.append(';');
            pos++;
            String sql = buf.toString();
            buf.setLength(0);
            return new Statement(sql);
        }
        switch (c) {
            case '(' -> parenDepth++;
            case ')' -> parenDepth = Math.max(0, parenDepth - 1);
            case '\'' -> {
                boolean e = !buf.isEmpty() && (buf.charAt(buf.length() - 1) == 'E' || buf.charAt(buf.length() - 1) == 'e')
                        && (buf.length() < 2 || !identChar(buf.charAt(buf.length() - 2)));
                state = e ? State.ESTRING : State.SQUOTE;
            }
            case '"' -> state = State.DQUOTE;
            case '/' -> {
                if (line.startsWith("/*", pos)) {
                    state = State.COMMENT;
                    commentDepth = 1;
                    buf.append("/*");
                    pos += 2;
                    return null;
                }
            }
            case '$' -> {
                String tag = dollarTag(line, pos);
                if (tag != null && (buf.isEmpty() || !identChar(buf.charAt(buf.length() - 1)))) {
                    dollarTag = tag;
                    state = State.DOLLAR;
                    buf.append(tag);
                    pos += tag.length();
                    return null;
                }
            }
            case ':' -> {
                if (line.startsWith("::", pos)) {
                    buf.append("::");
                    pos += 2;
                    return null;
                }
                if (interpolate()) {
                    return null;
                }
            }
            default -> {
            }
        }
        buf.append(c);
        pos++;
        return null;
    }

    /** Replaces :name, :'name' or :"name" at pos when the variable is set. */
    private boolean interpolate() {
        int p = pos + 1;
        char quote = 0;
        if (p < line.length() && (line.charAt(p) == '\'' || line.charAt(p) == '"')) {
            quote = line.charAt(p);
            p++;
        }
        int start = p;
        while (p < line.length() && identChar(line.charAt(p))) {
            p++;
        }
        if (p == start || (quote != 0 && (p >= line.length() || line.charAt(p) != quote))) {
            return false;
        }
        String name = line.substring(start, p);
        String value = variables.apply(name);
        if (value == null) {
            return false;
        }
        if (quote == '\'') {
            buf.append(Quoting.literal(value));
            p++;
        } else if (quote == '"') {
            buf.append(Quoting.identifier(value));
            p++;
        } else {
            // psql lexes a plain variable's value as input: a semicolon in it ends the statement.
            if (++expansions > MAX_EXPANSIONS) {
                buf.append(value);
                pos = p;
                return true;
            }
            line = line.substring(0, pos) + value + line.substring(p);
            return true;
        }
        pos = p;
        return true;
    }

    private static String dollarTag(String s, int at) {
        int p = at + 1;
        if (p < s.length() && s.charAt(p) == '$') {
            return "$$";
        }
        if (p >= s.length() || !(Character.isLetter(s.charAt(p)) || s.charAt(p) == '_' || s.charAt(p) > 127)) {
            return null;
        }
        while (p < s.length() && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '_' || s.charAt(p) > 127)) {
            p++;
        }
        return p < s.length() && s.charAt(p) == '$' ? s.substring(at, p + 1) : null;
    }

    private static boolean identChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }

    /** True when no statement text is pending. */
    public boolean isEmpty() {
        return buf.toString().isBlank() && state == State.NORMAL;
    }

    /** The pending statement text as psql's query buffer holds it, without taking it. */
    public String pending() {
        return buf.toString();
    }

    /** The pending (incomplete) statement text, and resets the buffer. */
    public String takePending() {
        String s = buf.toString();
        buf.setLength(0);
        state = State.NORMAL;
        parenDepth = 0;
        return s;
    }

    /** psql's %R prompt character for the current state. */
    public char promptState() {
        return switch (state) {
            case SQUOTE, ESTRING -> '\'';
            case DQUOTE -> '"';
            case DOLLAR -> '$';
            case COMMENT -> '*';
            case NORMAL -> parenDepth > 0 ? '(' : buf.isEmpty() ? '=' : '-';
        };
    }
}
