package org.tusk.storage.heap;

/** The outcome of {@link HeapVisibility#satisfiesUpdate}: PostgreSQL's TM_Result. */
public enum TmResult {
    /** The tuple is visible and nobody else changes it: go ahead. */
    OK,
    /** The tuple is not visible to the command at all (inserted later, or by someone not yet committed). */
    INVISIBLE,
    /** This transaction already updated or deleted it in this command or a later one. */
    SELF_MODIFIED,
    /** A committed transaction updated it: follow t_ctid to the newer version. */
    UPDATED,
    /** A committed transaction deleted it. */
    DELETED,
    /** Another transaction still in progress updates, deletes or locks it: wait for that transaction. */
    BEING_MODIFIED,
    /** Another transaction holds it and the caller asked not to wait (SKIP LOCKED): pass it over. */
    WOULD_BLOCK
}
