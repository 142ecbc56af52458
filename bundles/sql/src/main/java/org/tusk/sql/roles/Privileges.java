package org.tusk.sql.roles;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.plan.Planner;
import org.tusk.sql.schema.Relation;

/**
 * The checks the executors make before they run (execMain.c's ExecCheckRTPerms): SELECT on every
 * relation a query names, INSERT, UPDATE, DELETE or TRUNCATE on a statement's target. They run at
 * execution, not at planning, so a cached plan is checked again for whoever runs it after SET ROLE.
 * Relations read through a view are not checked for the current user: a view reads with its owner's
 * rights, and its owner is not checked either yet.
 */
public final class Privileges {

    private Privileges() {
    }

    /** SELECT on the relations a query reads directly. */
    public static void checkSelect(EvalContext ctx, List<Planner.RelationUse> relations) {
        AccessChecks checks = ctx.accessChecks();
        if (checks == null || relations.isEmpty()) {
            return;
        }
        for (Planner.RelationUse use : relations) {
            if (!use.inView()) {
                checks.checkColumns(use.relation(), Acl.SELECT, () -> names(use.relation(), use.slot()), Set::of);
            }
        }
    }

    /**
     * The privileges {@code required} on a statement's target: SELECT on the columns its text names
     * ({@code slot}'s referenced columns; asked for only when there are some, as PostgreSQL does), INSERT or
     * UPDATE on the columns {@code modified} (0-based indexes into the relation's columns).
     */
    public static void checkTarget(EvalContext ctx, Relation relation, int required, RowSlot slot,
            java.util.BitSet modified) {
        AccessChecks checks = ctx.accessChecks();
        if (checks == null) {
            return;
        }
        int firstRead = slot.referenced().nextSetBit(0);
        boolean reads = firstRead >= 0 && firstRead < relation.columns().size();
        checks.checkColumns(relation, required | (reads ? Acl.SELECT : 0), () -> names(relation, slot),
                () -> names(relation, modified));
    }

    /**
     * COPY's check (DoCopy): SELECT (COPY TO) or INSERT (COPY FROM) on the table, or else on each column copied
     * ({@code positions}, 0-based indexes into the relation's columns).
     */
    public static void checkCopy(EvalContext ctx, Relation relation, int required, int[] positions) {
        AccessChecks checks = ctx.accessChecks();
        if (checks == null) {
            return;
        }
        java.util.BitSet copied = new java.util.BitSet();
        for (int p : positions) {
            copied.set(p);
        }
        checks.checkColumns(relation, required, () -> names(relation, copied), () -> names(relation, copied));
    }

    /** The names of the columns a slot's query references; null (every column) for no slot. */
    private static Set<String> names(Relation relation, RowSlot slot) {
        return slot == null ? null : names(relation, slot.referenced());
    }

    private static Set<String> names(Relation relation, java.util.BitSet columns) {
        Set<String> names = new HashSet<>();
        for (int i = columns.nextSetBit(0); i >= 0 && i < relation.columns().size(); i = columns.nextSetBit(i + 1)) {
            names.add(relation.columns().get(i).name());
        }
        return names;
    }

    /**
     * USAGE on a schema a name is qualified with (LookupExplicitNamespace), checked before the object in it
     * is looked up, so an unreadable schema does not tell what it holds.
     */
    public static void checkSchemaUsage(Object ctx, String schema, int position) {
        if (schema != null && ctx instanceof EvalContext e && e.accessChecks() != null && e.db() != null) {
            Integer ns = e.db().catalog() instanceof org.tusk.sql.catalog.RelationCache cache
                    ? cache.namespaceOid(schema) : null;
            if (ns != null) {
                e.accessChecks().checkSchema(ns, Acl.USAGE, position);
            }
        }
    }

    /** CREATE on the schema a new object goes in. */
    public static void checkSchemaCreate(EvalContext ctx, int namespace, int position) {
        if (ctx.accessChecks() != null) {
            ctx.accessChecks().checkSchema(namespace, Acl.CREATE, position);
        }
    }

    /** Ownership of a relation (or membership in its owning role), for DDL on it. */
    public static void checkOwner(EvalContext ctx, int relation) {
        if (ctx.accessChecks() != null) {
            ctx.accessChecks().checkOwner(relation);
        }
    }

    /** Whether the current user is a superuser (true where no access checks run, as in bootstrap). */
    public static boolean superuser(EvalContext ctx) {
        return ctx.accessChecks() == null || ctx.accessChecks().superuser();
    }

    /** Ownership of a schema (or membership in its owning role), for DROP SCHEMA and COMMENT ON SCHEMA. */
    public static void checkSchemaOwner(EvalContext ctx, int namespace) {
        if (ctx.accessChecks() != null) {
            ctx.accessChecks().checkSchemaOwner(namespace);
        }
    }

    /** At least one of the privileges {@code anyOf} (Acl bits) on a sequence, for nextval, currval and setval. */
    public static void checkSequence(EvalContext ctx, int sequence, int anyOf) {
        if (ctx.accessChecks() != null) {
            ctx.accessChecks().checkSequence(sequence, anyOf);
        }
    }

    /** The privileges {@code required} (Acl bits) on one relation. */
    public static void check(EvalContext ctx, Relation relation, int required) {
        AccessChecks checks = ctx.accessChecks();
        if (checks != null) {
            checks.checkRelation(relation, required);
        }
    }
}
