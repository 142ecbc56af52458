package org.tusk.sql.ddl;

import static org.tusk.sql.catalog.CatalogDefinitions.*;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.ObjectKind;
import org.tusk.sql.ast.DdlCommand.QualifiedName;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.RelationLockMode;

/**
 * DROP TABLE / INDEX / VIEW / SCHEMA (PostgreSQL's RemoveRelations and the dependency walk of
 * dependency.c, reduced to the dependencies Tusk records: foreign keys of other tables, views on a
 * relation, relations in a schema). Without CASCADE a dependent object is an error (2BP01); with it
 * the dependents go too, each announced in a NOTICE.
 */
final class DropCommand {

    private DropCommand() {
    }

    /**
     * An object a DROP removes because it depends on one being dropped.
     *
     * @param object      how PostgreSQL names it: "constraint x on table y", "view v"
     * @param description the DETAIL line: "view v depends on table t"
     */
    private record Dependent(String object, String description, Runnable drop) {
    }

    /** A relation's name as PostgreSQL's object descriptions write it: qualified unless search_path finds it. */
    static String visibleName(DdlContext ctx, int oid) {
        CatalogRow row = ctx.cache.classRow(oid);
        String name = row.text("relname");
        Integer found = ctx.cache.lookupOid(null, name);
        return found != null && found == oid ? name : ctx.cache.namespaceName(row.oid("relnamespace")) + "." + name;
    }

    static void run(DdlContext ctx, DdlCommand.Drop c) {
        if (c.kind() == ObjectKind.SCHEMA) {
            for (QualifiedName n : c.names()) {
                dropSchema(ctx, n, c.ifExists(), c.cascade());
            }
            return;
        }
        List<Relation> targets = new ArrayList<>();
        for (QualifiedName n : c.names()) {
            Relation r = find(ctx, n, c.kind(), c.ifExists());
            if (r != null && targets.stream().noneMatch(t -> t.oid() == r.oid())) {
                targets.add(r);
            }
        }
        for (Relation r : targets) {
            ctx.lock(r.oid(), RelationLockMode.ACCESS_EXCLUSIVE);
            org.tusk.sql.roles.Privileges.checkOwner(ctx.session, r.oid());
        }
        Set<Integer> dropping = new LinkedHashSet<>();
        targets.forEach(t -> dropping.add(t.oid()));
        List<Dependent> dependents = new ArrayList<>();
        for (Relation r : targets) {
            dependents.addAll(dependents(ctx, r, dropping));
        }
        if (!dependents.isEmpty()) {
            Relation first = targets.getFirst();
            if (!c.cascade()) {
                String detail = String.join("\n", dependents.stream().map(Dependent::description).toList());
                throw new SqlException(ErrorFields.of("ERROR", "2BP01", "cannot drop " + noun(first) + " "
                        + visibleName(ctx, first.oid()) + " because other objects depend on it").detail(detail)
                        .hint("Use DROP ... CASCADE to drop the dependent objects too.").build());
            }
            announce(ctx, dependents);
            dependents.forEach(d -> d.drop().run());
        }
        for (Relation r : targets) {
            if (r.kind() == 'i') {
                dropIndex(ctx, r.oid());
            } else {
                dropRelation(ctx, r);
            }
            ctx.changed();
        }
    }

    private static String noun(Relation r) {
        return switch (r.kind()) {
            case 'v' -> "view";
            case 'm' -> "materialized view";
            case 'i' -> "index";
            case 'S' -> "sequence";
            default -> "table";
        };
    }

    /** PostgreSQL's reportDependentObjects for CASCADE: one NOTICE, listing several in its detail. */
    private static void announce(DdlContext ctx, List<Dependent> dependents) {
        if (dependents.size() == 1) {
            ctx.notice("00000", "drop cascades to " + dependents.getFirst().object());
            return;
        }
        ctx.sink.notice(ErrorFields.of("NOTICE", "00000", "drop cascades to " + dependents.size() + " other objects")
                .detail(String.join("\n", dependents.stream().map(d -> "drop cascades to " + d.object()).toList()))
                .build());
    }

    private static Relation find(DdlContext ctx, QualifiedName n, ObjectKind kind, boolean ifExists) {
        Integer oid = ctx.relationOid(n);
        if (oid == null) {
            if (n.schema() != null && ctx.cache.namespaceOid(n.schema()) == null && !ifExists) {
                throw new SqlException("3F000", "schema \"" + n.schema() + "\" does not exist");
            }
            if (ifExists) {
                ctx.notice("00000", kind.noun + " \"" + n.name() + "\" does not exist, skipping");
                return null;
            }
            throw new SqlException("42P01", kind.noun + " \"" + n.name() + "\" does not exist");
        }
        CatalogRow row = ctx.cache.classRow(oid);
        char relkind = row.character("relkind");
        char wanted = switch (kind) {
            case TABLE -> 'r';
            case INDEX -> 'i';
            case VIEW -> 'v';
            case MATVIEW -> 'm';
            case SEQUENCE -> 'S';
            default -> throw new IllegalStateException();
        };
        if (relkind != wanted && !(relkind == 'p' && wanted == 'r')) {
            String hint = switch (relkind) {
                case 'v' -> "Use DROP VIEW to remove a view.";
                case 'm' -> "Use DROP MATERIALIZED VIEW to remove a materialized view.";
                case 'i' -> "Use DROP INDEX to remove an index.";
                case 'S' -> "Use DROP SEQUENCE to remove a sequence.";
                default -> "Use DROP TABLE to remove a table.";
            };
            throw new SqlException(ErrorFields.of("ERROR", "42809", "\"" + n.name() + "\" is not "
                    + (kind == ObjectKind.INDEX ? "an " : "a ") + kind.noun).hint(hint).build());
        }
        if (Integer.compareUnsigned(oid, CatalogOids.FIRST_NORMAL_OBJECT_ID) < 0) {
            throw new SqlException("42501", "permission denied: \"" + n.name() + "\" is a system catalog");
        }
        if (relkind == 'i') {
            CatalogRow constraint = ctx.tables.first(PG_CONSTRAINT, r -> r.oid("conindid") == oid
                    && (r.character("contype") == 'p' || r.character("contype") == 'u'));
            if (constraint != null) {
                String table = ctx.cache.classRow(constraint.oid("conrelid")).text("relname");
                String name = constraint.text("conname");
                throw new SqlException(ErrorFields.of("ERROR", "2BP01", "cannot drop index " + n.name()
                        + " because constraint " + name + " on table " + table + " requires it")
                        .hint("You can drop constraint " + name + " on table " + table + " instead.").build());
            }
            return new Relation(oid, row.oid("relnamespace"), n.schema(), n.name(), 'i', null, List.of(), List.of(),
                    List.of(), List.of(), List.of(), null);
        }
        return ctx.relation(oid);
    }

    /** What depends on {@code r} and is not itself being dropped: other tables' foreign keys, views. */
    private static List<Dependent> dependents(DdlContext ctx, Relation r, Set<Integer> dropping) {
        List<Dependent> result = new ArrayList<>();
        String self = noun(r) + " " + visibleName(ctx, r.oid());
        for (Relation.ForeignKeyRef ref : r.referencedBy()) {
            if (!dropping.contains(ref.table())) {
                String table = visibleName(ctx, ref.table());
                String name = ref.key().name();
                String object = "constraint " + name + " on table " + table;
                result.add(new Dependent(object, object + " depends on " + self, () -> Constraints.delete(ctx,
                        k -> k.oid("conrelid") == ref.table() && k.text("conname").equals(name))));
            }
        }
        result.addAll(functionsOnRowType(ctx, r, "type " + visibleName(ctx, r.oid())));
        for (CatalogRow d : ctx.tables.rows(PG_DEPEND, d -> d.oid("refobjid") == r.oid()
                && d.oid("classid") == CatalogOids.PG_CLASS && d.character("deptype") != 'a'
                && d.character("deptype") != 'i')) {
            int view = d.oid("objid");
            if (!dropping.contains(view) && ctx.cache.classRow(view) != null) {
                dropping.add(view);
                Relation v = ctx.relation(view);
                String object = noun(v) + " " + visibleName(ctx, view);
                result.add(new Dependent(object, object + " depends on " + self, () -> dropRelation(ctx, v)));
                result.addAll(dependents(ctx, v, dropping));
            }
        }
        return result;
    }

    /** The functions that take or return {@code r}'s row type ({@code self}: "type t"), as dependents. */
    static List<Dependent> functionsOnRowType(DdlContext ctx, Relation r, String self) {
        List<Dependent> result = new ArrayList<>();
        int rowType = org.tusk.sql.catalog.CompositeTypes.rowTypeOid(ctx.cache, r);
        if (rowType != 0) {
            for (var f : org.tusk.sql.func.TypeDependencies.of(ctx.cache, rowType)) {
                result.add(new Dependent(f.object(), f.object() + " depends on " + self,
                        () -> org.tusk.sql.func.TypeDependencies.drop(ctx.cache, f.procOid())));
            }
            result.addAll(columnsOfType(ctx, r, rowType, self));
        }
        return result;
    }

    /**
     * The columns of other relations whose type is {@code r}'s row type {@code rowType} or its array type
     * (their pg_depend rows on the type, recorded by the column's type): dropping the type drops them.
     */
    private static List<Dependent> columnsOfType(DdlContext ctx, Relation r, int rowType, String self) {
        int arrayType = org.tusk.sql.catalog.CompositeTypes.arrayTypeOid(ctx.cache, rowType);
        List<Dependent> result = new ArrayList<>();
        int arrays = 0;
        for (org.tusk.sql.catalog.CatalogRow a : ctx.tables.rows(PG_ATTRIBUTE, a -> !a.bool("attisdropped")
                && a.int2("attnum") > 0 && a.oid("attrelid") != r.oid()
                && (a.oid("atttypid") == rowType || arrayType != 0 && a.oid("atttypid") == arrayType))) {
            Relation table = ctx.cache.relation(a.oid("attrelid"));
            if (table == null || table.kind() != 'r' && table.kind() != 'p') {
                continue; // a view's column goes with the view's own dependency, a type's is refused below
            }
            String column = a.text("attname");
            String object = "column " + column + " of table " + visibleName(ctx, table.oid());
            String type = a.oid("atttypid") == rowType ? self : self + "[]";
            // PostgreSQL reaches the array type's dependents first (through its internal dependency on the type).
            result.add(type.equals(self) ? result.size() : arrays++, new Dependent(object, object + " depends on "
                    + type, () -> AlterTableCommand.dropColumn(ctx, ctx.relation(table.oid()),
                            new DdlCommand.DropColumn(column, true, true, -1))));
        }
        return result;
    }

    /**
     * DROP TYPE's check of a composite type's dependent functions: 2BP01 naming them, or with CASCADE their
     * NOTICE and their removal.
     */
    static void dropTypeDependents(DdlContext ctx, Relation r, String name, boolean cascade) {
        List<Dependent> dependents = functionsOnRowType(ctx, r, "type " + name);
        if (dependents.isEmpty()) {
            return;
        }
        if (!cascade) {
            String detail = String.join("\n", dependents.stream().map(Dependent::description).toList());
            throw new SqlException(ErrorFields.of("ERROR", "2BP01", "cannot drop type " + name
                    + " because other objects depend on it").detail(detail)
                    .hint("Use DROP ... CASCADE to drop the dependent objects too.").build());
        }
        announce(ctx, dependents);
        dependents.forEach(d -> d.drop().run());
    }

    /** Removes a table, view or sequence: its catalog rows, its indexes, its file at commit. */
    static void dropRelation(DdlContext ctx, Relation r) {
        int oid = r.oid();
        // What the relation owns (a serial column's sequence) goes with it, without a NOTICE.
        // An identity column's sequence is an internal dependency ('i') and goes the same way.
        for (CatalogRow d : ctx.tables.rows(PG_DEPEND, d -> d.oid("refobjid") == oid
                && (d.character("deptype") == 'a' || d.character("deptype") == 'i'))) {
            Relation owned = ctx.cache.classRow(d.oid("objid")) == null ? null : ctx.relation(d.oid("objid"));
            if (owned != null) {
                dropRelation(ctx, owned);
            }
        }
        for (IndexDef i : r.indexes()) {
            dropIndex(ctx, i.oid());
        }
        for (CatalogRow k : ctx.tables.rows(PG_CONSTRAINT, k -> k.oid("conrelid") == oid)) {
            ctx.tables.deleteWhere(PG_DESCRIPTION, d -> d.oid("objoid") == k.oid("oid")
                    && d.oid("classoid") == CatalogOids.PG_CONSTRAINT);
        }
        Constraints.delete(ctx, k -> k.oid("conrelid") == oid);
        org.tusk.sql.trigger.TriggerCommands.dropForRelation(ctx.tables, oid);
        PartitionCommands.forget(ctx, oid);
        ctx.tables.deleteWhere(PG_ATTRDEF, d -> d.oid("adrelid") == oid);
        ctx.tables.deleteWhere(PG_ATTRIBUTE, a -> a.oid("attrelid") == oid);
        RowTypeRows.drop(ctx, oid);
        ctx.tables.deleteWhere(PG_DEPEND, d -> d.oid("objid") == oid || d.oid("refobjid") == oid);
        ctx.tables.deleteWhere(PG_DESCRIPTION, d -> d.oid("objoid") == oid && d.oid("classoid") == CatalogOids.PG_CLASS);
        ctx.tables.deleteWhere(PG_SEQUENCE, s -> s.oid("seqrelid") == oid);
        ctx.tables.deleteWhere(PG_CLASS, c -> c.oid("oid") == oid);
        if (r.storage() != null) {
            ctx.storage.dropRelation(r.storage());
        }
        ctx.changed();
    }

    /** Removes an index: its pg_class and pg_index rows and, at commit, its file. */
    static void dropIndex(DdlContext ctx, int oid) {
        CatalogRow row = ctx.cache.classRow(oid);
        ctx.tables.deleteWhere(PG_INDEX, i -> i.oid("indexrelid") == oid);
        ctx.tables.deleteWhere(PG_ATTRIBUTE, a -> a.oid("attrelid") == oid);
        ctx.tables.deleteWhere(PG_CLASS, c -> c.oid("oid") == oid);
        ctx.storage.dropRelation(new org.tusk.storage.access.RelationId(ctx.database(), row.oid("relfilenode")));
        ctx.changed();
    }

    private static void dropSchema(DdlContext ctx, QualifiedName n, boolean ifExists, boolean cascade) {
        RelationCache cache = ctx.cache;
        Integer ns = cache.namespaceOid(n.name());
        if (ns == null) {
            if (ifExists) {
                ctx.notice("00000", "schema \"" + n.name() + "\" does not exist, skipping");
                return;
            }
            throw new SqlException("3F000", "schema \"" + n.name() + "\" does not exist");
        }
        org.tusk.sql.roles.Privileges.checkSchemaOwner(ctx.session, ns);
        if (Integer.compareUnsigned(ns, CatalogOids.FIRST_NORMAL_OBJECT_ID) < 0 && ns != CatalogOids.PUBLIC_NAMESPACE) {
            throw new SqlException("2BP01", "cannot drop schema " + n.name()
                    + " because it is required by the database system");
        }
        org.tusk.sql.extension.ExtensionCommands.dropInSchema(cache, ns, n.name(), cascade,
                message -> ctx.notice("00000", message));
        List<CatalogRow> inSchema = cache.classRows().stream().filter(r -> r.oid("relnamespace") == ns
                && r.character("relkind") != 'i').sorted(java.util.Comparator.comparingInt(r -> r.oid("oid"))).toList();
        // A sequence owned by a column of a table in the schema goes with its table (an auto
        // dependency), so PostgreSQL neither lists it nor drops it separately.
        Set<Integer> tablesHere = new LinkedHashSet<>();
        inSchema.forEach(r -> tablesHere.add(r.oid("oid")));
        Set<Integer> owned = new LinkedHashSet<>();
        for (CatalogRow d : ctx.tables.rows(PG_DEPEND, d -> (d.character("deptype") == 'a'
                || d.character("deptype") == 'i') && d.oid("classid") == CatalogOids.PG_CLASS && tablesHere.contains(d.oid("refobjid")))) {
            owned.add(d.oid("objid"));
        }
        List<CatalogRow> members = inSchema.stream().filter(r -> !owned.contains(r.oid("oid"))).toList();
        // Functions and procedures of the schema go with it too (their pg_depend rows on the namespace);
        // extension members were handled above. OIDs ascend with creation, PostgreSQL's listing order.
        List<CatalogRow> routines = ctx.tables.rows(PG_PROC, r -> r.oid("pronamespace") == ns).stream()
                .sorted(java.util.Comparator.comparingInt(r -> r.oid("oid"))).toList();
        if (!members.isEmpty() || !routines.isEmpty()) {
            List<Dependent> dependents = new ArrayList<>();
            Set<Integer> dropping = new LinkedHashSet<>();
            members.forEach(r -> dropping.add(r.oid("oid")));
            int nextRoutine = 0;
            for (CatalogRow r : members) {
                while (nextRoutine < routines.size()
                        && Integer.compareUnsigned(routines.get(nextRoutine).oid("oid"), r.oid("oid")) < 0) {
                    dependents.add(routineDependent(ctx, routines.get(nextRoutine++), n.name()));
                }
                String object = kindNoun(r.character("relkind")) + " " + visibleName(ctx, r.oid("oid"));
                dependents.add(new Dependent(object, object + " depends on schema " + n.name(), () -> { }));
                dependents.addAll(dependents(ctx, ctx.relation(r.oid("oid")), dropping));
            }
            while (nextRoutine < routines.size()) {
                dependents.add(routineDependent(ctx, routines.get(nextRoutine++), n.name()));
            }
            if (!cascade) {
                throw new SqlException(ErrorFields.of("ERROR", "2BP01", "cannot drop schema " + n.name()
                        + " because other objects depend on it").detail(String.join("\n", dependents.stream()
                                .map(Dependent::description).toList()))
                        .hint("Use DROP ... CASCADE to drop the dependent objects too.").build());
            }
            announce(ctx, dependents);
            for (Dependent d : dependents) {
                d.drop().run();
            }
            ctx.changed();
            for (CatalogRow r : members) {
                if (ctx.cache.classRow(r.oid("oid")) != null) {
                    ctx.lock(r.oid("oid"), RelationLockMode.ACCESS_EXCLUSIVE);
                    dropRelation(ctx, ctx.relation(r.oid("oid")));
                }
            }
        }
        ctx.tables.deleteWhere(PG_DESCRIPTION, d -> d.oid("objoid") == ns && d.oid("classoid") == CatalogOids.PG_NAMESPACE);
        ctx.tables.deleteWhere(PG_NAMESPACE, r -> r.oid("oid") == ns);
        ctx.changed();
    }

    /**
     * A function or procedure of a schema being dropped, "function s.f(integer)" (PostgreSQL's description
     * says function for procedures too), removed with the triggers that call it.
     */
    private static Dependent routineDependent(DdlContext ctx, CatalogRow row, String schema) {
        org.tusk.sql.func.FunctionDefinition d = org.tusk.sql.func.FunctionDefinition.of(row, ctx.cache);
        String object = "function " + schema + "." + d.signature();
        int oid = row.oid("oid");
        return new Dependent(object, object + " depends on schema " + schema, () -> {
            org.tusk.sql.trigger.TriggerCommands.dropFunctionDependents(ctx.cache, oid, d.signature(), true, ctx.sink);
            org.tusk.sql.func.FunctionCommands.dropByOid(ctx.cache, oid);
        });
    }

    private static String kindNoun(char relkind) {
        return switch (relkind) {
            case 'v' -> "view";
            case 'm' -> "materialized view";
            case 'c' -> "type"; // CREATE TYPE ... AS (...): PostgreSQL describes the type, not its relation
            case 'S' -> "sequence";
            default -> "table";
        };
    }
}
