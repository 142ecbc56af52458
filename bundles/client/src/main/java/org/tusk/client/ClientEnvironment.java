package org.tusk.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the client reads from its surroundings: environment variables ({@code PGHOST}, {@code PGPORT},
 * ...), the home directory (for {@code ~/.pgpass} and {@code ~/.postgresql/root.crt}), the operating
 * system user name (the default user), the default Unix socket directory, and where warnings go
 * (libpq prints them to stderr). A seam so that tests are deterministic.
 */
public interface ClientEnvironment {

    /** The value of an environment variable, or {@code null}. */
    String getenv(String name);

    /** The home directory, or {@code null} if unknown. */
    Path homeDirectory();

    /** The operating system user name, libpq's default for {@code user}. */
    String osUserName();

    /**
     * The default Unix socket directory when no host is given: Debian's libpq uses
     * {@code /var/run/postgresql}, upstream's {@code /tmp}.
     */
    default String defaultSocketDirectory() {
        return Files.isDirectory(Path.of("/var/run/postgresql")) ? "/var/run/postgresql" : "/tmp";
    }

    /** A warning libpq would print to stderr (e.g. a {@code .pgpass} with group or world access). */
    default void warning(String message) {
        System.err.println(message);
    }

    /** The process's real environment. */
    static ClientEnvironment system() {
        return new ClientEnvironment() {
            @Override
            public String getenv(String name) {
                return System.getenv(name);
            }

            @Override
            public Path homeDirectory() {
                String home = System.getProperty("user.home");
                return home == null ? null : Path.of(home);
            }

            @Override
            public String osUserName() {
                return System.getProperty("user.name");
            }
        };
    }

    /** A fixed environment, for tests and embedding. */
    static ClientEnvironment of(Map<String, String> env, Path home, String osUser, String socketDirectory,
            Consumer<String> warnings) {
        Map<String, String> copy = Map.copyOf(env);
        Objects.requireNonNull(warnings, "warnings");
        return new ClientEnvironment() {
            @Override
            public String getenv(String name) {
                return copy.get(name);
            }

            @Override
            public Path homeDirectory() {
                return home;
            }

            @Override
            public String osUserName() {
                return osUser;
            }

            @Override
            public String defaultSocketDirectory() {
                return socketDirectory;
            }

            @Override
            public void warning(String message) {
                warnings.accept(message);
            }
        };
    }
}
