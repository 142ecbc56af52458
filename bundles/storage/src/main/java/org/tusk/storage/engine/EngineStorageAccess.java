package org.tusk.storage.engine;

import org.tusk.storage.access.AccessException;
import org.tusk.storage.access.StorageAccess;
import org.tusk.storage.access.StorageSession;

/**
 * The access API's entry point on one process's engine, whether it created the segment or attached
 * to it: {@link #openSession} claims a free proc number in the segment ({@link ProcSlots}, shared by
 * every process), so in-JVM backends and backends of other JVMs can open sessions side by side.
 */
public final class EngineStorageAccess implements StorageAccess {

    private final StorageEngine engine;

    public EngineStorageAccess(StorageEngine engine) {
        this.engine = engine;
    }

    /**
     * @throws AccessException 53300 if all max_connections proc numbers are taken, 57P03 if the engine
     *     has been shut down
     */
    @Override
    public StorageSession openSession(int processId) {
        if (engine.isClosed()) {
            throw new AccessException("57P03", "the database system is shutting down");
        }
        Session session = engine.openSession(processId);
        if (session == null) {
            throw new AccessException("53300", "sorry, too many clients already");
        }
        return AccessSession.open(engine, session);
    }
}
