package org.tusk.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A cluster's data directory and PostgreSQL's rules for it: it must exist, hold PG_VERSION, belong
 * to the user running the server and be private to that user (0700, or 0750 for group read access).
 * Files are created 0600 and directories 0700.
 */
record DataDirectory(Path path) {

    static final String VERSION_FILE = "PG_VERSION";
    static final String MAJOR_VERSION = "15";

    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> GROUP_READABLE_MODE = PosixFilePermissions.fromString("rwxr-x---");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    DataDirectory {
        path = path.toAbsolutePath().normalize();
    }

    /**
     * Checks the directory before a server starts on it.
     *
     * @throws StartupError with PostgreSQL's message for the first rule broken
     */
    void checkUsable() throws StartupError {
        if (!Files.isDirectory(path)) {
            throw new StartupError("could not access directory \"" + path + "\": No such file or directory",
                    null, "Run \"tusk initdb\" to initialize a data directory.");
        }
        try {
            long owner = ((Number) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
            if (owner != ProcessUser.uid()) {
                throw new StartupError("data directory \"" + path + "\" has wrong ownership", null,
                        "The server must be started by the user that owns the data directory.");
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
            if (!mode.equals(DIRECTORY_MODE) && !mode.equals(GROUP_READABLE_MODE)) {
                throw new StartupError("data directory \"" + path + "\" has invalid permissions",
                        "Permissions should be u=rwx (0700) or u=rwx,g=rx (0750).", null);
            }
        } catch (IOException e) {
            throw new StartupError("could not stat data directory \"" + path + "\": " + e.getMessage(), null, null);
        }
        Path version = path.resolve(VERSION_FILE);
        if (!Files.isRegularFile(version)) {
            throw new StartupError("\"" + path + "\" is not a valid data directory",
                    "File \"" + version + "\" is missing.", null);
        }
        try {
            String v = Files.readString(version).trim();
            if (!v.equals(MAJOR_VERSION)) {
                throw new StartupError("database files are incompatible with server",
                        "The data directory was initialized by PostgreSQL version " + v
                                + ", which is not compatible with this version " + MAJOR_VERSION + ".",
                        null);
            }
        } catch (IOException e) {
            throw new StartupError("could not read file \"" + version + "\": " + e.getMessage(), null, null);
        }
    }

    /** Writes a file readable by its owner only. */
    void writePrivateFile(String name, String content) throws IOException {
        Path file = path.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, FILE_MODE);
    }

    /** Creates a subdirectory readable by its owner only. */
    Path createPrivateDirectory(String name) throws IOException {
        Path dir = path.resolve(name);
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
        return dir;
    }

    /** A failed start-up check, with PostgreSQL's message, detail and hint. */
    static final class StartupError extends Exception {
        private static final long serialVersionUID = 1L;
        private final String detail;
        private final String hint;

        StartupError(String message, String detail, String hint) {
            super(message);
            this.detail = detail;
            this.hint = hint;
        }

        /** The error as PostgreSQL prints it on stderr before logging is set up. */
        String report() {
            StringBuilder b = new StringBuilder("FATAL:  ").append(getMessage());
            if (detail != null) {
                b.append("\nDETAIL:  ").append(detail);
            }
            if (hint != null) {
                b.append("\nHINT:  ").append(hint);
            }
            return b.toString();
        }
    }
}
