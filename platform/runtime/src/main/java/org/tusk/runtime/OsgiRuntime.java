package org.tusk.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.tusk.runtime.logging.ServerLog;

/**
 * Boots the OSGi framework that is the server: Felix with every jar of {@code bundles/}, in three start
 * levels (1: infrastructure such as Configuration Admin and Declarative Services; 2: Tusk's own
 * bundles; 3: Felix FileInstall, so user plugins from {@code plugins/} arrive after the core is up).
 * Runs until the framework stops and returns the exit status.
 *
 * <p>SLF4J lives on this class path and is exported into the framework as system packages: the server
 * log is one stream, configured in one place, whichever bundle writes to it.
 */
final class OsgiRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(OsgiRuntime.class);
    private static final Marker FATAL = MarkerFactory.getMarker("FATAL");

    static final int INFRASTRUCTURE_LEVEL = 1;
    static final int CORE_LEVEL = 2;
    static final int PLUGIN_LEVEL = 3;

    /** Framework storage inside the data directory, owned like everything else of the cluster. */
    static final String STORAGE_DIRECTORY = "tusk_osgi_cache";

    private final Installation installation;
    private final DataDirectory data;
    private final AtomicInteger exitStatus = new AtomicInteger();
    private final boolean bootstrap;

    OsgiRuntime(Installation installation, DataDirectory data) {
        this(installation, data, false);
    }

    /**
     * @param bootstrap initdb's bootstrap mode: the framework property {@value #MODE_PROPERTY} is
     *     {@value #BOOTSTRAP_MODE}, and neither the postmaster nor a transport nor FileInstall is
     *     started, so nothing listens; the SQL bundle's bootstrap component creates the catalogs and
     *     stops the runtime through the exit service
     */
    OsgiRuntime(Installation installation, DataDirectory data, boolean bootstrap) {
        this.installation = installation;
        this.data = data;
        this.bootstrap = bootstrap;
    }

    /** The framework property that selects a boot mode, read by the SQL bundle's bootstrap component. */
    static final String MODE_PROPERTY = "tusk.mode";
    static final String BOOTSTRAP_MODE = "bootstrap";

    /** How long initdb's bootstrap may take before it is taken as hung (a component that never came). */
    static final long BOOTSTRAP_TIMEOUT_MILLIS = 300_000;

    int run(Map<String, String> overrides) {
        PidFile pidFile = new PidFile(data);
        try {
            pidFile.create(data);
        } catch (DataDirectory.StartupError e) {
            System.err.println(e.report());
            return 1;
        } catch (IOException e) {
            System.err.println("FATAL:  could not create lock file \"" + pidFile.path() + "\": " + e.getMessage());
            return 1;
        }
        try {
            return runFramework(overrides);
        } finally {
            pidFile.remove();
        }
    }

    private int runFramework(Map<String, String> overrides) {
        if (!bootstrap) {
            LOG.info("starting Tusk {} (PostgreSQL 15 protocol) on Java {}, data directory \"{}\"",
                    Tusk.buildInfo().getProperty("tusk.version"), Runtime.version(), data.path());
        }
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"))
                .newFramework(frameworkProperties(overrides));
        try {
            framework.init();
            BundleContext system = framework.getBundleContext();
            registerExitService(system, framework);
            registerLogConfiguration(system);
            system.addBundleListener(OsgiRuntime::logPluginEvent);
            system.addFrameworkListener(OsgiRuntime::logFrameworkEvent);
            List<Bundle> bundles = installBundles(system);
            for (Bundle b : bundles) {
                if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null
                        && !(bootstrap && listensOrWatches(b.getSymbolicName()))) {
                    b.start();
                }
            }
            installSignalHandlers(framework);
            framework.start();
            if (bootstrap) {
                FrameworkEvent end = framework.waitForStop(BOOTSTRAP_TIMEOUT_MILLIS);
                if (end.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                    LOG.error(FATAL, "bootstrap did not finish within {} seconds", BOOTSTRAP_TIMEOUT_MILLIS / 1000);
                    stopQuietly(framework);
                    return 1;
                }
                return exitStatus.get();
            }
            framework.waitForStop(0);
            return exitStatus.get();
        } catch (BundleException | IOException e) {
            LOG.error(FATAL, "could not start the server runtime: {}", e.getMessage());
            stopQuietly(framework);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private Map<String, String> frameworkProperties(Map<String, String> overrides) {
        Properties build = Tusk.buildInfo();
        String slf4j = build.getProperty("slf4j.version", "2.0.0");
        Map<String, String> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, data.path().resolve(STORAGE_DIRECTORY).toString());
        p.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        p.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(PLUGIN_LEVEL));
        p.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, Stream.of("org.slf4j", "org.slf4j.event", "org.slf4j.helpers",
                "org.slf4j.spi").map(pkg -> pkg + ";version=\"" + slf4j + "\"").collect(Collectors.joining(","))
                + ",sun.misc");
        p.put("felix.log.level", "1");
        p.put("felix.fileinstall.dir", installation.plugins().toString());
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.start.level", Integer.toString(PLUGIN_LEVEL));
        p.put("felix.fileinstall.bundles.new.start", "true");
        p.put("felix.fileinstall.log.level", "2");
        p.put("felix.fileinstall.tmpdir", data.path().resolve(STORAGE_DIRECTORY).resolve("fileinstall").toString());
        p.put("tusk.data_directory", data.path().toString());
        if (bootstrap) {
            p.put(MODE_PROPERTY, BOOTSTRAP_MODE);
        }
        p.put("tusk.settings.overrides", overrides.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n")));
        return p;
    }

    /**
     * Bundles stop the server through a service typed by a JDK interface, so nothing in them depends on
     * this launcher: {@code IntConsumer} with {@code tusk.exit=true}; the argument is the exit status.
     */
    private void registerExitService(BundleContext system, Framework framework) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("tusk.exit", "true");
        IntConsumer exit = status -> {
            exitStatus.compareAndSet(0, status);
            Thread.ofPlatform().name("shutdown").start(() -> stopQuietly(framework));
        };
        system.registerService(IntConsumer.class, exit, props);
    }

    /**
     * The server log is configured from the server settings: the settings bundle hands every
     * published configuration to services {@code Consumer<Map<String, String>>} with
     * {@code tusk.settings.listener=true}.
     */
    private static void registerLogConfiguration(BundleContext system) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("tusk.settings.listener", "true");
        Consumer<Map<String, String>> listener = ServerLog::configure;
        system.registerService(Consumer.class, listener, props);
    }

    private List<Bundle> installBundles(BundleContext system) throws IOException, BundleException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(installation.bundles())) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            Bundle b = system.installBundle(jar.toUri().toString());
            b.adapt(BundleStartLevel.class).setStartLevel(startLevelOf(b.getSymbolicName()));
            bundles.add(b);
        }
        return bundles;
    }

    /**
     * The bundles initdb's bootstrap leaves stopped, as PostgreSQL's bootstrap runs without a
     * postmaster: the postmaster (it would start the storage and the transports), the transports
     * themselves, and FileInstall (no plugins while the catalogs are created).
     */
    static boolean listensOrWatches(String symbolicName) {
        return symbolicName.equals("org.tusk.postmaster") || symbolicName.startsWith("org.tusk.transport")
                || symbolicName.equals("org.apache.felix.fileinstall");
    }

    static int startLevelOf(String symbolicName) {
        if (symbolicName.startsWith("org.tusk.")) {
            return CORE_LEVEL;
        }
        if (symbolicName.equals("org.apache.felix.fileinstall")) {
            return PLUGIN_LEVEL;
        }
        return INFRASTRUCTURE_LEVEL;
    }

    /**
     * Passes SIGTERM, SIGINT and SIGHUP to whichever bundles registered for them: services typed
     * {@code Consumer<String>} with {@code tusk.signal=true} (the postmaster turns TERM into a smart and
     * INT into a fast shutdown; the settings bundle turns HUP into a reload). The runtime gives the
     * signals no meaning of its own, except that TERM or INT with nobody to take them stops the
     * framework. A shutdown hook covers every other way the JVM may be asked to exit.
     */
    private void installSignalHandlers(Framework framework) {
        for (String name : new String[] {"TERM", "INT", "HUP"}) {
            ProcessSignals.handle(name, signal -> {
                if (dispatchSignal(framework.getBundleContext(), signal) == 0 && !signal.equals("HUP")) {
                    stopQuietly(framework);
                }
            });
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown-hook").unstarted(() -> {
            if ((framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                stopQuietly(framework);
            }
        }));
    }

    @SuppressWarnings("unchecked")
    private static int dispatchSignal(BundleContext context, String signal) {
        int delivered = 0;
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(Consumer.class.getName(), "(tusk.signal=true)");
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                Object service = context.getService(ref);
                if (service instanceof Consumer<?> consumer) {
                    ((Consumer<String>) consumer).accept(signal);
                    delivered++;
                }
                context.ungetService(ref);
            }
        } catch (InvalidSyntaxException | IllegalStateException e) {
            LOG.debug("could not deliver SIG{}", signal, e);
        }
        return delivered;
    }

    private static void stopQuietly(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(30_000);
        } catch (BundleException e) {
            LOG.warn("error while stopping: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Plugins come and go at run time; the log says so, as it names what is there. */
    private static void logPluginEvent(BundleEvent e) {
        Bundle b = e.getBundle();
        if (!b.getLocation().contains("/plugins/")) {
            return;
        }
        switch (e.getType()) {
            case BundleEvent.STARTED -> LOG.info("plugin {} {} started", b.getSymbolicName(), b.getVersion());
            case BundleEvent.STOPPED -> LOG.info("plugin {} {} stopped", b.getSymbolicName(), b.getVersion());
            case BundleEvent.UNINSTALLED -> LOG.info("plugin {} {} removed", b.getSymbolicName(), b.getVersion());
            default -> {
                // Installed/resolved are implied by started, or by the error that follows.
            }
        }
    }

    private static void logFrameworkEvent(FrameworkEvent e) {
        if (e.getType() == FrameworkEvent.ERROR) {
            LOG.error("bundle {}: {}", e.getBundle().getSymbolicName(),
                    e.getThrowable() != null ? e.getThrowable().getMessage() : "error");
        }
    }
}
