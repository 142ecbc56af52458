package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.sql.engine.TuskSqlEngine;
import org.tusk.storage.cluster.SharedStorageService;

/** Values of enum types on storage: columns, literals, casts, comparisons in enum order, indexes, functions. */
class EnumValuesTest {
    @TempDir
    static Path dir;
    private static SharedStorageService storage;
    private static TuskSqlEngine engine;

    @BeforeAll
    static void start() {
        storage = new SharedStorageService();
        storage.start(dir, Map.of("shared_buffers", "16MB", "max_connections", "10"));
        engine = new TuskSqlEngine(storage);
    }

    @AfterAll
    static void stop() {
        storage.stop();
    }

    private static String rows(String sql) {
        Transcript t = new Transcript(engine, "postgres");
        try {
            return t.rowsOf(sql);
        } finally {
            t.session.close();
        }
    }

    private static void ok(String sql) {
        String out = rows(sql);
        assertTrue(!out.startsWith("E "), sql + " -> " + out);
    }

    @Test
    void scratch() {
        ok("create type ev_mood as enum ('sad', 'ok', 'happy')");
        ok("create table ev_t (id int, m ev_mood)");
        String[] qs = {"insert into ev_t values (1, 'happy'), (2, 'sad'), (3, 'ok'), (4, null)",
            "select * from ev_t order by m",
            "select enum_first(null::ev_mood), enum_last('ok'::ev_mood), enum_range(null::ev_mood)",
            "select enum_range('ok'::ev_mood, null), enum_range(null, 'ok'::ev_mood), enum_range('happy'::ev_mood, 'sad')",
            "select pg_typeof(m), pg_typeof(enum_range(m)) from ev_t limit 1",
            "create index ev_i on ev_t (m)", "set enable_seqscan = off",
            "select * from ev_t where m >= 'ok' order by m",
            "alter type ev_mood add value 'meh' before 'ok'",
            "insert into ev_t values (6, 'meh')",
            "select * from ev_t order by m", "select * from ev_t where m < 'ok' order by m",
            "alter type ev_mood rename value 'sad' to 'blue'", "select * from ev_t order by id",
            "create table ev_a (id int, ms ev_mood[])",
            "insert into ev_a values (1, '{ok,happy}'), (2, array['blue','meh']::ev_mood[])",
            "select * from ev_a", "select * from ev_a where 'ok' = any(ms)",
            "select array_agg(m order by m) from ev_t",
            "select m::varchar, 'blue'::varchar::ev_mood from ev_t where id = 2",
            "drop type ev_mood",
            "create table ev_u (m ev_mood unique)", "insert into ev_u values ('ok'), ('ok')",
            "alter table ev_t alter column m type text", "select * from ev_t order by id",
            "alter table ev_t alter column m type ev_mood using m::ev_mood", "select * from ev_t order by m",
            "select * from ev_t a join ev_t b using (m) order by 1",
            "begin", "alter type ev_mood add value 'new'", "select 'new'::ev_mood", "rollback",
        };
        Transcript t = new Transcript(engine, "postgres");
        StringBuilder b = new StringBuilder();
        for (String q : qs) {
            b.append(q).append("\n  ").append(String.join("\n  ", t.run(q))).append('\n');
        }
        t.session.close();
        System.out.println("SCRATCH\n" + b);
    }
}
