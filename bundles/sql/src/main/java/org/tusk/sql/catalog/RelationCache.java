package org.tusk.sql.catalog;

import static org.tusk.sql.catalog.CatalogDefinitions.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.tusk.spi.SqlException;
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
 * One backend's relation cache (PostgreSQL's relcache and syscaches in one): relations by name and
 * OID, built from pg_class, pg_attribute, pg_attrdef, pg_index and pg_constraint as the current
 * statement sees them, and kept until the catalogs change.
 *
 * <p>When to forget: at the start of each statement the cache compares the storage's
 * {@code catalogVersion()} with the one it was filled at (another backend committed DDL); after this
 * backend's own DDL ({@link #changed}, which also makes the change visible to the next command); and
 * when a transaction that changed catalogs ends, since an abort takes its changes back. Forgetting
 * everything is coarse but simple, and catalog changes are rare next to lookups.
 */
public final class RelationCache implements Catalog {
    private final CatalogTables tables;
    private final Supplier<String> searchPathSetting;
    private final String user;
    private long version = Long.MIN_VALUE;
    private boolean ownChanges;
    /**
     * The pg_enum rows ALTER TYPE ... ADD VALUE inserted in this backend's open transaction: PostgreSQL refuses
     * to read them until it commits (55P04), since an index could otherwise keep a value a rollback removes.
     */
    private final java.util.Set<Integer> uncommittedEnumLabels = new java.util.HashSet<>();
    /** This catalog as where the backend's enum values find their labels (types.EnumLabels). */
    private final org.tusk.sql.types.EnumLabels.Source enumLabels = EnumTypes.source(this);
    /** pg_namespace by name, and names by OID; null until first needed. */
    private Map<String, Integer> namespaces;
    private Map<Integer, String> namespaceNames;
    /** pg_class rows by OID, and OIDs by "namespace.name"; null until first needed. */
    private Map<Integer, CatalogRow> classes;
    private Map<ClassName, Integer> classByName;
    private final Map<Integer, Relation> relations = new HashMap<>();
    /**
     * Catalog rows by the OID of the relation they describe (pg_attribute by attrelid, ...), each catalog
     * read in one scan when a relation is first built and forgotten with {@link #relations}. Building a
     * relation used to scan six catalogs for it alone; a query over many relations (information_schema,
     * pg_column_is_updatable for every column) paid that per relation.
     */
    private final Map<GroupKey, Map<Integer, List<CatalogRow>>> grouped = new HashMap<>();

    private record GroupKey(CatalogRelation catalog, String column) {
    }

    /** {@link #derived()}: forgotten whenever {@link #relations} is. */
    private final Map<Object, Object> derived = new HashMap<>();
    /**
     * The search_path setting the two lists below were resolved from (null: not resolved). Every
     * lookup of an unqualified name reads the path, so it is resolved once per setting value and
     * catalog state rather than parsed per lookup.
     */
    private String resolvedPathSetting;
    private List<String> explicitPath;
    private List<String> fullPath;

    /**
     * @param searchPathSetting the session's search_path as SHOW prints it
     * @param user              the session user, for {@code "$user"} in search_path
     */
    public RelationCache(CatalogTables tables, Supplier<String> searchPathSetting, String user) {
        this.tables = tables;
        this.searchPathSetting = searchPathSetting;
        this.user = user;
        org.tusk.sql.types.EnumLabels.bind(enumLabels);
    }

    public CatalogTables tables() {
        return tables;
    }

    @Override
    public int databaseOid() {
        return tables.database();
    }

    /** A statement starts: forget everything if another backend has committed catalog changes since. */
    void statementStarted() {
        // This backend's statements read enum values through this catalog.
        org.tusk.sql.types.EnumLabels.bind(enumLabels);
        long v = tables.storage().catalogVersion();
        if (v != version) {
            clear();
            version = v;
        }
    }

    /** The backend's transaction ended: if it changed catalogs, what the cache holds may be undone. */
    void transactionEnded() {
        uncommittedEnumLabels.clear();
        if (ownChanges) {
            clear();
            ownChanges = false;
        }
    }

    /**
     * This backend changed catalogs: the change is marked for other backends (at commit), made
     * visible to the next command, and the cache forgets what it knew.
     */
    public void changed() {
        tables.storage().catalogChanged();
        tables.storage().commandCounterIncrement();
        ownChanges = true;
        clear();
    }

    private void clear() {
        generation++;
        resolvedPathSetting = null;
        namespaces = null;
        namespaceNames = null;
        classes = null;
        classByName = null;
        relations.clear();
        grouped.clear();
        derived.clear();
    }

    /**
     * The pg_type row a written type name finds ({@code [schema.]name}; a bare name along search_path, the first
     * schema holding a type of that name deciding), or null: how domains and enums are found by name.
     */
    public CatalogRow typeRow(List<String> names) {
        if (names.isEmpty() || names.size() > 2) {
            return null;
        }
        List<String> path = names.size() == 2 ? List.of(names.getFirst()) : searchPath();
        String name = names.getLast();
        for (String schema : path) {
            Integer ns = namespaceOid(schema);
            CatalogRow t = ns == null ? null
                    : tables.first(PG_TYPE, r -> r.oid("typnamespace") == ns && r.text("typname").equals(name));
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** ADD VALUE inserted the pg_enum row {@code oid} in the open transaction. */
    public void enumLabelAdded(int oid) {
        uncommittedEnumLabels.add(oid);
    }

    /** Whether pg_enum row {@code oid} was added by ADD VALUE in the open transaction. */
    public boolean enumLabelUncommitted(int oid) {
        return uncommittedEnumLabels.contains(oid);
    }

    @Override
    public Map<Object, Object> derived() {
        return derived;
    }

    // ---- namespaces and search_path

    private void loadNamespaces() {
        if (namespaces != null) {
            return;
        }
        namespaces = new HashMap<>();
        namespaceNames = new HashMap<>();
        for (CatalogRow r : tables.rows(PG_NAMESPACE, r -> true)) {
            namespaces.put(r.text("nspname"), r.oid("oid"));
            namespaceNames.put(r.oid("oid"), r.text("nspname"));
        }
    }

    /** The OID of the schema called {@code name} ("pg_temp": this backend's temporary schema), or null. */
    public Integer namespaceOid(String name) {
        loadNamespaces();
        return namespaces.get(TEMP_ALIAS.equals(name) ? tempSchemaName() : name);
    }

    /** What search_path and qualified names call the backend's own temporary schema, as in PostgreSQL. */
    public static final String TEMP_ALIAS = "pg_temp";

    /**
     * This backend's temporary schema, whether it exists yet or not: pg_temp_N, N the backend's ID, as
     * PostgreSQL names it. IDs are reused, so a schema left by a backend that crashed is found and emptied
     * by the next backend of its ID (see ddl.TempSchema).
     */
    public String tempSchemaName() {
        return TEMP_ALIAS + "_" + tables.storage().backendId();
    }

    /** The OID of this backend's temporary schema, or null until its first temporary object made it. */
    public Integer tempNamespaceOid() {
        loadNamespaces();
        return namespaces.get(tempSchemaName());
    }

    /**
     * Whether this backend made its temporary schema or emptied what an earlier backend of its ID left
     * there (PostgreSQL's myTempNamespace is set): until then, objects found in it are not its own.
     */
    public boolean tempSchemaClaimed() {
        return tempSchemaClaimed;
    }

    public void claimTempSchema() {
        tempSchemaClaimed = true;
    }

    private boolean tempSchemaClaimed;

    /** Whether {@code namespace} is the temporary schema of some backend (pg_temp_N). */
    public boolean isTempNamespace(int namespace) {
        String name = namespaceName(namespace);
        return name != null && name.startsWith(TEMP_ALIAS + "_");
    }

    public String namespaceName(int oid) {
        loadNamespaces();
        return namespaceNames.get(oid);
    }

    /** The schemas search_path names that exist, "$user" resolved, in order (without the implicit pg_catalog). */
    public List<String> explicitSearchPath() {
        resolvePath();
        return explicitPath;
    }

    @Override
    public List<String> searchPath() {
        resolvePath();
        return fullPath;
    }

    /** Resolves search_path (both lists, immutable) if its setting changed or the catalogs did. */
    private void resolvePath() {
        String setting = searchPathSetting.get();
        if (setting.equals(resolvedPathSetting)) {
            return;
        }
        List<String> path = new ArrayList<>();
        String temp = tempSchemaName();
        boolean tempListed = false;
        for (String item : splitPath(setting)) {
            String name = item.equals("$user") ? user : item.equals(TEMP_ALIAS) ? temp : item;
            tempListed |= name != null && name.equals(temp);
            if (name != null && namespaceOid(name) != null && !path.contains(name)) {
                path.add(name);
            }
        }
        // New objects go to the first schema written, never to the temporary one unless asked for.
        explicitPath = path.stream().filter(n -> !n.equals(temp)).toList();
        if (!path.contains("pg_catalog")) {
            path.addFirst("pg_catalog");
        }
        // The temporary schema, once it exists, is searched first unless search_path places it.
        if (!tempListed && namespaceOid(temp) != null) {
            path.addFirst(temp);
        }
        fullPath = List.copyOf(path);
        resolvedPathSetting = setting;
    }

    /** search_path's items, unquoted ("$user" stays as written). */
    public static List<String> splitPath(String setting) {
        List<String> items = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < setting.length(); i++) {
            char c = setting.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < setting.length() && setting.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                items.add(b.toString().strip());
                b.setLength(0);
            } else if (quoted || !Character.isWhitespace(c)) {
                b.append(quoted ? c : Character.toLowerCase(c));
            }
        }
        if (!b.isEmpty()) {
            items.add(b.toString().strip());
        }
        items.removeIf(String::isEmpty);
        return items;
    }

    // ---- pg_class

    private void loadClasses() {
        if (classes != null) {
            return;
        }
        classes = new HashMap<>();
        classByName = new HashMap<>();
        for (CatalogRow r : tables.rows(PG_CLASS, r -> true)) {
            classes.put(r.oid("oid"), r);
            classByName.put(new ClassName(r.oid("relnamespace"), r.text("relname")), r.oid("oid"));
        }
    }

    /** The pg_class row of relation {@code oid}, or null. */
    @Override
    public boolean populated(int oid) {
        CatalogRow row = classRow(oid);
        return row == null || row.bool("relispopulated");
    }

    public CatalogRow classRow(int oid) {
        loadClasses();
        return classes.get(oid);
    }

    /** The OID of the relation (of any kind, indexes too) {@code name} in schema {@code namespace}, or null. */
    public Integer classOid(int namespace, String name) {
        loadClasses();
        return classByName.get(new ClassName(namespace, name));
    }

    /** Every pg_class row (for DDL that looks for dependents, e.g. a table's sequences). */
    public List<CatalogRow> classRows() {
        loadClasses();
        return List.copyOf(classes.values());
    }

    @Override
    public Relation lookup(String schema, String name) {
        if (schema != null && schema.startsWith(TEMP_ALIAS + "_") && !schema.equals(tempSchemaName())) {
            throw new SqlException("0A000", "cannot access temporary tables of other sessions");
        }
        Integer oid = lookupOid(schema, name);
        return oid == null ? null : relation(oid);
    }

    /** Like {@link #lookup}, but any kind of relation and only its OID. */
    public Integer lookupOid(String schema, String name) {
        if (schema != null) {
            Integer ns = namespaceOid(schema);
            return ns == null ? null : classOid(ns, name);
        }
        for (String s : searchPath()) {
            Integer oid = classOid(namespaceOid(s), name);
            if (oid != null) {
                return oid;
            }
        }
        return null;
    }

    @Override
    public Relation relation(int oid) {
        Relation r = relations.get(oid);
        if (r == null) {
            CatalogRow row = classRow(oid);
            if (row == null) {
                return null;
            }
            r = build(row);
            relations.put(oid, r);
        }
        return r;
    }

    private Relation build(CatalogRow c) {
        int oid = c.oid("oid");
        var definition = CatalogDefinitions.byOid(oid);
        if (definition.isPresent() && Integer.compareUnsigned(oid, CatalogOids.FIRST_NORMAL_OBJECT_ID) < 0) {
            return CatalogStorage.relation(definition.get(), tables.database());
        }
        char kind = c.character("relkind");
        int namespace = c.oid("relnamespace");
        RelationId storage = kind == 'v' || kind == 'c' || kind == 'p' ? null : new RelationId(c.bool("relisshared") ? RelationId.SHARED
                : tables.database(), c.oid("relfilenode"));
        List<Column> columns = columns(oid);
        return new Relation(oid, namespace, namespaceName(namespace), c.text("relname"), kind, storage, columns,
                kind == 'r' || kind == 'm' ? indexes(oid, columns, storage) : List.of(), checks(oid),
                foreignKeys(oid, false),
                referencedBy(oid), kind == 'v' || kind == 'm' ? viewQuery(oid) : null, c.int4("relpages"),
                c.get("reltuples") instanceof Number n ? n.doubleValue() : -1,
                kind == 'r' || kind == 'm' ? org.tusk.sql.stats.StatisticsReader.read(tables, oid, columns)
                        : java.util.Map.of());
    }

    @Override
    public org.tusk.sql.schema.PartitionKey partitionKey(int oid) {
        List<CatalogRow> rows = rowsOf(CatalogDefinitions.PG_PARTITIONED_TABLE, "partrelid", oid);
        if (rows.isEmpty()) {
            return null;
        }
        CatalogRow r = rows.getFirst();
        return new org.tusk.sql.schema.PartitionKey(r.character("partstrat"), attnums(r.list("partattrs")));
    }

    @Override
    public List<Integer> partitions(int oid) {
        return rowsOf(CatalogDefinitions.PG_INHERITS, "inhparent", oid).stream().map(r -> r.oid("inhrelid"))
                .sorted(Integer::compareUnsigned).toList();
    }

    @Override
    public org.tusk.sql.schema.PartitionBound partitionBound(int oid) {
        CatalogRow c = classRow(oid);
        String text = c == null || !c.bool("relispartition") ? null : c.text("relpartbound");
        if (text == null) {
            return null;
        }
        return (org.tusk.sql.schema.PartitionBound) derived.computeIfAbsent(new BoundKey(oid),
                k -> org.tusk.sql.schema.PartitionBound.parse(text));
    }

    private record BoundKey(int oid) {
    }

    @Override
    public int partitionParent(int oid) {
        List<CatalogRow> rows = rowsOf(CatalogDefinitions.PG_INHERITS, "inhrelid", oid);
        return rows.isEmpty() ? 0 : rows.getFirst().oid("inhparent");
    }

    /**
     * The rows of {@code catalog} whose OID column {@code column} is {@code oid}, from one scan of the catalog
     * kept until the relations are forgotten (see {@link #grouped}): for lookups a catalog query repeats per
     * row, such as format_type's pg_type row. Only for catalogs whose changes go through {@link #changed()}.
     */
    public List<CatalogRow> rowsOf(CatalogRelation catalog, String column, int oid) {
        return grouped.computeIfAbsent(new GroupKey(catalog, column), k -> {
            Map<Integer, List<CatalogRow>> byOid = new HashMap<>();
            for (CatalogRow r : tables.rows(catalog, r -> true)) {
                byOid.computeIfAbsent(r.oid(column), o -> new ArrayList<>()).add(r);
            }
            return byOid;
        }).getOrDefault(oid, List.of());
    }

    private List<Column> columns(int relation) {
        Map<Integer, String> defaults = new HashMap<>();
        for (CatalogRow d : rowsOf(PG_ATTRDEF, "adrelid", relation)) {
            defaults.put((int) d.int2("adnum"), d.text("adbin"));
        }
        List<Column> columns = new ArrayList<>();
        for (CatalogRow a : rowsOf(PG_ATTRIBUTE, "attrelid", relation)) {
            if (a.int2("attnum") <= 0 || a.bool("attisdropped")) {
                continue;
            }
            int number = a.int2("attnum");
            int typeOid = a.oid("atttypid");
            SqlType type = SqlType.byOid(typeOid);
            char identity = a.character("attidentity");
            String defaultSql = defaults.get(number);
            if (defaultSql == null && identity != '\0' && identity != ' ') {
                defaultSql = identityDefault(relation, number);
            }
            Domains.Domain domain = type == null ? Domains.byOid(this, typeOid) : null;
            if (domain != null) {
                // A domain column holds its base type's values; without a default of its own it takes the
                // domain's (build_column_default falls back to the type's default).
                String def = defaultSql != null ? defaultSql : domain.defaultSql();
                columns.add(new Column(number, a.text("attname"), domain.base(), domain.typmod(),
                        a.bool("attnotnull"), def, identity, typeOid));
                continue;
            }
            Column composite = type == null ? CompositeTypes.column(this, typeOid, number, a.text("attname"),
                    a.bool("attnotnull"), defaultSql, identity) : null;
            if (composite != null) {
                columns.add(composite);
                continue;
            }
            if (type == null) {
                // An enum column: its values are ENUM (or ENUM_ARRAY) and its modifier names the enum.
                int element = rowsOf(PG_TYPE, "oid", typeOid).stream().findFirst().map(t -> t.oid("typelem")).orElse(0);
                EnumTypes enums = EnumTypes.of(this);
                if (enums.isEnum(typeOid)) {
                    columns.add(new Column(number, a.text("attname"), SqlType.ENUM, typeOid, a.bool("attnotnull"),
                            defaultSql, identity));
                    continue;
                }
                if (element != 0 && enums.isEnum(element)) {
                    columns.add(new Column(number, a.text("attname"), SqlType.ENUM_ARRAY, element,
                            a.bool("attnotnull"), defaultSql, identity));
                    continue;
                }
            }
            columns.add(new Column(number, a.text("attname"), type, a.int4("atttypmod"), a.bool("attnotnull"),
                    defaultSql, identity));
        }
        columns.sort(Comparator.comparingInt(Column::number));
        return columns;
    }

    /**
     * An identity column's values come from its sequence (the pg_depend row 'i' binding it to the column), which
     * PostgreSQL reads directly; here the column gets that nextval call as its in-memory default, so INSERT and
     * COPY need nothing special. Null if the sequence is missing.
     */
    private String identityDefault(int relation, int attnum) {
        CatalogRow d = tables.first(PG_DEPEND, r -> r.oid("refobjid") == relation && r.int4("refobjsubid") == attnum
                && r.character("deptype") == 'i' && r.oid("classid") == CatalogOids.PG_CLASS
                && r.oid("refclassid") == CatalogOids.PG_CLASS);
        CatalogRow seq = d == null ? null : classRow(d.oid("objid"));
        if (seq == null) {
            return null;
        }
        String name = quoted(namespaceName(seq.oid("relnamespace"))) + "." + quoted(seq.text("relname"));
        return "nextval('" + name.replace("'", "''") + "'::regclass)";
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private List<IndexDef> indexes(int table, List<Column> columns, RelationId tableStorage) {
        List<IndexDef> result = new ArrayList<>();
        for (CatalogRow i : rowsOf(PG_INDEX, "indrelid", table)) {
            CatalogRow ic = classRow(i.oid("indexrelid"));
            if (ic == null) {
                continue;
            }
            List<Integer> keys = new ArrayList<>();
            List<IndexShape.KeyColumn> shape = new ArrayList<>();
            List<?> indkey = i.list("indkey");
            List<?> options = i.list("indoption");
            // An expression key (attnum 0) is typed by the index's own pg_attribute row.
            List<Column> own = indkey.contains((short) 0) || indkey.contains(0) ? columns(ic.oid("oid")) : List.of();
            for (int k = 0; k < indkey.size(); k++) {
                int attnum = ((Number) indkey.get(k)).intValue();
                int position = k + 1;
                Column col = attnum == 0 ? own.stream().filter(x -> x.number() == position).findFirst().orElseThrow()
                        : columns.stream().filter(x -> x.number() == attnum).findFirst().orElseThrow();
                int option = k < options.size() ? ((Number) options.get(k)).intValue() : 0;
                keys.add(attnum);
                if (k >= i.int2("indnkeyatts")) {
                    continue; // an INCLUDE column: not in the storage's entries
                }
                // indoption bits as PostgreSQL's INDOPTION_DESC (1) and INDOPTION_NULLS_FIRST (2).
                shape.add(new IndexShape.KeyColumn(col.name(),
                        org.tusk.sql.schema.StorageValues.storedTypeOid(col.type()), (option & 1) != 0,
                        (option & 2) != 0));
            }
            boolean unique = i.bool("indisunique");
            Object exprs = i.get("indexprs");
            List<String> expressions = exprs == null ? List.of()
                    : org.tusk.protocol.ArrayFormats.parse(exprs.toString()).elements();
            Object pred = i.get("indpred");
            if (!expressions.isEmpty() || pred != null || i.int2("indnkeyatts") != indkey.size()) {
                result.add(new IndexDef(ic.oid("oid"), ic.text("relname"), new RelationId(tables.database(),
                        ic.oid("relfilenode")), keys, new IndexShape(shape, unique, tableStorage), unique,
                        i.bool("indisprimary"), 0, false, false, expressions, pred == null ? null : pred.toString(),
                        i.int2("indnkeyatts")));
                continue;
            }
            if (unique && !i.bool("indimmediate")) {
                // A DEFERRABLE key: the storage takes duplicates, the writer checks them later.
                int indexOid = ic.oid("oid");
                CatalogRow con = rowsOf(PG_CONSTRAINT, "conrelid", table).stream()
                        .filter(r -> r.oid("conindid") == indexOid).findFirst().orElse(null);
                result.add(new IndexDef(indexOid, ic.text("relname"), new RelationId(tables.database(),
                        ic.oid("relfilenode")), keys, new IndexShape(shape, false, tableStorage), false,
                        i.bool("indisprimary"), con == null ? 0 : con.oid("oid"), true,
                        con != null && con.bool("condeferred")));
                continue;
            }
            result.add(new IndexDef(ic.oid("oid"), ic.text("relname"), new RelationId(tables.database(),
                    ic.oid("relfilenode")), keys, new IndexShape(shape, unique, tableStorage), unique, i.bool("indisprimary")));
        }
        result.sort(Comparator.comparing(IndexDef::name));
        return result;
    }

    private List<CheckDef> checks(int table) {
        List<CheckDef> result = new ArrayList<>();
        for (CatalogRow r : rowsOf(PG_CONSTRAINT, "conrelid", table)) {
            if (r.character("contype") != 'c') {
                continue;
            }
            result.add(new CheckDef(r.text("conname"), r.text("conbin")));
        }
        result.sort(Comparator.comparing(CheckDef::name));
        return result;
    }

    private List<ForeignKeyDef> foreignKeys(int table, boolean referenced) {
        List<ForeignKeyDef> result = new ArrayList<>();
        for (CatalogRow r : rowsOf(PG_CONSTRAINT, referenced ? "confrelid" : "conrelid", table)) {
            if (r.character("contype") != 'f') {
                continue;
            }
            result.add(foreignKey(r));
        }
        result.sort(Comparator.comparing(ForeignKeyDef::name));
        return result;
    }

    private static ForeignKeyDef foreignKey(CatalogRow r) {
        return new ForeignKeyDef(r.text("conname"), attnums(r.list("conkey")), r.oid("confrelid"),
                attnums(r.list("confkey")), r.character("confdeltype"), r.character("confupdtype"), r.oid("oid"),
                r.bool("condeferrable"), r.bool("condeferred"));
    }

    private List<Relation.ForeignKeyRef> referencedBy(int table) {
        List<Relation.ForeignKeyRef> result = new ArrayList<>();
        for (CatalogRow r : rowsOf(PG_CONSTRAINT, "confrelid", table)) {
            if (r.character("contype") != 'f') {
                continue;
            }
            result.add(new Relation.ForeignKeyRef(r.oid("conrelid"), foreignKey(r)));
        }
        return result;
    }

    private static List<Integer> attnums(List<?> list) {
        return list.stream().map(n -> ((Number) n).intValue()).toList();
    }

    /** A view's query: Tusk keeps it as SQL text in a pg_description row of the view (PostgreSQL: pg_rewrite). */
    private String viewQuery(int view) {
        for (CatalogRow d : rowsOf(PG_DESCRIPTION, "objoid", view)) {
            if (d.oid("classoid") == CatalogOids.PG_CLASS && d.int4("objsubid") == VIEW_QUERY_SUBID) {
                return d.text("description");
            }
        }
        return null;
    }

    /**
     * The objsubid under which a view's query is kept in pg_description (no column has a negative
     * number, so it cannot be mistaken for a column's comment).
     */
    public static final int VIEW_QUERY_SUBID = -1;

    /**
     * A key of {@link #classByName}: pg_class's unique (relnamespace, relname). A record rather than
     * a concatenated string, which every table reference of every statement would have built.
     */
    private record ClassName(int namespace, String name) {
    }

    /** Counts the times this cache was cleared, so that caches built from the catalogs know to rebuild. */
    private long generation;

    /** Changes whenever what this cache knew was forgotten (a catalog change of this or another backend). */
    public long generation() {
        return generation;
    }
}
