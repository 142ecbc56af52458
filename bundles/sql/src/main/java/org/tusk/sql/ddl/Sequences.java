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
 * <p>Why a second storage session: PostgreSQL's nextval is not transactional, a value handed out is
 * never handed out again even if the transaction that got it rolls back. The storage has no in-place
 * update, so each nextval/setval changes the row in a short transaction of the backend's own sequence
 * session ({@link BackendDatabase#sequenceSession}), committed at once without waiting for its WAL
 * flush (a crash may then reuse values no committed transaction used, which PostgreSQL allows too).
 * Concurrent nextval calls serialise on the row (READ COMMITTED's update of the newest version). A
 * sequence created by the backend's own transaction, not yet committed, is invisible to that
 * session; it is then changed in the backend's transaction, where a rollback removes the sequence
 * anyway.
 */
public final class Sequences {
    /** The columns of a sequence's row, as PostgreSQL's. */
    static final List<Column> COLUMNS = List.of(new Column(1, "last_value", SqlType.INT8, -1, true, null, '\0'),
            new Column(2, "log_cnt", SqlType.INT8, -1, true, null, '\0'),
            new Column(3, "is_called", SqlType.BOOL, -1, true, null, '\0'));

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
        t.insert(new Object[] {start, 0L, false});
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

    /** The change of a sequence's row that nextval makes; returns the new row. */
    private static Object[] advance(Target t, Object[] row) {
        CatalogRow p = t.parameters();
        long last = (Long) row[0];
        boolean called = (Boolean) row[2];
        long increment = (Long) p.get("seqincrement");
        long max = (Long) p.get("seqmax");
        long min = (Long) p.get("seqmin");
        long next = last;
        if (called) {
            try {
                next = Math.addExact(last, increment);
            } catch (ArithmeticException e) {
                next = increment > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
                if (next == last) {
                    next = increment > 0 ? max + 1 : min - 1;
                }
            }
            if (increment > 0 && (next > max || next < last)) {
                if (!p.bool("seqcycle")) {
                    throw new SqlException("2200H", "nextval: reached maximum value of sequence \""
                            + t.sequence().name() + "\" (" + max + ")");
                }
                next = min;
            } else if (increment < 0 && (next < min || next > last)) {
                if (!p.bool("seqcycle")) {
                    throw new SqlException("2200H", "nextval: reached minimum value of sequence \""
                            + t.sequence().name() + "\" (" + min + ")");
                }
                next = max;
            }
        }
        return new Object[] {next, 0L, true};
    }

    public static long nextval(EvalContext ctx, long sequence) {
        Target t = find(ctx, sequence);
        org.tusk.sql.roles.Privileges.checkSequence(ctx, t.sequence().oid(),
                org.tusk.sql.roles.Acl.USAGE | org.tusk.sql.roles.Acl.UPDATE);
        Object[] row = change(t, old -> advance(t, old));
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
        long max = (Long) t.parameters().get("seqmax");
        long min = (Long) t.parameters().get("seqmin");
        if (value < min || value > max) {
            throw new SqlException("22003", "setval: value " + value + " is out of bounds for sequence \""
                    + t.sequence().name() + "\" (" + min + ".." + max + ")");
        }
        change(t, old -> new Object[] {value, 0L, isCalled});
        if (isCalled) {
            t.db().sequenceValues().put(t.sequence().oid(), value);
        }
        return value;
    }

    /** Applies {@code change} to the sequence's row outside the backend's transaction if it can (see the class comment). */
    private static Object[] change(Target t, java.util.function.UnaryOperator<Object[]> change) {
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
