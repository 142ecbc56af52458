package org.tusk.storage.common;

/** Sizes fixed at compile time, as PostgreSQL fixes them at configure time. */
public final class StorageConstants {

    /** Page (block) size in bytes: PostgreSQL's BLCKSZ. */
    public static final int BLOCK_SIZE = 8192;

    /** Blocks per relation segment file: 1 GiB files, PostgreSQL's RELSEG_SIZE. */
    public static final int BLOCKS_PER_SEGMENT = (1 << 30) / BLOCK_SIZE;

    /** Size of one WAL segment file under {@code pg_wal/}: PostgreSQL's default 16 MiB. */
    public static final int WAL_SEGMENT_SIZE = 16 << 20;

    /** Tablespace OID of {@code pg_default} (files under {@code base/}). */
    public static final int DEFAULT_TABLESPACE = 1663;

    /** Tablespace OID of {@code pg_global} (shared catalogs, files under {@code global/}). */
    public static final int GLOBAL_TABLESPACE = 1664;

    private StorageConstants() {
    }
}
