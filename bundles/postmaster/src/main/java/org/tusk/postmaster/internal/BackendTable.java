package org.tusk.postmaster.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.tusk.spi.BackendIdentity;
import org.tusk.spi.BackendProcess;
import org.tusk.spi.BackendRegistry;

/**
 * The postmaster's table of live backends: identity, cancel key, start time, state. It is the
 * {@link BackendRegistry} backends talk to. Today it lives in the postmaster's heap and is reached only
 * through that interface; when backends run as processes of their own, this table moves into the
 * shared-memory segment (as PostgreSQL's PMChildFlags and ProcArray) behind the same interface.
 */
final class BackendTable implements BackendRegistry {

    /** One backend's row. */
    static final class Row {
        final BackendIdentity identity;
        final Instant started = Instant.now();
        volatile BackendProcess process;
        volatile BackendState state = BackendState.STARTING;
        volatile String user;
        volatile String database;
        volatile String applicationName;
        volatile boolean admitted;

        Row(BackendIdentity identity) {
            this.identity = identity;
        }
    }

    private final ConcurrentHashMap<Integer, Row> rows = new ConcurrentHashMap<>();
    /** Sessions holding a connection slot; guarded by {@code this}. */
    private int admittedCount;
    private volatile int maxConnections = 100;
    private volatile int superuserReservedConnections = 3;
    private volatile Admission refusal;
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger nextProcessId;

    BackendTable(int firstProcessId) {
        this.nextProcessId = new AtomicInteger(firstProcessId);
    }

    /** Allocates a fresh identity and enters it; process IDs are unique among live backends. */
    Row allocate() {
        while (true) {
            int pid = nextProcessId.getAndUpdate(v -> v >= 0x3FFFFFFF ? 1000 : v + 1);
            Row row = new Row(new BackendIdentity(pid, random.nextInt()));
            if (rows.putIfAbsent(pid, row) == null) {
                return row;
            }
        }
    }

    void remove(int processId) {
        Row row = rows.remove(processId);
        if (row != null && row.admitted) {
            synchronized (this) {
                admittedCount--;
            }
        }
    }

    void setLimits(int maxConnections, int superuserReservedConnections) {
        this.maxConnections = maxConnections;
        this.superuserReservedConnections = superuserReservedConnections;
    }

    /** Refusals that apply to every new session, set by the postmaster; null while it accepts sessions. */
    void refuseNewSessions(Admission reason) {
        this.refusal = reason;
    }

    @Override
    public Admission admit(int processId, boolean superuser) {
        Admission refused = refusal;
        if (refused != null) {
            return refused;
        }
        Row row = rows.get(processId);
        if (row == null) {
            return Admission.SHUTTING_DOWN; // not launched by this postmaster, or already gone
        }
        int limit = superuser ? maxConnections : maxConnections - superuserReservedConnections;
        synchronized (this) {
            if (row.admitted) {
                return Admission.ADMITTED;
            }
            if (admittedCount >= limit) {
                return Admission.TOO_MANY_CLIENTS;
            }
            admittedCount++;
            row.admitted = true;
            return Admission.ADMITTED;
        }
    }

    int size() {
        return rows.size();
    }

    List<Row> snapshot() {
        return new ArrayList<>(rows.values());
    }

    @Override
    public void cancel(int processId, int secretKey) {
        Row row = rows.get(processId);
        if (row == null) {
            return;
        }
        // Compare in constant time so that timing does not leak how close a guess was.
        byte[] expected = intBytes(row.identity.secretKey());
        byte[] given = intBytes(secretKey);
        BackendProcess process = row.process;
        if (MessageDigest.isEqual(expected, given) && process != null) {
            process.cancel();
        }
    }

    @Override
    public void reportState(int processId, BackendState state, String user, String database,
            String applicationName) {
        Row row = rows.get(processId);
        if (row == null) {
            return;
        }
        row.state = state;
        if (user != null) {
            row.user = user;
            row.database = database;
            row.applicationName = applicationName;
        }
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
