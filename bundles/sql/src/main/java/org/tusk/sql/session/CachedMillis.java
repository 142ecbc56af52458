package org.tusk.sql.session;

/**
 * A millisecond setting (statement_timeout, deadlock_timeout) as a number, parsed again only when its
 * text changes. Every statement reads both; parsing the normalised text each time cost more than the
 * rest of a cached prepared statement's bookkeeping.
 */
final class CachedMillis {
    private String text;
    private long millis;

    /** The value of the setting whose current text is {@code value} ("0", "5s", "1min", "250ms", ...). */
    long of(String value) {
        if (!value.equals(text)) {
            millis = Session.parseMillis(value);
            text = value;
        }
        return millis;
    }
}
