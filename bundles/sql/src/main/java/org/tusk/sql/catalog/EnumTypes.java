package org.tusk.sql.catalog;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_ENUM;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_TYPE;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.types.EnumLabels;
import org.tusk.sql.types.EnumValue;

/**
 * The enum types of one backend's catalog (pg_type rows of typtype 'e' and their pg_enum rows), read once
 * per catalog state: the cache lives in {@link RelationCache#derived()}, which is emptied whenever this
 * backend or (at its next statement) another one changes the catalogs, so ADD VALUE and RENAME VALUE are
 * seen after they commit, as PostgreSQL's enum cache sees them after its invalidation.
 */
public final class EnumTypes implements EnumLabels.Source {

    private static final Object KEY = EnumTypes.class;

    private final RelationCache cache;
    private final Map<Integer, EnumValue> byOid = new HashMap<>();
    private final Map<Integer, List<EnumValue>> byType = new HashMap<>();

    private EnumTypes(RelationCache cache) {
        this.cache = cache;
        for (CatalogRow e : cache.tables().rows(PG_ENUM, r -> true)) {
            EnumValue v = new EnumValue(e.oid("enumtypid"), e.oid("oid"),
                    ((Number) e.get("enumsortorder")).floatValue(), e.text("enumlabel"));
            byOid.put(v.oid(), v);
            byType.computeIfAbsent(v.typeOid(), t -> new ArrayList<>()).add(v);
        }
        byType.values().forEach(l -> l.sort(Comparator.naturalOrder()));
    }

    /** The enum types as {@code cache} sees them now. */
    public static EnumTypes of(RelationCache cache) {
        Object known = cache.derived().get(KEY);
        if (known instanceof EnumTypes e) {
            return e;
        }
        EnumTypes e = new EnumTypes(cache);
        cache.derived().put(KEY, e);
        return e;
    }

    /** {@code cache} as the source of enum labels (what {@link EnumLabels#bind} takes), reading its current state. */
    static EnumLabels.Source source(RelationCache cache) {
        return new EnumLabels.Source() {
            @Override
            public EnumValue byOid(int oid) {
                return of(cache).byOid(oid);
            }

            @Override
            public List<EnumValue> labels(int typeOid) {
                return of(cache).labels(typeOid);
            }

            @Override
            public String typeName(int typeOid) {
                return of(cache).typeName(typeOid);
            }

            @Override
            public int arrayType(int typeOid) {
                return of(cache).arrayType(typeOid);
            }

            @Override
            public boolean uncommitted(int oid) {
                return cache.enumLabelUncommitted(oid);
            }
        };
    }

    @Override
    public boolean uncommitted(int oid) {
        return cache.enumLabelUncommitted(oid);
    }

    @Override
    public EnumValue byOid(int oid) {
        return byOid.get(oid);
    }

    @Override
    public List<EnumValue> labels(int typeOid) {
        return byType.getOrDefault(typeOid, List.of());
    }

    /** Whether {@code typeOid} is an enum type (one with labels, or a pg_type row of typtype 'e'). */
    public boolean isEnum(int typeOid) {
        if (byType.containsKey(typeOid)) {
            return true;
        }
        CatalogRow t = typeRow(typeOid);
        return t != null && t.character("typtype") == 'e';
    }

    @Override
    public String typeName(int typeOid) {
        CatalogRow t = typeRow(typeOid);
        if (t == null) {
            return "???";
        }
        String name = t.text("typname");
        CatalogRow visible = cache.typeRow(List.of(name));
        if (visible != null && visible.oid("oid") == typeOid) {
            return Keywords.quoteIdentifier(name);
        }
        return Keywords.quoteIdentifier(cache.namespaceName(t.oid("typnamespace"))) + "."
                + Keywords.quoteIdentifier(name);
    }

    @Override
    public int arrayType(int typeOid) {
        CatalogRow t = typeRow(typeOid);
        return t == null ? 0 : t.oid("typarray");
    }

    /** The OID of the enum type named {@code names} ({@code [schema.]name}, search_path for a bare name), or 0. */
    public int lookup(List<String> names) {
        CatalogRow t = cache.typeRow(names);
        return t != null && t.character("typtype") == 'e' ? t.oid("oid") : 0;
    }

    private CatalogRow typeRow(int typeOid) {
        List<CatalogRow> r = cache.rowsOf(PG_TYPE, "oid", typeOid);
        return r.isEmpty() ? null : r.getFirst();
    }
}
