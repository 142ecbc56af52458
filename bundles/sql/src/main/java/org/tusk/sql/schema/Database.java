package org.tusk.sql.schema;

import org.tusk.storage.access.StorageSession;

/**
 * One backend's view of its database: the storage session its statements run in and the catalog that
 * finds relations. A session has one for its whole life; statement executors reach it through
 * {@link org.tusk.sql.eval.EvalContext#db()} (null there when the engine runs without storage, in
 * which case every table reference is 42P01).
 *
 * <p>The session owns the transaction: executors read and write through {@link #storage()} inside the
 * transaction and statement the session has started, and never begin, commit or abort it themselves.
 */
public interface Database {

    /** The backend's storage session, in the current transaction with the current statement's snapshot. */
    StorageSession storage();

    /** Relations of this database as the current transaction sees them. */
    Catalog catalog();
}
