package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CREATE/DROP/ALTER EXTENSION on storage: the functions exist only after CREATE EXTENSION and in its schema,
 * belong to it (pg_depend 'e'), go with DROP EXTENSION and cannot be dropped alone; messages as PostgreSQL 15
 * prints them.
 */
class ExtensionsTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();
    private final Transcript t = cluster.session();

    @Test
    void uuidOsspLifecycle() {
        assertTrue(t.rowsOf("select uuid_nil()").startsWith("E ERROR 42883 function uuid_nil() does not exist"));
        assertEquals(List.of("C CREATE EXTENSION", "Z I"), t.run("create extension \"uuid-ossp\""));
        assertEquals("00000000-0000-0000-0000-000000000000", t.rowsOf("select uuid_nil()"));
        assertEquals("6ba7b811-9dad-11d1-80b4-00c04fd430c8", t.rowsOf("select uuid_ns_url()"));
        // RFC 4122's example: the version 3 UUID of "www.example.com" in the DNS namespace (PostgreSQL agrees).
        assertEquals("5df41881-3aed-3515-88a7-2f4a814cf09e",
                t.rowsOf("select uuid_generate_v3(uuid_ns_dns(), 'www.example.com')"));
        assertEquals("2ed6657d-e927-568b-95e1-2665a8aea6a2",
                t.rowsOf("select uuid_generate_v5(uuid_ns_dns(), 'www.example.com')"));
        assertEquals("4|1|1", t.rowsOf("select substr(uuid_generate_v4()::text, 15, 1), "
                + "substr(uuid_generate_v1()::text, 15, 1), substr(uuid_generate_v1mc()::text, 15, 1)"));
        assertEquals("t", t.rowsOf("select uuid_generate_v4() <> uuid_generate_v4()"));
        assertEquals("uuid-ossp|1.1|public|t", t.rowsOf("select extname, extversion, extnamespace::regnamespace, "
                + "extrelocatable from pg_extension where extname = 'uuid-ossp'"));
        assertEquals("10", t.rowsOf("select count(*) from pg_depend d join pg_extension e on d.refobjid = e.oid "
                + "where e.extname = 'uuid-ossp' and d.deptype = 'e'"));
        assertEquals(List.of("N NOTICE 00000 extension \"uuid-ossp\" already exists, skipping", "C CREATE EXTENSION",
                "Z I"), t.run("create extension if not exists \"uuid-ossp\""));
        assertEquals("E ERROR 42710 extension \"uuid-ossp\" already exists @-",
                t.rowsOf("create extension \"uuid-ossp\""));
        assertEquals("E ERROR 2BP01 cannot drop function uuid_nil() because extension uuid-ossp requires it @- "
                + "H You can drop extension uuid-ossp instead.", t.rowsOf("drop function uuid_nil()"));
        assertEquals(List.of("N NOTICE 00000 version \"1.1\" of extension \"uuid-ossp\" is already installed",
                "C ALTER EXTENSION", "Z I"), t.run("alter extension \"uuid-ossp\" update"));
        assertEquals(List.of("C DROP EXTENSION", "Z I"), t.run("drop extension \"uuid-ossp\""));
        assertEquals("0", t.rowsOf("select count(*) from pg_proc where proname like 'uuid_%' and prolang = 13"));
        assertTrue(t.rowsOf("select uuid_nil()").startsWith("E ERROR 42883"));
    }

    @Test
    void errorsAndSchemas() {
        assertEquals("E ERROR 0A000 extension \"nosuch\" is not available @- H The extension must first be "
                + "installed on the system where PostgreSQL is running. D Could not open extension control file "
                + "\"/usr/share/postgresql/15/extension/nosuch.control\": No such file or directory.",
                t.rowsOf("create extension nosuch"));
        assertEquals("E ERROR 42704 extension \"nosuch\" does not exist @-", t.rowsOf("drop extension nosuch"));
        assertEquals(List.of("N NOTICE 00000 extension \"nosuch\" does not exist, skipping", "C DROP EXTENSION",
                "Z I"), t.run("drop extension if exists nosuch"));
        assertEquals("E ERROR 22023 extension \"pgcrypto\" has no installation script nor update path for version "
                + "\"9.9\" @-", t.rowsOf("create extension pgcrypto version '9.9'"));
        t.run("create schema crypto");
        assertEquals(List.of("C CREATE EXTENSION", "Z I"), t.run("create extension pgcrypto with schema crypto"));
        assertTrue(t.rowsOf("select digest('abc', 'sha256')").startsWith("E ERROR 42883"));
        assertEquals("\\xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                t.rowsOf("select crypto.digest('abc', 'sha256')"));
        t.run("rollback");
        assertEquals(List.of("C DROP EXTENSION", "Z I"), t.run("drop extension pgcrypto"));
        t.run("begin");
        t.run("create extension pgcrypto");
        t.run("rollback");
        assertEquals("0", t.rowsOf("select count(*) from pg_extension where extname = 'pgcrypto'"));
    }

    @Test
    void extensionFunctionsInColumnDefaults() {
        t.run("create extension if not exists \"uuid-ossp\" with schema public");
        t.run("create table ext_items (id uuid primary key default uuid_generate_v4(), name text)");
        assertEquals(List.of("C INSERT 0 2", "Z I"), t.run("insert into ext_items (name) values ('a'), ('b')"));
        assertEquals("2|4", t.rowsOf("select count(distinct id), min(substr(id::text, 15, 1)) from ext_items"));
        t.run("drop table ext_items");
        t.run("drop extension \"uuid-ossp\"");
    }
}
