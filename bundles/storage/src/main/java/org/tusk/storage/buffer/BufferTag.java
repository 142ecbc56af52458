package org.tusk.storage.buffer;

import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;

/** Which disk block a buffer holds: relation, fork and block number (PostgreSQL's BufferTag). */
public record BufferTag(RelFileLocator rel, ForkNumber fork, int block) {

    /**
     * A well-mixed 32-bit hash (a 64-bit finalizer over every field): its low bits pick both the
     * mapping table bucket and the partition, so they must not follow block numbers in lock step.
     */
    int hash() {
        long h = rel.relNumber() * 0x9E3779B97F4A7C15L;
        h ^= (long) rel.database() * 0xC2B2AE3D27D4EB4FL;
        h ^= (long) rel.tablespace() << 40;
        h ^= (long) fork.ordinal() << 56;
        h ^= block * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h;
    }

    @Override
    public String toString() {
        return rel + (fork == ForkNumber.MAIN ? "" : fork.suffix()) + " block " + Integer.toUnsignedString(block);
    }
}
