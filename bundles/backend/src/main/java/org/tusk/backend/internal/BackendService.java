package org.tusk.backend.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import java.util.function.IntConsumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
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
import org.tusk.spi.Settings;
import org.tusk.spi.SqlEngine;

/**
 * Publishes the backend's main loop as the {@link BackendEntry} service. It holds only what every
 * backend shares read-only (the engine and the installed authentication methods); each connection
 * gets its own {@link BackendConnection}.
 */
@Component(service = BackendEntry.class, configurationPid = Settings.PID,
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

    /** The TLS set-up, loaded at start and on reload as PostgreSQL loads it; null when ssl is off. */
    private volatile ServerTls tls;

    public BackendService() {
    }

    /** For use outside OSGi (tests, a backend process of its own). */
    public BackendService(SqlEngine engine, AuthenticationMethod... methods) {
        this.engine = engine;
        for (AuthenticationMethod m : methods) {
            authMethods.put(m.name(), m);
        }
    }

    /** A server that cannot set up the TLS it was asked for does not start, as PostgreSQL. */
    @Activate
    void activate(Map<String, Object> config) {
        try {
            tls = ServerTls.fromSettings(stringSettings(config));
        } catch (ServerTls.TlsConfigurationException e) {
            LOG.error(FATAL, "{}", e.getMessage());
            if (exit != null) {
                exit.accept(1);
            }
        }
    }

    /** On reload a broken TLS set-up is reported and the previous one kept, as PostgreSQL does. */
    @Modified
    void modified(Map<String, Object> config) {
        try {
            tls = ServerTls.fromSettings(stringSettings(config));
        } catch (ServerTls.TlsConfigurationException e) {
            LOG.error("{}", e.getMessage());
            LOG.info("SSL configuration was not reloaded");
        }
    }

    private static Map<String, String> stringSettings(Map<String, Object> config) {
        Map<String, String> s = new java.util.HashMap<>();
        config.forEach((k, v) -> s.put(k.toLowerCase(java.util.Locale.ROOT), String.valueOf(v)));
        return s;
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
        new BackendConnection(connection, context, engine, authMethods::get, tls).run();
    }
}
