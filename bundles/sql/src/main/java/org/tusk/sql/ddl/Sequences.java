package org.tusk.sql.ddl;

import static org.tusk.sql.catalog.CatalogDefinitions.*;

import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.SqlType;
import org.tusk.storage.access.InPlaceChange;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.StorageSession;
import org.tusk.storage.access.Table;
import org.tusk.storage.access.TableShape;

/**
 * Sequences (PostgreSQL's commands/sequence.c): CREATE SEQUENCE makes a relation of kind 'S' whose
 * file holds one row (last_value, log_cnt, is_called), and a pg_sequence row with its parameters;
 * nextval, currval and setval read and change that row.
 *
 * <p>Why in place: nextval is not transactional (a value handed out is never handed out again, even
 * if the transaction that got it rolls back), and it is called for every serial INSERT. So, as in
 * PostgreSQL, the row is born frozen (visible to every snapshot) in the file CREATE SEQUENCE makes,
 * and nextval/setval overwrite it in place under the page's exclusive lock
 * ({@link Table#overwriteInPlace}), which every backend (thread or process) shares in the buffer pool.
 * nextval WAL-logs only every {@value #LOG_VALS} values: the record claims the value {@value #LOG_VALS}
 * steps ahead and log_cnt counts down the values still covered, so after a crash values may be
 * skipped but none is handed out twice; a checkpoint since the last record forces a new one (the data
 * file alone would not know the claim). setval always logs. The transaction that logs gets an xid, so
 * its commit flushes the record, and any later commit flushes it too.
 *
 * <p>A sequence made before rows were born frozen has an ordinary row version; it is still changed
 * the old way, as a row update in a short transaction of the backend's own sequence session
 * ({@link BackendDatabase#sequenceSession}), or in the backend's transaction if that session cannot
 * see it.
 */
public final class Sequences {
    /** The columns of a sequence's row, as PostgreSQL's. */
    static final List<Column> COLUMNS = List.of(new Column(1, "last_value", SqlType.INT8, -1, true, null, '\0'),
            new Column(2, "log_cnt", SqlType.INT8, -1, true, null, '\0'),
            new Column(3, "is_called", SqlType.BOOL, -1, true, null, '\0'));

    /** PostgreSQL's SEQ_LOG_VALS: how many values one WAL record of nextval claims ahead. */
    static final int LOG_VALS = 32;

    private Sequences() {
    }

    private static TableShape shape() {
        return new TableShape(COLUMNS.stream().map(org.tusk.sql.schema.StorageValues::columnType).toList());
    }

    /** CREATE SEQUENCE, also used for serial columns; returns the sequence's OID. */
    static int create(DdlContext ctx, int namespace, String name, SqlType type, DdlCommand.CreateSequence options) {
        long increment = options.increment() == null ? 1 : options.increment();
        if (increment == 0) {
            throw new SqlException("22023", "INCREMENT must not be zero");
        }
        long typeMax = type == SqlType.INT2 ? Short.MAX_VALUE : type == SqlType.INT4 ? Integer.MAX_VALUE
                : Long.MAX_VALUE;
        long typeMin = type == SqlType.INT2 ? Short.MIN_VALUE : type == SqlType.INT4 ? Integer.MIN_VALUE
                : Long.MIN_VALUE;
        long max = options.maxValue() != null ? options.maxValue() : increment > 0 ? typeMax : -1;
        long min = options.minValue() != null ? options.minValue() : increment > 0 ? 1 : typeMin;
        if (min >= max) {
            throw new SqlException("22023", "MINVALUE (" + min + ") must be less than MAXVALUE (" + max + ")");
        }
        long start = options.start() != null ? options.start() : increment > 0 ? min : max;
        if (start < min) {
            throw new SqlException("22023", "START value (" + start + ") cannot be less than MINVALUE (" + min + ")");
        }
        if (start > max) {
            throw new SqlException("22023", "START value (" + start + ") cannot be greater than MAXVALUE (" + max
                    + ")");
        }
        int oid = ctx.storage.newOid();
        ctx.writer.insertClass(oid, name, namespace, 'S', oid, ctx.currentUserOid(), COLUMNS.size(), null);
        for (Column c : COLUMNS) {
            ctx.writer.insertAttribute(oid, c, false);
        }
        ctx.tables.insert(CatalogRow.create(PG_SEQUENCE).set("seqrelid", oid).set("seqtypid", type.oid())
                .set("seqstart", start).set("seqincrement", increment).set("seqmax", max).set("seqmin", min)
                .set("seqcache", 1L).set("seqcycle", Boolean.TRUE.equals(options.cycle())));
        Table t = ctx.storage.createTable(new org.tusk.storage.access.RelationId(ctx.database(), oid), shape());
        // Frozen: the row is overwritten in place, never versioned (see the class comment).
        t.insertAllFrozen(List.<Object[]>of(new Object[] {start, 0L, false}));
        ctx.changed();
        return oid;
    }

    static void createCommand(DdlContext ctx, DdlCommand.CreateSequence c) {
        int namespace = ctx.creationNamespace(c.name());
        if (ctx.cache.classOid(namespace, c.name().name()) != null) {
            if (c.ifNotExists()) {
                ctx.notice("42P07", "relation \"" + c.name().name() + "\" already exists, skipping");
                return;
            }
            throw new SqlException("42P07", "relation \"" + c.name().name() + "\" already exists");
        }
        int sequence = create(ctx, namespace, c.name().name(), c.type() == null ? SqlType.INT8 : c.type(), c);
        if (c.ownedBy() != null) {
            ownedBy(ctx, sequence, namespace, c.ownedBy());
        }
    }

    /** ALTER SEQUENCE ... OWNED BY. */
    static void alterOwnedBy(DdlContext ctx, DdlCommand.AlterSequenceOwnedBy c) {
        Integer oid = ctx.relationOid(c.name());
        Relation r = oid == null ? null : ctx.relation(oid);
        if (r == null || r.kind() != 'S') {
            if (r == null && c.ifExists()) {
                ctx.notice("00000", "relation \"" + c.name().name() + "\" does not exist, skipping");
                return;
            }
            throw r == null
                    ? SqlException.at("42P01", "relation \"" + c.name() + "\" does not exist", c.name().position())
                    : new SqlException("42809", "\"" + c.name().name() + "\" is not a sequence");
        }
        ownedBy(ctx, r.oid(), r.namespaceOid(), c.ownedBy());
        ctx.changed();
    }

    /**
     * process_owned_by: the sequence becomes owned by (an automatic pg_depend row on) the column, replacing
     * any earlier owner; NONE only removes it. The table must be a table in the sequence's schema.
     */
    private static void ownedBy(DdlContext ctx, int sequence, int namespace, List<String> names) {
        if (names.size() == 1 && names.getFirst().equals("none")) {
            dropOwner(ctx, sequence);
            return;
        }
        if (names.size() < 2) {
            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "42601", "invalid OWNED BY option")
                    .hint("Specify OWNED BY table.column or OWNED BY NONE.").build());
        }
        String column = names.getLast();
        List<String> table = names.subList(0, names.size() - 1);
        String schema = table.size() > 1 ? table.get(table.size() - 2) : null;
        Relation r = ctx.cache.lookup(schema, table.getLast());
        if (r == null) {
            throw new SqlException("42P01", "relation \"" + String.join(".", table) + "\" does not exist");
        }
        if (r.kind() != 'r' && r.kind() != 'p' && r.kind() != 'f' && r.kind() != 'v') {
            throw new SqlException("42809", "sequence cannot be owned by relation \"" + r.name() + "\"");
        }
        if (r.namespaceOid() != namespace) {
            throw new SqlException("55000", "sequence must be in same schema as table it is linked to");
        }
        Column col = r.columns().stream().filter(x -> x.name().equals(column)).findFirst().orElseThrow(
                () -> new SqlException("42703", "column \"" + column + "\" of relation \"" + r.name()
                        + "\" does not exist"));
        dropOwner(ctx, sequence);
        ctx.writer.insertDependency(PG_CLASS_OID, sequence, PG_CLASS_OID, r.oid(), col.number(), 'a');
    }

    private static final int PG_CLASS_OID = org.tusk.sql.catalog.CatalogOids.PG_CLASS;

    private static void dropOwner(DdlContext ctx, int sequence) {
        ctx.tables.deleteWhere(org.tusk.sql.catalog.CatalogDefinitions.PG_DEPEND, d -> d.oid("classid") == PG_CLASS_OID
                && d.oid("objid") == sequence && d.oid("refclassid") == PG_CLASS_OID && d.character("deptype") == 'a');
    }

    // ---- nextval, currval, setval

    private record Target(BackendDatabase db, Relation sequence, CatalogRow parameters) {
    }

    private static Target find(EvalContext ctx, long oid) {
        BackendDatabase db = ctx.db() instanceof BackendDatabase b ? b : null;
        Relation r = db == null ? null : db.catalog().relation((int) oid);
        if (r == null) {
            throw new SqlException("42P01", "could not open relation with OID " + oid);
        }
        if (r.kind() != 'S') {
            throw new SqlException("42809", "\"" + r.name() + "\" is not a sequence");
        }
        CatalogRow parameters = db.catalog().tables().first(PG_SEQUENCE, s -> s.oid("seqrelid") == (int) oid);
        return new Target(db, r, parameters);
    }

    /** The step after {@code last} (nextval_internal's loop body), or null if it would pass the bound. */
    private static Long step(CatalogRow p, long last) {
        long increment = (Long) p.get("seqincrement");
        long max = (Long) p.get("seqmax");
        long min = (Long) p.get("seqmin");
        if (increment > 0) {
            if ((max >= 0 && last > max - increment) || (max < 0 && last + increment > max)) {
                return null;
            }
        } else if ((min < 0 && last < min - increment) || (min >= 0 && last + increment < min)) {
            return null;
        }
        return last + increment;
    }

    private static SqlException limitReached(Target t) {
        CatalogRow p = t.parameters();
        boolean up = (Long) p.get("seqincrement") > 0;
        return new SqlException("2200H", "nextval: reached " + (up ? "maximum" : "minimum") + " value of sequence \""
                + t.sequence().name() + "\" (" + p.get(up ? "seqmax" : "seqmin") + ")");
    }

    /**
     * nextval_internal with a cache of 1: the new row, and the row to log if this call logs. A call
     * logs when the last record's claim is used up (log_cnt 0), the sequence was never called, or a
     * checkpoint has passed since; it then fetches {@value #LOG_VALS} values more than it hands out and
     * logs the last of them.
     */
    private static InPlaceChange.Overwrite advance(Target t, Object[] row, boolean mustLog) {
        CatalogRow p = t.parameters();
        long log = (Long) row[1];
        boolean called = (Boolean) row[2];
        long next = (Long) row[0];
        long result = next;
        int fetch = 1;
        int got = 0;
        if (!called) {
            got++; // last_value itself is the first value
            fetch--;
        }
        boolean logIt = false;
        if (log < fetch || !called || mustLog) {
            fetch += LOG_VALS;
            log = fetch;
            logIt = true;
        }
        while (fetch > 0) {
            Long stepped = step(p, next);
            if (stepped == null) {
                if (got > 0) {
                    break; // the claim stops at the bound, even for a cycling sequence
                }
                if (!p.bool("seqcycle")) {
                    throw limitReached(t);
                }
                stepped = (Long) p.get((Long) p.get("seqincrement") > 0 ? "seqmin" : "seqmax");
            }
            next = stepped;
            fetch--;
            if (got < 1) {
                log--;
                got++;
                result = next;
            }
        }
        log -= fetch;
        Object[] values = {result, log, true};
        return new InPlaceChange.Overwrite(values, logIt ? new Object[] {next, 0L, true} : null);
    }

    /** The change of a row version that nextval makes, the old way (see the class comment). */
    private static Object[] advance(Target t, Object[] row) {
        Object[] values = advance(t, row, false).values();
        values[1] = 0L;
        return values;
    }

    public static long nextval(EvalContext ctx, long sequence) {
        Target t = find(ctx, sequence);
        org.tusk.sql.roles.Privileges.checkSequence(ctx, t.sequence().oid(),
                org.tusk.sql.roles.Acl.USAGE | org.tusk.sql.roles.Acl.UPDATE);
        org.tusk.sql.eval.ReadOnlyTransactions.preventUnlessTemporary(ctx, "nextval()", t.sequence().namespaceOid());
        Object[] row = change(t, (old, mustLog) -> advance(t, old, mustLog), old -> advance(t, old));
        long value = (Long) row[0];
        t.db().sequenceValues().put(t.sequence().oid(), value);
        return value;
    }

    public static long currval(EvalContext ctx, long sequence) {
        Target t = find(ctx, sequence);
        org.tusk.sql.roles.Privileges.checkSequence(ctx, t.sequence().oid(),
                org.tusk.sql.roles.Acl.SELECT | org.tusk.sql.roles.Acl.USAGE);
        Long v = t.db().sequenceValues().get(t.sequence().oid());
        if (v == null) {
            throw new SqlException("55000", "currval of sequence \"" + t.sequence().name()
                    + "\" is not yet defined in this session");
        }
        return v;
    }

    public static long setval(EvalContext ctx, long sequence, long value, boolean isCalled) {
        Target t = find(ctx, sequence);
        org.tusk.sql.roles.Privileges.checkSequence(ctx, t.sequence().oid(), org.tusk.sql.roles.Acl.UPDATE);
        org.tusk.sql.eval.ReadOnlyTransactions.preventUnlessTemporary(ctx, "setval()", t.sequence().namespaceOid());
        long max = (Long) t.parameters().get("seqmax");
        long min = (Long) t.parameters().get("seqmin");
        if (value < min || value > max) {
            throw new SqlException("22003", "setval: value " + value + " is out of bounds for sequence \""
                    + t.sequence().name() + "\" (" + min + ".." + max + ")");
        }
        Object[] set = {value, 0L, isCalled};
        change(t, (old, mustLog) -> new InPlaceChange.Overwrite(set, set), old -> set.clone());
        if (isCalled) {
            t.db().sequenceValues().put(t.sequence().oid(), value);
        }
        return value;
    }

    /**
     * Changes the sequence's row in place with {@code inPlace} through the backend's own session (the
     * row is frozen, so whatever transaction does it does not matter), or, for a row version of an
     * older sequence, with {@code change} as described in the class comment.
     */
    private static Object[] change(Target t, InPlaceChange inPlace, java.util.function.UnaryOperator<Object[]> change) {
        Table table = t.db().storage().openTable(t.sequence().storage(), shape());
        SqlException[] failed = new SqlException[1];
        Object[] done = table.overwriteInPlace((old, mustLog) -> {
            try {
                return inPlace.apply(old, mustLog);
            } catch (SqlException e) {
                failed[0] = e; // raised after the page lock is let go, and not as a storage failure
                return null;
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
        if (done != null) {
            return done;
        }
        return changeVersion(t, change);
    }

    /** Applies {@code change} to the sequence's row version outside the backend's transaction if it can. */
    private static Object[] changeVersion(Target t, java.util.function.UnaryOperator<Object[]> change) {
        StorageSession own = t.db().sequenceSession();
        if (own != null) {
            own.begin(Isolation.READ_COMMITTED);
            try {
                own.startStatement();
                Object[] result = update(own, t, change);
                if (result != null) {
                    own.setSynchronousCommit(false);
                    own.commit();
                    return result;
                }
                own.abort();
            } catch (RuntimeException e) {
                own.abort();
                throw e;
            }
        }
        Object[] result = update(t.db().storage(), t, change);
        if (result == null) {
            throw new SqlException("XX000", "sequence \"" + t.sequence().name() + "\" has no row");
        }
        // The next nextval, even in the same statement, must find the new row version.
        t.db().storage().commandCounterIncrement();
        return result;
    }

    /** The updated row, or null if {@code storage} does not see the sequence's row. */
    private static Object[] update(StorageSession storage, Target t, java.util.function.UnaryOperator<Object[]> change) {
        Table table = storage.openTable(t.sequence().storage(), shape());
        Row row;
        try (RowScan scan = table.scan()) {
            row = scan.next();
        }
        if (row == null) {
            return null;
        }
        // The change may be applied again to a newer version (a concurrent nextval): the last one counts.
        Object[][] applied = new Object[1][];
        Row updated = table.update(row.tid(), row.values(), old -> applied[0] = change.apply(old));
        return updated == null ? null : applied[0];
    }
}
