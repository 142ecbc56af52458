package org.tusk.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * The bootstrap rows against a fresh PostgreSQL 15 cluster's (initdb -U postgres), column by column,
 * in the text form PostgreSQL's output functions give them.
 */
class BootstrapDataTest {
    private static final BootstrapData DATA = new BootstrapData("postgres");

    @Test
    void pgTypeEqualsPostgres() {
        assertSameRows(CatalogDefinitions.PG_TYPE, "pg15-pg_type.tsv", Set.of());
    }

    /**
     * prosqlbody is the exception: PostgreSQL stores the parse tree of the four SQL-standard bodies
     * (lpad, rpad, round, trunc with a default argument filled in); Tusk leaves it NULL.
     */
    @Test
    void pgProcEqualsPostgresButForSqlBodies() {
        assertSameRows(CatalogDefinitions.PG_PROC, "pg15-pg_proc.tsv", Set.of("prosqlbody"));
        for (Map<String, String> pg : Pg15Recording.load("pg15-pg_proc.tsv").rows) {
            boolean sql = pg.get("prolang").equals("14");
            assertEquals(sql, pg.get("prosqlbody") != null, pg.get("proname"));
        }
    }

    @Test
    void namespacesEqualPostgresButInformationSchema() {
        List<Map<String, String>> pg = new ArrayList<>(Pg15Recording.load("pg15-pg_namespace.tsv").rows);
        assertTrue(pg.removeIf(r -> r.get("nspname").equals("information_schema")));
        assertSameRows(CatalogDefinitions.PG_NAMESPACE, pg, DATA.rows(CatalogDefinitions.PG_NAMESPACE), Set.of());
    }

    /** datfrozenxid is what differs: PostgreSQL's initdb ran transactions and froze them; Tusk's has not. */
    @Test
    void databasesEqualPostgresButFrozenXid() {
        assertSameRows(CatalogDefinitions.PG_DATABASE, "pg15-pg_database.tsv", Set.of("datfrozenxid"));
        for (Object[] row : DATA.databases()) {
            assertEquals(BootstrapData.FIRST_NORMAL_TRANSACTION_ID, row[8]);
        }
    }

    @Test
    void rolesMembershipsAccessMethodsTablespacesCollationsEqualPostgres() {
        assertSameRows(CatalogDefinitions.PG_AUTHID, "pg15-pg_authid.tsv", Set.of());
        assertSameRows(CatalogDefinitions.PG_AUTH_MEMBERS, "pg15-pg_auth_members.tsv", Set.of());
        assertSameRows(CatalogDefinitions.PG_AM, "pg15-pg_am.tsv", Set.of());
        assertSameRows(CatalogDefinitions.PG_TABLESPACE, "pg15-pg_tablespace.tsv", Set.of());
        assertSameRows(CatalogDefinitions.PG_COLLATION, "pg15-pg_collation.tsv", Set.of());
        assertSameRows(CatalogDefinitions.PG_LANGUAGE, "pg15-pg_language.tsv", Set.of());
    }

    @Test
    void sharedDescriptionsAndExtensionsEqualPostgres() {
        assertSameRows(CatalogDefinitions.PG_SHDESCRIPTION, "pg15-pg_shdescription.tsv", Set.of());
        assertSameRows(CatalogDefinitions.PG_EXTENSION, "pg15-pg_extension.tsv", Set.of());
    }

    @Test
    void theSuperusersNameGoesIntoAuthidAndAcls() {
        BootstrapData other = new BootstrapData("Tusk Admin");
        assertEquals("Tusk Admin", other.roles().get(0)[1]);
        assertEquals(CatalogOids.BOOTSTRAP_SUPERUSER_ID, other.roles().get(0)[0]);
        assertEquals(List.of("=c/\"Tusk Admin\"", "\"Tusk Admin\"=CTc/\"Tusk Admin\""), other.databases().get(0)[15]);
        // As PostgreSQL 15 prints it (checked on a server with a role "Tusk Admin").
        assertEquals("{\"=c/\\\"Tusk Admin\\\"\",\"\\\"Tusk Admin\\\"=CTc/\\\"Tusk Admin\\\"\"}",
                PgText.format(other.databases().get(0)[15], CatalogOids.ACLITEM_ARRAY_OID));
        assertEquals(List.of("tusk=UC/tusk", "=U/tusk"), new BootstrapData("tusk").namespaces().get(0)[3]);
        assertThrows(IllegalArgumentException.class, () -> new BootstrapData("pg_admin"));
        assertThrows(IllegalArgumentException.class, () -> new BootstrapData(""));
    }

    @Test
    void catalogsWithoutBootstrapRowsAreEmpty() {
        assertTrue(DATA.rows(CatalogDefinitions.PG_CONSTRAINT).isEmpty());
        assertTrue(DATA.rows(CatalogDefinitions.PG_DEPEND).isEmpty());
    }

    /**
     * The catalogs' own pg_class rows, but for what depends on the cluster's history: statistics
     * (PostgreSQL's initdb analyzed the catalogs), toast tables (Tusk has none) and frozen XIDs.
     */
    @Test
    void pgClassRowsOfTheCatalogsEqualPostgres() {
        Set<String> history = Set.of("relpages", "reltuples", "relallvisible", "reltoastrelid", "relfrozenxid");
        assertSameRows(CatalogDefinitions.PG_CLASS, "pg15-pg_class.tsv", history);
        for (Object[] row : DATA.relations()) {
            assertEquals(0, row[9]);
            assertEquals(-1.0f, row[10]);
            assertEquals(0, row[12]);
            assertEquals((Character) row[16] == 'r' ? BootstrapData.FIRST_NORMAL_TRANSACTION_ID : 0, row[28]);
        }
    }

    @Test
    void descriptionsEqualPostgres() {
        assertSameRows(CatalogDefinitions.PG_DESCRIPTION, "pg15-pg_description.tsv", Set.of());
    }

    @Test
    void pgIndexRowsOfTheCatalogsEqualPostgres() {
        assertSameRows(CatalogDefinitions.PG_INDEX, "pg15-pg_index.tsv", Set.of());
    }

    @Test
    void pgAttributeRowsOfTheCatalogsEqualPostgres() {
        assertSameRows(CatalogDefinitions.PG_ATTRIBUTE, "pg15-pg_attribute.tsv", Set.of());
    }

    private static void assertSameRows(CatalogRelation catalog, String file, Set<String> skip) {
        assertSameRows(catalog, Pg15Recording.load(file).rows, DATA.rows(catalog), skip);
    }

    /** Same rows in the same order (both sorted by OID, or by the key for pg_auth_members), column by column. */
    private static void assertSameRows(CatalogRelation catalog, List<Map<String, String>> pg, List<Object[]> ours,
            Set<String> skip) {
        assertEquals(keys(catalog, pg), keysOf(catalog, ours), catalog.name() + " rows");
        for (int r = 0; r < pg.size(); r++) {
            Map<String, String> expected = pg.get(r);
            Object[] actual = ours.get(r);
            assertEquals(catalog.columns().size(), actual.length, catalog.name());
            for (CatalogColumn c : catalog.columns()) {
                if (skip.contains(c.name())) {
                    continue;
                }
                Object value = actual[c.attnum() - 1];
                assertEquals(expected.get(c.name()), PgText.format(value, c.typeOid()),
                        catalog.name() + " " + actual[0] + "/" + actual[1] + " ." + c.name());
            }
        }
    }

    private static List<String> keys(CatalogRelation catalog, List<Map<String, String>> pg) {
        String first = catalog.columns().get(0).name();
        String second = catalog.columns().get(1).name();
        return pg.stream().map(r -> r.get(first) + "/" + r.get(second)).toList();
    }

    private static List<String> keysOf(CatalogRelation catalog, List<Object[]> rows) {
        return rows.stream().map(r -> PgText.format(r[0], catalog.columns().get(0).typeOid()) + "/"
                + PgText.format(r[1], catalog.columns().get(1).typeOid())).toList();
    }

    @Test
    void everyFunctionTheEvaluatorCallsByOidIsThere() {
        // eval/FunctionOids.java's OIDs (FunctionCall): the functions and operator functions it names.
        int[] oids = {89, 861, 2026, 1299, 1397, 1396, 1705, 1395, 941, 1344, 1610, 1598, 870, 871, 1317, 1374, 1622,
            2311, 177, 181, 141, 463, 65, 67, 1258};
        Set<Integer> ours = new TreeSet<>();
        BootstrapData.functions().forEach(p -> ours.add(p.oid()));
        for (int oid : oids) {
            assertTrue(ours.contains(oid), "pg_proc " + oid);
            assertNotNull(org.tusk.sql.eval.FunctionOids.lookup(oid), "FunctionOids " + oid);
        }
        assertNull(org.tusk.sql.eval.FunctionOids.lookup(3), "heap_tableam_handler is not callable");
    }
}
