package org.tusk.postmaster.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.Hashtable;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.tusk.protocol.ErrorFields;
import org.tusk.protocol.MessageWriter;
import org.tusk.spi.BackendContext;
import org.tusk.spi.BackendEntry;
import org.tusk.spi.BackendLauncher;
import org.tusk.spi.BackendProcess;
import org.tusk.spi.BackendRegistry;
import org.tusk.spi.BackendSignals;
import org.tusk.spi.ClientConnection;
import org.tusk.spi.ClusterStorage;
import org.tusk.spi.ConnectionHandler;
import org.tusk.spi.Settings;
import org.tusk.spi.Transport;

/**
 * The supervisor. Transports and launchers are dynamic references: a plugin bundle that provides one
 * is used as soon as it appears and released when it goes, without a restart. Which launcher serves a
 * new connection is the {@code backend_launcher} setting; every transport present is started.
 */
@Component(immediate = true, service = {}, configurationPid = Settings.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class Postmaster implements ConnectionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Postmaster.class);
    private static final Marker FATAL = MarkerFactory.getMarker("FATAL");

    static final String DEFAULT_LAUNCHER = "thread";

    private final Map<String, BackendLauncher> launchers = new ConcurrentHashMap<>();
    private final Map<Transport, Boolean> transports = new ConcurrentHashMap<>();
    private final BackendTable backends = new BackendTable((int) (ProcessHandle.current().pid() % 100000) * 10 + 1);

    @Reference
    BackendEntry backendEntry;

    /** Shared memory: created before the first connection, recreated after a crash, removed at the end. */
    @Reference
    ClusterStorage storage;

    @Reference(target = "(tusk.exit=true)", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile IntConsumer exit;

    private volatile Map<String, String> settings = Map.of();
    private volatile Path dataDirectory;
    private volatile boolean running;
    private volatile String missingLauncherWarned;
    private volatile String shutdownRequested;
    private volatile boolean recovering;
    /** Names of the transports listening now; guarded by {@code this}. */
    private final java.util.Set<String> startedTransports = new java.util.HashSet<>();
    /** Whether "ready" has been announced; guarded by {@code this}. */
    private boolean ready;
    private ServiceRegistration<?> signalService;

    /**
     * Activation under OSGi: activates, then offers the runtime a way to deliver process signals: a
     * service typed by a JDK interface ({@code Consumer<String>} with {@code tusk.signal=true}) so the
     * launcher, which knows no Tusk interface, can pass on SIGTERM (smart shutdown) and SIGINT (fast).
     */
    @Activate
    void start(BundleContext context, Map<String, Object> config) {
        activate(config);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("tusk.signal", "true");
        Consumer<String> signals = signal -> {
            switch (signal) {
                case "TERM" -> shutdown("smart");
                case "INT" -> shutdown("fast");
                default -> {
                    // Not ours: SIGHUP is the settings bundle's.
                }
            }
        };
        signalService = context.registerService(Consumer.class, signals, props);
    }

    synchronized void activate(Map<String, Object> config) {
        settings = settingsOf(config);
        applyLimits();
        dataDirectory = Path.of(settings.getOrDefault(Settings.DATA_DIRECTORY, "."));
        try {
            storage.start(dataDirectory, settings);
        } catch (RuntimeException e) {
            fatal(e.getMessage());
            return;
        }
        running = true;
        for (Transport t : transports.keySet()) {
            if (!startTransport(t)) {
                fatal("could not start transport \"" + t.name() + "\"");
                return;
            }
        }
        announceReadyIfComplete();
        if (!ready) {
            Thread.ofVirtual().name("ready watchdog").start(this::announceReadyAfterGracePeriod);
        }
    }

    /**
     * The transports the settings ask for, by PostgreSQL's two settings: TCP when listen_addresses is
     * not empty, Unix sockets when unix_socket_directories is not empty. Other transports (plugins)
     * start whenever they arrive but are not waited for.
     */
    List<String> expectedTransports() {
        List<String> expected = new java.util.ArrayList<>();
        if (!settings.getOrDefault("listen_addresses", "localhost").isBlank()) {
            expected.add("tcp");
        }
        if (!settings.getOrDefault("unix_socket_directories", "/tmp").isBlank()) {
            expected.add("unix");
        }
        return expected;
    }

    /**
     * Says "ready" once every expected transport listens, as PostgreSQL says it once its sockets are
     * open: a client that sees the line (or status "ready" in postmaster.pid) can connect.
     */
    private synchronized void announceReadyIfComplete() {
        if (ready || !running || !startedTransports.containsAll(expectedTransports())) {
            return;
        }
        ready = true;
        writeStatus(PidFileStatus.READY);
        LOG.info("database system is ready to accept connections");
    }

    /** An expected transport that is not installed must not keep the server from ever being ready. */
    private void announceReadyAfterGracePeriod() {
        try {
            Thread.sleep(READY_GRACE_MILLIS);
        } catch (InterruptedException e) {
            return;
        }
        synchronized (this) {
            if (ready || !running) {
                return;
            }
            for (String name : expectedTransports()) {
                if (!startedTransports.contains(name)) {
                    LOG.warn("transport \"{}\" is not installed; its settings are not served", name);
                }
            }
            ready = true;
            writeStatus(PidFileStatus.READY);
            LOG.info("database system is ready to accept connections");
        }
    }

    static final long READY_GRACE_MILLIS = 10_000;

    /**
     * A changed configuration (a reload) applies to connections that arrive from now on; running
     * backends keep the settings they started with, as PostgreSQL's backends keep theirs until they
     * process the reload themselves. Without this method Declarative Services would restart the
     * component, and with it every session.
     */
    @Modified
    void modified(Map<String, Object> config) {
        Map<String, String> updated = new TreeMap<>(settingsOf(config));
        for (String name : RESTART_ONLY) {
            String before = settings.get(name);
            if (!java.util.Objects.equals(updated.get(name), before)) {
                LOG.warn("parameter \"{}\" cannot be changed without restarting the server", name);
                if (before == null) {
                    updated.remove(name);
                } else {
                    updated.put(name, before); // in force until the restart, as in PostgreSQL
                }
            }
        }
        settings = Collections.unmodifiableMap(updated);
        missingLauncherWarned = null;
        applyLimits();
        LOG.info("configuration reloaded; backend_launcher is \"{}\"",
                updated.getOrDefault("backend_launcher", DEFAULT_LAUNCHER));
    }

    /** Settings PostgreSQL reads only at server start (context "postmaster"). */
    static final List<String> RESTART_ONLY = List.of("port", "listen_addresses", "max_connections",
            "shared_buffers", "data_directory", "max_locks_per_transaction", "wal_buffers");

    @Deactivate
    void deactivate() {
        if (signalService != null) {
            signalService.unregister();
            signalService = null;
        }
        running = false;
        transports.keySet().forEach(Transport::stop);
        List<BackendTable.Row> live = backends.snapshot();
        if (!live.isEmpty()) {
            LOG.info("terminating {} backend(s)", live.size());
        }
        terminateAll();
        for (BackendTable.Row row : live) {
            BackendProcess p = row.process;
            if (p != null) {
                try {
                    p.exit().toCompletableFuture().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    LOG.warn("backend {} did not exit in time", row.identity.processId());
                }
            }
        }
        storage.stop();
        LOG.info("database system is shut down");
    }

    private void writeStatus(String status) {
        boolean unix = transports.keySet().stream().anyMatch(t -> t.name().equals("unix"));
        boolean tcp = transports.keySet().stream().anyMatch(t -> t.name().equals("tcp"));
        new PidFileStatus(dataDirectory).write(status, settings, unix, tcp);
    }

    private void applyLimits() {
        backends.setLimits(intSetting("max_connections", 100), intSetting("superuser_reserved_connections", 3));
    }

    private int intSetting(String name, int fallback) {
        String v = settings.get(name);
        try {
            return v == null ? fallback : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            LOG.warn("invalid value for parameter \"{}\": \"{}\"", name, v);
            return fallback;
        }
    }

    // ---- crash recovery --------------------------------------------------------------------------

    /**
     * A backend ended abnormally, so shared state may be corrupt: as PostgreSQL does, end every other
     * backend (their clients are told 57P02 and may reconnect), refuse connections meanwhile,
     * recreate shared memory once all are gone (the crashed one may have left it half changed), and
     * resume. (Redo from the WAL joins this sequence when the write-ahead log exists.)
     */
    synchronized void recoverFromCrash() {
        if (recovering || !running) {
            return;
        }
        recovering = true;
        backends.refuseNewSessions(BackendRegistry.Admission.IN_RECOVERY);
        LOG.info("terminating any other active server processes");
        for (BackendTable.Row row : backends.snapshot()) {
            BackendProcess p = row.process;
            if (p != null) {
                p.quit();
            }
        }
        Thread.ofPlatform().name("crash recovery").start(() -> {
            awaitBackends();
            LOG.info("all server processes terminated; reinitializing");
            try {
                storage.reinitialize();
            } catch (RuntimeException e) {
                fatal(e.getMessage());
                return;
            }
            recovering = false;
            backends.refuseNewSessions(null);
            LOG.info("database system is ready to accept connections");
        });
    }

    // ---- shutdown --------------------------------------------------------------------------------

    /**
     * PostgreSQL's shutdown modes. Smart: refuse new connections, wait for the sessions to end. Fast:
     * refuse new connections, end every session with FATAL 57P01 (their transactions roll back).
     * Either way the server then stops. (Immediate shutdown is the process ending at once, which
     * needs no code: recovery at the next start takes care of it.)
     */
    void shutdown(String mode) {
        if (shutdownRequested != null && !("fast".equals(mode) && "smart".equals(shutdownRequested))) {
            return; // already shutting down at least as fast
        }
        shutdownRequested = mode;
        LOG.info("received {} shutdown request", mode);
        running = false;
        // New connections still get a backend, which negotiates TLS and then says why it refuses.
        backends.refuseNewSessions(BackendRegistry.Admission.SHUTTING_DOWN);
        writeStatus(PidFileStatus.STOPPING);
        Thread.ofPlatform().name("shutdown").start(() -> {
            if ("fast".equals(mode)) {
                LOG.info("aborting any active transactions");
                terminateAll();
            }
            awaitBackends();
            IntConsumer e = exit;
            if (e != null) {
                e.accept(0);
            }
        });
    }

    private void terminateAll() {
        for (BackendTable.Row row : backends.snapshot()) {
            BackendProcess p = row.process;
            if (p != null) {
                p.terminate();
            }
        }
    }

    /** Waits until no backend is left; a smart shutdown may wait as long as sessions last. */
    private void awaitBackends() {
        while (backends.size() > 0) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---- transports ------------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindTransport(Transport transport) {
        transports.put(transport, Boolean.TRUE);
        if (!running) {
            return; // started by activate
        }
        if (startTransport(transport)) {
            announceReadyIfComplete();
        } else if (!ready) {
            // Part of start-up: a server must not run half-listening.
            fatal("could not start transport \"" + transport.name() + "\"");
        } else {
            LOG.error("transport \"{}\" could not be started and is not used", transport.name());
        }
    }

    synchronized void unbindTransport(Transport transport) {
        if (transports.remove(transport) != null) {
            transport.stop();
            startedTransports.remove(transport.name());
            if (running) {
                LOG.info("transport \"{}\" stopped", transport.name());
            }
        }
    }

    private boolean startTransport(Transport transport) {
        try {
            for (String endpoint : transport.start(this)) {
                LOG.info("listening on {}", endpoint);
            }
            startedTransports.add(transport.name());
            return true;
        } catch (IOException e) {
            LOG.error("{}", e.getMessage());
            return false;
        }
    }

    // ---- launchers -------------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindLauncher(BackendLauncher launcher, Map<String, Object> props) {
        String name = launcherName(launcher, props);
        launchers.put(name, launcher);
        missingLauncherWarned = null;
        LOG.info("backend launcher \"{}\" registered", name);
    }

    void unbindLauncher(BackendLauncher launcher, Map<String, Object> props) {
        String name = launcherName(launcher, props);
        if (launchers.remove(name, launcher) && running) {
            LOG.info("backend launcher \"{}\" unregistered", name);
        }
    }

    private static String launcherName(BackendLauncher launcher, Map<String, Object> props) {
        Object n = props.get(Settings.LAUNCHER_NAME);
        return n != null ? n.toString() : launcher.name();
    }

    /** The configured launcher, or the built-in default when the configured one is not installed. */
    private BackendLauncher chooseLauncher() {
        String wanted = settings.getOrDefault("backend_launcher", DEFAULT_LAUNCHER);
        BackendLauncher l = launchers.get(wanted);
        if (l != null) {
            return l;
        }
        if (!wanted.equals(missingLauncherWarned)) {
            missingLauncherWarned = wanted;
            LOG.warn("backend launcher \"{}\" is not installed; using \"{}\"", wanted, DEFAULT_LAUNCHER);
        }
        return launchers.get(DEFAULT_LAUNCHER);
    }

    // ---- connections -----------------------------------------------------------------------------

    @Override
    public void accept(ClientConnection connection) {
        if (!running && shutdownRequested == null) {
            refuse(connection, "57P03", "the database system is shutting down");
            return;
        }
        BackendLauncher launcher = chooseLauncher();
        if (launcher == null) {
            LOG.error("no backend launcher is installed");
            refuse(connection, "53000", "no backend launcher is available");
            return;
        }
        BackendTable.Row row = backends.allocate();
        int pid = row.identity.processId();
        BackendContext context = new BackendContext(row.identity, dataDirectory, settings, new BackendSignals(),
                backends);
        try {
            BackendProcess process = launcher.launch(connection, context, backendEntry);
            row.process = process;
            if (Settings.isOn(settings.get("log_connections"))) {
                LOG.info("backend {} started by launcher \"{}\"", pid, launcher.name());
            }
            process.exit().whenComplete((result, failure) -> {
                backends.remove(pid);
                if (result != null && !result.normal()) {
                    LOG.error("server process (PID {}) {}", pid, result.description());
                    recoverFromCrash();
                }
            });
        } catch (BackendLauncher.LaunchException e) {
            backends.remove(pid);
            LOG.error("could not fork new process for connection: {}", e.getMessage());
        }
    }

    /**
     * Tells a client we will not serve it, without waiting for it: the message is a few dozen bytes,
     * which the socket's send buffer absorbs.
     */
    private static void refuse(ClientConnection connection, String sqlState, String message) {
        try (connection) {
            MessageWriter out = new MessageWriter(connection.output());
            out.errorResponse(ErrorFields.of("FATAL", sqlState, message).build()).flush();
        } catch (IOException e) {
            LOG.debug("could not tell client of refusal", e);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private void fatal(String message) {
        LOG.error(FATAL, "{}", message);
        running = false;
        transports.keySet().forEach(Transport::stop);
        IntConsumer e = exit;
        if (e != null) {
            e.accept(1);
        }
    }

    /** The configuration as settings (see {@link Settings#fromConfiguration}). */
    static Map<String, String> settingsOf(Map<String, Object> config) {
        return Settings.fromConfiguration(config);
    }
}
