package org.tusk.sql.catalog;

import static org.tusk.sql.catalog.CatalogOids.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows {@code tusk initdb} puts in the catalogs before anything else runs: what PostgreSQL's
 * .dat files and initdb's bootstrap put there, restricted to what Tusk implements. Rows are
 * {@code Object[]} in the catalog's column order ({@link CatalogDefinitions}), with these Java
 * values, as org.tusk.storage.heap stores them where it has the type:
 * <ul>
 * <li>bool {@link Boolean}; int2 {@link Short}; int4 {@link Integer}; float4 {@link Float};
 * name, text {@link String};</li>
 * <li>oid, regproc, xid {@link Integer} holding the unsigned 32-bit value;</li>
 * <li>"char" {@link Character} (one byte, always ASCII in the catalogs; {@code '\0'} is the
 * empty value, as attcompression's "default");</li>
 * <li>oidvector a {@code List<Integer>}; int2vector a {@code List<Short>}; aclitem[] a
 * {@code List<String>} of aclitems in their text form ({@code =c/postgres}), since Tusk has no
 * aclitem value yet; text[] a {@code List<String>};</li>
 * <li>NULL {@code null}.</li>
 * </ul>
 *
 * <p>What depends on the cluster is a parameter: the bootstrap superuser's name (initdb -U; OID 10
 * whatever its name), which also appears in ACLs. The databases' locale is {@link #LOCALE}, what
 * initdb chooses in a C.UTF-8 environment and what Tusk's code-point string comparison matches.
 * datfrozenxid and datminmxid are {@link #FIRST_NORMAL_TRANSACTION_ID} and
 * {@link #FIRST_MULTIXACT_ID}: the values of a cluster in which no transaction ran yet. PostgreSQL
 * shows a higher datfrozenxid after initdb because its post-bootstrap steps run transactions and
 * then VACUUM FREEZE; the engine sets the real value if it does the same.
 *
 * <p>Left out on purpose: information_schema (PostgreSQL creates it after bootstrap, with an OID
 * above {@link CatalogOids#FIRST_UNPINNED_OBJECT_ID} that depends on the order of creation); the
 * access methods Tusk lacks (gist, gin, brin, spgist); the collations initdb imports from the
 * operating system (only default, C and POSIX are here); the catalogs' toast tables; and the
 * rows of pg_depend (bootstrap objects are pinned by their OID range instead).
 */
public final class BootstrapData {

    /** datcollate and datctype of the three databases. */
    public static final String LOCALE = "C.UTF-8";
    /** The first XID of a normal transaction (1 is bootstrap, 2 frozen): transam.h. */
    public static final int FIRST_NORMAL_TRANSACTION_ID = 3;
    /** The first multixact ID: multixact.h. */
    public static final int FIRST_MULTIXACT_ID = 1;

    private final String superuser;

    /** The rows of a cluster whose bootstrap superuser (OID 10) is named {@code superuser}. */
    public BootstrapData(String superuser) {
        if (superuser == null || superuser.isEmpty() || superuser.startsWith("pg_")) {
            // initdb: "superuser name \"%s\" is disallowed; role names cannot begin with \"pg_\""
            throw new IllegalArgumentException("invalid bootstrap superuser name: " + superuser);
        }
        this.superuser = superuser;
    }

    public String superuser() {
        return superuser;
    }

    /**
     * The rows of a catalog, in its column order; empty for the catalogs bootstrap leaves to the
     * engine or leaves empty (pg_depend, pg_constraint, pg_attrdef, ...).
     */
    public List<Object[]> rows(CatalogRelation catalog) {
        return switch (catalog.oid()) {
            case PG_TYPE -> types().stream().map(TypeRow::toRow).toList();
            case PG_PROC -> functions().stream().map(ProcRow::toRow).toList();
            case PG_NAMESPACE -> namespaces();
            case PG_DATABASE -> databases();
            case PG_AUTHID -> roles();
            case PG_AUTH_MEMBERS -> roleMemberships();
            case PG_AM -> accessMethods();
            case PG_TABLESPACE -> tablespaces();
            case PG_COLLATION -> collations();
            case PG_CLASS -> relations();
            case PG_ATTRIBUTE -> attributes();
            case PG_INDEX -> indexes();
            case PG_DESCRIPTION -> descriptions();
            case PG_SHDESCRIPTION -> sharedDescriptions();
            case PG_EXTENSION -> extensions();
            case PG_LANGUAGE -> languages();
            case PG_INIT_PRIVS -> initialPrivileges();
            case PG_RANGE -> ranges();
            default -> List.of();
        };
    }

    /**
     * pg_init_privs: the ACL every bootstrap object starts with (privtype 'i', as initdb records them), so
     * that pg_dump, which dumps a system object's ACL only where it differs from this, dumps none of them.
     * Relations (the catalogs and system views), their column grants, and the schemas.
     */
    public List<Object[]> initialPrivileges() {
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> relations = new ArrayList<>(relations());
        relations.addAll(SystemViews.rows(PG_CLASS, superuser));
        collectInitial(rows, relations, CatalogDefinitions.PG_CLASS, "relacl", null);
        collectInitial(rows, attributes(), CatalogDefinitions.PG_ATTRIBUTE, "attacl", "attnum");
        collectInitial(rows, namespaces(), CatalogDefinitions.PG_NAMESPACE, "nspacl", null);
        rows.sort(java.util.Comparator.<Object[]>comparingInt(r -> (Integer) r[0]).thenComparingInt(r -> (Integer) r[2]));
        return List.copyOf(rows);
    }

    private static void collectInitial(List<Object[]> into, List<Object[]> rows, CatalogRelation catalog,
            String aclColumn, String subIdColumn) {
        int acl = catalog.columnIndex(aclColumn);
        int id = catalog.columnIndex(catalog == CatalogDefinitions.PG_ATTRIBUTE ? "attrelid" : "oid");
        for (Object[] row : rows) {
            if (row[acl] != null) {
                int subId = subIdColumn == null ? 0 : ((Number) row[catalog.columnIndex(subIdColumn)]).intValue();
                // A column's privileges are recorded on its table (classoid pg_class), as pg_dump looks for them.
                int classOid = catalog == CatalogDefinitions.PG_ATTRIBUTE ? PG_CLASS : catalog.oid();
                into.add(new Object[] {row[id], classOid, subId, 'i', row[acl]});
            }
        }
    }

    /**
     * pg_type: the built-in types and their arrays, then each catalog's row type (typtype 'c',
     * typrelid the catalog) and its array, in OID order.
     */
    public static List<TypeRow> types() {
        List<TypeRow> rows = new ArrayList<>(BuiltinTypes.all());
        for (CatalogRelation c : CatalogDefinitions.ALL) {
            TypeRow rowType = new TypeRow(c.rowTypeOid(), c.name(), -1, false, 'c', 'C', false, c.oid(), 0, 0,
                    c.arrayTypeOid(), BuiltinFunctions.oidOf("record_in"), BuiltinFunctions.oidOf("record_out"),
                    BuiltinFunctions.oidOf("record_recv"), BuiltinFunctions.oidOf("record_send"), 0, 0, 0, 'd', 'x', 0);
            rows.add(rowType);
            rows.add(BuiltinTypes.arrayOf(rowType, c.arrayTypeOid()));
        }
        rows.sort((a, b) -> Integer.compare(a.oid(), b.oid()));
        return List.copyOf(rows);
    }

    /** pg_proc: the built-in functions (see {@link BuiltinFunctions}), in OID order. */
    public static List<ProcRow> functions() {
        List<ProcRow> rows = new ArrayList<>(BuiltinFunctions.ALL);
        rows.sort((a, b) -> Integer.compare(a.oid(), b.oid()));
        return List.copyOf(rows);
    }

    /**
     * pg_namespace: pg_catalog and pg_toast belong to the superuser; public to pg_database_owner,
     * so that each database's owner owns its public schema (PostgreSQL 15), with CREATE only for
     * that owner.
     */
    public List<Object[]> namespaces() {
        String su = aclName(superuser);
        return List.of(
                new Object[] {PG_CATALOG_NAMESPACE, "pg_catalog", BOOTSTRAP_SUPERUSER_ID,
                    List.of(su + "=UC/" + su, "=U/" + su)},
                new Object[] {PG_TOAST_NAMESPACE, "pg_toast", BOOTSTRAP_SUPERUSER_ID, null},
                new Object[] {PUBLIC_NAMESPACE, "public", PG_DATABASE_OWNER,
                    List.of("pg_database_owner=UC/pg_database_owner", "=U/pg_database_owner")});
    }

    /**
     * pg_database: template1 (what CREATE DATABASE copies), template0 (the pristine copy, no
     * connections) and postgres. The templates' ACLs are what initdb's setup_privileges leaves:
     * CONNECT for PUBLIC, everything for the owner.
     */
    public List<Object[]> databases() {
        String su = aclName(superuser);
        List<String> templateAcl = List.of("=c/" + su, su + "=CTc/" + su);
        return List.of(database(TEMPLATE1_DB_OID, "template1", true, true, templateAcl),
                database(TEMPLATE0_DB_OID, "template0", true, false, templateAcl),
                database(POSTGRES_DB_OID, "postgres", false, true, null));
    }

    /** pg_shdescription: the comments initdb gives the three databases (psql's \\l+ shows them). */
    public static List<Object[]> sharedDescriptions() {
        return List.of(new Object[] {TEMPLATE1_DB_OID, PG_DATABASE, "default template for new databases"},
                new Object[] {TEMPLATE0_DB_OID, PG_DATABASE, "unmodifiable empty database"},
                new Object[] {POSTGRES_DB_OID, PG_DATABASE, "default administrative connection database"});
    }

    /** pg_extension: plpgsql, which initdb installs in every database (OID as in PostgreSQL 15). */
    public static List<Object[]> extensions() {
        return List.<Object[]>of(new Object[] {PLPGSQL_EXTENSION_OID, "plpgsql", BOOTSTRAP_SUPERUSER_ID,
            PG_CATALOG_NAMESPACE, false, "1.0", null, null});
    }

    private static Object[] database(int oid, String name, boolean template, boolean allowConnections,
            List<String> acl) {
        return new Object[] {oid, name, BOOTSTRAP_SUPERUSER_ID, UTF8_ENCODING, 'c' /* libc locale provider */,
            template, allowConnections, -1 /* no connection limit */, FIRST_NORMAL_TRANSACTION_ID,
            FIRST_MULTIXACT_ID, DEFAULT_TABLESPACE_OID, LOCALE, LOCALE, null /* daticulocale */,
            null /* datcollversion: none for C and C.* locales */, acl};
    }

    /** The predefined roles of PostgreSQL 15 (pg_authid.dat), by OID. */
    private static final Map<Integer, String> PREDEFINED_ROLES = Map.ofEntries(Map.entry(3373, "pg_monitor"),
            Map.entry(3374, "pg_read_all_settings"), Map.entry(3375, "pg_read_all_stats"),
            Map.entry(3377, "pg_stat_scan_tables"), Map.entry(4200, "pg_signal_backend"),
            Map.entry(4544, "pg_checkpoint"), Map.entry(4569, "pg_read_server_files"),
            Map.entry(4570, "pg_write_server_files"), Map.entry(4571, "pg_execute_server_program"),
            Map.entry(PG_DATABASE_OWNER, "pg_database_owner"), Map.entry(6181, "pg_read_all_data"),
            Map.entry(6182, "pg_write_all_data"));

    /**
     * pg_authid: the bootstrap superuser, with every attribute and no password (initdb sets one
     * only with --pwfile/--pwprompt), and the predefined roles, which cannot log in.
     */
    public List<Object[]> roles() {
        List<Object[]> rows = new ArrayList<>();
        Object[] bootstrapSuperuser = role(BOOTSTRAP_SUPERUSER_ID, superuser, true);
        bootstrapSuperuser[10] = superuserPassword;
        rows.add(bootstrapSuperuser);
        PREDEFINED_ROLES.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> rows.add(role(e.getKey(), e.getValue(), false)));
        return List.copyOf(rows);
    }

    private static Object[] role(int oid, String name, boolean superuser) {
        boolean s = superuser;
        return new Object[] {oid, name, s, true /* rolinherit */, s, s, s, s, s, -1, null /* rolpassword */,
            null /* rolvaliduntil */};
    }

    /** pg_auth_members: pg_monitor is a member of the three roles it bundles, granted by the superuser. */
    public static List<Object[]> roleMemberships() {
        int monitor = 3373;
        return List.of(new Object[] {3374, monitor, BOOTSTRAP_SUPERUSER_ID, false},
                new Object[] {3375, monitor, BOOTSTRAP_SUPERUSER_ID, false},
                new Object[] {3377, monitor, BOOTSTRAP_SUPERUSER_ID, false});
    }

    /** pg_am: the table access method heap ('t') and the index access methods btree and hash ('i'). */
    public static List<Object[]> accessMethods() {
        return List.of(new Object[] {HEAP_TABLE_AM_OID, "heap", BuiltinFunctions.oidOf("heap_tableam_handler"), 't'},
                new Object[] {BTREE_AM_OID, "btree", BuiltinFunctions.oidOf("bthandler"), 'i'},
                new Object[] {HASH_AM_OID, "hash", BuiltinFunctions.oidOf("hashhandler"), 'i'});
    }

    /**
     * pg_range: the built-in range types' subtype, multirange type (Tusk has no multiranges; the OID is
     * PostgreSQL's), the subtype's default btree operator class and the canonical and subdiff functions.
     */
    public static List<Object[]> ranges() {
        return List.of(range(3904, INT4_OID, 4451, 1978, "int4range_canonical", "int4range_subdiff"),
                range(3906, NUMERIC_OID, 4532, 3125, null, "numrange_subdiff"),
                range(3908, TIMESTAMP_OID, 4533, 3128, null, "tsrange_subdiff"),
                range(3910, TIMESTAMPTZ_OID, 4534, 3127, null, "tstzrange_subdiff"),
                range(3912, DATE_OID, 4535, 3122, "daterange_canonical", "daterange_subdiff"),
                range(3926, INT8_OID, 4536, 3124, "int8range_canonical", "int8range_subdiff"));
    }

    private static Object[] range(int type, int subtype, int multirange, int opclass, String canonical,
            String subdiff) {
        return new Object[] {type, subtype, multirange, 0, opclass,
            canonical == null ? 0 : BuiltinFunctions.oidOf(canonical), BuiltinFunctions.oidOf(subdiff)};
    }

    /** pg_tablespace: pg_default (base/) and pg_global (global/, the shared catalogs). */
    public static List<Object[]> tablespaces() {
        return List.of(new Object[] {DEFAULT_TABLESPACE_OID, "pg_default", BOOTSTRAP_SUPERUSER_ID, null, null},
                new Object[] {GLOBAL_TABLESPACE_OID, "pg_global", BOOTSTRAP_SUPERUSER_ID, null, null});
    }

    /**
     * pg_collation: "default" (provider 'd': the database's own locale), and C and POSIX (libc,
     * byte order); collencoding -1 means usable with any encoding.
     */
    public static List<Object[]> collations() {
        return List.of(collation(DEFAULT_COLLATION_OID, "default", 'd', null),
                collation(C_COLLATION_OID, "C", 'c', "C"),
                collation(POSIX_COLLATION_OID, "POSIX", 'c', "POSIX"));
    }

    private static Object[] collation(int oid, String name, char provider, String locale) {
        return new Object[] {oid, name, PG_CATALOG_NAMESPACE, BOOTSTRAP_SUPERUSER_ID, provider,
            true /* collisdeterministic */, -1, locale, locale, null /* colliculocale */, null /* collversion */};
    }

    /**
     * pg_class: the catalogs (heap, relkind 'r') and their indexes (btree, relkind 'i'), as the
     * bootstrap creates them: never analyzed (relpages 0, reltuples -1 "unknown"), readable by
     * everyone but pg_authid and pg_statistic, in pg_global's tablespace if shared (reltablespace 0
     * means the database's default), and, unlike PostgreSQL's, without toast tables. An index is
     * mapped when its catalog is.
     */
    public List<Object[]> relations() {
        String su = aclName(superuser);
        List<String> readable = List.of(su + "=arwdDxt/" + su, "=r/" + su);
        List<String> private_ = List.of(su + "=arwdDxt/" + su);
        List<Object[]> rows = new ArrayList<>();
        for (CatalogRelation c : CatalogDefinitions.ALL) {
            // initdb revokes PUBLIC's SELECT where rows are secret: passwords, sampled column values.
            // pg_subscription: every column but subconninfo (which may hold a password) is granted instead.
            boolean secret = c.oid() == PG_AUTHID || c.oid() == PG_STATISTIC || c.oid() == PG_LARGEOBJECT
                    || c.oid() == PG_SUBSCRIPTION;
            List<String> acl = secret ? private_ : readable;
            rows.add(relation(c.oid(), c.name(), c.rowTypeOid(), HEAP_TABLE_AM_OID, c.relfilenode(), c.shared(),
                    !c.indexes().isEmpty(), 'r', c.columns().size(), FIRST_NORMAL_TRANSACTION_ID, FIRST_MULTIXACT_ID,
                    acl));
            for (CatalogIndex i : c.indexes()) {
                rows.add(relation(i.oid(), i.name(), 0, BTREE_AM_OID, c.mapped() ? 0 : i.oid(), c.shared(), false,
                        'i', i.columns().size(), 0, 0, null));
            }
        }
        rows.sort((a, b) -> Integer.compare((Integer) a[0], (Integer) b[0]));
        return List.copyOf(rows);
    }

    static Object[] relation(int oid, String name, int rowType, int am, int filenode, boolean shared,
            boolean hasIndex, char kind, int natts, int frozenXid, int minMxid, List<String> acl) {
        return new Object[] {oid, name, PG_CATALOG_NAMESPACE, rowType, 0 /* reloftype */, BOOTSTRAP_SUPERUSER_ID, am,
            filenode, shared ? GLOBAL_TABLESPACE_OID : 0, 0 /* relpages */, -1.0f /* reltuples */,
            0 /* relallvisible */, 0 /* reltoastrelid */, hasIndex, shared, 'p' /* permanent */, kind, (short) natts,
            (short) 0 /* relchecks */, false, false, false, false, false, true /* relispopulated */,
            'n' /* relreplident: nothing */, false, 0 /* relrewrite */, frozenXid, minMxid, acl, null, null};
    }

    /**
     * pg_attribute: the catalogs' columns, the system columns first (attnum -6 to -1) as
     * PostgreSQL lists them, then the user columns. Storage comes from the column's type; a
     * collatable column of a catalog has collation "C" whatever its type's default (genbki.pl), so
     * that catalog lookups never depend on a locale. Only user columns collect statistics
     * (attstattarget -1, the default).
     */
    public List<Object[]> attributes() {
        List<String> columnGrant = List.of("=r/" + aclName(superuser));
        List<Object[]> rows = new ArrayList<>();
        for (CatalogRelation c : CatalogDefinitions.ALL.stream().sorted((a, b) -> Integer.compare(a.oid(), b.oid()))
                .toList()) {
            List<CatalogColumn> system = new ArrayList<>(CatalogDefinitions.SYSTEM_COLUMNS);
            system.sort((a, b) -> Integer.compare(a.attnum(), b.attnum()));
            for (CatalogColumn col : system) {
                rows.add(attribute(c.oid(), col));
            }
            for (CatalogColumn col : c.columns()) {
                Object[] row = attribute(c.oid(), col);
                if (c.oid() == PG_SUBSCRIPTION && !col.name().equals("subconninfo")) {
                    row[row.length - 4] = columnGrant; // attacl, as system_views.sql grants it
                }
                rows.add(row);
            }
        }
        return List.copyOf(rows);
    }

    static Object[] attribute(int relation, CatalogColumn col) {
        TypeRow type = BuiltinTypes.byOid(col.typeOid());
        boolean array = type.category() == 'A'; // genbki.pl: arrays, int2vector and oidvector
        return new Object[] {relation, col.name(), col.typeOid(), col.isSystemColumn() ? 0 : -1 /* attstattarget */,
            (short) col.typlen(), (short) col.attnum(), array ? 1 : 0 /* attndims */, -1 /* attcacheoff */,
            -1 /* atttypmod */, col.byValue(), col.align(), type.storage(), '\0' /* attcompression: default */,
            col.notNull(), false /* atthasdef */, false /* atthasmissing */, '\0' /* attidentity */,
            '\0' /* attgenerated */, false /* attisdropped */, true /* attislocal */, 0 /* attinhcount */,
            type.collation() == 0 ? 0 : C_COLLATION_OID, null, null, null, null};
    }

    /**
     * The OIDs of the btree operator classes the catalogs' indexes use (pg_opclass; name_ops and the
     * others above 10000 were numbered by genbki.pl, the same in every PostgreSQL 15 build).
     */
    private static final Map<String, Integer> BTREE_OPCLASSES = Map.of("bool_ops", 10003, "int2_ops", 1979,
            "int4_ops", 1978, "name_ops", 10028, "oid_ops", 1981, "oidvector_ops", 10032, "float4_ops", 10012,
            "char_ops", 10007, "text_ops", 3126);

    /**
     * pg_index: the catalogs' indexes, all valid, ready and live from the start, immediate (not
     * deferrable), on plain columns in ascending order (indoption 0); a key on a collatable column
     * compares with the C collation, as the column does.
     */
    public static List<Object[]> indexes() {
        List<Object[]> rows = new ArrayList<>();
        for (CatalogRelation c : CatalogDefinitions.ALL) {
            for (CatalogIndex i : c.indexes()) {
                List<Short> keys = new ArrayList<>();
                List<Integer> collations = new ArrayList<>();
                List<Integer> opclasses = new ArrayList<>();
                List<Short> options = new ArrayList<>();
                for (int k = 0; k < i.columns().size(); k++) {
                    CatalogColumn col = c.column(i.columns().get(k)).orElseThrow();
                    keys.add((short) col.attnum());
                    collations.add(BuiltinTypes.byOid(col.typeOid()).collation() == 0 ? 0 : C_COLLATION_OID);
                    Integer opclass = BTREE_OPCLASSES.get(i.opclasses().get(k));
                    if (opclass == null) {
                        throw new IllegalStateException(i.name() + ": unknown operator class " + i.opclasses().get(k));
                    }
                    opclasses.add(opclass);
                    options.add((short) 0);
                }
                short n = (short) keys.size();
                rows.add(new Object[] {i.oid(), c.oid(), n, n, i.unique(), false /* indnullsnotdistinct */,
                    i.primary(), false /* indisexclusion */, true /* indimmediate */, false /* indisclustered */,
                    true /* indisvalid */, false /* indcheckxmin */, true /* indisready */, true /* indislive */,
                    false /* indisreplident */, List.copyOf(keys), List.copyOf(collations), List.copyOf(opclasses),
                    List.copyOf(options), null /* indexprs */, null /* indpred */});
            }
        }
        rows.sort((a, b) -> Integer.compare((Integer) a[0], (Integer) b[0]));
        return List.copyOf(rows);
    }

    /**
     * pg_description: the comments on the built-in types, functions, namespaces, access methods
     * and collations (see {@link BuiltinDescriptions}), by catalog and then object.
     */
    public static List<Object[]> descriptions() {
        return BuiltinDescriptions.ALL.stream()
                .sorted((a, b) -> a.classoid() != b.classoid() ? Integer.compare(a.classoid(), b.classoid())
                        : Integer.compare(a.objoid(), b.objoid()))
                .map(d -> new Object[] {d.objoid(), d.classoid(), 0 /* objsubid: the object itself */, d.text()})
                .toList();
    }

    /**
     * A role name as aclitem's text form writes it (acl.c's putid): bare if it is only letters,
     * digits and underscores, else double-quoted with quotes doubled.
     */
    static String aclName(String role) {
        boolean plain = role.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_');
        return plain ? role : '"' + role.replace("\"", "\"\"") + '"';
    }

    /**
     * pg_language: internal, c and sql (pg_language.dat, with their validators' OIDs), and plpgsql as initdb
     * installs it (its handler, inline handler and validator functions are not in Tusk's pg_proc: PL/pgSQL is
     * run by org.tusk.sql.plpgsql, not through pg_proc).
     */
    public static List<Object[]> languages() {
        return List.of(new Object[] {12, "internal", BOOTSTRAP_SUPERUSER_ID, false, false, 0, 0, 2246, null},
                new Object[] {13, "c", BOOTSTRAP_SUPERUSER_ID, false, false, 0, 0, 2247, null},
                new Object[] {14, "sql", BOOTSTRAP_SUPERUSER_ID, false, true, 0, 0, 2248, null},
                new Object[] {13563, "plpgsql", BOOTSTRAP_SUPERUSER_ID, true, true, 13560, 13561, 13562, null});
    }

    /** The bootstrap superuser's password verifier (initdb's --pwfile), or null for none. */
    private String superuserPassword;

    /** The same rows with the bootstrap superuser's rolpassword set to {@code verifier} (null: none). */
    public BootstrapData withSuperuserPassword(String verifier) {
        this.superuserPassword = verifier;
        return this;
    }
}
