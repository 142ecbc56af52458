package org.tusk.transport.unix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.spi.ClientConnection;

class UnixTransportTest {

    @TempDir
    Path dir;

    private final int port = 10000 + ThreadLocalRandom.current().nextInt(50000);
    private final BlockingQueue<ClientConnection> accepted = new ArrayBlockingQueue<>(8);

    private UnixTransport transport(String directories, String... more) {
        Map<String, String> settings = new HashMap<>();
        settings.put("unix_socket_directories", directories);
        settings.put("port", Integer.toString(port));
        settings.put("data_directory", dir.toString());
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return new UnixTransport(settings);
    }

    private Path socket(Path directory) {
        return directory.resolve(".s.PGSQL." + port);
    }

    private Path lock(Path directory) {
        return directory.resolve(".s.PGSQL." + port + ".lock");
    }

    private static SocketChannel connect(Path socket) throws IOException {
        SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
        client.connect(UnixDomainSocketAddress.of(socket));
        return client;
    }

    private ClientConnection next() throws InterruptedException {
        ClientConnection c = accepted.poll(5, TimeUnit.SECONDS);
        assertNotNull(c, "no connection handed over");
        return c;
    }

    @Test
    void acceptsAndExchangesBytes() throws Exception {
        UnixTransport t = transport(dir.toString());
        assertEquals("unix", t.name());
        try {
            assertEquals(List.of("Unix socket \"" + socket(dir) + "\""), t.start(accepted::add));
            try (SocketChannel client = connect(socket(dir)); ClientConnection c = next()) {
                assertEquals("unix", c.transportName());
                assertEquals("[local]", c.remoteHost());
                assertEquals(-1, c.remotePort());
                assertTrue(c.isLocal());
                assertTrue(c.nativeDescriptor().isEmpty());

                client.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                assertArrayEquals(new byte[] {1, 2, 3}, c.input().readNBytes(3));
                c.output().write(new byte[] {4, 5});
                c.output().flush();
                ByteBuffer reply = ByteBuffer.allocate(2);
                while (reply.hasRemaining() && client.read(reply) >= 0) {
                    // until both bytes arrived
                }
                assertArrayEquals(new byte[] {4, 5}, reply.array());
            }
        } finally {
            t.stop();
        }
    }

    @Test
    void socketAndLockFileHavePostgresNamesPermissionsAndContent() throws Exception {
        UnixTransport t = transport(dir.toString(), "unix_socket_permissions", "0770");
        t.start(accepted::add);
        try {
            PosixFileAttributes socket = Files.readAttributes(socket(dir), PosixFileAttributes.class);
            assertTrue(socket.isOther(), "a socket, neither file nor directory");
            assertEquals("rwxrwx---", PosixFilePermissions.toString(socket.permissions()));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lock(dir))));

            List<String> lines = Files.readAllLines(lock(dir));
            assertEquals(5, lines.size(), lines.toString());
            assertEquals(Long.toString(ProcessHandle.current().pid()), lines.get(0));
            assertEquals(dir.toString(), lines.get(1));
            long start = Long.parseLong(lines.get(2));
            assertTrue(start > 0 && start <= Instant.now().getEpochSecond(), lines.get(2));
            assertEquals(Integer.toString(port), lines.get(3));
            assertEquals(dir.toString(), lines.get(4));
            assertTrue(Files.readString(lock(dir)).endsWith("\n"));

            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(2, files.count(), "only the socket and its lock file, no temporary name left");
            }
        } finally {
            t.stop();
        }
    }

    @Test
    void startTimeComesFromOurPostmasterPid() throws Exception {
        Files.writeString(dir.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + dir + "\n1234567\n");
        UnixTransport t = transport(dir.toString());
        t.start(accepted::add);
        try {
            assertEquals("1234567", Files.readAllLines(lock(dir)).get(2));
        } finally {
            t.stop();
        }
    }

    @Test
    void defaultPermissionsAre0777() throws Exception {
        UnixTransport t = transport(dir.toString());
        t.start(accepted::add);
        try {
            assertEquals("rwxrwxrwx", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket(dir))));
        } finally {
            t.stop();
        }
    }

    @Test
    void staleLockFileOfADeadProcessIsReplaced() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(lock(dir), gone.pid() + "\n/old/data\n1\n" + port + "\n" + dir + "\n");
        Files.writeString(socket(dir), "left over"); // not even a socket: removed all the same

        UnixTransport t = transport(dir.toString());
        t.start(accepted::add);
        try {
            assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readAllLines(lock(dir)).get(0));
            try (SocketChannel _ = connect(socket(dir)); ClientConnection c = next()) {
                assertEquals("unix", c.transportName());
            }
        } finally {
            t.stop();
        }
    }

    @Test
    void lockFileOfALiveProcessFailsTheWholeStartAndLeavesNothingBehind() throws Exception {
        Path first = Files.createDirectory(dir.resolve("first"));
        Path taken = Files.createDirectory(dir.resolve("taken"));
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            String foreign = other.pid() + "\n/other/data\n1\n" + port + "\n" + taken + "\n";
            Files.writeString(lock(taken), foreign);
            UnixTransport t = transport(first + "," + taken);
            IOException e = assertThrows(IOException.class, () -> t.start(accepted::add));
            assertEquals("lock file \"" + lock(taken) + "\" already exists\nHINT:  Is another postmaster (PID "
                    + other.pid() + ") using socket file \"" + socket(taken) + "\"?", e.getMessage());
            assertEquals(foreign, Files.readString(lock(taken)), "another server's lock file is left alone");
            assertFalse(Files.exists(socket(taken)));
            try (Stream<Path> files = Files.list(first)) {
                assertEquals(List.of(), files.toList(), "the socket bound before the failure is released");
            }
        } finally {
            other.destroy();
        }
    }

    @Test
    void negativePidNamesAStandaloneBackend() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(lock(dir), "-" + other.pid() + "\n/other/data\n");
            IOException e = assertThrows(IOException.class, () -> transport(dir.toString()).start(accepted::add));
            assertTrue(e.getMessage().endsWith("Is another postgres (PID " + other.pid() + ") using socket file \""
                    + socket(dir) + "\"?"), e.getMessage());
        } finally {
            other.destroy();
        }
    }

    @Test
    void emptyOrBogusLockFilesAreReportedLikePostgres() throws Exception {
        Files.writeString(lock(dir), "");
        IOException empty = assertThrows(IOException.class, () -> transport(dir.toString()).start(accepted::add));
        assertEquals("lock file \"" + lock(dir) + "\" is empty\nHINT:  Either another server is starting, or the "
                + "lock file is the remnant of a previous server startup crash.", empty.getMessage());

        Files.writeString(lock(dir), "garbage\n");
        IOException bogus = assertThrows(IOException.class, () -> transport(dir.toString()).start(accepted::add));
        assertEquals("bogus data in lock file \"" + lock(dir) + "\": \"garbage\n\"", bogus.getMessage());
    }

    @Test
    void secondServerInTheSameProcessIsRefused() throws Exception {
        UnixTransport first = transport(dir.toString());
        first.start(accepted::add);
        try {
            IOException e = assertThrows(IOException.class, () -> transport(dir.toString()).start(accepted::add));
            assertTrue(e.getMessage().startsWith("lock file \"" + lock(dir) + "\" already exists"), e.getMessage());
            try (SocketChannel _ = connect(socket(dir)); ClientConnection c = next()) {
                assertEquals("unix", c.transportName(), "the first server still owns its socket");
            }
        } finally {
            first.stop();
        }
    }

    @Test
    void stopRemovesSocketAndLockFile() throws Exception {
        UnixTransport t = transport(dir.toString());
        t.start(accepted::add);
        assertTrue(Files.exists(socket(dir)));
        t.stop();
        assertFalse(Files.exists(socket(dir)));
        assertFalse(Files.exists(lock(dir)));
        assertThrows(IOException.class, () -> connect(socket(dir)).close());
        t.stop(); // twice is harmless
        // And the transport can start again, as after a plugin restart.
        t.start(accepted::add);
        try {
            assertTrue(Files.exists(socket(dir)));
        } finally {
            t.stop();
        }
    }

    @Test
    void readTimeoutFailsTheReadWithSocketTimeoutException() throws Exception {
        UnixTransport t = transport(dir.toString());
        t.start(accepted::add);
        try (SocketChannel _ = connect(socket(dir)); ClientConnection c = next()) {
            c.setReadTimeout(Duration.ofMillis(200));
            long started = System.nanoTime();
            InputStream in = c.input();
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                assertThrows(SocketTimeoutException.class, in::read);
            });
            assertTrue(System.nanoTime() - started >= Duration.ofMillis(150).toNanos(), "fired too early");
            assertThrows(SocketTimeoutException.class, in::read, "stays timed out");
        } finally {
            t.stop();
        }
    }

    @Test
    void readsWithinTheTimeoutAndAfterItIsClearedSucceed() throws Exception {
        UnixTransport t = transport(dir.toString());
        t.start(accepted::add);
        try (SocketChannel client = connect(socket(dir)); ClientConnection c = next()) {
            c.setReadTimeout(Duration.ofMillis(300));
            for (int i = 0; i < 5; i++) {
                client.write(ByteBuffer.wrap(new byte[] {(byte) i}));
                assertEquals(i, c.input().read());
                Thread.sleep(100); // each read gets the whole timeout again
            }
            c.setReadTimeout(Duration.ZERO);
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(500);
                    client.write(ByteBuffer.wrap(new byte[] {42}));
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals(42, c.input().read(), "no timeout once cleared");
        } finally {
            t.stop();
        }
    }

    @Test
    void shutdownInputEndsABlockedRead() throws Exception {
        UnixTransport t = transport(dir.toString());
        t.start(accepted::add);
        try (SocketChannel client = connect(socket(dir)); ClientConnection c = next()) {
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(200);
                    c.shutdownInput();
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertEquals(-1, c.input().read()));
            c.output().write(7); // the backend can still send its goodbye
            ByteBuffer b = ByteBuffer.allocate(1);
            client.read(b);
            assertEquals(7, b.get(0));
        } finally {
            t.stop();
        }
    }

    @Test
    void listensInEveryDirectoryIncludingQuotedAndRelativeNames() throws Exception {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path comma = Files.createDirectory(dir.resolve("b,c"));
        Path relative = Files.createDirectory(dir.resolve("rel"));
        UnixTransport t = transport(" " + a + " , \"" + comma + "\",rel");
        try {
            assertEquals(List.of("Unix socket \"" + socket(a) + "\"", "Unix socket \"" + socket(comma) + "\"",
                    "Unix socket \"" + socket(relative) + "\""), t.start(accepted::add));
            for (Path d : List.of(a, comma, relative)) {
                assertTrue(Files.exists(lock(d)));
                try (SocketChannel _ = connect(socket(d)); ClientConnection c = next()) {
                    assertEquals("[local]", c.remoteHost());
                }
            }
        } finally {
            t.stop();
        }
        for (Path d : List.of(a, comma, relative)) {
            try (Stream<Path> files = Files.list(d)) {
                assertEquals(List.of(), files.toList());
            }
        }
    }

    @Test
    void missingDirectoryFailsClearlyAndReleasesTheOthers() throws Exception {
        Path missing = dir.resolve("missing");
        UnixTransport t = transport(dir + "," + missing);
        IOException e = assertThrows(IOException.class, () -> t.start(accepted::add));
        assertEquals("could not create lock file \"" + lock(missing) + "\": No such file or directory",
                e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void emptyListMeansNoUnixSockets() throws IOException {
        assertEquals(List.of(), transport("").start(accepted::add));
        assertEquals(List.of(), transport("  ").start(accepted::add));
    }

    @Test
    void socketGroupIsApplied() throws Exception {
        String group = Files.readAttributes(dir, PosixFileAttributes.class).group().getName();
        UnixTransport t = transport(dir.toString(), "unix_socket_group", group, "unix_socket_permissions", "0770");
        t.start(accepted::add);
        try {
            assertEquals(group, Files.readAttributes(socket(dir), PosixFileAttributes.class).group().getName());
        } finally {
            t.stop();
        }
        int gid = (Integer) Files.getAttribute(dir, "unix:gid");
        UnixTransport numeric = transport(dir.toString(), "unix_socket_group", Integer.toString(gid));
        numeric.start(accepted::add);
        try {
            assertEquals(gid, Files.getAttribute(socket(dir), "unix:gid"));
        } finally {
            numeric.stop();
        }
    }

    @Test
    void unknownGroupFailsLikePostgresAndLeavesNothingBehind() throws Exception {
        UnixTransport t = transport(dir.toString(), "unix_socket_group", "no_such_group_tusk");
        IOException e = assertThrows(IOException.class, () -> t.start(accepted::add));
        assertEquals("group \"no_such_group_tusk\" does not exist", e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void invalidSettingsAreReportedLikePostgres() {
        IOException perms = assertThrows(IOException.class,
                () -> transport(dir.toString(), "unix_socket_permissions", "0800").start(accepted::add));
        assertEquals("invalid value for parameter \"unix_socket_permissions\": \"0800\"", perms.getMessage());
        IOException range = assertThrows(IOException.class,
                () -> transport(dir.toString(), "unix_socket_permissions", "777").start(accepted::add));
        assertEquals("777 is outside the valid range for parameter \"unix_socket_permissions\" (0 .. 511)",
                range.getMessage());
        IOException list = assertThrows(IOException.class, () -> transport("/tmp,").start(accepted::add));
        assertEquals("invalid list syntax in parameter \"unix_socket_directories\"", list.getMessage());
    }

    @Test
    void overlongSocketPathIsRefusedWithPostgresMessage() throws Exception {
        Path deep = Files.createDirectories(dir.resolve("x".repeat(120)));
        IOException e = assertThrows(IOException.class, () -> transport(deep.toString()).start(accepted::add));
        assertTrue(e.getMessage().startsWith("Unix-domain socket path \"" + socket(deep) + "\" is too long (maximum "),
                e.getMessage());
        try (Stream<Path> files = Files.list(deep)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void modifiedIgnoresChanges() throws Exception {
        UnixTransport t = transport(dir.toString());
        t.start(accepted::add);
        try {
            t.modified(Map.of("unix_socket_directories", "", "port", "1"));
            try (SocketChannel _ = connect(socket(dir)); ClientConnection c = next()) {
                assertEquals("unix", c.transportName());
            }
        } finally {
            t.stop();
        }
    }
}
