package org.tusk.postmaster.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps lines 4 to 8 of {@code postmaster.pid} current, as PostgreSQL's postmaster does: port, first
 * socket directory, first listen address, shared-memory key, and the status that {@code tusk start -w}
 * (like {@code pg_ctl start -w}) waits for. The first three lines belong to whoever created the file
 * (the {@code tusk} runtime) and are kept. Without a pid file (an embedded server) nothing is written.
 */
final class PidFileStatus {
    static final String STARTING = "starting";
    static final String READY = "ready   ";
    static final String STOPPING = "stopping";

    private final Path file;

    PidFileStatus(Path dataDirectory) {
        this.file = dataDirectory.resolve("postmaster.pid");
    }

    /** Writes the status with the connection details from {@code settings}; returns false if there is no file. */
    boolean write(String status, Map<String, String> settings, boolean unixSockets, boolean tcp) {
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(file));
        } catch (IOException e) {
            return false;
        }
        if (lines.size() < 3) {
            return false;
        }
        List<String> out = new ArrayList<>(lines.subList(0, 3));
        out.add(settings.getOrDefault("port", "5432"));
        out.add(unixSockets ? first(settings.getOrDefault("unix_socket_directories", "/tmp")) : "");
        out.add(tcp ? first(settings.getOrDefault("listen_addresses", "localhost")) : "");
        out.add(String.format("%9d %9d", 0, 0)); // no System V shared memory: the segment is a mapped file
        out.add(status);
        try {
            Path tmp = file.resolveSibling("postmaster.pid.tmp");
            Files.write(tmp, out);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String first(String list) {
        String f = list.split(",")[0].trim();
        return f.startsWith("\"") && f.endsWith("\"") && f.length() > 1 ? f.substring(1, f.length() - 1) : f;
    }
}
