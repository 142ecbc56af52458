package org.tusk.storage.access;

/**
 * One backend's entry in the shared status area, as a consistent copy (what pg_stat_activity shows of
 * it). Times are microseconds since 1970-01-01 UTC, 0 when there is none.
 *
 * @param pid              the backend's process ID (pg_backend_pid())
 * @param databaseOid      its database
 * @param userName         its session user (at most 63 bytes)
 * @param applicationName  application_name when it started (at most 63 bytes)
 * @param state            what it does now; null before its first report
 * @param query            the statement running or last run (at most 1023 bytes)
 * @param backendStart     when it started
 * @param transactionStart when its transaction started, 0 outside one
 * @param queryStart       when the statement running or last run started
 * @param stateChange      when {@code state} last changed
 */
public record BackendActivity(int pid, int databaseOid, String userName, String applicationName, State state,
        String query, long backendStart, long transactionStart, long queryStart, long stateChange) {

    /** pg_stat_activity.state (PostgreSQL's BackendState, as the view spells it). */
    public enum State {
        IDLE("idle"), ACTIVE("active"), IDLE_IN_TRANSACTION("idle in transaction"),
        IDLE_IN_TRANSACTION_ABORTED("idle in transaction (aborted)");

        private final String text;

        State(String text) {
            this.text = text;
        }

        /** How pg_stat_activity prints it. */
        public String text() {
            return text;
        }
    }
}
