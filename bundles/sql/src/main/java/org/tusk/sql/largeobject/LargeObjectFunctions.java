package org.tusk.sql.largeobject;

import static org.tusk.sql.types.SqlType.BYTEA;
import static org.tusk.sql.types.SqlType.INT4;
import static org.tusk.sql.types.SqlType.INT8;
import static org.tusk.sql.types.SqlType.OID;
import static org.tusk.sql.types.SqlType.TEXT;
import static org.tusk.sql.types.SqlType.VOID;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Routine;
import org.tusk.sql.roles.Acl;
import org.tusk.sql.roles.RoleGraph;
import org.tusk.sql.types.SqlType;

/**
 * The server-side large object functions (be-fsstubs.c) with PostgreSQL's checks and messages: lo_creat,
 * lo_create, lo_open, lo_close, loread, lowrite, lo_lseek[64], lo_tell[64], lo_truncate[64], lo_unlink,
 * lo_get, lo_put, lo_from_bytea, and lo_import/lo_export of files on the server (superusers only). Access is
 * checked against pg_largeobject_metadata's owner and lomacl as with lo_compat_privileges off. All are
 * volatile: never computed ahead by constant folding.
 */
public final class LargeObjectFunctions {
    /** The object-size limit of the 32-bit calls (lo_lseek, lo_tell): INT_MAX. */
    private static final long INT_MAX = Integer.MAX_VALUE;
    /** be-fsstubs.c's BUFSIZE: lo_import and lo_export move files in pieces of this size. */
    private static final int BUFSIZE = 8192;

    /** Where built-in functions are registered (eval.Functions' strict add). */
    @FunctionalInterface
    public interface Registrar {
        void add(String name, List<SqlType> args, SqlType result, Routine.Body body);
    }

    /** A volatile body: each call runs. */
    private interface Call extends Routine.Body {
        @Override
        default boolean foldable() {
            return false;
        }
    }

    private LargeObjectFunctions() {
    }

    public static void register(Registrar r) {
        r.add("lo_creat", List.of(INT4), OID, (Call) (a, c) -> create(c, 0));
        r.add("lo_create", List.of(OID), OID, (Call) (a, c) -> create(c, (Long) a[0]));
        r.add("lo_open", List.of(OID, INT4), INT4, (Call) (a, c) -> open(c, (Long) a[0], (Integer) a[1]));
        r.add("lo_close", List.of(INT4), INT4, (Call) (a, c) -> {
            descriptors(c).close((Integer) a[0]);
            return 0;
        });
        r.add("loread", List.of(INT4, INT4), BYTEA, (Call) (a, c) -> read(c, (Integer) a[0], (Integer) a[1]));
        r.add("lowrite", List.of(INT4, BYTEA), INT4, (Call) (a, c) -> write(c, (Integer) a[0], (byte[]) a[1]));
        r.add("lo_lseek", List.of(INT4, INT4, INT4), INT4, (Call) (a, c) -> {
            long pos = seek(c, (Integer) a[0], (Integer) a[1], (Integer) a[2]);
            if (pos > INT_MAX) {
                throw new SqlException("22003", "lo_lseek result out of range for large-object descriptor "
                        + a[0]);
            }
            return (int) pos;
        });
        r.add("lo_lseek64", List.of(INT4, INT8, INT4), INT8, (Call) (a, c) -> seek(c, (Integer) a[0], (Long) a[1],
                (Integer) a[2]));
        r.add("lo_tell", List.of(INT4), INT4, (Call) (a, c) -> {
            long pos = descriptors(c).get((Integer) a[0]).offset;
            if (pos > INT_MAX) {
                throw new SqlException("22003", "lo_tell result out of range for large-object descriptor " + a[0]);
            }
            return (int) pos;
        });
        r.add("lo_tell64", List.of(INT4), INT8, (Call) (a, c) -> descriptors(c).get((Integer) a[0]).offset);
        r.add("lo_truncate", List.of(INT4, INT4), INT4, (Call) (a, c) -> truncate(c, (Integer) a[0],
                (Integer) a[1]));
        r.add("lo_truncate64", List.of(INT4, INT8), INT4, (Call) (a, c) -> truncate(c, (Integer) a[0],
                (Long) a[1]));
        r.add("lo_unlink", List.of(OID), INT4, (Call) (a, c) -> unlink(c, (Long) a[0]));
        r.add("lo_get", List.of(OID), BYTEA, (Call) (a, c) -> get(c, (Long) a[0], 0, -1));
        r.add("lo_get", List.of(OID, INT8, INT4), BYTEA, (Call) (a, c) -> get(c, (Long) a[0], (Long) a[1],
                (Integer) a[2]));
        r.add("lo_put", List.of(OID, INT8, BYTEA), VOID, (Call) (a, c) -> {
            existing(c, (Long) a[0]);
            checkPrivilege(c, (Long) a[0], Acl.SELECT | Acl.UPDATE);
            store(c).write((Long) a[0], (Long) a[1], (byte[]) a[2]);
            return null;
        });
        r.add("lo_from_bytea", List.of(OID, BYTEA), OID, (Call) (a, c) -> {
            long loid = create(c, (Long) a[0]);
            store(c).write(loid, 0, (byte[]) a[1]);
            return loid;
        });
        r.add("lo_import", List.of(TEXT), OID, (Call) (a, c) -> importFile(c, (String) a[0], 0));
        r.add("lo_import", List.of(TEXT, OID), OID, (Call) (a, c) -> importFile(c, (String) a[0], (Long) a[1]));
        r.add("lo_export", List.of(OID, TEXT), INT4, (Call) (a, c) -> exportFile(c, (Long) a[0], (String) a[1]));
    }

    private static BackendDatabase db(EvalContext c) {
        if (!(c.db() instanceof BackendDatabase db)) {
            throw new SqlException("0A000", "large objects need the storage");
        }
        return db;
    }

    private static PageStore store(EvalContext c) {
        return new PageStore(db(c).catalog().tables());
    }

    private static Descriptors descriptors(EvalContext c) {
        return db(c).largeObjects();
    }

    /** lo_creat / lo_create: a new object; OID 0 asks for a new OID. */
    private static long create(EvalContext c, long requested) {
        PageStore s = store(c);
        long loid = requested;
        if (loid == 0) {
            do {
                loid = Integer.toUnsignedLong(db(c).storage().newOid());
            } while (s.exists(loid));
        } else if (s.exists(loid)) {
            // PostgreSQL finds out by the unique index of pg_largeobject_metadata, and says so.
            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "23505", "duplicate key value violates "
                    + "unique constraint \"pg_largeobject_metadata_oid_index\"").detail("Key (oid)=(" + loid
                    + ") already exists.").build());
        }
        s.create(loid, userOid(c));
        return loid;
    }

    private static void existing(EvalContext c, long loid) {
        if (!store(c).exists(loid)) {
            throw new SqlException("42704", "large object " + loid + " does not exist");
        }
    }

    private static int open(EvalContext c, long loid, int mode) {
        if ((mode & (Descriptors.INV_READ | Descriptors.INV_WRITE)) == 0) {
            throw new SqlException("22023", "invalid flags for opening a large object: " + mode);
        }
        existing(c, loid);
        boolean write = (mode & Descriptors.INV_WRITE) != 0;
        checkPrivilege(c, loid, write ? Acl.SELECT | Acl.UPDATE : Acl.SELECT);
        return descriptors(c).add(new Descriptors.Descriptor(loid, true, write));
    }

    private static byte[] read(EvalContext c, int fd, int length) {
        Descriptors.Descriptor d = descriptors(c).get(fd);
        if (!d.read) {
            throw new SqlException("55000", "large object descriptor " + fd + " was not opened for reading");
        }
        if (length < 0) {
            throw new SqlException("22023", "requested length cannot be negative");
        }
        byte[] data = store(c).read(d.loid, d.offset, length);
        d.offset += data.length;
        return data;
    }

    private static int write(EvalContext c, int fd, byte[] data) {
        Descriptors.Descriptor d = descriptors(c).get(fd);
        if (!d.write) {
            throw new SqlException("55000", "large object descriptor " + fd + " was not opened for writing");
        }
        store(c).write(d.loid, d.offset, data);
        d.offset += data.length;
        return data.length;
    }

    /** lo_lseek64: SEEK_SET 0, SEEK_CUR 1, SEEK_END 2. */
    private static long seek(EvalContext c, int fd, long offset, int whence) {
        Descriptors.Descriptor d = descriptors(c).get(fd);
        long base = switch (whence) {
            case 0 -> 0;
            case 1 -> d.offset;
            case 2 -> store(c).size(d.loid);
            default -> throw new SqlException("22023", "invalid whence setting: " + whence);
        };
        long pos = base + offset;
        if (pos < 0 || pos > PageStore.MAX_SIZE) {
            throw new SqlException("22023", "invalid seek offset: " + offset);
        }
        d.offset = pos;
        return pos;
    }

    private static int truncate(EvalContext c, int fd, long length) {
        Descriptors.Descriptor d = descriptors(c).get(fd);
        if (!d.write) {
            throw new SqlException("55000", "large object descriptor " + fd + " was not opened for writing");
        }
        if (length < 0 || length > PageStore.MAX_SIZE) {
            throw new SqlException("22023", "invalid large object truncation target: " + length);
        }
        store(c).truncate(d.loid, length);
        return 0;
    }

    private static int unlink(EvalContext c, long loid) {
        existing(c, loid);
        if (!owns(c, loid)) {
            throw new SqlException("42501", "must be owner of large object " + loid);
        }
        descriptors(c).closeObject(loid);
        store(c).unlink(loid);
        return 1;
    }

    /** lo_get: the whole object, or {@code length} bytes from {@code offset}. */
    private static byte[] get(EvalContext c, long loid, long offset, int length) {
        existing(c, loid);
        checkPrivilege(c, loid, Acl.SELECT);
        if (offset < 0 || length < -1) {
            throw new SqlException("22023", "invalid large object seek offset or length");
        }
        PageStore s = store(c);
        if (length == -1) {
            long size = s.size(loid);
            if (size - offset > 1_073_741_823) {
                throw new SqlException("54000", "large object read request is too large");
            }
            return s.read(loid, offset, (int) Math.max(0, size - offset));
        }
        return s.read(loid, offset, length);
    }

    private static long importFile(EvalContext c, String file, long requested) {
        requireSuperuser(c, "lo_import");
        byte[] data;
        try {
            data = Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new SqlException("58P01", "could not open server file \"" + file + "\": No such file or directory");
        } catch (IOException e) {
            throw new SqlException("58030", "could not read server file \"" + file + "\": " + e.getMessage());
        }
        long loid = create(c, requested);
        PageStore s = store(c);
        for (int off = 0; off < data.length; off += BUFSIZE) {
            s.write(loid, off, java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + BUFSIZE)));
        }
        return loid;
    }

    private static int exportFile(EvalContext c, long loid, String file) {
        requireSuperuser(c, "lo_export");
        byte[] data = get(c, loid, 0, -1);
        try {
            Files.write(Path.of(file), data);
        } catch (IOException e) {
            throw new SqlException("58030", "could not create server file \"" + file + "\": " + e.getMessage());
        }
        return 1;
    }

    /**
     * pg_largeobject_aclcheck_snapshot: a superuser or a member of the owner may do anything; others need the
     * privileges lomacl grants them (NULL: only the owner's), as with lo_compat_privileges off.
     */
    private static void checkPrivilege(EvalContext c, long loid, int required) {
        if (owns(c, loid)) {
            return;
        }
        RoleGraph roles = c.accessChecks().roles();
        CatalogRow me = roles.role(c.currentUser());
        CatalogRow meta = store(c).metadata(loid);
        int owner = meta.oid("lomowner");
        List<Acl.Item> acl = meta.get("lomacl") == null ? Acl.defaults(Acl.SELECT | Acl.UPDATE, roles.name(owner))
                : Acl.parse(meta.list("lomacl"));
        if ((Acl.held(acl, me.oid("oid"), roles) & required) != required) {
            throw new SqlException("42501", "permission denied for large object " + loid);
        }
    }

    /** Whether the current user is a superuser or has the privileges of the object's owner. */
    private static boolean owns(EvalContext c, long loid) {
        if (c.accessChecks() == null) {
            return true;
        }
        RoleGraph roles = c.accessChecks().roles();
        CatalogRow me = roles.role(c.currentUser());
        if (me == null || roles.superuser(me.oid("oid"))) {
            return true;
        }
        return c.accessChecks().currentUserHasPrivsOf(store(c).metadata(loid).oid("lomowner"));
    }

    /** lo_import and lo_export are revoked from PUBLIC (their proacl): only superusers may call them. */
    private static void requireSuperuser(EvalContext c, String function) {
        String user = c.currentUser();
        CatalogRow r = db(c).catalog().tables().first(CatalogDefinitions.PG_AUTHID, a -> a.text("rolname")
                .equals(user));
        if (r != null && !r.bool("rolsuper")) {
            throw new SqlException("42501", "permission denied for function " + function);
        }
    }

    private static int userOid(EvalContext c) {
        String user = c.currentUser();
        CatalogRow r = db(c).catalog().tables().first(CatalogDefinitions.PG_AUTHID, a -> a.text("rolname")
                .equals(user));
        return r == null ? CatalogOids.BOOTSTRAP_SUPERUSER_ID : r.oid("oid");
    }
}
