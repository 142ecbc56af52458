package org.tusk.sql.largeobject;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;

/**
 * A backend's open large-object descriptors (be-fsstubs.c's cookies): small integers from 0, each the
 * object's OID, whether it may be read and written, and the current offset. All close when the transaction
 * ends (AtEOXact_LargeObject), so a descriptor never outlives the snapshot and locks it was opened under;
 * one opened inside a savepoint closes when that savepoint is rolled back to, or its subtransaction aborts
 * (AtEOSubXact_LargeObject), and passes to the enclosing level when it is released.
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
        /** How many savepoints were open when it was opened (0: at the transaction's top level). */
        int level;

        Descriptor(long loid, boolean read, boolean write) {
            this.loid = loid;
            this.read = read;
            this.write = write;
        }
    }

    private final List<Descriptor> open = new ArrayList<>();
    /** How many savepoints the transaction has open now. */
    private int level;

    int add(Descriptor d) {
        d.level = level;
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
        level = 0;
    }

    /** A savepoint was made: what opens from now on belongs to it. */
    public void savepoint() {
        level++;
    }

    /**
     * RELEASE of the savepoint at {@code index} (0 the outermost) and the later ones: their descriptors stay
     * open, now at the level that encloses them.
     */
    public void release(int index) {
        level = index;
        for (Descriptor d : open) {
            if (d != null && d.level > index) {
                d.level = index;
            }
        }
    }

    /**
     * ROLLBACK TO the savepoint at {@code index} (or the abort of its subtransaction): the descriptors opened
     * since it was made close; it stays open.
     */
    public void rollbackTo(int index) {
        level = index + 1;
        for (int i = 0; i < open.size(); i++) {
            if (open.get(i) != null && open.get(i).level > index) {
                open.set(i, null);
            }
        }
    }
}
