package org.tusk.storage.access;

/**
 * The numeric values that are not numbers, which {@link java.math.BigDecimal} cannot hold. PostgreSQL
 * sorts them {@code -Infinity < every number < Infinity < NaN} (NaN equals NaN).
 */
public enum NumericSpecial {
    NEGATIVE_INFINITY,
    POSITIVE_INFINITY,
    NAN
}
