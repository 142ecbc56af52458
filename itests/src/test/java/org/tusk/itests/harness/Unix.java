package org.tusk.itests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Small POSIX helpers: who we are, permissions, process trees, recursive delete. */
public final class Unix {

    private static final boolean ROOT = "0".equals(runQuietly("id", "-u"));

    private Unix() {
    }

    /** True when the tests run as root (CI does): servers must then be started as an unprivileged account. */
    public static boolean isRoot() {
        return ROOT;
    }

    /** A fresh directory under java.io.tmpdir with mode 0755, so unprivileged accounts can traverse it. */
    public static Path createPublicTempDirectory(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes the owner of {@code path} (used as root only). */
    public static void chown(Path path, String user) {
        try {
            var lookup = path.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(path, lookup.lookupPrincipalByName(user));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a file tree, best effort (used in cleanup, must not throw). */
    public static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[itests] could not delete " + root + ": " + e);
        }
    }

    /**
     * Stops a process and everything it started: SIGTERM to the whole tree, wait up to {@code grace},
     * then SIGKILL whatever is left. Returns the exit code of {@code process} (or -1 if it had to be killed
     * and reported none).
     */
    public static int terminateTree(Process process, Duration grace) {
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        // The root first: shell wrappers such as runuser forward SIGTERM to their child themselves.
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : tree) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (Exception ignored) {
                    // fall through to the forcible kill below
                }
            }
        }
        for (ProcessHandle h : tree) {
            if (h.isAlive()) {
                System.err.println("[itests] process " + h.pid() + " ignored SIGTERM for " + grace + "; killing it");
                h.destroyForcibly();
            }
        }
        try {
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    private static String runQuietly(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
