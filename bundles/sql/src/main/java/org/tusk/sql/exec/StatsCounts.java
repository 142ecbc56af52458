package org.tusk.sql.exec;

import org.tusk.storage.access.RelationCounts;
import org.tusk.storage.access.StorageSession;

/**
 * A plan node's handle on its backend's statistics counts of one relation ({@link RelationCounts}): looked
 * up in the storage session once, then kept while the node runs in that session (a prepared statement's
 * plan starts again at every Execute; the lookup would be a map probe each time).
 */
final class StatsCounts {
    private StorageSession owner;
    private RelationCounts counts;

    RelationCounts of(StorageSession storage, int database, int object) {
        if (owner != storage) {
            counts = storage.relationCounts(database, object);
            owner = storage;
        }
        return counts;
    }
}
