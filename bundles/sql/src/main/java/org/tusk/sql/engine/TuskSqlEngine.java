package org.tusk.sql.engine;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.tusk.spi.SessionInfo;
import org.tusk.spi.SqlEngine;
import org.tusk.spi.SqlSession;
import org.tusk.sql.session.Session;
import org.tusk.storage.access.StorageAccess;

/**
 * The SQL engine service. Stateless: everything a client changes lives in its {@link SqlSession}, so
 * one instance serves every backend.
 *
 * <p>Sessions run on the storage service when there is one: each opens a storage session for its
 * backend and finds relations in the catalogs stored there. Without storage (the public no-argument
 * constructor, used by tests and code outside OSGi, or a server whose storage is not running) the
 * engine evaluates expressions only and every table reference is 42P01. The reference is dynamic and
 * greedy so that a storage service registered later (the postmaster creates shared memory after the
 * bundles start, and again after a crash restart) is used by the sessions opened from then on.
 */
@Component(service = SqlEngine.class)
public final class TuskSqlEngine implements SqlEngine {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile StorageAccess storage;

    /** An engine without storage, or one whose storage Declarative Services sets. */
    public TuskSqlEngine() {
        this(null);
    }

    /** An engine on {@code storage} (tests and embedded use outside OSGi). */
    public TuskSqlEngine(StorageAccess storage) {
        this.storage = storage;
    }

    /**
     * Opens a session. With storage it is connected to the database the client named.
     *
     * @throws org.tusk.spi.SqlException FATAL for an unknown or invalid startup parameter, a database
     *         that does not exist, or no room in storage for another backend
     */
    @Override
    public SqlSession openSession(SessionInfo info) {
        return new Session(info, storage);
    }
}
