package org.tusk.sql.eval;

import static org.tusk.sql.types.SqlType.BOOL;
import static org.tusk.sql.types.SqlType.OID;
import static org.tusk.sql.types.SqlType.REGCLASS;
import static org.tusk.sql.types.SqlType.TEXT;

import java.util.List;

import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.lexer.Keywords;

/**
 * The functions psql 15's {@code \d TABLE} calls about objects Tusk does not have: extended statistics
 * (pg_get_statisticsobjdef_columns), triggers (pg_get_triggerdef, in TriggerDefinitions) and publications (pg_relation_is_publishable);
 * and pg_get_serial_sequence, which drivers call to find a serial column's sequence.
 * Their catalogs exist and are empty, so the first two answer NULL, as PostgreSQL does for an OID that names
 * nothing; whether a table could be published is a property of the table and is answered as
 * is_publishable_class does.
 */
final class DescribeFunctions {

    /** FirstNormalObjectId: OIDs below it belong to objects initdb made (the system catalogs). */
    private static final long FIRST_NORMAL_OBJECT_ID = 16384;

    private DescribeFunctions() {
    }

    static void register(CatalogInfoFunctions.Sink strict) {
        strict.add("pg_get_statisticsobjdef_columns", List.of(OID), TEXT, (a, c) -> row(c,
                CatalogDefinitions.PG_STATISTIC_EXT, a[0]) == null ? null : unsupported("statistics object"));
        strict.add("pg_get_triggerdef", List.of(OID), TEXT, (a, c) -> TriggerDefinitions.of(c,
                ((Number) a[0]).longValue(), false));
        strict.add("pg_get_triggerdef", List.of(OID, BOOL), TEXT, (a, c) -> TriggerDefinitions.of(c,
                ((Number) a[0]).longValue(), (Boolean) a[1]));
        strict.add("pg_get_serial_sequence", List.of(TEXT, TEXT), TEXT, (a, c) -> serialSequence(c, (String) a[0],
                (String) a[1]));
        strict.add("pg_relation_is_publishable", List.of(REGCLASS), BOOL, (a, c) -> publishable(c,
                ((Number) a[0]).longValue()));
    }

    private static RelationCache cache(EvalContext c) {
        return c.db() != null && c.db().catalog() instanceof RelationCache rc ? rc : null;
    }

    private static CatalogRow row(EvalContext c, org.tusk.sql.catalog.CatalogRelation catalog, Object oid) {
        RelationCache cache = cache(c);
        if (cache == null) {
            return null;
        }
        int wanted = (int) ((Number) oid).longValue();
        List<CatalogRow> rows = cache.tables().rows(catalog, r -> r.oid("oid") == wanted);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    /** Tusk never writes these catalogs; a row there came from elsewhere and cannot be printed. */
    private static String unsupported(String what) {
        throw new org.tusk.spi.SqlException("0A000", "printing a " + what + " definition is not supported");
    }

    /**
     * pg_relation_is_publishable (is_publishable_class): an ordinary or partitioned table, permanent, and not
     * one of initdb's (a system catalog or information_schema table); NULL if there is no such relation.
     */
    private static Boolean publishable(EvalContext c, long oid) {
        RelationCache cache = cache(c);
        CatalogRow row = cache == null ? null : cache.classRow((int) oid);
        if (row == null) {
            return null;
        }
        char kind = row.character("relkind");
        return (kind == 'r' || kind == 'p') && row.character("relpersistence") == 'p'
                && oid >= FIRST_NORMAL_OBJECT_ID;
    }

    /**
     * pg_get_serial_sequence(table, column): the sequence a serial or identity column owns (pg_depend, deptype
     * 'a' or 'i', on the column), schema-qualified and quoted as needed; NULL if it owns none. The table name is
     * read as SQL reads a name (folded to lower case unless quoted), the column name literally.
     */
    private static String serialSequence(EvalContext c, String table, String column) {
        long relation = (Long) org.tusk.sql.types.TypeInput.parse(REGCLASS, table, c);
        RelationCache cache = cache(c);
        List<CatalogRow> attribute = cache.tables().rows(CatalogDefinitions.PG_ATTRIBUTE,
                r -> r.oid("attrelid") == (int) relation && r.text("attname").equals(column) && r.int2("attnum") > 0
                        && !r.bool("attisdropped"));
        if (attribute.isEmpty()) {
            throw new org.tusk.spi.SqlException("42703", "column \"" + column + "\" of relation \""
                    + cache.classRow((int) relation).text("relname") + "\" does not exist");
        }
        int attnum = attribute.getFirst().int2("attnum");
        for (CatalogRow d : cache.tables().rows(CatalogDefinitions.PG_DEPEND, r -> r.oid("refobjid") == (int) relation
                && r.int4("refobjsubid") == attnum && (r.character("deptype") == 'a' || r.character("deptype") == 'i')
                && r.oid("classid") == org.tusk.sql.catalog.CatalogOids.PG_CLASS)) {
            CatalogRow seq = cache.classRow(d.oid("objid"));
            if (seq != null && seq.character("relkind") == 'S') {
                return Keywords.quoteIdentifier(cache.namespaceName(seq.oid("relnamespace"))) + "."
                        + Keywords.quoteIdentifier(seq.text("relname"));
            }
        }
        return null;
    }
}
