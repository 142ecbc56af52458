package org.tusk.storage.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a child JVM running a test class's main, with this JVM's java binary, class path and native
 * access (futexes are FFM calls), a small serial-GC heap and C1 only (the children run briefly: start-up
 * matters more than peak speed). The multi-process tests of every subsystem use it, so that "another
 * process" always means the same thing.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** Starts {@code main} with {@code args}; its stdout and stderr go to {@code log}. */
    public static Process start(Class<?> main, Path log, String... args) throws IOException {
        return builder(main, args).redirectOutput(log.toFile()).start();
    }

    /** The same command, for callers that read the child's output themselves. */
    public static ProcessBuilder builder(Class<?> main, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }
}
