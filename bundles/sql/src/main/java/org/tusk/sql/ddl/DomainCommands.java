package org.tusk.sql.ddl;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_ATTRIBUTE;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_CONSTRAINT;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_DEPEND;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_TYPE;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.DomainCheck;
import org.tusk.sql.ast.DdlCommand.QualifiedName;
import org.tusk.sql.ast.TypeName;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.Domains;
import org.tusk.sql.catalog.Domains.Domain;
import org.tusk.sql.eval.DomainValues;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.schema.StorageValues;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeCatalog;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;

/**
 * CREATE, ALTER and DROP DOMAIN (typecmds.c's DefineDomain, AlterDomain*, RemoveObjects). A domain is a
 * pg_type row of typtype 'd' (its base type's storage, output and send, domain_in/domain_recv as input) with
 * an array type {@code _name}, OIDs taken in PostgreSQL's order (array, domain, constraints), and a
 * pg_constraint row per CHECK (contypid, conbin the condition's SQL text). Tables whose columns are of the
 * domain are scanned when a new constraint must hold for what they already store.
 */
final class DomainCommands {
    private static final int DOMAIN_IN = 2597;
    private static final int DOMAIN_RECV = 2598;

    private DomainCommands() {
    }

    /** The domain a column type names, or null when it names a built-in type (or nothing known). */
    static Domain columnDomain(DdlContext ctx, TypeName type) {
        if (type.array()) {
            return null;
        }
        try {
            TypeCatalog.resolve(type);
            return null;
        } catch (SqlException notBuiltin) {
            return Domains.lookup(ctx.cache, type.names());
        }
    }

    static void create(DdlContext ctx, DdlCommand.CreateDomain c) {
        int namespace = ctx.creationNamespace(c.name());
        String name = c.name().name();
        if (ctx.tables.first(PG_TYPE, t -> t.oid("typnamespace") == namespace && t.text("typname").equals(name))
                != null) {
            throw new SqlException("42710", "type \"" + name + "\" already exists");
        }
        Domain parent = columnDomain(ctx, c.base());
        SqlType base;
        int typmod;
        int baseOid;
        if (parent != null) {
            base = parent.base();
            typmod = parent.typmod();
            baseOid = parent.oid();
        } else {
            TypeCatalog.Resolved r = TypeCatalog.resolve(c.base());
            if (r.type().category() == SqlType.Category.PSEUDO || r.type() == SqlType.UNKNOWN) {
                throw SqlException.at("42804", "\"" + r.type().internalName()
                        + "\" is not a valid base type for a domain", c.base().position());
            }
            base = r.type();
            typmod = r.typmod();
            baseOid = base.oid();
        }
        CatalogRow baseRow = ctx.tables.first(PG_TYPE, t -> t.oid("oid") == baseOid);
        if (baseRow == null) {
            throw new SqlException("42704", "type \"" + String.join(".", c.base().names()) + "\" does not exist");
        }
        String defaultSql = c.defaultValue() == null ? parent == null ? null : parent.defaultSql()
                : DomainValues.defaultText(ctx.session, c.defaultValue().expr(), c.defaultValue().sql(), base, typmod);
        int owner = ctx.currentUserOid();
        int arrayOid = ctx.storage.newOid();
        int oid = ctx.storage.newOid();
        CatalogRow row = new CatalogRow(baseRow.catalog(), baseRow.values().clone(), null).set("oid", oid)
                .set("typname", name).set("typnamespace", namespace).set("typowner", owner).set("typtype", 'd')
                .set("typispreferred", false).set("typrelid", 0).set("typsubscript", 0).set("typelem", 0)
                .set("typarray", arrayOid).set("typinput", DOMAIN_IN).set("typreceive", DOMAIN_RECV)
                .set("typmodin", 0).set("typmodout", 0).set("typnotnull", c.notNull()).set("typbasetype", baseOid)
                .set("typtypmod", typmod).set("typndims", 0).set("typdefault", defaultSql)
                .set("typdefaultbin", defaultSql).set("typacl", null);
        ctx.tables.insert(row);
        char align = baseRow.character("typalign");
        ctx.tables.insert(RowTypeRows.arrayRow(arrayOid, oid, name, namespace, owner)
                .set("typalign", align == 'd' ? 'd' : 'i').set("typcollation", baseRow.oid("typcollation")));
        ctx.writer.insertDependency(CatalogOids.PG_TYPE, oid, CatalogOids.PG_NAMESPACE, namespace, 'n');
        ctx.writer.insertDependency(CatalogOids.PG_TYPE, arrayOid, CatalogOids.PG_TYPE, oid, 'i');
        Domain domain = new Domain(oid, name, namespace, base, typmod, c.notNull(), defaultSql, List.of(), parent);
        Set<String> taken = new HashSet<>();
        for (DomainCheck check : c.checks()) {
            addCheck(ctx, domain, check, taken, false);
        }
        ctx.changed();
    }

    /** Adds a CHECK constraint: its condition analyzed over VALUE, its name chosen as ChooseConstraintName does. */
    private static String addCheck(DdlContext ctx, Domain domain, DomainCheck check, Set<String> taken,
            boolean altering) {
        DomainValues.condition(ctx.session, check.check().sql(), DomainValues.valueSlot(), domain);
        String name = check.name();
        if (name != null) {
            if (!taken.add(name) || constraint(ctx, domain, name) != null) {
                throw new SqlException("42710", "constraint \"" + name + "\" for domain \"" + domain.name()
                        + "\" already exists");
            }
        } else {
            String stem = DdlContext.truncate(domain.name() + "_check");
            name = stem;
            for (int n = 1; !taken.add(name) || nameUsed(ctx, domain.namespace(), name); n++) {
                name = DdlContext.truncate(domain.name() + "_check" + n);
            }
        }
        boolean validated = !(altering && check.notValid());
        int oid = ctx.storage.newOid();
        ctx.writer.insertDomainCheck(oid, name, domain.namespace(), domain.oid(), check.check().sql(), validated);
        ctx.writer.insertDependency(CatalogOids.PG_CONSTRAINT, oid, CatalogOids.PG_TYPE, domain.oid(), 'a');
        return name;
    }

    private static boolean nameUsed(DdlContext ctx, int namespace, String name) {
        return ctx.tables.first(PG_CONSTRAINT, k -> k.oid("connamespace") == namespace
                && k.text("conname").equals(name)) != null;
    }

    private static CatalogRow constraint(DdlContext ctx, Domain domain, String name) {
        return ctx.tables.first(PG_CONSTRAINT, k -> k.oid("contypid") == domain.oid()
                && k.text("conname").equals(name));
    }

    /**
     * The domain a DROP/ALTER DOMAIN names, null if there is no such type; 42809 if it is no domain (DROP quotes
     * the name, ALTER's checkDomainOwner does not).
     */
    private static Domain find(DdlContext ctx, QualifiedName n, boolean quoted) {
        List<String> names = n.schema() == null ? List.of(n.name()) : List.of(n.schema(), n.name());
        Domain d = Domains.lookup(ctx.cache, names);
        if (d == null) {
            if (typeExists(ctx, n)) {
                throw new SqlException("42809", (quoted ? "\"" + n.name() + "\"" : n.name()) + " is not a domain");
            }
            return null;
        }
        return d;
    }

    private static boolean typeExists(DdlContext ctx, QualifiedName n) {
        try {
            TypeCatalog.resolve(new TypeName(List.of(n.name()), List.of(), false, n.position()));
            return n.schema() == null || n.schema().equals("pg_catalog");
        } catch (SqlException e) {
            return ctx.typeRow(n) != null;
        }
    }

    /** A table column whose type is the domain. */
    record Use(Relation table, Column column) {
    }

    /** The domain and the domains defined over it, directly or not (their values must pass its checks). */
    private static Set<Integer> over(DdlContext ctx, Domain d) {
        Set<Integer> types = new java.util.LinkedHashSet<>();
        types.add(d.oid());
        for (CatalogRow t : ctx.tables.rows(PG_TYPE, t -> t.character("typtype") == 'd')) {
            for (Domain x = Domains.byOid(ctx.cache, t.oid("oid")); x != null; x = x.parent()) {
                if (x.oid() == d.oid()) {
                    types.add(t.oid("oid"));
                }
            }
        }
        return types;
    }

    /** The table columns of the domains {@code types} (OIDs), newest table first, last column first. */
    static List<Use> uses(DdlContext ctx, Set<Integer> types) {
        List<Use> result = new ArrayList<>();
        for (CatalogRow a : ctx.tables.rows(PG_ATTRIBUTE, a -> types.contains(a.oid("atttypid"))
                && !a.bool("attisdropped") && a.int2("attnum") > 0)) {
            CatalogRow cls = ctx.cache.classRow(a.oid("attrelid"));
            if (cls == null || cls.character("relkind") != 'r') {
                continue;
            }
            Relation r = ctx.relation(cls.oid("oid"));
            Column col = r.columns().stream().filter(x -> x.number() == a.int2("attnum")).findFirst().orElse(null);
            if (col != null) {
                result.add(new Use(r, col));
            }
        }
        result.sort((x, y) -> x.table().oid() != y.table().oid()
                ? Integer.compareUnsigned(y.table().oid(), x.table().oid())
                : Integer.compare(y.column().number(), x.column().number()));
        return result;
    }

    static void drop(DdlContext ctx, DdlCommand.DropDomain c) {
        List<Domain> dropping = new ArrayList<>();
        for (QualifiedName n : c.names()) {
            Domain d = find(ctx, n, true);
            if (d == null) {
                if (c.ifExists()) {
                    ctx.notice("00000", "type \"" + n.name() + "\" does not exist, skipping");
                    continue;
                }
                throw new SqlException("42704", "type \"" + n.name() + "\" does not exist");
            }
            dropping.add(d);
        }
        // The columns of all of them, reported together (the last domain named first, as PostgreSQL lists them).
        List<Use> uses = new ArrayList<>();
        List<String> objects = new ArrayList<>();
        List<Integer> inner = new ArrayList<>();
        for (Domain d : dropping.reversed()) {
            Set<Integer> types = over(ctx, d);
            for (int t : types) {
                if (t != d.oid() && dropping.stream().noneMatch(x -> x.oid() == t) && !inner.contains(t)) {
                    inner.add(t);
                    objects.add("type " + Domains.byOid(ctx.cache, t).name());
                }
            }
            for (Use u : uses(ctx, types)) {
                if (uses.stream().anyMatch(x -> x.table().oid() == u.table().oid()
                        && x.column().number() == u.column().number())) {
                    continue;
                }
                uses.add(u);
                objects.add("column " + u.column().name() + " of table " + DropCommand.visibleName(ctx, u.table().oid()));
            }
            if (!objects.isEmpty() && !c.cascade()) {
                throw new SqlException(ErrorFields.of("ERROR", "2BP01", "cannot drop type " + d.name()
                        + " because other objects depend on it").detail(String.join("\n",
                                objects.stream().map(o -> o + " depends on type " + d.name()).toList()))
                        .hint("Use DROP ... CASCADE to drop the dependent objects too.").build());
            }
        }
        if (objects.size() == 1) {
            ctx.notice("00000", "drop cascades to " + objects.getFirst());
        } else if (!objects.isEmpty()) {
            ctx.sink.notice(ErrorFields.of("NOTICE", "00000", "drop cascades to " + objects.size()
                    + " other objects").detail(String.join("\n", objects.stream()
                            .map(o -> "drop cascades to " + o).toList())).build());
        }
        for (Use u : uses) {
            Relation current = ctx.relation(u.table().oid());
            AlterTableCommand.dropColumn(ctx, current, new DdlCommand.DropColumn(u.column().name(), false, true, -1));
            ctx.changed();
        }
        List<Domain> all = new ArrayList<>(dropping);
        inner.forEach(t -> all.add(Domains.byOid(ctx.cache, t)));
        for (Domain d : all) {
            for (CatalogRow k : ctx.tables.rows(PG_CONSTRAINT, k -> k.oid("contypid") == d.oid())) {
                ctx.tables.deleteWhere(PG_DEPEND, x -> x.oid("classid") == CatalogOids.PG_CONSTRAINT
                        && x.oid("objid") == k.oid("oid"));
            }
            ctx.tables.deleteWhere(PG_CONSTRAINT, k -> k.oid("contypid") == d.oid());
            ctx.tables.deleteWhere(PG_DEPEND, x -> x.oid("classid") == CatalogOids.PG_TYPE
                    && (x.oid("objid") == d.oid() || x.oid("refobjid") == d.oid()));
            ctx.tables.deleteWhere(PG_TYPE, t -> t.oid("oid") == d.oid()
                    || t.oid("typelem") == d.oid() && t.character("typcategory") == 'A');
            ctx.changed();
        }
    }

    static void alter(DdlContext ctx, DdlCommand.AlterDomain c) {
        Domain d = find(ctx, c.name(), false);
        if (d == null) {
            throw new SqlException("42704", "type \"" + c.name().name() + "\" does not exist");
        }
        CatalogRow type = ctx.tables.first(PG_TYPE, t -> t.oid("oid") == d.oid());
        switch (c.action()) {
            case 'T' -> {
                String sql = c.defaultValue() == null ? null : DomainValues.defaultText(ctx.session,
                        c.defaultValue().expr(), c.defaultValue().sql(), d.base(), d.typmod());
                ctx.update(type, r -> r.set("typdefault", sql).set("typdefaultbin", sql));
            }
            case 'N' -> {
                if (!d.notNull()) {
                    for (Use u : uses(ctx, over(ctx, d)).reversed()) {
                        scan(ctx, u, value -> {
                            if (value == null) {
                                throw new SqlException("23502", "column \"" + u.column().name() + "\" of table \""
                                        + u.table().name() + "\" contains null values");
                            }
                        });
                    }
                    ctx.update(type, r -> r.set("typnotnull", true));
                }
            }
            case 'O' -> ctx.update(type, r -> r.set("typnotnull", false));
            case 'C' -> {
                addCheck(ctx, d, c.check(), new HashSet<>(), true);
                if (!c.check().notValid()) {
                    validate(ctx, d, c.check().check().sql());
                }
                ctx.changed();
            }
            case 'V' -> {
                CatalogRow k = constraint(ctx, d, c.constraint());
                if (k == null) {
                    throw new SqlException("42704", "constraint \"" + c.constraint() + "\" of domain \"" + d.name()
                            + "\" does not exist");
                }
                if (!k.bool("convalidated")) {
                    validate(ctx, d, k.text("conbin"));
                    ctx.tables.update(new CatalogRow(k.catalog(), k.values().clone(), k.tid())
                            .set("convalidated", true));
                    ctx.changed();
                }
            }
            case 'X' -> {
                CatalogRow k = constraint(ctx, d, c.constraint());
                if (k == null) {
                    String message = "constraint \"" + c.constraint() + "\" of domain \"" + d.name()
                            + "\" does not exist";
                    if (c.ifExists()) {
                        ctx.notice("00000", message + ", skipping");
                        return;
                    }
                    throw new SqlException("42704", message);
                }
                ctx.tables.deleteWhere(PG_DEPEND, x -> x.oid("classid") == CatalogOids.PG_CONSTRAINT
                        && x.oid("objid") == k.oid("oid"));
                ctx.tables.deleteWhere(PG_CONSTRAINT, x -> x.oid("oid") == k.oid("oid"));
                ctx.changed();
            }
            case 'r' -> {
                CatalogRow k = constraint(ctx, d, c.constraint());
                if (k == null) {
                    throw new SqlException("42704", "constraint \"" + c.constraint() + "\" for domain \""
                            + d.name() + "\" does not exist");
                }
                if (constraint(ctx, d, c.newName()) != null) {
                    throw new SqlException("42710", "constraint \"" + c.newName() + "\" for domain \""
                            + d.name() + "\" already exists");
                }
                ctx.tables.update(new CatalogRow(k.catalog(), k.values().clone(), k.tid())
                        .set("conname", c.newName()));
                ctx.changed();
            }
            default -> EnumCommands.rename(ctx, type, c.newName()); // 'R': RENAME TO, as ALTER TYPE's
        }
        ctx.changed();
    }

    /** 23514 "column ... contains values that violate the new constraint" if a stored value fails it. */
    private static void validate(DdlContext ctx, Domain d, String sql) {
        org.tusk.sql.eval.RowSlot slot = DomainValues.valueSlot();
        org.tusk.sql.eval.Expression condition = DomainValues.condition(ctx.session, sql, slot, d);
        for (Use u : uses(ctx, over(ctx, d)).reversed()) {
            scan(ctx, u, value -> {
                if (value == null) {
                    return;
                }
                slot.set(new Object[] {value});
                if (Boolean.FALSE.equals(condition.eval(ctx.session))) {
                    throw new SqlException("23514", "column \"" + u.column().name() + "\" of table \""
                            + u.table().name() + "\" contains values that violate the new constraint");
                }
            });
        }
    }

    private static void scan(DdlContext ctx, Use u, java.util.function.Consumer<Object> test) {
        int position = u.table().columns().indexOf(u.column());
        try (RowScan scan = ctx.storage.openTable(u.table().storage(), u.table().shape()).scan()) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                test.accept(StorageValues.rowFromStorage(u.table().columns(), r.values())[position]);
            }
        }
    }
}
