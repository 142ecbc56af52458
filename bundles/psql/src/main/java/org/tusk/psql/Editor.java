package org.tusk.psql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * psql's external editor for {@code \e}, {@code \ef} and {@code \ev} (do_edit and editFile in command.c):
 * the text goes into a file (a new {@code $TMPDIR/psql.edit.PID.sql}, or the file named), the editor
 * runs as {@code exec EDITOR [+LINE] 'FILE'} through /bin/sh, and the file is read back when its size
 * or modification time (whole seconds) changed. The editor is PSQL_EDITOR, else EDITOR, else VISUAL,
 * else vi; a line number needs PSQL_EDITOR_LINENUMBER_ARG (e.g. "+"), as in Debian's psql 15.
 */
final class Editor {

    /** What editing gave: the new text when the file changed, else null; failed after an error (reported). */
    record Outcome(boolean failed, String text) {
    }

    private final Session session;

    Editor(Session session) {
        this.session = session;
    }

    /**
     * Edits {@code text} in a temporary file, or the file {@code fileName} (whose contents are then what is
     * edited, {@code text} being ignored).
     *
     * @param lineno the line to start at, or -1
     */
    Outcome edit(String fileName, String text, int lineno) {
        Path file;
        boolean temporary = fileName == null;
        if (temporary) {
            String tmpdir = session.getenv("TMPDIR");
            file = Path.of(tmpdir != null ? tmpdir : "/tmp", "psql.edit." + ProcessHandle.current().pid() + ".sql");
            String content = text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
            try {
                Files.writeString(file, content, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                // pre-dated by a second, so that an edit within the same second still shows as a change
                Files.setLastModifiedTime(file, FileTime.fromMillis((System.currentTimeMillis() / 1000 - 1) * 1000));
            } catch (IOException e) {
                session.error("could not open temporary file \"" + file + "\": " + Session.ioReason(e));
                return new Outcome(true, null);
            }
        } else {
            file = Path.of(fileName);
        }
        try {
            long sizeBefore;
            long timeBefore;
            try {
                sizeBefore = Files.size(file);
                timeBefore = Files.getLastModifiedTime(file).toMillis() / 1000;
            } catch (IOException e) {
                session.error(file + ": " + Session.ioReason(e));
                return new Outcome(true, null);
            }
            if (!runEditor(file.toString(), lineno)) {
                return new Outcome(true, null);
            }
            try {
                if (Files.size(file) != sizeBefore || Files.getLastModifiedTime(file).toMillis() / 1000 != timeBefore) {
                    return new Outcome(false, Files.readString(file, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                session.error(file + ": " + Session.ioReason(e));
                return new Outcome(true, null);
            }
            return new Outcome(false, null);
        } finally {
            if (temporary) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    session.error("could not remove file \"" + file + "\": " + Session.ioReason(e));
                }
            }
        }
    }

    /** psql's editFile: {@code exec EDITOR [ARG LINE] 'FILE'}; true when it exited with 0. */
    private boolean runEditor(String file, int lineno) {
        String editor = session.getenv("PSQL_EDITOR");
        if (editor == null) {
            editor = session.getenv("EDITOR");
        }
        if (editor == null) {
            editor = session.getenv("VISUAL");
        }
        if (editor == null) {
            editor = "vi";
        }
        String command;
        if (lineno > 0) {
            String arg = session.getenv("PSQL_EDITOR_LINENUMBER_ARG");
            if (arg == null) {
                // psql 15 as Debian builds it has no default switch (DEFAULT_EDITOR_LINENUMBER_ARG)
                session.error("environment variable PSQL_EDITOR_LINENUMBER_ARG must be set to specify a line number");
                return false;
            }
            command = "exec " + editor + " " + arg + lineno + " '" + file + "'";
        } else {
            command = "exec " + editor + " '" + file + "'";
        }
        session.flushOutputs();
        try {
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).inheritIO();
            session.applyEnvironment(pb);
            int rc = pb.start().waitFor();
            if (rc == 127) {
                session.error("could not start /bin/sh");
            }
            return rc == 0;
        } catch (IOException e) {
            session.error("could not start editor \"" + editor + "\"");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * psql's strip_lineno_from_objdesc: a line number at the end of {@code \ef}/{@code \ev}'s argument,
     * after a space or a closing parenthesis. Returns {lineno, description without it}: -1 when there is
     * none, 0 after an invalid one (reported).
     */
    Object[] stripLineNumber(String obj) {
        if (obj == null || obj.isEmpty()) {
            return new Object[] {-1, obj};
        }
        int c = obj.length() - 1;
        while (c > 0 && obj.charAt(c) < 128 && Character.isWhitespace(obj.charAt(c))) {
            c--;
        }
        if (c == 0 || !isDigit(obj.charAt(c))) {
            return new Object[] {-1, obj};
        }
        while (c > 0 && isDigit(obj.charAt(c))) {
            c--;
        }
        char before = obj.charAt(c);
        if (c == 0 || !(before == ' ' || before == '\t' || before == '\n' || before == '\r' || before == ')')) {
            return new Object[] {-1, obj};
        }
        String digits = obj.substring(c + 1);
        int lineno = atoi(digits);
        if (lineno < 1) {
            session.error("invalid line number: " + digits);
            return new Object[] {0, obj};
        }
        return new Object[] {lineno, obj.substring(0, c + 1)};
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** C's atoi on a string of digits (wrapping as int arithmetic does). */
    static int atoi(String digits) {
        int n = 0;
        int i = 0;
        boolean negative = false;
        if (i < digits.length() && (digits.charAt(i) == '-' || digits.charAt(i) == '+')) {
            negative = digits.charAt(i) == '-';
            i++;
        }
        for (; i < digits.length() && isDigit(digits.charAt(i)); i++) {
            n = n * 10 + (digits.charAt(i) - '0');
        }
        return negative ? -n : n;
    }

    /**
     * For {@code \ef FUNC LINE}: line 1 is the first line of the body, which pg_get_functiondef starts with
     * "AS ", "BEGIN " or "RETURN "; the editor's line number counts the header lines before it.
     */
    static int functionLine(String definition, int lineno) {
        int n = lineno;
        for (String line : (Iterable<String>) definition.lines()::iterator) {
            if (line.startsWith("AS ") || line.startsWith("BEGIN ") || line.startsWith("RETURN ")) {
                break;
            }
            n++;
        }
        return n;
    }
}
