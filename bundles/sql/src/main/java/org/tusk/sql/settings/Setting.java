package org.tusk.sql.settings;

/**
 * One configuration parameter (a row of PostgreSQL's GUC tables): its canonical name, who may change
 * it, its built-in default, whether changes are reported to the client with ParameterStatus, and how
 * a written value is checked and normalised.
 *
 * @param name the canonical name, as SHOW's column and ParameterStatus print it ("DateStyle")
 * @param context when it may be changed
 * @param bootValue the built-in default
 * @param reported whether the client is told of changes (GUC_REPORT)
 * @param list whether it takes a list of values (GUC_LIST_INPUT), as DateStyle and search_path do
 * @param quoteNames whether list items are names to quote when needed (GUC_LIST_QUOTE, search_path)
 * @param description SHOW ALL's description column
 * @param parser checks a value and returns its normal form
 */
public record Setting(String name, Context context, String bootValue, boolean reported, boolean list,
        boolean quoteNames, String description, ValueParser parser) {

    /** When a parameter may change (PostgreSQL's GucContext, reduced to what matters here). */
    public enum Context {
        /** Fixed by the server build: never. */
        INTERNAL,
        /** Fixed at server start: only in postgresql.conf. */
        POSTMASTER,
        /** Any session, at any time. */
        USER,
        /** A superuser's session, at any time (PostgreSQL's PGC_SUSET). */
        SUPERUSER
    }

    /** Checks a value; {@code givenName} is the name as the user wrote it, for messages. */
    @FunctionalInterface
    public interface ValueParser {
        String parse(String value, String givenName);
    }
}
