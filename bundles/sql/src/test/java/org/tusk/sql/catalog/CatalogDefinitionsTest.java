package org.tusk.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The catalog definitions against PostgreSQL 15's own pg_class, pg_attribute and pg_index. */
class CatalogDefinitionsTest {
    private static final Pg15Recording RELATIONS = Pg15Recording.load("pg15-relations.tsv");
    private static final Pg15Recording ATTRIBUTES = Pg15Recording.load("pg15-attributes.tsv");
    private static final Pg15Recording INDEXES = Pg15Recording.load("pg15-indexes.tsv");

    @Test
    void theSameCatalogsAsRecorded() {
        Set<Integer> recorded = RELATIONS.rows.stream().map(r -> Integer.parseInt(r.get("oid")))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<Integer> defined = CatalogDefinitions.ALL.stream().map(CatalogRelation::oid)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(recorded, defined);
        // Every catalog the engine's specification names is among them (and so was recorded too).
        assertTrue(defined.containsAll(Set.of(1262, 1260, 1261, 1213, 2615, 1259, 1249, 1247, 1255, 2610, 2606,
                2604, 2601, 3456, 2609, 2608, 2224, 2611, 2620, 2619)), defined.toString());
    }

    @Test
    void relationFactsMatchPostgres() {
        for (Map<String, String> row : RELATIONS.rows) {
            CatalogRelation r = CatalogDefinitions.byOid(Integer.parseInt(row.get("oid"))).orElseThrow();
            String what = r.name();
            assertEquals(row.get("relname"), r.name(), what);
            assertEquals(row.get("reltype"), Integer.toString(r.rowTypeOid()), what);
            assertEquals(row.get("typarray"), Integer.toString(r.arrayTypeOid()), what);
            assertEquals(row.get("relfilenode"), Integer.toString(r.relfilenode()), what);
            assertEquals(row.get("filenode"), Integer.toString(r.initialFilenode()), what);
            assertEquals(row.get("relisshared"), r.shared() ? "t" : "f", what);
            assertEquals(row.get("relnatts"), Integer.toString(r.columns().size()), what);
            assertEquals("11", row.get("relnamespace"), what);
        }
    }

    @Test
    void everyColumnMatchesPostgres() {
        for (CatalogRelation r : CatalogDefinitions.ALL) {
            List<Map<String, String>> recorded = ATTRIBUTES.where("relname", r.name()).stream()
                    .filter(a -> Integer.parseInt(a.get("attnum")) > 0).toList();
            assertEquals(recorded.size(), r.columns().size(), r.name());
            for (int i = 0; i < recorded.size(); i++) {
                assertColumn(recorded.get(i), r.columns().get(i), r.name());
            }
        }
    }

    @Test
    void systemColumnsMatchPostgresForEveryCatalog() {
        for (CatalogRelation r : CatalogDefinitions.ALL) {
            List<Map<String, String>> recorded = ATTRIBUTES.where("relname", r.name()).stream()
                    .filter(a -> Integer.parseInt(a.get("attnum")) < 0)
                    .sorted((a, b) -> Integer.parseInt(b.get("attnum")) - Integer.parseInt(a.get("attnum"))).toList();
            assertEquals(CatalogDefinitions.SYSTEM_COLUMNS.size(), recorded.size(), r.name());
            for (int i = 0; i < recorded.size(); i++) {
                assertColumn(recorded.get(i), CatalogDefinitions.SYSTEM_COLUMNS.get(i), r.name());
            }
        }
    }

    private static void assertColumn(Map<String, String> pg, CatalogColumn c, String relation) {
        String what = relation + "." + pg.get("attname");
        assertEquals(pg.get("attname"), c.name(), what);
        assertEquals(pg.get("attnum"), Integer.toString(c.attnum()), what);
        assertEquals(pg.get("atttypid"), Integer.toString(c.typeOid()), what);
        assertEquals(pg.get("attlen"), Integer.toString(c.typlen()), what);
        assertEquals(pg.get("attalign"), Character.toString(c.align()), what);
        assertEquals(pg.get("attnotnull"), c.notNull() ? "t" : "f", what);
        assertEquals(pg.get("attbyval"), c.byValue() ? "t" : "f", what);
    }

    @Test
    void indexesMatchPostgres() {
        int count = 0;
        for (CatalogRelation r : CatalogDefinitions.ALL) {
            List<Map<String, String>> recorded = INDEXES.where("catalog", r.name());
            assertEquals(recorded.size(), r.indexes().size(), r.name());
            for (Map<String, String> pg : recorded) {
                CatalogIndex i = r.index(pg.get("name")).orElseThrow(() -> new AssertionError(pg.get("name")));
                assertEquals(pg.get("oid"), Integer.toString(i.oid()), i.name());
                assertEquals(pg.get("indisunique"), i.unique() ? "t" : "f", i.name());
                assertEquals(pg.get("indisprimary"), i.primary() ? "t" : "f", i.name());
                assertEquals(pg.get("columns"), String.join(",", i.columns()), i.name());
                assertEquals(pg.get("opclasses"), String.join(",", i.opclasses()), i.name());
                count++;
            }
        }
        assertEquals(INDEXES.rows.size(), count);
    }

    @Test
    void indexKeysAreColumnsOfTheirCatalog() {
        for (CatalogRelation r : CatalogDefinitions.ALL) {
            for (CatalogIndex i : r.indexes()) {
                for (String column : i.columns()) {
                    assertTrue(r.column(column).isPresent(), i.name() + " on " + column);
                }
            }
        }
    }

    @Test
    void lookupsByNameAndOid() {
        assertSame(CatalogDefinitions.PG_CLASS, CatalogDefinitions.byName("pg_class").orElseThrow());
        assertSame(CatalogDefinitions.PG_TYPE, CatalogDefinitions.byOid(CatalogOids.PG_TYPE).orElseThrow());
        assertFalse(CatalogDefinitions.byName("pg_aggregate").isPresent());
        assertFalse(CatalogDefinitions.byOid(CatalogOids.FIRST_NORMAL_OBJECT_ID).isPresent());

        CatalogRelation pgClass = CatalogDefinitions.PG_CLASS;
        assertEquals(1, pgClass.columnIndex("relname"));
        assertEquals(-1, pgClass.columnIndex("nosuch"));
        assertEquals(-1, CatalogDefinitions.column(pgClass, "ctid").orElseThrow().attnum());
        assertEquals(CatalogOids.NAME_OID, CatalogDefinitions.column(pgClass, "relname").orElseThrow().typeOid());
        assertEquals(List.of("relname", "relnamespace"),
                pgClass.index("pg_class_relname_nsp_index").orElseThrow().columns());
        assertTrue(pgClass.mapped());
        assertFalse(CatalogDefinitions.PG_NAMESPACE.mapped());
        assertTrue(CatalogDefinitions.PG_DATABASE.shared());
    }

    @Test
    void noTwoCatalogsOrIndexesShareAnOidOrName() {
        Set<Integer> oids = new TreeSet<>();
        Set<String> names = new TreeSet<>();
        for (CatalogRelation r : CatalogDefinitions.ALL) {
            assertTrue(oids.add(r.oid()) && names.add(r.name()), r.name());
            for (CatalogIndex i : r.indexes()) {
                assertTrue(oids.add(i.oid()) && names.add(i.name()), i.name());
            }
            Set<String> columns = new TreeSet<>();
            for (CatalogColumn c : r.columns()) {
                assertTrue(columns.add(c.name()), r.name() + "." + c.name());
            }
        }
    }
}
