package org.tusk.sql.catalog;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_CONSTRAINT;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_TYPE;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.tusk.sql.schema.Catalog;
import org.tusk.sql.types.SqlType;

/**
 * Reads domains (pg_type rows of typtype 'd' and their pg_constraint rows with contypid) for the places
 * that need one: column types, casts, the checks of stored values. A domain's values are its base type's
 * (Tusk's {@link SqlType}); what the domain adds is the OID clients and catalogs see, a default, NOT NULL
 * and CHECK conditions over VALUE (kept as SQL text, as a table's are).
 */
public final class Domains {

    /** A CHECK constraint of a domain: conname, its condition as SQL text, convalidated. */
    public record Check(int oid, String name, String sql, boolean validated) {
    }

    /**
     * A domain: its pg_type OID and name, the base type with its modifier, typnotnull, typdefault (SQL text
     * or null), its CHECKs sorted by name (the order PostgreSQL tests them in), and the domain it is
     * defined over (null when its base is a built-in type), whose constraints hold too.
     */
    public record Domain(int oid, String name, int namespace, SqlType base, int typmod, boolean notNull,
            String defaultSql, List<Check> checks, Domain parent) {
    }

    private Domains() {
    }

    /** The domain named {@code names} ({@code [schema.]name}, search_path for a bare name), or null. */
    public static Domain lookup(Catalog catalog, List<String> names) {
        if (!(catalog instanceof RelationCache cache)) {
            return null;
        }
        CatalogRow t = cache.typeRow(names);
        return t != null && t.character("typtype") == 'd' ? domain(cache, t) : null;
    }

    /** The domain whose pg_type OID is {@code oid}, or null when that is no domain. */
    public static Domain byOid(Catalog catalog, int oid) {
        // Every domain is a user's (initdb makes none here), so a bootstrap type's OID needs no catalog scan.
        if (!(catalog instanceof RelationCache cache) || SqlType.byOid(oid) != null
                || Integer.compareUnsigned(oid, CatalogOids.FIRST_NORMAL_OBJECT_ID) < 0) {
            return null;
        }
        CatalogRow t = cache.tables().first(PG_TYPE, r -> r.oid("oid") == oid);
        return t == null || t.character("typtype") != 'd' ? null : domain(cache, t);
    }

    private static Domain domain(RelationCache cache, CatalogRow t) {
        int oid = t.oid("oid");
        int baseOid = t.oid("typbasetype");
        SqlType base = SqlType.byOid(baseOid);
        int typmod = t.int4("typtypmod");
        Domain inner = null;
        if (base == null) {
            // A domain over a domain: its values are the inner domain's, and its checks hold as well.
            inner = byOid(cache, baseOid);
            base = inner == null ? SqlType.TEXT : inner.base();
            typmod = inner == null ? -1 : inner.typmod();
        }
        List<Check> checks = new ArrayList<>();
        for (CatalogRow c : cache.tables().rows(PG_CONSTRAINT, r -> r.oid("contypid") == oid
                && r.character("contype") == 'c')) {
            checks.add(new Check(c.oid("oid"), c.text("conname"), c.text("conbin"), c.bool("convalidated")));
        }
        checks.sort(Comparator.comparing(Check::name));
        Object def = t.get("typdefault");
        return new Domain(oid, t.text("typname"), t.oid("typnamespace"), base, typmod, t.bool("typnotnull"),
                def == null ? null : def.toString(), List.copyOf(checks), inner);
    }
}
