package org.tusk.backend.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
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
@Component(service = BackendEntry.class)
public final class BackendService implements BackendEntry {

    private final Map<String, AuthenticationMethod> authMethods = new ConcurrentHashMap<>();

    @Reference
    private SqlEngine engine;

    public BackendService() {
    }

    /** For use outside OSGi (tests, a backend process of its own). */
    public BackendService(SqlEngine engine, AuthenticationMethod... methods) {
        this.engine = engine;
        for (AuthenticationMethod m : methods) {
            authMethods.put(m.name(), m);
        }
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
        new BackendConnection(connection, context, engine, authMethods::get).run();
    }
}
