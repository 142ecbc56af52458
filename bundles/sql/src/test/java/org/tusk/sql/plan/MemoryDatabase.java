package org.tusk.sql.plan;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.schema.Catalog;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.SqlType;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.StorageSession;
import org.tusk.storage.access.Table;
import org.tusk.storage.access.TupleId;

/**
 * Tables in memory behind the storage and catalog seams, so planner and executor tests need no
 * storage engine: a {@link Catalog} of hand-made relations, a {@link StorageSession} whose tables scan
 * lists of rows, and an {@link EvalContext} with fixed session values.
 */
final class MemoryDatabase implements Catalog, EvalContext {
    private final Map<String, Relation> relations = new HashMap<>();
    private final Map<RelationId, List<Object[]>> contents = new HashMap<>();
    private int nextOid = 16384;
    int scansOpened;

    /** A scan's column mask (null: every column), as the executor asked the storage for it. */
    record ColumnMask(RelationId table, boolean[] columns) {
    }

    /** The masks of the scans opened, in order. */
    final List<ColumnMask> columnMasks = new ArrayList<>();

    /** The relation named {@code name}. */
    Relation relation(String name) {
        return relations.get(name);
    }

    /** A table with columns given as name, type pairs, and its rows. */
    void table(String name, Object... columnsAndTypes) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < columnsAndTypes.length; i += 2) {
            columns.add(new Column(i / 2 + 1, (String) columnsAndTypes[i], (SqlType) columnsAndTypes[i + 1], -1,
                    false, null, (char) 0));
        }
        int oid = nextOid++;
        RelationId id = new RelationId(5, oid);
        relations.put(name, new Relation(oid, 2200, "public", name, 'r', id, columns, List.of(), List.of(), List.of(),
                List.of(), null));
        contents.put(id, new ArrayList<>());
    }

    void view(String name, String sql) {
        int oid = nextOid++;
        relations.put(name, new Relation(oid, 2200, "public", name, 'v', null, List.of(), List.of(), List.of(),
                List.of(), List.of(), sql));
    }

    void insert(String table, Object... values) {
        contents.get(relations.get(table).storage()).add(values);
    }

    StorageSession storage() {
        return (StorageSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StorageSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "openTable" -> table((RelationId) args[0]);
                    case "lockRelation" -> null;
                    case "relationCounts" -> new org.tusk.storage.access.RelationCounts((Integer) args[0],
                            (Integer) args[1], null);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Table table(RelationId id) {
        List<Object[]> rows = contents.get(id);
        return (Table) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Table.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> id;
                    case "blocks" -> (long) (rows.size() / 50 + 1);
                    case "scan" -> {
                        scansOpened++;
                        columnMasks.add(new ColumnMask(id, args == null ? null : (boolean[]) args[0]));
                        yield scan(rows);
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static RowScan scan(List<Object[]> rows) {
        return new RowScan() {
            int next;

            @Override
            public Row next() {
                if (next >= rows.size()) {
                    return null;
                }
                int i = next++;
                return new Row(new TupleId(0, i + 1), rows.get(i).clone());
            }

            @Override
            public void close() {
            }
        };
    }

    // ---- Catalog

    @Override
    public int databaseOid() {
        return 5;
    }

    @Override
    public Relation lookup(String schema, String name) {
        Relation r = relations.get(name);
        return r != null && (schema == null || schema.equals(r.schema())) ? r : null;
    }

    @Override
    public Relation relation(int oid) {
        return relations.values().stream().filter(r -> r.oid() == oid).findFirst().orElse(null);
    }

    @Override
    public List<String> searchPath() {
        return List.of("pg_catalog", "public");
    }

    // ---- EvalContext

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
        return Instant.parse("2026-11-24T00:00:00Z");
    }

    @Override
    public String currentUser() {
        return "postgres";
    }

    @Override
    public String sessionUser() {
        return "postgres";
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
        return settings.get(name);
    }

    /** Settings a test gives the planner (enable_mergejoin, ...); the rest are unset (their defaults). */
    final java.util.Map<String, String> settings = new java.util.HashMap<>();

    @Override
    public String setConfig(String name, String value, boolean local) {
        return value;
    }

    @Override
    public Instant statementStart() {
        return transactionStart();
    }

    @Override
    public void checkForInterrupts() {
    }
}
