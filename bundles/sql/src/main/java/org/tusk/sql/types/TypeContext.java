package org.tusk.sql.types;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The session state that type input and output depend on: PostgreSQL's DateStyle/TimeZone/
 * extra_float_digits globals, passed explicitly here.
 */
public interface TypeContext {

    /** The session's TimeZone setting. */
    ZoneId timeZone();

    /** The session's extra_float_digits setting (-15 .. 3). */
    int extraFloatDigits();

    /** Whether bytea_output is 'escape' (PostgreSQL's traditional format) rather than 'hex'. */
    boolean byteaOutputEscape();

    /** The start of the current transaction, which the input 'now' means. */
    Instant transactionStart();

    /** The session's DateStyle setting, normalised ("ISO, MDY", "German, DMY", ...). */
    default String dateStyle() {
        return "ISO, MDY";
    }

    /** The session's IntervalStyle setting (postgres, postgres_verbose, sql_standard or iso_8601). */
    default String intervalStyle() {
        return "postgres";
    }
}
