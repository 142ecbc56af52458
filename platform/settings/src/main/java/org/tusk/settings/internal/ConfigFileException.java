package org.tusk.settings.internal;

/** A configuration file that cannot be used; the message is PostgreSQL's wording. */
final class ConfigFileException extends Exception {
    private static final long serialVersionUID = 1L;

    ConfigFileException(String message) {
        super(message);
    }

    ConfigFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
