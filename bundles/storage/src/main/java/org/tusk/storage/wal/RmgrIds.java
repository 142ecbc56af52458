package org.tusk.storage.wal;

/**
 * Resource manager ids, PostgreSQL 15's numbering (rmgrlist.h) so that a record's rmid means the
 * same thing it does there; 128-255 are for custom (extension and test) resource managers. And the
 * XLOG resource manager's record types (the high nibble of info).
 */
public final class RmgrIds {

    public static final int XLOG = 0;
    public static final int TRANSACTION = 1;
    public static final int STORAGE = 2;
    public static final int CLOG = 3;
    public static final int DATABASE = 4;
    public static final int HEAP2 = 9;
    public static final int HEAP = 10;
    public static final int BTREE = 11;
    /** The first id for custom resource managers (RM_MIN_CUSTOM_ID). */
    public static final int MIN_CUSTOM = 128;
    public static final int MAX = 255;

    /** XLOG record: checkpoint at shutdown (also written at the end of crash recovery). */
    public static final int XLOG_CHECKPOINT_SHUTDOWN = 0x00;
    /** XLOG record: checkpoint while running. */
    public static final int XLOG_CHECKPOINT_ONLINE = 0x10;
    /** XLOG record: does nothing (pg_logical_emit_message-like filler, used by tests). */
    public static final int XLOG_NOOP = 0x20;
    /** XLOG_NEXTOID: OIDs up to (not including) the record's int are handed out or about to be. */
    public static final int XLOG_NEXTOID = 0x30;

    private RmgrIds() {
    }
}
