package org.tusk.storage.engine;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import org.tusk.storage.shmem.SharedMemory;

/**
 * Cluster-wide counters in the segment ("engine counters"), so that every backend of every process
 * sees the same values: the next OID to hand out (PostgreSQL's ShmemVariableCache->nextOid) and the
 * catalog version, which grows each time a transaction that changed catalogs commits (standing in for
 * PostgreSQL's shared invalidation queue: a backend that sees a new value drops its catalog caches).
 * A third counts relation file removals (see {@link #relationRemovals}); a fourth word is a flag saying
 * the cluster's catalogs are known to be committed (see {@link #catalogsBootstrapped}). All are 64-bit
 * words changed with atomic instructions; no lock is needed for a counter.
 *
 * <p>OIDs survive a crash as PostgreSQL's do: before handing out an OID at or past the limit already
 * WAL-logged, a backend logs an XLOG_NEXTOID record for the next {@value #OID_PREFETCH} and raises
 * the limit (GetNewObjectId with VARSUP_OID_PREFETCH). The record is not flushed: anything that
 * makes an OID durable (a catalog row's insert, its commit) is logged after it, so flushing that
 * flushes the record. Recovery takes the highest NEXTOID (and checkpoint) value as the next OID, and
 * a checkpoint records the logged limit, not the counter, so a restart skips at most 8192 OIDs and
 * never reuses one.
 */
final class SharedCounters {

    static final String NAME = "engine counters";
    /** FirstNormalObjectId: OIDs below it belong to the bootstrap catalogs and initdb. */
    static final long FIRST_NORMAL_OID = 16384;
    private static final long OID_LIMIT = 1L << 32;
    private static final long NEXT_OID = 0;
    private static final long CATALOG_VERSION = 8;
    private static final long OID_LOGGED_LIMIT = 16;
    private static final long RELATION_REMOVALS = 24;
    private static final long CATALOGS_BOOTSTRAPPED = 32;
    private static final long SIZE = 40;
    /** VARSUP_OID_PREFETCH: OIDs covered by one NEXTOID record. */
    static final int OID_PREFETCH = 8192;
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private final MemorySegment words;

    private SharedCounters(MemorySegment words) {
        this.words = words;
    }

    static long shmemSize() {
        return SIZE + SharedMemory.ALIGNMENT;
    }

    /** Formats the counters: OIDs continue at {@code nextOid} (from the control file or recovery). */
    static SharedCounters initialize(SharedMemory shm, long nextOid) {
        SharedCounters counters = new SharedCounters(shm.allocate(NAME, SIZE));
        counters.setNextOid(nextOid);
        LONG.setVolatile(counters.words, OID_LOGGED_LIMIT, 0L); // nothing logged by this incarnation yet
        LONG.setVolatile(counters.words, CATALOG_VERSION, 1L);
        LONG.setVolatile(counters.words, RELATION_REMOVALS, 0L);
        LONG.setVolatile(counters.words, CATALOGS_BOOTSTRAPPED, 0L); // the first login of this start checks
        return counters;
    }

    static SharedCounters attach(SharedMemory shm) {
        return new SharedCounters(shm.lookup(NAME));
    }

    /**
     * The next OID (GetNewObjectId): unsigned 32-bit values from 16384 up; after 4294967295 the
     * counter wraps back to 16384, as PostgreSQL's does (callers that need uniqueness check for a
     * collision, as PostgreSQL's GetNewOidWithIndex does).
     */
    int newOid(java.util.function.LongConsumer logNextOid) {
        while (true) {
            long current = (long) LONG.getVolatile(words, NEXT_OID);
            long oid = current < FIRST_NORMAL_OID || current >= OID_LIMIT ? FIRST_NORMAL_OID : current;
            long limit = (long) LONG.getVolatile(words, OID_LOGGED_LIMIT);
            if (oid >= limit || limit - oid > OID_PREFETCH + 1L) {
                // Not covered by a NEXTOID record (or covered by one from before a wraparound): log first.
                long newLimit = oid + OID_PREFETCH;
                logNextOid.accept(newLimit);
                LONG.compareAndSet(words, OID_LOGGED_LIMIT, limit, newLimit);
                continue;
            }
            if (LONG.compareAndSet(words, NEXT_OID, current, oid + 1)) {
                return (int) oid;
            }
        }
    }

    /**
     * What a checkpoint records as the next OID: the WAL-logged limit when there is one (OIDs below it
     * may be in use without a later record saying so), else the counter.
     */
    int checkpointOid() {
        long limit = (long) LONG.getVolatile(words, OID_LOGGED_LIMIT);
        long next = (long) LONG.getVolatile(words, NEXT_OID);
        long oid = Math.max(limit, next);
        return (int) (oid < FIRST_NORMAL_OID || oid >= OID_LIMIT ? FIRST_NORMAL_OID : oid);
    }

    /** Moves the counter forward to {@code oid} if it is behind (never backward). */
    void advanceNextOid(long oid) {
        while (true) {
            long current = (long) LONG.getVolatile(words, NEXT_OID);
            if (current >= oid || LONG.compareAndSet(words, NEXT_OID, current, oid)) {
                return;
            }
        }
    }

    private void setNextOid(long oid) {
        long unsigned = oid & 0xFFFF_FFFFL;
        LONG.setVolatile(words, NEXT_OID, Math.max(FIRST_NORMAL_OID, unsigned));
    }

    long catalogVersion() {
        return (long) LONG.getVolatile(words, CATALOG_VERSION);
    }

    /** Advances the catalog version; returns the new value. */
    long advanceCatalogVersion() {
        return (long) LONG.getAndAdd(words, CATALOG_VERSION, 1L) + 1;
    }

    /**
     * How many times relation files were removed (a dropped relation, an aborted creation, a dropped
     * database) since the segment was made. A backend that saw a relation's file when this counter had
     * value v knows it is still there while the counter is still v, without asking the file system
     * (the sinval message that tells PostgreSQL's backends to close their smgr relations).
     */
    long relationRemovals() {
        return (long) LONG.getVolatile(words, RELATION_REMOVALS);
    }

    /** Called before relation files are removed, so that no backend trusts its memory of them after. */
    void noteRelationRemoval() {
        LONG.getAndAdd(words, RELATION_REMOVALS, 1L);
    }

    /**
     * Whether some backend of this server start has seen the catalogs' bootstrap committed. Committed
     * catalogs never go away, so once set the flag stays set until the segment is made again (the next
     * start, where the first login looks once more).
     */
    boolean catalogsBootstrapped() {
        return (long) LONG.getVolatile(words, CATALOGS_BOOTSTRAPPED) != 0;
    }

    /** Records that the catalogs' bootstrap is committed (see {@link #catalogsBootstrapped}). */
    void noteCatalogsBootstrapped() {
        LONG.setVolatile(words, CATALOGS_BOOTSTRAPPED, 1L);
    }
}
