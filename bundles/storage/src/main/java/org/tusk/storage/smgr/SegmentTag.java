package org.tusk.storage.smgr;

import java.nio.file.Path;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;

/** One segment file of one fork of a relation: the unit that is opened, cached and fsynced. */
public record SegmentTag(RelFileLocator rel, ForkNumber fork, int segment) {

    /** The file's path relative to the data directory, as PostgreSQL prints it in messages. */
    public Path path() {
        return rel.path(fork, segment);
    }
}
