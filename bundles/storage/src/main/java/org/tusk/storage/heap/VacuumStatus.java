package org.tusk.storage.heap;

/** The outcome of {@link HeapVisibility#satisfiesVacuum}: PostgreSQL's HTSV_Result. */
public enum VacuumStatus {
    /** Dead to everyone: its space can be reclaimed. */
    DEAD,
    /** Visible (or will be) to everyone who can see it: keep. */
    LIVE,
    /** Deleted by a committed transaction, but some snapshot may still see it. */
    RECENTLY_DEAD,
    /** The inserting transaction is still running. */
    INSERT_IN_PROGRESS,
    /** Inserted by a committed transaction, the deleting one is still running. */
    DELETE_IN_PROGRESS
}
