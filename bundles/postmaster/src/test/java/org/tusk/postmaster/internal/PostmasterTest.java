package org.tusk.postmaster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.tusk.protocol.ErrorFields;
import org.tusk.protocol.MessageReader;
import org.tusk.spi.BackendContext;
import org.tusk.spi.BackendEntry;
import org.tusk.spi.BackendIdentity;
import org.tusk.spi.BackendLauncher;
import org.tusk.spi.BackendProcess;
import org.tusk.spi.BackendRegistry.Admission;
import org.tusk.spi.ClientConnection;
import org.tusk.spi.ClusterStorage;
import org.tusk.spi.ConnectionHandler;
import org.tusk.spi.Settings;
import org.tusk.spi.Transport;

/** The postmaster's decisions, with recording fakes for transports, launchers and connections. */
class PostmasterTest {

    private final List<String> launched = new ArrayList<>();
    private final List<RecordingBackend> backends = new ArrayList<>();
    private final FakeStorage storage = new FakeStorage();

    @Test
    void configuredLauncherServesConnectionsAndFallbackIsTheDefault() {
        Postmaster pm = postmaster(Map.of("backend_launcher", "virtual-thread"));
        pm.bindLauncher(new FakeLauncher("thread"), Map.of(Settings.LAUNCHER_NAME, "thread"));
        pm.accept(new FakeConnection());
        assertEquals(List.of("thread"), launched, "falls back to the built-in launcher when missing");

        FakeLauncher vt = new FakeLauncher("virtual-thread");
        pm.bindLauncher(vt, Map.of(Settings.LAUNCHER_NAME, "virtual-thread"));
        pm.accept(new FakeConnection());
        assertEquals("virtual-thread", launched.get(1), "a launcher that appears is used for new connections");

        pm.unbindLauncher(vt, Map.of(Settings.LAUNCHER_NAME, "virtual-thread"));
        pm.accept(new FakeConnection());
        assertEquals("thread", launched.get(2));
    }

    @Test
    void restartOnlySettingsKeepTheirValueUntilRestart() {
        Postmaster pm = postmaster(Map.of("max_connections", "3", "superuser_reserved_connections", "0"));
        pm.bindLauncher(new FakeLauncher("thread"), Map.of(Settings.LAUNCHER_NAME, "thread"));
        pm.modified(Map.of("max_connections", "1", "superuser_reserved_connections", "0"));
        for (int i = 0; i < 3; i++) {
            pm.accept(new FakeConnection());
        }
        for (RecordingBackend b : backends) {
            assertEquals(Admission.ADMITTED, b.context.registry().admit(b.context.identity().processId(), false),
                    "max_connections is still 3");
        }
    }

    @Test
    void reloadChangesTheLauncherForNewConnectionsOnly() {
        Postmaster pm = postmaster(Map.of("backend_launcher", "thread"));
        pm.bindLauncher(new FakeLauncher("thread"), Map.of(Settings.LAUNCHER_NAME, "thread"));
        pm.bindLauncher(new FakeLauncher("virtual-thread"), Map.of(Settings.LAUNCHER_NAME, "virtual-thread"));
        pm.accept(new FakeConnection());
        pm.modified(Map.of("backend_launcher", "virtual-thread"));
        pm.accept(new FakeConnection());
        assertEquals(List.of("thread", "virtual-thread"), launched);
        assertEquals("thread", backends.get(0).context.settings().get("backend_launcher"),
                "a running backend keeps the settings it started with");
    }

    @Test
    void backendsGetDistinctIdentitiesAndCancelNeedsTheRightKey() {
        Postmaster pm = postmaster(Map.of());
        pm.bindLauncher(new FakeLauncher("thread"), Map.of(Settings.LAUNCHER_NAME, "thread"));
        pm.accept(new FakeConnection());
        pm.accept(new FakeConnection());
        RecordingBackend a = backends.get(0);
        RecordingBackend b = backends.get(1);
        assertNotEquals(a.context.identity().processId(), b.context.identity().processId());

        BackendIdentity id = a.context.identity();
        a.context.registry().cancel(id.processId(), id.secretKey() + 1);
        assertEquals(0, a.cancels, "a wrong key is ignored");
        a.context.registry().cancel(id.processId(), id.secretKey());
        assertEquals(1, a.cancels);
        assertEquals(0, b.cancels, "only the addressed backend is canceled");
    }

    @Test
    void connectionSlotsFollowMaxConnectionsWithSuperuserReserve() {
        Postmaster pm = postmaster(Map.of("max_connections", "3", "superuser_reserved_connections", "1"));
        pm.bindLauncher(new FakeLauncher("thread"), Map.of(Settings.LAUNCHER_NAME, "thread"));
        for (int i = 0; i < 4; i++) {
            pm.accept(new FakeConnection());
        }
        var registry = backends.get(0).context.registry();
        int[] pids = backends.stream().mapToInt(b -> b.context.identity().processId()).toArray();
        assertEquals(Admission.ADMITTED, registry.admit(pids[0], false));
        assertEquals(Admission.ADMITTED, registry.admit(pids[1], false));
        assertEquals(Admission.TOO_MANY_CLIENTS, registry.admit(pids[2], false),
                "the last slot is reserved for superusers");
        assertEquals(Admission.ADMITTED, registry.admit(pids[2], true));
        assertEquals(Admission.TOO_MANY_CLIENTS, registry.admit(pids[3], true), "max_connections reached");
        backends.get(0).exit.complete(new BackendProcess.Exit(true, "exited normally"));
        assertEquals(Admission.ADMITTED, registry.admit(pids[3], true), "an exited backend frees its slot");
    }

    @Test
    void fastShutdownTerminatesEverySessionThenExits() throws Exception {
        Postmaster pm = postmaster(Map.of());
        CompletableFuture<Integer> exitStatus = new CompletableFuture<>();
        pm.exit = exitStatus::complete;
        pm.bindLauncher(new FakeLauncher("thread"), Map.of(Settings.LAUNCHER_NAME, "thread"));
        pm.accept(new FakeConnection());
        pm.accept(new FakeConnection());
        pm.shutdown("fast");
        assertEquals(0, exitStatus.get(5, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(backends.stream().allMatch(b -> b.exit.isDone()), "every backend was told to terminate");
        pm.accept(new FakeConnection());
        RecordingBackend late = backends.getLast();
        assertEquals(Admission.SHUTTING_DOWN, late.context.registry().admit(late.context.identity().processId(), true),
                "a connection after shutdown began gets a backend only to be told so");
    }

    @Test
    void smartShutdownWaitsForSessionsToEnd() throws Exception {
        Postmaster pm = postmaster(Map.of());
        CompletableFuture<Integer> exitStatus = new CompletableFuture<>();
        pm.exit = exitStatus::complete;
        pm.bindLauncher(new FakeLauncher("thread"), Map.of(Settings.LAUNCHER_NAME, "thread"));
        pm.accept(new FakeConnection());
        pm.shutdown("smart");
        Thread.sleep(200);
        assertFalse(exitStatus.isDone(), "a session is still open");
        assertFalse(backends.get(0).exit.isDone(), "smart shutdown does not end sessions");
        backends.get(0).exit.complete(new BackendProcess.Exit(true, "exited normally"));
        assertEquals(0, exitStatus.get(5, java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    void aCrashedBackendTakesTheOthersDownThenTheServerResumes() throws Exception {
        Postmaster pm = postmaster(Map.of());
        pm.bindLauncher(new FakeLauncher("thread"), Map.of(Settings.LAUNCHER_NAME, "thread"));
        pm.accept(new FakeConnection());
        pm.accept(new FakeConnection());
        RecordingBackend crashed = backends.get(0);
        RecordingBackend bystander = backends.get(1);
        crashed.exit.complete(new BackendProcess.Exit(false, "was terminated by exception: java.lang.StackOverflowError"));
        assertEquals(1, bystander.quits, "every other backend is told to quit");
        pm.accept(new FakeConnection());
        RecordingBackend during = backends.getLast();
        assertEquals(Admission.IN_RECOVERY, during.context.registry().admit(during.context.identity().processId(), true),
                "a connection during reinitialization gets a backend only to be told so");
        bystander.exit.complete(new BackendProcess.Exit(true, "quit"));
        during.exit.complete(new BackendProcess.Exit(true, "refused"));
        long deadline = System.nanoTime() + 5_000_000_000L;
        Admission next;
        do {
            Thread.sleep(20);
            pm.accept(new FakeConnection());
            RecordingBackend b = backends.getLast();
            next = b.context.registry().admit(b.context.identity().processId(), true);
            b.exit.complete(new BackendProcess.Exit(true, "done"));
        } while (next != Admission.ADMITTED && System.nanoTime() < deadline);
        assertEquals(Admission.ADMITTED, next, "sessions are admitted again after reinitialization");
        assertEquals(2, storage.generation(), "shared memory was recreated once, after every backend had gone");
    }

    @Test
    void sharedMemoryIsCreatedBeforeTransportsListenAndRemovedAtTheEnd() {
        FakeTransport tcp = new FakeTransport();
        Postmaster pm = new Postmaster();
        pm.backendEntry = (c, ctx) -> { };
        pm.storage = new FakeStorage() {
            @Override
            public void start(java.nio.file.Path dataDirectory, Map<String, String> settings) {
                assertFalse(tcp.started, "no transport listens before shared memory exists");
                super.start(dataDirectory, settings);
            }
        };
        pm.bindTransport(tcp);
        pm.activate(Map.of("shared_buffers", "32MB"));
        assertEquals(1, pm.storage.generation());
        assertTrue(tcp.started);
        pm.deactivate();
        assertEquals(0, pm.storage.generation(), "removed at shutdown");
    }

    @Test
    void aServerWhoseSharedMemoryCannotBeCreatedExitsWithoutListening() {
        FakeTransport tcp = new FakeTransport();
        CompletableFuture<Integer> exitStatus = new CompletableFuture<>();
        Postmaster pm = new Postmaster();
        pm.backendEntry = (c, ctx) -> { };
        pm.exit = exitStatus::complete;
        pm.storage = new FakeStorage() {
            @Override
            public void start(java.nio.file.Path dataDirectory, Map<String, String> settings) {
                throw new IllegalStateException("could not create shared memory segment");
            }
        };
        pm.bindTransport(tcp);
        pm.activate(Map.of());
        assertEquals(1, exitStatus.getNow(-1));
        assertFalse(tcp.started);
    }

    @Test
    void exitedBackendsLeaveTheTable() {
        Postmaster pm = postmaster(Map.of());
        pm.bindLauncher(new FakeLauncher("thread"), Map.of(Settings.LAUNCHER_NAME, "thread"));
        pm.accept(new FakeConnection());
        RecordingBackend a = backends.get(0);
        a.exit.complete(new BackendProcess.Exit(true, "exited normally"));
        BackendIdentity id = a.context.identity();
        a.context.registry().cancel(id.processId(), id.secretKey());
        assertEquals(0, a.cancels, "no cancel reaches a backend that has exited");
    }

    @Test
    void transportsAreStartedOnActivationAndWhenTheyAppearLater() {
        FakeTransport early = new FakeTransport();
        Postmaster pm = new Postmaster();
        pm.backendEntry = (c, ctx) -> { };
        pm.storage = storage;
        pm.bindTransport(early);
        assertFalse(early.started, "nothing listens before the postmaster is configured");
        pm.activate(Map.of());
        assertTrue(early.started);
        FakeTransport late = new FakeTransport();
        pm.bindTransport(late);
        assertTrue(late.started, "a transport plugin dropped in later starts at once");
        pm.unbindTransport(late);
        assertTrue(late.stopped);
        pm.deactivate();
        assertTrue(early.stopped);
    }

    @Test
    void readyOnlyOnceTheTransportsTheSettingsAskForListen(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path pid = dir.resolve("postmaster.pid");
        java.nio.file.Files.writeString(pid, "1\n" + dir + "\n0\n");
        Postmaster pm = new Postmaster();
        pm.backendEntry = (c, ctx) -> { };
        pm.storage = storage;
        pm.activate(Map.of("data_directory", dir.toString(), "port", "5555"));
        assertEquals(List.of("tcp", "unix"), pm.expectedTransports());
        assertEquals(3, java.nio.file.Files.readAllLines(pid).size(), "not ready: nothing listens yet");
        pm.bindTransport(new FakeTransport("tcp"));
        assertEquals(3, java.nio.file.Files.readAllLines(pid).size(), "not ready: the Unix socket is missing");
        pm.bindTransport(new FakeTransport("unix"));
        List<String> lines = java.nio.file.Files.readAllLines(pid);
        assertEquals("5555", lines.get(3));
        assertEquals("/tmp", lines.get(4));
        assertEquals("localhost", lines.get(5));
        assertEquals("ready   ", lines.get(7));
    }

    @Test
    void emptyListenAddressesMeansTcpIsNotAwaited() {
        Postmaster pm = postmaster(Map.of("listen_addresses", "", "unix_socket_directories", "/run/x"));
        assertEquals(List.of("unix"), pm.expectedTransports());
    }

    @Test
    void connectionsAreRefusedWhileShuttingDown() throws IOException {
        Postmaster pm = postmaster(Map.of());
        pm.bindLauncher(new FakeLauncher("thread"), Map.of(Settings.LAUNCHER_NAME, "thread"));
        pm.deactivate();
        FakeConnection c = new FakeConnection();
        pm.accept(c);
        assertTrue(launched.isEmpty());
        assertTrue(c.closed);
        ErrorFields f = ErrorFields.decode(new MessageReader(new ByteArrayInputStream(c.out.toByteArray())).read()
                .reader());
        assertEquals("57P03", f.sqlState());
        assertEquals("the database system is shutting down", f.message());
    }

    @Test
    void settingsDropOsgiKeysAndLowerCaseNames() {
        Map<String, String> s = Postmaster.settingsOf(Map.of("service.pid", "x", "component.id", 3L, "TimeZone",
                "UTC", "port", 5432));
        assertEquals(Map.of("timezone", "UTC", "port", "5432"), s);
    }

    // ---- fakes -----------------------------------------------------------------------------------

    /** Counts generations as the real service does: 1 after start, +1 per reinitialization, 0 after stop. */
    private static class FakeStorage implements ClusterStorage {
        private long generation;

        @Override
        public void start(java.nio.file.Path dataDirectory, Map<String, String> settings) {
            generation = 1;
        }

        @Override
        public void reinitialize() {
            generation++;
        }

        @Override
        public void stop() {
            generation = 0;
        }

        @Override
        public java.nio.file.Path sharedMemoryPath() {
            return generation == 0 ? null : java.nio.file.Path.of("/dev/shm/fake");
        }

        @Override
        public long generation() {
            return generation;
        }
    }

    private Postmaster postmaster(Map<String, Object> config) {
        Postmaster pm = new Postmaster();
        pm.backendEntry = (c, ctx) -> { };
        pm.storage = storage;
        pm.activate(config);
        return pm;
    }

    private final class FakeLauncher implements BackendLauncher {
        private final String name;

        FakeLauncher(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public BackendProcess launch(ClientConnection connection, BackendContext context, BackendEntry entry) {
            launched.add(name);
            RecordingBackend b = new RecordingBackend(context, name);
            backends.add(b);
            return b;
        }
    }

    private static final class RecordingBackend implements BackendProcess {
        final BackendContext context;
        final String launcher;
        final CompletableFuture<Exit> exit = new CompletableFuture<>();
        int cancels;

        RecordingBackend(BackendContext context, String launcher) {
            this.context = context;
            this.launcher = launcher;
        }

        @Override
        public BackendIdentity identity() {
            return context.identity();
        }

        @Override
        public String launcherName() {
            return launcher;
        }

        @Override
        public void cancel() {
            cancels++;
        }

        int quits;

        @Override
        public void terminate() {
            exit.complete(new Exit(true, "terminated"));
        }

        /** Records the request only: the test decides when the backend is gone. */
        @Override
        public void quit() {
            quits++;
        }

        @Override
        public CompletionStage<Exit> exit() {
            return exit;
        }
    }

    private static final class FakeTransport implements Transport {
        private final String name;
        boolean started;
        boolean stopped;

        FakeTransport() {
            this("fake");
        }

        FakeTransport(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> start(ConnectionHandler handler) {
            started = true;
            return List.of("fake endpoint");
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    private static final class FakeConnection implements ClientConnection {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean closed;

        @Override
        public InputStream input() {
            return InputStream.nullInputStream();
        }

        @Override
        public OutputStream output() {
            return out;
        }

        @Override
        public String transportName() {
            return "fake";
        }

        @Override
        public String remoteHost() {
            return "[local]";
        }

        @Override
        public int remotePort() {
            return -1;
        }

        @Override
        public void setReadTimeout(Duration timeout) {
            // not used
        }

        @Override
        public void shutdownInput() {
            // nothing is read
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
