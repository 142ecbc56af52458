package org.tusk.backend.internal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
import org.tusk.spi.AuthenticationMethod;
import org.tusk.spi.BackendContext;
import org.tusk.spi.BackendEntry;
import org.tusk.spi.ClientConnection;
import org.tusk.spi.NotificationQueue;
import org.tusk.spi.RoleDirectory;
import org.tusk.spi.Settings;
import org.tusk.spi.SqlEngine;

/**
 * Publishes the backend's main loop as the {@link BackendEntry} service. It holds only what every
 * backend shares read-only (the engine, the installed authentication methods, the roles, the TLS
 * set-up and pg_hba.conf); each connection gets its own {@link BackendConnection}.
 */
@Component(service = {}, configurationPid = Settings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class BackendService implements BackendEntry {
    private static final Logger LOG = LoggerFactory.getLogger(BackendService.class);
    private static final Marker FATAL = MarkerFactory.getMarker("FATAL");

    private final Map<String, AuthenticationMethod> authMethods = new ConcurrentHashMap<>();

    @Reference
    private SqlEngine engine;

    @Reference(target = "(tusk.exit=true)", cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY)
    private IntConsumer exit;

    /** Where roles and their passwords are found; the catalog's directory replaces the file's. */
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile RoleDirectory roles;

    /** The cluster's LISTEN/NOTIFY queue (the storage bundle's); without it sessions run without LISTEN. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NotificationQueue notificationQueue;

    /** The TLS set-up, loaded at start and on reload as PostgreSQL loads it; null when ssl is off. */
    private volatile ServerTls tls;
    private ServiceRegistration<BackendEntry> registration;

    /** pg_hba.conf, loaded at start and on reload as the postmaster loads it; empty: there is none (trust). */
    private volatile Optional<HbaFile> hba = Optional.empty();
    /** The missing pg_hba.conf is reported once, not at every reload. */
    private volatile Path reportedMissingHba;

    private ReloadListener reloadListener;

    public BackendService() {
    }

    /** For use outside OSGi (tests, a backend process of its own). */
    public BackendService(SqlEngine engine, AuthenticationMethod... methods) {
        this(engine, new FileRoleDirectory(null), methods);
    }

    /** For use outside OSGi, with the cluster's roles. */
    public BackendService(SqlEngine engine, RoleDirectory roles, AuthenticationMethod... methods) {
        this.engine = engine;
        this.roles = roles;
        for (AuthenticationMethod m : methods) {
            authMethods.put(m.name(), m);
        }
    }

    /**
     * A server that cannot set up the TLS it was asked for, or whose pg_hba.conf has errors, does not
     * start, as PostgreSQL.
     */
    @Activate
    void activate(BundleContext context, Map<String, Object> config) {
        Map<String, String> settings = Settings.fromConfiguration(config);
        try {
            tls = ServerTls.fromSettings(settings);
            hba = loadHba(settings);
        } catch (ServerTls.TlsConfigurationException e) {
            LOG.error(FATAL, "{}", e.getMessage());
            exit();
            return;
        } catch (HbaFile.HbaException e) {
            e.errors().forEach(m -> LOG.info("{}", m));
            LOG.error(FATAL, "could not load pg_hba.conf");
            exit();
            return;
        }
        reloadListener = ReloadListener.listenForReloads(context, this::reloadHba);
        // Offered only now: with TLS or pg_hba.conf unusable there is no backend, so the postmaster never
        // starts listening and the server exits without ever saying it is ready.
        registration = context.registerService(BackendEntry.class, this, null);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (reloadListener != null) {
            reloadListener.close();
            reloadListener = null;
        }
    }

    private void exit() {
        if (exit != null) {
            exit.accept(1);
        }
    }

    /**
     * On reload a broken TLS set-up is reported and the previous one kept, as PostgreSQL does; the
     * same for pg_hba.conf when its location changed (otherwise {@link #reloadHba} has re-read it).
     */
    @Modified
    void modified(Map<String, Object> config) {
        Map<String, String> settings = Settings.fromConfiguration(config);
        try {
            tls = ServerTls.fromSettings(settings);
        } catch (ServerTls.TlsConfigurationException e) {
            LOG.error("{}", e.getMessage());
            LOG.info("SSL configuration was not reloaded");
        }
        Path path = hbaPath(settings);
        if (path == null || !hba.map(h -> h.path().equals(path)).orElse(path.equals(reportedMissingHba))) {
            reloadHba(settings);
        }
    }

    /**
     * Re-reads pg_hba.conf, as the postmaster does on SIGHUP. Called for every reload (the settings
     * may be unchanged while pg_hba.conf changed, and then there is no configuration update).
     */
    void reloadHba(Map<String, String> settings) {
        try {
            hba = loadHba(settings);
        } catch (HbaFile.HbaException e) {
            e.errors().forEach(m -> LOG.info("{}", m));
            LOG.info("pg_hba.conf was not reloaded");
        }
    }

    /** hba_file, by default pg_hba.conf in the data directory; null when neither is known. */
    private static Path hbaPath(Map<String, String> settings) {
        String dataDirectory = settings.get(Settings.DATA_DIRECTORY);
        String hbaFile = settings.get("hba_file");
        if (hbaFile != null && !hbaFile.isBlank()) {
            Path p = Path.of(hbaFile.trim());
            return dataDirectory == null ? p : Path.of(dataDirectory).resolve(p);
        }
        return dataDirectory == null ? null : Path.of(dataDirectory, "pg_hba.conf");
    }

    private Optional<HbaFile> loadHba(Map<String, String> settings) throws HbaFile.HbaException {
        Path path = hbaPath(settings);
        if (path == null) {
            return Optional.empty(); // embedded without a data directory: trust, as before pg_hba.conf
        }
        try {
            HbaFile file = HbaFile.load(path, authMethods::containsKey, Settings.isOn(settings.get("ssl")),
                    m -> LOG.warn("{}", m));
            reportedMissingHba = null;
            return Optional.of(file);
        } catch (NoSuchFileException e) {
            if (!path.equals(reportedMissingHba)) {
                reportedMissingHba = path;
                LOG.warn("configuration file \"{}\" does not exist; every connection is accepted without"
                        + " authentication (trust)\nHINT:  Create pg_hba.conf to require authentication.", path);
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new HbaFile.HbaException(java.util.List.of("could not open configuration file \"" + path + "\": "
                    + e.getMessage()));
        }
    }

    /** For tests and embedding: sets pg_hba.conf directly. */
    void setHba(HbaFile file) {
        this.hba = Optional.ofNullable(file);
    }

    /** For tests and embedding: sets the LISTEN/NOTIFY queue directly. */
    void setNotificationQueue(NotificationQueue queue) {
        this.notificationQueue = queue;
    }

    /** For tests and embedding: sets the TLS set-up directly. */
    void setTls(ServerTls tls) {
        this.tls = tls;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAuthenticationMethod(AuthenticationMethod method, Map<String, Object> props) {
        authMethods.put(String.valueOf(props.getOrDefault(Settings.AUTH_METHOD, method.name())), method);
    }

    void removeAuthenticationMethod(AuthenticationMethod method, Map<String, Object> props) {
        authMethods.remove(String.valueOf(props.getOrDefault(Settings.AUTH_METHOD, method.name())), method);
    }

    @Override
    public void serve(ClientConnection connection, BackendContext context) {
        new BackendConnection(connection, context, engine, authMethods::get, tls, hba, roles,
                notificationQueue).run();
    }

    /** The registration of this service's reload listener, ended when the component deactivates. */
    private record ReloadListener(ServiceRegistration<?> registration) {

        /**
         * The settings bundle calls every {@code Consumer<Map<String, String>>} service with
         * {@code tusk.settings.listener=true} at each reload, whether or not the settings changed.
         */
        static ReloadListener listenForReloads(BundleContext context, Consumer<Map<String, String>> listener) {
            if (context == null) {
                return null;
            }
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("tusk.settings.listener", "true");
            return new ReloadListener(context.registerService(Consumer.class, listener, props));
        }

        void close() {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
    }
}
