package org.tusk.transport.unix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The interlock beside a socket, {@code .s.PGSQL.<port>.lock}, as PostgreSQL's postmaster keeps it:
 * created with O_EXCL and mode 0600 before the socket is bound, holding the first five lines of
 * {@code postmaster.pid} (PID, data directory, start time in epoch seconds, port, socket directory).
 * Holding it is what allows the socket file itself to be removed and re-created without races.
 * <p>
 * An existing lock file is stale, and is removed, when the process it names is gone, is this process
 * or its parent (a PID recycled after a reboot), or belongs to another user (where PostgreSQL's
 * {@code kill(pid, 0)} fails with EPERM: such a process cannot have created a file we can read).
 * Otherwise another server owns the socket and creation fails with PostgreSQL's message and hint.
 */
final class SocketLockFile {

    /** Lock files held by servers in this JVM: our own PID in one of them is not stale but a conflict. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    /** PostgreSQL's retry bound for the create / find stale / remove race. */
    private static final int MAX_TRIES = 100;

    private final Path file;

    private SocketLockFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /**
     * Takes the lock for {@code socket}, or fails with PostgreSQL's messages.
     *
     * @param content the lines to write (see {@link #content})
     */
    static SocketLockFile create(Path socket, String content) throws IOException {
        Path file = socket.resolveSibling(socket.getFileName() + ".lock");
        long self = ProcessHandle.current().pid();
        for (int tries = 0;; tries++) {
            SeekableByteChannel out;
            try {
                out = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                if (tries >= MAX_TRIES) {
                    throw new IOException("could not create lock file \"" + file + "\": File exists", e);
                }
                removeIfStale(file, socket, self);
                continue; // try again: another would-be creator may win the race
            } catch (IOException e) {
                throw new IOException("could not create lock file \"" + file + "\": " + reason(e), e);
            }
            try (out) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            } catch (IOException e) {
                Files.deleteIfExists(file);
                throw new IOException("could not write lock file \"" + file + "\": " + reason(e), e);
            }
            HELD.add(file);
            return new SocketLockFile(file);
        }
    }

    /**
     * The lock file's lines: PID, data directory, start time, port, socket directory. PostgreSQL writes
     * these same five lines first into postmaster.pid; only that file gets more later.
     */
    static String content(long pid, String dataDirectory, long startEpochSeconds, int port, String socketDirectory) {
        return pid + "\n" + dataDirectory + "\n" + startEpochSeconds + "\n" + port + "\n" + socketDirectory + "\n";
    }

    /** Examines an existing lock file: removes it if stale, fails if another server holds it. */
    private static void removeIfStale(Path file, Path socket, long self) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return; // removed by its owner meanwhile
        } catch (IOException e) {
            throw new IOException("could not open lock file \"" + file + "\": " + reason(e), e);
        }
        if (text.isEmpty()) {
            throw new IOException("lock file \"" + file + "\" is empty" + hint(
                    "Either another server is starting, or the lock file is the remnant of a previous server "
                            + "startup crash."));
        }
        long encoded = leadingInteger(text);
        long other = Math.abs(encoded);
        if (other <= 0) {
            throw new IOException("bogus data in lock file \"" + file + "\": \"" + text + "\"");
        }
        boolean ours = other == self && HELD.contains(file);
        if (ours || (!isFalseMatch(other, self) && isCompetitor(other))) {
            throw new IOException("lock file \"" + file + "\" already exists"
                    + hint("Is another " + (encoded < 0 ? "postgres" : "postmaster") + " (PID " + other
                            + ") using socket file \"" + socket + "\"?"));
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new IOException("could not remove old lock file \"" + file + "\": " + reason(e) + hint(
                    "The file seems accidentally left over, but it could not be removed. Please remove the file "
                            + "by hand and try again."), e);
        }
    }

    /** Our own PID, our parent's (or pg_ctl's PG_GRANDPARENT_PID): recycled PIDs, never a competitor. */
    private static boolean isFalseMatch(long pid, long self) {
        if (pid == self || ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == pid) {
            return true;
        }
        String grandparent = System.getenv("PG_GRANDPARENT_PID");
        return grandparent != null && grandparent.strip().equals(Long.toString(pid));
    }

    /**
     * PostgreSQL's {@code kill(pid, 0) == 0 || errno != ESRCH && errno != EPERM}: the process exists and
     * we could signal it, i.e. it runs as our user (or we are root).
     */
    static boolean isCompetitor(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        Optional<String> owner = handle.get().info().user();
        Optional<String> me = ProcessHandle.current().info().user();
        if (owner.isPresent() && me.isPresent() && !me.get().equals("root") && !owner.equals(me)) {
            return false; // EPERM: another user's process cannot have written a 0600 file we could read
        }
        return true;
    }

    /** atoi(): optional blanks and sign, then digits; 0 when there are none. */
    private static long leadingInteger(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long value = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && value < Integer.MAX_VALUE) {
            value = value * 10 + (text.charAt(i) - '0');
            i++;
        }
        return negative ? -value : value;
    }

    /** Keeps /tmp cleaners away from it, as PostgreSQL does about once an hour. */
    void touch() {
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // As in PostgreSQL, errors are ignored.
        }
    }

    /** Releases the lock. */
    void remove() throws IOException {
        HELD.remove(file);
        Files.deleteIfExists(file);
    }

    static String hint(String hint) {
        return "\nHINT:  " + hint;
    }

    /** The strerror-like part of a file-system failure, as PostgreSQL's %m shows it. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
