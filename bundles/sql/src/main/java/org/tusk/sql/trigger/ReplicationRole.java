package org.tusk.sql.trigger;

import org.tusk.sql.eval.EvalContext;

/**
 * session_replication_role (trigger.c's check before each trigger fires): in "origin" and "local" the
 * triggers enabled plainly ('O') or ALWAYS ('A') fire; in "replica", as a logical-replication apply or a
 * data-only restore wants, only ENABLE REPLICA ('R') and ALWAYS triggers do. Foreign keys are
 * PostgreSQL's 'O' triggers, so a replica session does not check or act on them either.
 */
public final class ReplicationRole {

    private ReplicationRole() {
    }

    /** Whether the session runs as a replica (session_replication_role = replica). */
    public static boolean replica(EvalContext ctx) {
        return "replica".equals(ctx.setting("session_replication_role"));
    }

    /** Whether a trigger with pg_trigger.tgenabled {@code enabled} fires in this session. */
    static boolean fires(EvalContext ctx, char enabled) {
        return switch (enabled) {
            case 'D' -> false;
            case 'A' -> true;
            case 'R' -> replica(ctx);
            default -> !replica(ctx);
        };
    }
}
