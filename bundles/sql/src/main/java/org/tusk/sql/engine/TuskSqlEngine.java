package org.tusk.sql.engine;

import org.osgi.service.component.annotations.Component;
import org.tusk.spi.SessionInfo;
import org.tusk.spi.SqlEngine;
import org.tusk.spi.SqlSession;
import org.tusk.sql.session.Session;

/**
 * The SQL engine service. Stateless: everything a client changes lives in its {@link SqlSession}, so
 * one instance serves every backend. It has a public no-argument constructor so that tests and code
 * outside OSGi can use it directly.
 */
@Component(service = SqlEngine.class)
public final class TuskSqlEngine implements SqlEngine {

    public TuskSqlEngine() {
        // Declarative Services and plain callers construct it the same way.
    }

    /**
     * Opens a session. There are no catalogs yet, so every database name is accepted.
     *
     * @throws org.tusk.spi.SqlException FATAL for an unknown or invalid startup parameter
     */
    @Override
    public SqlSession openSession(SessionInfo info) {
        return new Session(info);
    }
}
