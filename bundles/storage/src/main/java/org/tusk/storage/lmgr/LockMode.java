package org.tusk.storage.lmgr;

/**
 * The eight table-level lock modes of PostgreSQL, weakest first, with PostgreSQL's conflict table
 * (lock.c's {@code LockConflicts}, documented under "Explicit Locking").
 *
 * <p>A mode is identified by its ordinal; {@link #bit()} is its bit in the masks kept in shared memory
 * (granted modes, waited-for modes, modes held by one proc). Row and transaction-id locks use the same
 * modes (PostgreSQL takes ShareLock to wait for a transaction and ExclusiveLock on its own id).
 */
public enum LockMode {

    ACCESS_SHARE("AccessShareLock", "ACCESS SHARE"),
    ROW_SHARE("RowShareLock", "ROW SHARE"),
    ROW_EXCLUSIVE("RowExclusiveLock", "ROW EXCLUSIVE"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock", "SHARE UPDATE EXCLUSIVE"),
    SHARE("ShareLock", "SHARE"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock", "SHARE ROW EXCLUSIVE"),
    EXCLUSIVE("ExclusiveLock", "EXCLUSIVE"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock", "ACCESS EXCLUSIVE");

    private static final LockMode[] MODES = values();
    /** Number of modes: the length of the per-mode arrays in shared memory. */
    public static final int COUNT = MODES.length;

    private final String pgName;
    private final String sqlName;
    private int conflicts;

    static {
        // Each row names the modes the mode conflicts with; the table is symmetric, which a test checks.
        ACCESS_SHARE.conflicts = mask(ACCESS_EXCLUSIVE);
        ROW_SHARE.conflicts = mask(EXCLUSIVE, ACCESS_EXCLUSIVE);
        ROW_EXCLUSIVE.conflicts = mask(SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
        SHARE_UPDATE_EXCLUSIVE.conflicts =
                mask(SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
        SHARE.conflicts = mask(ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
        SHARE_ROW_EXCLUSIVE.conflicts =
                mask(ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
        EXCLUSIVE.conflicts = mask(ROW_SHARE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE,
                EXCLUSIVE, ACCESS_EXCLUSIVE);
        ACCESS_EXCLUSIVE.conflicts = mask(MODES);
    }

    LockMode(String pgName, String sqlName) {
        this.pgName = pgName;
        this.sqlName = sqlName;
    }

    /** The name PostgreSQL prints in messages and in {@code pg_locks.mode}, e.g. "AccessShareLock". */
    public String pgName() {
        return pgName;
    }

    /** The name in SQL ({@code LOCK TABLE t IN ROW EXCLUSIVE MODE}). */
    public String sqlName() {
        return sqlName;
    }

    /** This mode's bit in a mode mask. */
    public int bit() {
        return 1 << ordinal();
    }

    /** The mask of modes this mode conflicts with. */
    public int conflictMask() {
        return conflicts;
    }

    public boolean conflictsWith(LockMode other) {
        return (conflicts & other.bit()) != 0;
    }

    static LockMode of(int ordinal) {
        return MODES[ordinal];
    }

    /** The modes whose bits are set in {@code mask}, weakest first. */
    static String namesOf(int mask) {
        StringBuilder names = new StringBuilder();
        for (LockMode mode : MODES) {
            if ((mask & mode.bit()) != 0) {
                names.append(names.isEmpty() ? "" : ",").append(mode.pgName);
            }
        }
        return names.toString();
    }

    private static int mask(LockMode... modes) {
        int mask = 0;
        for (LockMode mode : modes) {
            mask |= mode.bit();
        }
        return mask;
    }
}
