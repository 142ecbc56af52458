package org.tusk.storage.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.storage.access.CumulativeStats;
import org.tusk.storage.access.RelationCounts;

/**
 * One backend's statistics not yet in shared memory (PostgreSQL's pending pgstat entries): the
 * {@link RelationCounts} it handed to the executor, by (database, relation OID), and its database's
 * transaction and deadlock counts. {@link #flush} adds them to the {@link StatsArea} at the end of each
 * transaction (PostgreSQL flushes when the backend goes idle, at most once a second; a flush here costs a
 * few atomic adds per relation the transaction touched, and makes every committed count visible at once,
 * which is what PostgreSQL's tests force with pg_stat_force_next_flush()).
 */
final class PendingStats {

    private final Map<Long, RelationCounts> relations = new HashMap<>();
    private final List<RelationCounts> touched = new ArrayList<>();
    /** The backend's database, once it reported its start; -1 before (no database counts then). */
    private int database = -1;
    private long deadlocks;

    void database(int oid) {
        database = oid;
    }

    int database() {
        return database;
    }

    RelationCounts relation(int database, int object) {
        return relations.computeIfAbsent((long) database << 32 | Integer.toUnsignedLong(object),
                k -> new RelationCounts(database, object, touched));
    }

    void deadlock() {
        deadlocks++;
    }

    /**
     * The transaction ended ({@code committed} or not): adds everything counted to the shared entries, as
     * pgstat_relation_flush_cb and pgstat_database_flush_cb after AtEOXact_PgStat_Relations.
     */
    void flush(StatsArea area, boolean committed) {
        if (area == null) {
            touched.forEach(RelationCounts::clear);
            touched.clear();
            return;
        }
        long db = database >= 0 ? area.entry(database, CumulativeStats.DATABASE_ENTRY, true) : -1;
        for (RelationCounts c : touched) {
            long e = area.entry(c.database(), c.object(), true);
            if (e >= 0) {
                flushRelation(area, e, c, committed);
            }
            if (db >= 0 && c.database() == database) {
                area.add(db, CumulativeStats.DB_TUPLES_RETURNED, c.tuplesReturned());
                area.add(db, CumulativeStats.DB_TUPLES_FETCHED, c.tuplesFetched());
                area.add(db, CumulativeStats.DB_TUPLES_INSERTED, c.inserted());
                area.add(db, CumulativeStats.DB_TUPLES_UPDATED, c.updated());
                area.add(db, CumulativeStats.DB_TUPLES_DELETED, c.deleted());
            }
            c.clear();
        }
        touched.clear();
        if (db >= 0) {
            area.add(db, committed ? CumulativeStats.XACT_COMMIT : CumulativeStats.XACT_ROLLBACK, 1);
            area.add(db, CumulativeStats.DEADLOCKS, deadlocks);
        }
        deadlocks = 0;
    }

    private static void flushRelation(StatsArea area, long e, RelationCounts c, boolean committed) {
        area.add(e, CumulativeStats.NUMSCANS, c.numScans());
        area.add(e, CumulativeStats.TUPLES_RETURNED, c.tuplesReturned());
        area.add(e, CumulativeStats.TUPLES_FETCHED, c.tuplesFetched());
        // Attempted changes count whether or not the transaction commits.
        area.add(e, CumulativeStats.TUPLES_INSERTED, c.inserted());
        area.add(e, CumulativeStats.TUPLES_UPDATED, c.updated());
        area.add(e, CumulativeStats.TUPLES_DELETED, c.deleted());
        area.add(e, CumulativeStats.TUPLES_HOT_UPDATED, c.hotUpdated());
        if (committed) {
            if (c.wasTruncated()) {
                area.set(e, CumulativeStats.LIVE_TUPLES, 0);
                area.set(e, CumulativeStats.DEAD_TUPLES, 0);
                area.set(e, CumulativeStats.INSERTS_SINCE_VACUUM, 0);
            }
            // An insert adds a live tuple, a delete removes one; an update and a delete each leave a dead one.
            area.addClamped(e, CumulativeStats.LIVE_TUPLES, c.inserted() - c.deleted());
            area.addClamped(e, CumulativeStats.DEAD_TUPLES, c.updated() + c.deleted());
            area.add(e, CumulativeStats.CHANGES_SINCE_ANALYZE, c.inserted() + c.updated() + c.deleted());
        } else {
            // The aborted transaction's new tuples are dead; what it deleted is still there.
            area.addClamped(e, CumulativeStats.DEAD_TUPLES, c.inserted() + c.updated());
        }
        area.add(e, CumulativeStats.INSERTS_SINCE_VACUUM, c.inserted());
    }
}
