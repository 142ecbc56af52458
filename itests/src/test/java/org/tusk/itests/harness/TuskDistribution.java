package org.tusk.itests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The packaged server (distribution module's tar.gz), unpacked once per test JVM with {@code tar xzf} into a
 * 0755 temp directory, so the unprivileged account that {@code bin/tusk} switches to (as root) can read it.
 * Failsafe passes the archive's path as {@code tusk.itests.distribution.archive}.
 */
public final class TuskDistribution {

    private static TuskDistribution instance;

    private final Path home;

    private TuskDistribution(Path home) {
        this.home = home;
    }

    /** The unpacked distribution, unpacking it on first use. */
    public static synchronized TuskDistribution get() {
        if (instance == null) {
            instance = unpack(archive());
        }
        return instance;
    }

    /**
     * The tusk-*.tar.gz to test: system property {@code tusk.itests.distribution.archive} (set by the build to the
     * tusk-distribution artifact), else the only tusk-*.tar.gz in directory {@code tusk.itests.distribution.dir}.
     */
    public static Path archive() {
        String archive = System.getProperty("tusk.itests.distribution.archive");
        if (archive != null && !archive.isBlank() && !archive.startsWith("${")) {
            Path p = Path.of(archive);
            if (!Files.isRegularFile(p)) {
                throw new AssertionError("tusk.itests.distribution.archive names no file: " + p);
            }
            return p;
        }
        Path dir = Path.of(System.getProperty("tusk.itests.distribution.dir", "../distribution/target"));
        List<Path> archives;
        try (Stream<Path> s = Files.list(dir)) {
            archives = s.filter(p -> p.getFileName().toString().matches("tusk-.*\\.tar\\.gz")).toList();
        } catch (IOException e) {
            throw new AssertionError("no distribution directory " + dir.toAbsolutePath()
                    + " (run the tests through Maven: ./mvnw -B verify -pl itests -am)", e);
        }
        if (archives.size() != 1) {
            throw new AssertionError("expected exactly one tusk-*.tar.gz in " + dir.toAbsolutePath() + ", found " + archives);
        }
        return archives.getFirst();
    }

    private static TuskDistribution unpack(Path archive) {
        Path dir = Unix.createPublicTempDirectory("tusk-itests-dist-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Unix.deleteRecursively(dir)));
        Commands.runChecked(List.of("tar", "xzf", archive.toAbsolutePath().toString(), "-C", dir.toString()),
                Duration.ofSeconds(60));
        List<Path> tops;
        try (Stream<Path> s = Files.list(dir)) {
            tops = s.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (tops.size() != 1) {
            throw new AssertionError(archive + " should hold exactly one top directory, found " + tops);
        }
        Path home = tops.getFirst();
        if (!Files.isExecutable(home.resolve("bin/tusk"))) {
            throw new AssertionError(archive + " has no executable bin/tusk");
        }
        return new TuskDistribution(home);
    }

    /**
     * A copy of this installation at {@code target} with {@code plugins} in its plugins/ directory, for a
     * server that must run with plugins no other server should see.
     */
    public TuskDistribution privateCopy(Path target, List<Path> plugins) {
        Commands.runChecked(List.of("cp", "-a", home.toString(), target.toString()), Duration.ofSeconds(60));
        for (Path plugin : plugins) {
            Commands.runChecked(List.of("cp", plugin.toString(), target.resolve("plugins").toString()),
                    Duration.ofSeconds(10));
        }
        return new TuskDistribution(target);
    }

    /** The unpacked tusk-VERSION/ directory. */
    public Path home() {
        return home;
    }

    public Path bin() {
        return home.resolve("bin/tusk");
    }

    /** Watched by Felix FileInstall in a running server. Shared by every server started from this distribution. */
    public Path pluginsDir() {
        return home.resolve("plugins");
    }

    public Path bundlesDir() {
        return home.resolve("bundles");
    }

    public Path libDir() {
        return home.resolve("lib");
    }

    public Path samplesDir() {
        return home.resolve("samples");
    }

    /** The one jar in samples/ whose name contains {@code part}. */
    public Path sample(String part) {
        try (Stream<Path> s = Files.list(samplesDir())) {
            List<Path> found = s.filter(p -> p.getFileName().toString().contains(part)
                    && p.getFileName().toString().endsWith(".jar")).toList();
            if (found.size() != 1) {
                throw new AssertionError("expected one sample jar matching '" + part + "' in " + samplesDir() + ", found " + found);
            }
            return found.getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
