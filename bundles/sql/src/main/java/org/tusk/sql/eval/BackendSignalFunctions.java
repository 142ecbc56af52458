package org.tusk.sql.eval;

import static org.tusk.sql.types.SqlType.BOOL;
import static org.tusk.sql.types.SqlType.INT4;
import static org.tusk.sql.types.SqlType.INT8;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.BackendSignals;
import org.tusk.spi.SqlException;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.storage.access.BackendActivity;
import org.tusk.storage.access.BackendSignal;
import org.tusk.storage.access.StorageSession;

/**
 * pg_cancel_backend(pid) and pg_terminate_backend(pid [, timeout]) as PostgreSQL 15's signalfuncs.c
 * has them: a permission check against the target's role, then a request that travels through shared
 * memory ({@link StorageSession#signalBackend}), never through a Java object of the postmaster, so that
 * a backend in another process is reached the same way as a thread. The target's watcher raises its
 * {@link BackendSignals} flags, which its executor polls (57014) and its client read honours (57P01).
 */
public final class BackendSignalFunctions {

    /** pg_signal_backend's OID: its members may signal any non-superuser backend. */
    static final int PG_SIGNAL_BACKEND = 4200;
    /** How long pg_terminate_backend's wait sleeps between looks (PostgreSQL: 100 ms). */
    private static final long WAIT_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How long a backend that signaled itself waits for its own watcher to raise the flag. */
    private static final long SELF_SIGNAL_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** Why pg_signal_backend refused or failed (its SIGNAL_BACKEND_* results). */
    enum Outcome {
        SUCCESS, ERROR, NO_PERMISSION, NO_SUPERUSER
    }

    private BackendSignalFunctions() {
    }

    static void register(CatalogInfoFunctions.Sink strict) {
        strict.add("pg_cancel_backend", List.of(INT4), BOOL, (a, c) -> cancel(c, (Integer) a[0]));
        strict.add("pg_terminate_backend", List.of(INT4), BOOL, (a, c) -> terminate(c, (Integer) a[0], 0));
        strict.add("pg_terminate_backend", List.of(INT4, INT8), BOOL, (a, c) -> terminate(c, (Integer) a[0],
                (Long) a[1]));
    }

    /**
     * Makes this backend receive what others send it: a terminate request raises the terminate flag
     * (which also ends a read of the client), a cancel the cancel flag.
     */
    public static void receive(StorageSession storage, int processId, BackendSignals signals) {
        storage.receiveSignals(processId, signal -> {
            if (signal == BackendSignal.TERMINATE) {
                signals.requestTerminate();
            } else {
                signals.requestCancel();
            }
        });
    }

    static boolean cancel(EvalContext c, int pid) {
        Outcome r = signal(c, pid, BackendSignal.CANCEL);
        if (r == Outcome.NO_SUPERUSER) {
            throw new SqlException("42501", "must be a superuser to cancel superuser query");
        }
        if (r == Outcome.NO_PERMISSION) {
            throw new SqlException("42501",
                    "must be a member of the role whose query is being canceled or member of pg_signal_backend");
        }
        return r == Outcome.SUCCESS;
    }

    static boolean terminate(EvalContext c, int pid, long timeout) {
        if (timeout < 0) {
            throw new SqlException("22003", "\"timeout\" must not be negative");
        }
        Outcome r = signal(c, pid, BackendSignal.TERMINATE);
        if (r == Outcome.NO_SUPERUSER) {
            throw new SqlException("42501", "must be a superuser to terminate superuser process");
        }
        if (r == Outcome.NO_PERMISSION) {
            throw new SqlException("42501",
                    "must be a member of the role whose process is being terminated or member of pg_signal_backend");
        }
        if (r == Outcome.SUCCESS && timeout > 0) {
            return waitUntilTermination(c, pid, timeout);
        }
        return r == Outcome.SUCCESS;
    }

    /**
     * pg_signal_backend: finds the backend, checks that the current user may signal it, and sends the
     * request. An unknown PID is only a WARNING, so that a loop over pg_stat_activity goes on when a
     * backend ended on its own meanwhile.
     */
    private static Outcome signal(EvalContext c, int pid, BackendSignal signal) {
        StorageSession storage = c.db() == null ? null : c.db().storage();
        if (storage == null || !storage.backendAlive(pid)) {
            c.notice(ErrorFields.of("WARNING", "01000", "PID " + pid + " is not a PostgreSQL backend process")
                    .build());
            return Outcome.ERROR;
        }
        RolePrivileges roles = roles(c);
        RolePrivileges.Role target = roles.role(targetUser(storage, pid));
        RolePrivileges.Role caller = roles.role(c.currentUser());
        Outcome allowed = permitted(roles, caller == null ? 0 : caller.oid(), target == null ? 0 : target.oid());
        if (allowed != Outcome.SUCCESS) {
            return allowed;
        }
        if (!storage.signalBackend(pid, signal)) {
            // It ended between the look and the request: what kill() reports as ESRCH.
            c.notice(ErrorFields.of("WARNING", "01000", "could not send signal to process " + pid
                    + ": No such process").build());
            return Outcome.ERROR;
        }
        if (pid == c.backendPid()) {
            awaitOwnSignal(c);
        }
        return Outcome.SUCCESS;
    }

    /**
     * The permission rules: a backend without a role, or a superuser's, only a superuser may signal;
     * otherwise the caller must have the privileges of the target's role or of pg_signal_backend.
     */
    static Outcome permitted(RolePrivileges roles, int caller, int target) {
        if ((target == 0 || roles.superuser(target)) && !roles.superuser(caller)) {
            return Outcome.NO_SUPERUSER;
        }
        if (!roles.hasPrivsOfRole(caller, target) && !roles.hasPrivsOfRole(caller, PG_SIGNAL_BACKEND)) {
            return Outcome.NO_PERMISSION;
        }
        return Outcome.SUCCESS;
    }

    /** The session user the backend advertises in the status area, or null if it advertises none yet. */
    private static String targetUser(StorageSession storage, int pid) {
        for (BackendActivity a : storage.backendActivity()) {
            if (a.pid() == pid) {
                return a.userName().isEmpty() ? null : a.userName();
            }
        }
        return null;
    }

    private static RolePrivileges roles(EvalContext c) {
        List<RolePrivileges.Role> roles = new ArrayList<>();
        List<RolePrivileges.Membership> memberships = new ArrayList<>();
        if (c.db() != null && c.db().catalog() instanceof RelationCache cache) {
            for (CatalogRow r : cache.tables().rows(CatalogDefinitions.PG_AUTHID, r -> true)) {
                roles.add(new RolePrivileges.Role(r.oid("oid"), r.text("rolname"), r.bool("rolsuper"),
                        r.bool("rolinherit")));
            }
            for (CatalogRow m : cache.tables().rows(CatalogDefinitions.PG_AUTH_MEMBERS, m -> true)) {
                memberships.add(new RolePrivileges.Membership(m.oid("roleid"), m.oid("member")));
            }
        }
        return new RolePrivileges(roles, memberships);
    }

    /**
     * A backend that signaled itself: PostgreSQL's kill() sets the flag before it returns, and the
     * next CHECK_FOR_INTERRUPTS acts on it. Here the request comes back through this process's
     * watcher thread, so wait (briefly) for the flag, and act on it at once.
     */
    private static void awaitOwnSignal(EvalContext c) {
        long deadline = System.nanoTime() + SELF_SIGNAL_NANOS;
        while (System.nanoTime() - deadline < 0) {
            c.checkForInterrupts();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /**
     * pg_wait_until_termination: waits until the backend is gone or {@code timeout} milliseconds have
     * passed, staying cancelable; on timeout a WARNING and false.
     */
    private static boolean waitUntilTermination(EvalContext c, int pid, long timeout) {
        StorageSession storage = c.db().storage();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
        while (true) {
            c.checkForInterrupts();
            if (!storage.backendAlive(pid)) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                c.notice(ErrorFields.of("WARNING", "01000", "backend with PID " + pid
                        + " did not terminate within " + timeout + " milliseconds").build());
                return false;
            }
            LockSupport.parkNanos(Math.min(left, WAIT_STEP_NANOS));
        }
    }
}
