package org.tusk.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What pg_ctl does, for the {@code tusk} control commands: find the running server through
 * {@code postmaster.pid}, start one in the background, signal it, and wait with pg_ctl's dots.
 */
final class ServerControl {
    private final DataDirectory data;
    private final PidFile pidFile;
    private final PrintStream out;

    ServerControl(DataDirectory data, PrintStream out) {
        this.data = data;
        this.pidFile = new PidFile(data);
        this.out = out;
    }

    PidFile pidFile() {
        return pidFile;
    }

    /** The PID of the server running on this data directory, if one is. */
    Optional<Long> runningPid() {
        return pidFile.readPid().filter(PidFile::isServerRunning);
    }

    /**
     * Starts {@code bin/tusk postgres -D DIR OPTIONS} in a session of its own (so a terminal's Ctrl-C
     * does not reach it), with its output appended to {@code logFile} or inherited.
     */
    Process spawn(Installation installation, List<String> serverOptions, Path logFile) throws IOException {
        List<String> command = new ArrayList<>(List.of("setsid", installation.home().resolve("bin/tusk").toString(),
                "postgres", "-D", data.path().toString()));
        command.addAll(serverOptions);
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
                .toFile()));
        pb.environment().remove("PGDATA");
        if (logFile != null) {
            if (!Files.exists(logFile)) {
                Files.createFile(logFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(logFile, "", StandardOpenOption.APPEND); // fail here, not in the child, if unwritable
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            pb.redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        } else {
            pb.inheritIO().redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        }
        return pb.start();
    }

    /** Whether the server with this PID has written status "ready" into postmaster.pid. */
    boolean isReady(long pid) {
        return pidFile.readPid().orElse(-1L) == pid && pidFile.status().orElse("").equals("ready");
    }

    /**
     * Polls {@code done} every 100 ms up to {@code timeout}, printing a dot a second as pg_ctl does.
     *
     * @return whether {@code done} became true in time
     */
    boolean await(BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int ticks = 0;
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return true;
            }
            if (ticks++ % 10 == 0) {
                out.print(".");
                out.flush();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return done.getAsBoolean();
    }
}
