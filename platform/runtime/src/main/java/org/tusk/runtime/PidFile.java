package org.tusk.runtime;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code postmaster.pid}: the data directory's lock, in PostgreSQL's line layout, so that tools
 * that read it (and people) find what they expect:
 * <ol>
 * <li>PID of the postmaster</li>
 * <li>data directory</li>
 * <li>start time, seconds since the epoch</li>
 * <li>port</li>
 * <li>first Unix socket directory, or empty</li>
 * <li>first listen address, or empty</li>
 * <li>shared memory key and ID</li>
 * <li>status: {@code starting}, {@code ready   }, {@code stopping}</li>
 * </ol>
 * The runtime creates it with the first three lines before anything else touches the directory; a
 * second server on the same directory finds it and refuses. The postmaster fills in the rest. A file
 * left by a crashed server (its PID no longer a running server) is stale and replaced.
 */
final class PidFile {
    static final String NAME = "postmaster.pid";

    private final Path file;

    PidFile(DataDirectory data) {
        this.file = data.path().resolve(NAME);
    }

    Path path() {
        return file;
    }

    /**
     * Takes the lock for this process.
     *
     * @throws DataDirectory.StartupError if another live server holds it
     */
    void create(DataDirectory data) throws DataDirectory.StartupError, IOException {
        long self = ProcessHandle.current().pid();
        String content = self + "\n" + data.path() + "\n" + Instant.now().getEpochSecond() + "\n";
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.writeString(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                return;
            } catch (FileAlreadyExistsException e) {
                Optional<Long> holder = readPid();
                if (holder.isPresent() && holder.get() != self && isServerRunning(holder.get())) {
                    throw new DataDirectory.StartupError("lock file \"" + NAME + "\" already exists", null,
                            "Is another postmaster (PID " + holder.get() + ") running in data directory \""
                                    + data.path() + "\"?");
                }
                Files.deleteIfExists(file); // stale: left by a server that no longer runs
            }
        }
        throw new IOException("could not create lock file \"" + file + "\"");
    }

    /** Releases the lock, if it is still ours. */
    void remove() {
        try {
            if (readPid().orElse(-1L) == ProcessHandle.current().pid()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // Left behind; the next start recognizes it as stale.
        }
    }

    /** The PID on line 1, if the file exists and is readable. */
    Optional<Long> readPid() {
        return line(0).flatMap(l -> {
            try {
                return Optional.of(Long.parseLong(l.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** The status on line 8 ("ready", "starting", "stopping"), trimmed. */
    Optional<String> status() {
        return line(7).map(String::trim);
    }

    private Optional<String> line(int index) {
        try {
            List<String> lines = Files.readAllLines(file);
            return index < lines.size() ? Optional.of(lines.get(index)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether {@code pid} is a live Tusk server. PostgreSQL can only ask whether the PID exists; we
     * also look at its command line where the OS shows it, so a recycled PID does not block a start.
     */
    static boolean isServerRunning(long pid) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        return p.get().info().commandLine().map(cmd -> cmd.contains(Tusk.class.getName())).orElse(true);
    }
}
