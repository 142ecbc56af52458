package org.tusk.storage.access;

/**
 * A change of a sequence relation's one tuple made in place (PostgreSQL's nextval_internal and do_setval
 * in commands/sequence.c), for {@link Table#overwriteInPlace}. It runs under the page's exclusive lock,
 * so concurrent callers (threads or processes) see each other's values one after the other; it must only
 * compute.
 */
@FunctionalInterface
public interface InPlaceChange {

    /**
     * What to write given the tuple's values now. {@code mustLog} says that no WAL record covers the
     * page since the last checkpoint (its LSN is at or before the redo pointer): a crash would then
     * restore the tuple from the data file alone, so the change must log (PostgreSQL's "checkpoint
     * since the last record" rule). Returns null to write nothing.
     */
    Overwrite apply(Object[] current, boolean mustLog);

    /**
     * The values the page gets, and those the WAL record carries ({@code logged}; null: no record).
     * Logging values ahead of the page's (a sequence's last value 32 steps on) makes recovery skip
     * values rather than hand one out twice.
     */
    record Overwrite(Object[] values, Object[] logged) {
    }
}
