package org.tusk.storage.access;

/**
 * The keys an index scan returns: those between a lower and an upper bound. A bound is a prefix of
 * the index's key columns (fewer values than columns compare on the first ones only), or null for no
 * bound. {@code a = 5} is {@code [5, 5]}; {@code a > 5 AND a <= 9} is {@code (5, 9]}; {@code a = 1 AND
 * b >= 2} on (a, b) is {@code [(1, 2), (1)]}. NULL keys never match a bound (a condition on NULL is
 * never true), but an unbounded scan returns them where the index orders them.
 */
public record KeyRange(Object[] low, boolean lowInclusive, Object[] high, boolean highInclusive) {

    /** Every entry of the index. */
    public static final KeyRange ALL = new KeyRange(null, true, null, true);

    /** Entries equal to {@code key} (a prefix of the key columns). */
    public static KeyRange equal(Object... key) {
        return new KeyRange(key, true, key, true);
    }
}
