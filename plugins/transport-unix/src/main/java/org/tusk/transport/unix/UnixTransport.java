package org.tusk.transport.unix;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.spi.ConnectionHandler;
import org.tusk.spi.Settings;
import org.tusk.spi.Transport;

/**
 * Listens on Unix-domain sockets: {@code .s.PGSQL.<port>} in each of unix_socket_directories, the
 * name libpq looks for. Each socket is guarded by PostgreSQL's lock file, taken before the socket is
 * bound, and gets unix_socket_group and unix_socket_permissions before clients can reach it. Each
 * socket has its own accept thread, which does nothing but accept and hand over.
 */
@Component(configurationPid = Settings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = Settings.TRANSPORT_NAME + "=" + UnixTransport.NAME)
public final class UnixTransport implements Transport {
    static final String NAME = "unix";
    private static final Logger LOG = LoggerFactory.getLogger(UnixTransport.class);

    /** PostgreSQL's backlog is 2 * MaxConnections, capped by the kernel's somaxconn anyway. */
    private static final int BACKLOG = 1024;

    /** How often lock files are touched, as PostgreSQL does, so /tmp cleaners leave them alone. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(58);

    private final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();
    private Map<String, String> settings = Map.of();
    private volatile boolean stopping;
    private Thread toucher;

    public UnixTransport() {
    }

    /**
     * For use outside OSGi: {@code settings} holds the same keys as the configuration
     * (unix_socket_directories, unix_socket_permissions, unix_socket_group, port, data_directory).
     */
    public UnixTransport(Map<String, ?> settings) {
        this.settings = strings(settings);
    }

    @Activate
    void activate(Map<String, Object> config) {
        settings = strings(config);
    }

    /**
     * Socket settings take effect only at server start, as in PostgreSQL; a reload must not close the
     * sockets (which a component restart would do), so changes are ignored here.
     */
    @Modified
    void modified(Map<String, Object> config) {
        // Nothing to do until the next start.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized List<String> start(ConnectionHandler handler) throws IOException {
        stopping = false;
        List<String> described = new ArrayList<>();
        try {
            Config config = Config.of(settings);
            for (Path directory : config.directories()) {
                Endpoint endpoint = open(directory, config);
                endpoints.add(endpoint);
                described.add("Unix socket \"" + endpoint.socket() + "\"");
            }
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
        for (Endpoint endpoint : endpoints) {
            Thread.ofPlatform().daemon().name("unix accept " + endpoint.socket())
                    .start(() -> acceptLoop(endpoint.server(), handler));
        }
        if (!endpoints.isEmpty()) {
            toucher = Thread.ofVirtual().name("unix lock file touch").start(this::touchLoop);
        }
        return described;
    }

    /**
     * Lock file, then socket: bound under a temporary name beside the final one, given its group and
     * permissions, then renamed into place, so no client can connect before the permissions apply
     * (PostgreSQL sets them between bind() and listen(), which the JDK does in one step).
     */
    private Endpoint open(Path directory, Config config) throws IOException {
        Path socket = directory.resolve(".s.PGSQL." + config.port());
        int max = maxSocketPathBytes();
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > max) {
            throw new IOException("Unix-domain socket path \"" + socket + "\" is too long (maximum " + max
                    + " bytes)");
        }
        SocketLockFile lock = SocketLockFile.create(socket, SocketLockFile.content(ProcessHandle.current().pid(),
                config.dataDirectory().toString(), config.startTime(), config.port(), directory.toString()));
        Path pending = directory.resolve(".t.PGSQL." + config.port());
        ServerSocketChannel server = null;
        try {
            // Holding the lock, any socket file left here is a dead server's: remove it before binding.
            Files.deleteIfExists(socket);
            Files.deleteIfExists(pending);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(pending), BACKLOG);
            } catch (IOException e) {
                throw new IOException("could not bind Unix address \"" + socket + "\": " + SocketLockFile.reason(e),
                        e);
            }
            if (!config.group().isEmpty()) {
                setGroup(pending, socket, config.group());
            }
            try {
                Files.setPosixFilePermissions(pending, config.permissions());
            } catch (IOException | UnsupportedOperationException e) {
                throw new IOException("could not set permissions of file \"" + socket + "\": " + reason(e), e);
            }
            try {
                Files.move(pending, socket, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new IOException("could not bind Unix address \"" + socket + "\": " + SocketLockFile.reason(e),
                        e);
            }
            return new Endpoint(socket, lock, server);
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                closeQuietly(server);
            }
            deleteQuietly(pending);
            deleteQuietly(socket);
            try {
                lock.remove();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** unix_socket_group: a group name or a numeric group ID, as PostgreSQL accepts. */
    private static void setGroup(Path file, Path shownAs, String group) throws IOException {
        boolean numeric = group.chars().allMatch(c -> c >= '0' && c <= '9');
        GroupPrincipal principal = null;
        if (!numeric) {
            try {
                principal = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
            } catch (UserPrincipalNotFoundException e) {
                throw new IOException("group \"" + group + "\" does not exist", e);
            }
        }
        try {
            if (numeric) {
                Files.setAttribute(file, "unix:gid", Integer.parseUnsignedInt(group));
            } else {
                Files.getFileAttributeView(file, PosixFileAttributeView.class).setGroup(principal);
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException("could not set group of file \"" + shownAs + "\": " + reason(e), e);
        }
    }

    private void acceptLoop(ServerSocketChannel server, ConnectionHandler handler) {
        while (server.isOpen()) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                if (!stopping && server.isOpen()) {
                    LOG.warn("could not accept new connection: {}", e.getMessage());
                    pause();
                }
                continue;
            }
            try {
                handler.accept(new UnixConnection(channel));
            } catch (RuntimeException e) {
                LOG.error("postmaster refused connection", e);
                closeQuietly(channel);
            }
        }
    }

    /** After an accept failure such as running out of file descriptors, do not spin. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void touchLoop() {
        while (!stopping) {
            try {
                Thread.sleep(TOUCH_INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
            for (Endpoint endpoint : endpoints) {
                endpoint.lock().touch();
            }
        }
    }

    /** Closes the sockets and removes the socket files and their lock files. */
    @Override
    @Deactivate
    public synchronized void stop() {
        stopping = true;
        if (toucher != null) {
            toucher.interrupt();
            toucher = null;
        }
        for (Endpoint endpoint : endpoints) {
            closeQuietly(endpoint.server());
            deleteQuietly(endpoint.socket());
            try {
                endpoint.lock().remove();
            } catch (IOException e) {
                LOG.warn("could not remove lock file \"{}\": {}", endpoint.lock().path(), reason(e));
            }
        }
        endpoints.clear();
    }

    /** sizeof(sun_path) - 1: 107 bytes on Linux, 103 on the BSDs and macOS. */
    private static int maxSocketPathBytes() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("linux") ? 107 : 103;
    }

    private static String reason(Exception e) {
        return e instanceof IOException io ? SocketLockFile.reason(io) : String.valueOf(e.getMessage());
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("error closing socket", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("could not remove \"{}\"", file, e);
        }
    }

    private static Map<String, String> strings(Map<String, ?> config) {
        Map<String, String> result = new HashMap<>();
        config.forEach((k, v) -> {
            if (v != null) {
                result.put(k, v.toString());
            }
        });
        return Map.copyOf(result);
    }

    private record Endpoint(Path socket, SocketLockFile lock, ServerSocketChannel server) {
    }

    /** The settings this transport reads, validated as PostgreSQL validates them. */
    private record Config(List<Path> directories, int port, Set<PosixFilePermission> permissions, String group,
            Path dataDirectory, long startTime) {

        static Config of(Map<String, String> settings) throws IOException {
            Path dataDirectory = Path.of(settings.getOrDefault(Settings.DATA_DIRECTORY, "")).toAbsolutePath()
                    .normalize();
            int port = (int) integer(settings, "port", 5432, 1, 65535);
            int mode = (int) integer(settings, "unix_socket_permissions", 0777, 0, 0777);
            return new Config(
                    SocketDirectories.resolve(settings.getOrDefault("unix_socket_directories", "/tmp"), dataDirectory),
                    port, permissions(mode), settings.getOrDefault("unix_socket_group", "").strip(), dataDirectory,
                    startTime(dataDirectory));
        }

        /** PostgreSQL's integer settings: strtol with base 0, so 0777 is octal and 0x1ff hexadecimal. */
        private static long integer(Map<String, String> settings, String name, long fallback, long min, long max)
                throws IOException {
            String raw = settings.get(name);
            if (raw == null || raw.isBlank()) {
                return fallback;
            }
            String s = raw.strip();
            long value;
            try {
                boolean negative = s.startsWith("-");
                String digits = negative || s.startsWith("+") ? s.substring(1) : s;
                if (digits.startsWith("0x") || digits.startsWith("0X")) {
                    value = Long.parseLong(digits.substring(2), 16);
                } else if (digits.length() > 1 && digits.startsWith("0")) {
                    value = Long.parseLong(digits.substring(1), 8);
                } else {
                    value = Long.parseLong(digits);
                }
                if (negative) {
                    value = -value;
                }
            } catch (NumberFormatException e) {
                throw new IOException("invalid value for parameter \"" + name + "\": \"" + raw + "\"", e);
            }
            if (value < min || value > max) {
                throw new IOException(value + " is outside the valid range for parameter \"" + name + "\" (" + min
                        + " .. " + max + ")");
            }
            return value;
        }

        private static Set<PosixFilePermission> permissions(int mode) {
            Set<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
            PosixFilePermission[] bits = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
            };
            for (int i = 0; i < bits.length; i++) {
                if ((mode & (1 << i)) != 0) {
                    result.add(bits[i]);
                }
            }
            return result;
        }

        /**
         * The server's start time for line 3: postmaster.pid's, when that file is this process's (so both
         * lock files agree), else this process's start.
         */
        private static long startTime(Path dataDirectory) {
            try {
                List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
                if (lines.size() >= 3 && lines.get(0).strip().equals(Long.toString(ProcessHandle.current().pid()))) {
                    return Long.parseLong(lines.get(2).strip());
                }
            } catch (IOException | RuntimeException e) {
                // No pid file (an embedded server): fall back to the process's start.
            }
            return ProcessHandle.current().info().startInstant().orElseGet(Instant::now).getEpochSecond();
        }
    }
}
