package org.tusk.storage.wal;

/**
 * How WAL is forced to disk: PostgreSQL's {@code wal_sync_method}. The {@code open_*} methods open the
 * segment with {@code O_DSYNC}/{@code O_SYNC} ({@link java.nio.file.StandardOpenOption#DSYNC},
 * {@link java.nio.file.StandardOpenOption#SYNC}) so that every write returns only once durable; the
 * others write, then call {@code fdatasync} ({@code force(false)}) or {@code fsync} ({@code force(true)}).
 */
public enum SyncMethod {
    FDATASYNC("fdatasync"),
    FSYNC("fsync"),
    OPEN_DATASYNC("open_datasync"),
    OPEN_SYNC("open_sync");

    private final String settingName;

    SyncMethod(String settingName) {
        this.settingName = settingName;
    }

    /** The value as written in postgresql.conf. */
    public String settingName() {
        return settingName;
    }

    public boolean syncsOnWrite() {
        return this == OPEN_DATASYNC || this == OPEN_SYNC;
    }

    public static SyncMethod fromSetting(String value) {
        for (SyncMethod m : values()) {
            if (m.settingName.equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("invalid value for parameter \"wal_sync_method\": \"" + value + "\"");
    }
}
