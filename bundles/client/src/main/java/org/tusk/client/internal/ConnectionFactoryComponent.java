package org.tusk.client.internal;

import org.osgi.service.component.annotations.Component;
import org.tusk.client.ClientEnvironment;
import org.tusk.client.Connection;
import org.tusk.client.ConnectionFactory;
import org.tusk.client.ConnectionParameters;
import org.tusk.client.PgException;

/** The OSGi service: a {@link ConnectionFactory} reading the process's environment. */
@Component(service = ConnectionFactory.class)
public final class ConnectionFactoryComponent implements ConnectionFactory {

    private final ConnectionFactory delegate = new DefaultConnectionFactory(ClientEnvironment.system());

    @Override
    public Connection connect(String conninfo) throws PgException {
        return delegate.connect(conninfo);
    }

    @Override
    public Connection connect(ConnectionParameters parameters) throws PgException {
        return delegate.connect(parameters);
    }
}
