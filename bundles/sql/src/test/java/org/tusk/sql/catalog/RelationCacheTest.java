package org.tusk.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.spi.SqlException;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.SqlType;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.StorageSession;

/** Bootstrap and the relation cache over an in-memory storage (no transactions there). */
class RelationCacheTest {
    private final MemoryStorage memory = new MemoryStorage();

    private BackendDatabase connect(String database) {
        return BackendDatabase.connect(memory.openSession(1), database, "alice", () -> "\"$user\", public");
    }

    @Test
    void bootstrapCreatesEveryCatalogOnce() {
        connect("postgres");
        int shared = 0;
        for (CatalogRelation c : CatalogDefinitions.ALL) {
            shared += c.shared() ? 1 : 0;
        }
        // Shared catalogs once, the others for template1, template0 and postgres.
        assertEquals(shared + 3 * (CatalogDefinitions.ALL.size() - shared), memory.relations().size());
        connect("template1");
        assertEquals(shared + 3 * (CatalogDefinitions.ALL.size() - shared), memory.relations().size());
    }

    @Test
    void databasesAreFoundInPgDatabase() {
        assertEquals(5, connect("postgres").databaseOid());
        assertEquals(1, connect("template1").databaseOid());
        SqlException e = assertThrows(SqlException.class, () -> connect("nosuch"));
        assertEquals("FATAL", e.fields().severity());
        assertEquals("3D000", e.sqlState());
        assertEquals("database \"nosuch\" does not exist", e.getMessage());
        e = assertThrows(SqlException.class, () -> connect("template0"));
        assertEquals("55000", e.sqlState());
        assertEquals("database \"template0\" is not currently accepting connections", e.getMessage());
    }

    @Test
    void catalogsAreRelations() {
        BackendDatabase db = connect("postgres");
        StorageSession s = db.storage();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        db.statementStarted();
        Relation pgClass = db.catalog().lookup(null, "pg_class");
        assertNotNull(pgClass);
        assertEquals(CatalogOids.PG_CLASS, pgClass.oid());
        assertEquals("pg_catalog", pgClass.schema());
        assertEquals(new RelationId(5, CatalogOids.PG_CLASS), pgClass.storage());
        assertEquals(SqlType.NAME, pgClass.column("relname").type());
        assertEquals(SqlType.TEXT, pgClass.column("relkind").type());
        assertEquals(SqlType.OID, pgClass.column("oid").type());
        assertEquals(new RelationId(0, CatalogOids.PG_DATABASE), db.catalog().lookup("pg_catalog", "pg_database")
                .storage());
        assertNull(db.catalog().lookup("public", "pg_class"));
        assertNull(db.catalog().lookup(null, "nosuch"));
        assertEquals(pgClass, db.catalog().relation(CatalogOids.PG_CLASS));
        // "$user" names no schema here, so the path is pg_catalog (implicitly first) and public.
        assertEquals(List.of("pg_catalog", "public"), db.catalog().searchPath());
        // Reading a catalog through its relation gives the bootstrap rows.
        var rows = db.catalog().tables().rows(CatalogDefinitions.PG_NAMESPACE, r -> true);
        assertEquals(List.of("pg_catalog", "pg_toast", "public", "information_schema"), rows.stream().map(r -> r.text("nspname")).toList());
        s.commit();
    }

    @Test
    void searchPathItems() {
        assertEquals(List.of("$user", "public"), RelationCache.splitPath("\"$user\", public"));
        assertEquals(List.of("a b", "x\"y", "c"), RelationCache.splitPath("\"a b\",\"x\"\"y\", C"));
        assertEquals(List.of(), RelationCache.splitPath(""));
    }
}
