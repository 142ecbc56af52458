package org.tusk.client;

/**
 * A failure of the client library: a connection string that does not parse, a server that cannot be
 * reached, a broken connection. The message is libpq's wording where libpq has one. Errors reported by
 * the server are the subclass {@link ServerException}.
 */
public class PgException extends Exception {
    private static final long serialVersionUID = 1L;

    public PgException(String message) {
        super(message);
    }

    public PgException(String message, Throwable cause) {
        super(message, cause);
    }
}
