package org.tusk.sql.dml;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.ErrorFields;
import org.tusk.spi.ResultSink;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.schema.Catalog;
import org.tusk.sql.schema.CheckDef;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.ForeignKeyDef;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.SqlType;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.RelationId;

/**
 * A database for dml tests: relations defined in code (what the catalog layer will read from the
 * system catalogs), an in-memory storage session, and a runner that parses and executes statements
 * and records what a client would receive.
 */
public final class TestDb implements Catalog {
    static final int DB = 5;
    final MemoryStorage storage = new MemoryStorage();
    private final Map<String, Relation> relations = new LinkedHashMap<>();
    private int nextOid = 16384;

    @Override
    public int databaseOid() {
        return DB;
    }

    @Override
    public Relation lookup(String schema, String name) {
        return relations.get(name);
    }

    @Override
    public Relation relation(int oid) {
        return relations.values().stream().filter(r -> r.oid() == oid).findFirst().orElse(null);
    }

    @Override
    public List<String> searchPath() {
        return List.of("pg_catalog", "public");
    }

    public static Column col(int number, String name, SqlType type) {
        return new Column(number, name, type, -1, false, null, '\0');
    }

    public static Column col(int number, String name, SqlType type, int typmod, boolean notNull, String defaultSql) {
        return new Column(number, name, type, typmod, notNull, defaultSql, '\0');
    }

    /** An index spec: name, uniqueness, primary key, attnums. */
    public record Idx(String name, boolean unique, boolean primary, List<Integer> columns) {
    }

    /** Defines a table (foreign keys name referenced tables by OID: define those first). */
    public Relation table(String name, List<Column> columns, List<Idx> indexes, List<CheckDef> checks,
            List<ForeignKeyDef> foreignKeys) {
        int oid = nextOid++;
        RelationId id = new RelationId(DB, oid);
        List<IndexDef> defs = new ArrayList<>();
        Map<RelationId, IndexShape> shapes = new LinkedHashMap<>();
        for (Idx i : indexes) {
            int ioid = nextOid++;
            List<IndexShape.KeyColumn> keys = new ArrayList<>();
            for (int attnum : i.columns()) {
                Column c = columns.stream().filter(x -> x.number() == attnum).findFirst().orElseThrow();
                keys.add(IndexShape.KeyColumn.ascending(c.name(), c.type().oid()));
            }
            IndexShape shape = new IndexShape(keys, i.unique());
            defs.add(new IndexDef(ioid, i.name(), new RelationId(DB, ioid), i.columns(), shape, i.unique(),
                    i.primary()));
            shapes.put(new RelationId(DB, ioid), shape);
        }
        Relation r = new Relation(oid, 2200, "public", name, 'r', id, columns, defs, checks, foreignKeys, List.of(),
                null);
        relations.put(name, r);
        storage.create(id, r.shape(), shapes);
        link();
        return r;
    }

    /** Recomputes every relation's referencedBy from the foreign keys (the relation cache's job). */
    private void link() {
        for (Relation r : new ArrayList<>(relations.values())) {
            List<Relation.ForeignKeyRef> refs = new ArrayList<>();
            for (Relation other : relations.values()) {
                for (ForeignKeyDef fk : other.foreignKeys()) {
                    if (fk.referencedTable() == r.oid()) {
                        refs.add(new Relation.ForeignKeyRef(other.oid(), fk));
                    }
                }
            }
            relations.put(r.name(), new Relation(r.oid(), r.namespaceOid(), r.schema(), r.name(), r.kind(),
                    r.storage(), r.columns(), r.indexes(), r.checks(), r.foreignKeys(), refs, r.viewQuery()));
        }
    }

    public Relation get(String name) {
        return relations.get(name);
    }

    /** What a client received for one statement. */
    public static class Result implements ResultSink {
        public List<ColumnDescription> columns() {
            return columns;
        }

        public List<String> rows() {
            return rows;
        }

        public String tag() {
            return tag;
        }

        List<ColumnDescription> columns;
        final List<String> rows = new ArrayList<>();
        String tag;

        @Override
        public void rowDescription(List<ColumnDescription> c) {
            columns = c;
        }

        @Override
        public void dataRow(byte[][] values) {
            List<String> texts = new ArrayList<>();
            for (byte[] v : values) {
                texts.add(v == null ? "NULL" : new String(v, StandardCharsets.UTF_8));
            }
            rows.add(String.join("|", texts));
        }

        @Override
        public void commandComplete(String t) {
            tag = t;
        }

        @Override
        public void emptyQuery() {
        }

        @Override
        public void notice(ErrorFields notice) {
        }

        @Override
        public void parameterStatus(String name, String value) {
        }
    }

    public DmlEnv env(Parameters parameters) {
        return new DmlEnv(storage, this, CTX, parameters);
    }

    DmlPlan plan(String sql) {
        Statement s = Parser.parse(sql, true).getFirst();
        return DmlStatements.analyze(s, env(Parameters.none()));
    }

    public Result run(String sql) {
        Result r = new Result();
        Runnable rollback = storage.savepointState();
        try {
            DmlStatements.run(Parser.parse(sql, true).getFirst(), env(Parameters.none()), r);
        } catch (RuntimeException e) {
            rollback.run(); // a failed statement leaves nothing behind, as its transaction's abort would
            throw e;
        }
        return r;
    }

    /** The live rows of a table as "a|b|c" strings of their stored values, in storage order. */
    public List<String> rows(String table) {
        List<String> out = new ArrayList<>();
        for (Object[] v : storage.tables.get(relations.get(table).storage()).liveRows()) {
            List<String> texts = new ArrayList<>();
            for (Object o : v) {
                texts.add(String.valueOf(o));
            }
            out.add(String.join("|", texts));
        }
        return out;
    }

    public static final EvalContext CTX = new EvalContext() {
        @Override
        public ZoneId timeZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public int extraFloatDigits() {
            return 1;
        }

        @Override
        public boolean byteaOutputEscape() {
            return false;
        }

        @Override
        public Instant transactionStart() {
            return Instant.parse("2026-11-24T01:00:00Z");
        }

        @Override
        public String currentUser() {
            return "tusk";
        }

        @Override
        public String sessionUser() {
            return "tusk";
        }

        @Override
        public String database() {
            return "postgres";
        }

        @Override
        public int backendPid() {
            return 4711;
        }

        @Override
        public String setting(String name) {
            return null;
        }

        @Override
        public String setConfig(String name, String value, boolean local) {
            return null;
        }

        @Override
        public Instant statementStart() {
            return transactionStart();
        }

        @Override
        public void checkForInterrupts() {
        }
    };
}
