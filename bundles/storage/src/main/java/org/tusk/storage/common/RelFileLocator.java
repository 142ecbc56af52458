package org.tusk.storage.common;

import java.nio.file.Path;

/**
 * Where a relation's files are: tablespace, database and relation file number, all OIDs (unsigned
 * 32-bit values kept in ints). PostgreSQL's {@code RelFileLocator}.
 */
public record RelFileLocator(int tablespace, int database, int relNumber) {

    /** A relation of {@code pg_default} in the given database. */
    public static RelFileLocator of(int database, int relNumber) {
        return new RelFileLocator(StorageConstants.DEFAULT_TABLESPACE, database, relNumber);
    }

    /**
     * The path of segment {@code segment} of {@code fork}, relative to the data directory:
     * {@code base/<db>/<rel>[_fork][.segment]}, or {@code global/<rel>...} for shared relations.
     */
    public Path path(ForkNumber fork, int segment) {
        String name = Integer.toUnsignedString(relNumber) + fork.suffix() + (segment == 0 ? "" : "." + segment);
        if (tablespace == StorageConstants.GLOBAL_TABLESPACE) {
            return Path.of("global", name);
        }
        if (tablespace != StorageConstants.DEFAULT_TABLESPACE) {
            throw new UnsupportedOperationException("tablespaces other than pg_default and pg_global are not supported");
        }
        return Path.of("base", Integer.toUnsignedString(database), name);
    }

    @Override
    public String toString() {
        return Integer.toUnsignedString(tablespace) + "/" + Integer.toUnsignedString(database) + "/"
                + Integer.toUnsignedString(relNumber);
    }
}
