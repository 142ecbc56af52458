package org.tusk.storage.control;

/** The cluster state in pg_control, PostgreSQL's DBState: same order (stored as the ordinal), same names. */
public enum DbState {
    STARTING_UP("starting up"),
    SHUT_DOWN("shut down"),
    SHUT_DOWN_IN_RECOVERY("shut down in recovery"),
    SHUTTING_DOWN("shutting down"),
    IN_CRASH_RECOVERY("in crash recovery"),
    IN_ARCHIVE_RECOVERY("in archive recovery"),
    IN_PRODUCTION("in production");

    private final String text;

    DbState(String text) {
        this.text = text;
    }

    /** What pg_controldata prints ("Database cluster state"). */
    public String text() {
        return text;
    }
}
