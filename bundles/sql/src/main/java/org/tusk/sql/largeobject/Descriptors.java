package org.tusk.sql.largeobject;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;

/**
 * A backend's open large-object descriptors (be-fsstubs.c's cookies): small integers from 0, each the
 * object's OID, whether it may be read and written, and the current offset. All close when the transaction
 * ends (AtEOXact_LargeObject), so a descriptor never outlives the snapshot and locks it was opened under.
 */
public final class Descriptors {
    /** inv_api.h's INV_WRITE and INV_READ flags of lo_open and lo_creat. */
    static final int INV_WRITE = 0x20000;
    static final int INV_READ = 0x40000;

    /** One open large object. */
    static final class Descriptor {
        final long loid;
        final boolean read;
        final boolean write;
        long offset;

        Descriptor(long loid, boolean read, boolean write) {
            this.loid = loid;
            this.read = read;
            this.write = write;
        }
    }

    private final List<Descriptor> open = new ArrayList<>();

    int add(Descriptor d) {
        for (int i = 0; i < open.size(); i++) {
            if (open.get(i) == null) {
                open.set(i, d);
                return i;
            }
        }
        open.add(d);
        return open.size() - 1;
    }

    Descriptor get(int fd) {
        if (fd < 0 || fd >= open.size() || open.get(fd) == null) {
            throw new SqlException("42704", "invalid large-object descriptor: " + fd);
        }
        return open.get(fd);
    }

    void close(int fd) {
        get(fd);
        open.set(fd, null);
    }

    /** lo_unlink closes this backend's descriptors of the object it removes. */
    void closeObject(long loid) {
        for (int i = 0; i < open.size(); i++) {
            if (open.get(i) != null && open.get(i).loid == loid) {
                open.set(i, null);
            }
        }
    }

    /** The transaction ended (committed or rolled back): every descriptor closes. */
    public void closeAll() {
        open.clear();
    }
}
