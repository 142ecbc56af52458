package org.tusk.storage.access;

/**
 * An insert into a unique index found a committed (or own) row with the same key: SQLSTATE 23505.
 * The SQL layer knows the index and column names and writes PostgreSQL's message and detail
 * ({@code duplicate key value violates unique constraint "..."}, {@code Key (a)=(1) already exists.}).
 */
public final class UniqueViolationException extends AccessException {

    private final transient Object[] key;

    public UniqueViolationException(Object[] key) {
        super("23505", "duplicate key value violates unique constraint");
        this.key = key.clone();
    }

    /** The duplicate key's values, in index column order. */
    public Object[] key() {
        return key.clone();
    }
}
