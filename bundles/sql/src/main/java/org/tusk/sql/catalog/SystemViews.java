package org.tusk.sql.catalog;

import static org.tusk.sql.catalog.CatalogOids.BOOL_OID;
import static org.tusk.sql.catalog.CatalogOids.FLOAT4_ARRAY_OID;
import static org.tusk.sql.catalog.CatalogOids.FLOAT4_OID;
import static org.tusk.sql.catalog.CatalogOids.INT4_OID;
import static org.tusk.sql.catalog.CatalogOids.INT8_OID;
import static org.tusk.sql.catalog.CatalogOids.NAME_OID;
import static org.tusk.sql.catalog.CatalogOids.OID_OID;
import static org.tusk.sql.catalog.CatalogOids.TEXT_ARRAY_OID;
import static org.tusk.sql.catalog.CatalogOids.TEXT_OID;
import static org.tusk.sql.catalog.CatalogOids.TIMESTAMPTZ_OID;

import java.util.ArrayList;
import java.util.List;

/**
 * The system views of pg_catalog that clients read instead of the catalogs (PostgreSQL's
 * system_views.sql, run by initdb after bootstrap): pg_roles, pg_user, pg_tables, pg_indexes, pg_seclabels, ...
 * (pg_publication and pg_publication_namespace are catalogs, empty ones: see CatalogDefinitions.)
 * psql's {@code \du} reads pg_roles; drivers and users read the others.
 *
 * <p>initdb creates them by running CREATE VIEW; here bootstrap writes the rows that CREATE VIEW would
 * write (see SchemaCommands): a pg_class row of kind 'v', its columns in pg_attribute, and the query
 * as SQL text in a pg_description row under {@link RelationCache#VIEW_QUERY_SUBID}, so that every
 * database created from the bootstrap rows has them. The queries are PostgreSQL's (rolconfig and useconfig
 * from pg_db_role_setting's row for the role in every database), except that pg_user reads pg_authid
 * directly, as pg_shadow does. The OIDs are in the range initdb gives its unpinned objects.
 */
public final class SystemViews {

    /** One view: OID, name, columns (name and type OID), and query. */
    public record View(int oid, String name, List<String> columnNames, List<Integer> columnTypes, String query) {
    }

    public static final List<View> ALL = List.of(
            new View(12001, "pg_roles",
                    List.of("rolname", "rolsuper", "rolinherit", "rolcreaterole", "rolcreatedb", "rolcanlogin",
                            "rolreplication", "rolconnlimit", "rolpassword", "rolvaliduntil", "rolbypassrls",
                            "rolconfig", "oid"),
                    List.of(NAME_OID, BOOL_OID, BOOL_OID, BOOL_OID, BOOL_OID, BOOL_OID, BOOL_OID, INT4_OID, TEXT_OID,
                            TIMESTAMPTZ_OID, BOOL_OID, TEXT_ARRAY_OID, OID_OID),
                    "SELECT a.rolname, a.rolsuper, a.rolinherit, a.rolcreaterole, a.rolcreatedb, a.rolcanlogin,"
                            + " a.rolreplication, a.rolconnlimit, '********'::text AS rolpassword, a.rolvaliduntil,"
                            + " a.rolbypassrls, s.setconfig AS rolconfig, a.oid FROM pg_catalog.pg_authid a"
                            + " LEFT JOIN pg_catalog.pg_db_role_setting s ON a.oid = s.setrole AND s.setdatabase = 0"),
            new View(12002, "pg_user",
                    List.of("usename", "usesysid", "usecreatedb", "usesuper", "userepl", "usebypassrls", "passwd",
                            "valuntil", "useconfig"),
                    List.of(NAME_OID, OID_OID, BOOL_OID, BOOL_OID, BOOL_OID, BOOL_OID, TEXT_OID, TIMESTAMPTZ_OID,
                            TEXT_ARRAY_OID),
                    "SELECT a.rolname AS usename, a.oid AS usesysid, a.rolcreatedb AS usecreatedb,"
                            + " a.rolsuper AS usesuper, a.rolreplication AS userepl, a.rolbypassrls AS usebypassrls,"
                            + " '********'::text AS passwd, a.rolvaliduntil AS valuntil, s.setconfig AS useconfig"
                            + " FROM pg_catalog.pg_authid a"
                            + " LEFT JOIN pg_catalog.pg_db_role_setting s ON a.oid = s.setrole AND s.setdatabase = 0"
                            + " WHERE a.rolcanlogin"),
            new View(12003, "pg_tables",
                    List.of("schemaname", "tablename", "tableowner", "tablespace", "hasindexes", "hasrules",
                            "hastriggers", "rowsecurity"),
                    List.of(NAME_OID, NAME_OID, NAME_OID, NAME_OID, BOOL_OID, BOOL_OID, BOOL_OID, BOOL_OID),
                    "SELECT n.nspname AS schemaname, c.relname AS tablename,"
                            + " pg_catalog.pg_get_userbyid(c.relowner) AS tableowner, t.spcname AS tablespace,"
                            + " c.relhasindex AS hasindexes, c.relhasrules AS hasrules,"
                            + " c.relhastriggers AS hastriggers, c.relrowsecurity AS rowsecurity"
                            + " FROM pg_catalog.pg_class c"
                            + " LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                            + " LEFT JOIN pg_catalog.pg_tablespace t ON t.oid = c.reltablespace"
                            + " WHERE c.relkind IN ('r', 'p')"),
            new View(12004, "pg_indexes",
                    List.of("schemaname", "tablename", "indexname", "tablespace", "indexdef"),
                    List.of(NAME_OID, NAME_OID, NAME_OID, NAME_OID, TEXT_OID),
                    "SELECT n.nspname AS schemaname, c.relname AS tablename, i.relname AS indexname,"
                            + " t.spcname AS tablespace, pg_catalog.pg_get_indexdef(i.oid) AS indexdef"
                            + " FROM pg_catalog.pg_index x"
                            + " JOIN pg_catalog.pg_class c ON c.oid = x.indrelid"
                            + " JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid"
                            + " LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                            + " LEFT JOIN pg_catalog.pg_tablespace t ON t.oid = i.reltablespace"
                            + " WHERE c.relkind IN ('r', 'm', 'p') AND i.relkind IN ('i', 'I')"),
            // Materialized views, with their query printed as pg_get_viewdef prints a view's.
            new View(12008, "pg_matviews",
                    List.of("schemaname", "matviewname", "matviewowner", "tablespace", "hasindexes", "ispopulated",
                            "definition"),
                    List.of(NAME_OID, NAME_OID, NAME_OID, NAME_OID, BOOL_OID, BOOL_OID, TEXT_OID),
                    "SELECT n.nspname AS schemaname, c.relname AS matviewname,"
                            + " pg_catalog.pg_get_userbyid(c.relowner) AS matviewowner, t.spcname AS tablespace,"
                            + " c.relhasindex AS hasindexes, c.relispopulated AS ispopulated,"
                            + " pg_catalog.pg_get_viewdef(c.oid) AS definition"
                            + " FROM pg_catalog.pg_class c"
                            + " LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                            + " LEFT JOIN pg_catalog.pg_tablespace t ON t.oid = c.reltablespace"
                            + " WHERE c.relkind = 'm'"),
            // ANALYZE's statistics per column (system_views.sql's pg_stats; the anyarray columns are text here,
            // as pg_statistic's stavalues are, and the correlation is the one element of its float4[] slot).
            new View(12007, "pg_stats",
                    List.of("schemaname", "tablename", "attname", "inherited", "null_frac", "avg_width", "n_distinct",
                            "most_common_vals", "most_common_freqs", "histogram_bounds", "correlation",
                            "most_common_elems", "most_common_elem_freqs", "elem_count_histogram"),
                    List.of(NAME_OID, NAME_OID, NAME_OID, BOOL_OID, FLOAT4_OID, INT4_OID, FLOAT4_OID, TEXT_OID,
                            FLOAT4_ARRAY_OID, TEXT_OID, FLOAT4_OID, TEXT_OID, FLOAT4_ARRAY_OID, FLOAT4_ARRAY_OID),
                    pgStatsQuery()),
            // Every backend's activity from the shared status area (plan.ActivityFunction). client_addr,
            // backend_xid and backend_xmin are text: Tusk has no inet or xid type yet.
            new View(12201, "pg_stat_activity",
                    List.of("datid", "datname", "pid", "leader_pid", "usesysid", "usename", "application_name",
                            "client_addr", "client_hostname", "client_port", "backend_start", "xact_start",
                            "query_start", "state_change", "wait_event_type", "wait_event", "state", "backend_xid",
                            "backend_xmin", "query_id", "query", "backend_type"),
                    List.of(OID_OID, NAME_OID, INT4_OID, INT4_OID, OID_OID, NAME_OID, TEXT_OID, TEXT_OID, TEXT_OID,
                            INT4_OID, TIMESTAMPTZ_OID, TIMESTAMPTZ_OID, TIMESTAMPTZ_OID, TIMESTAMPTZ_OID, TEXT_OID,
                            TEXT_OID, TEXT_OID, TEXT_OID, TEXT_OID, INT8_OID, TEXT_OID, TEXT_OID),
                    "SELECT s.datid, d.datname, s.pid, s.leader_pid, s.usesysid, s.usename, s.application_name,"
                            + " s.client_addr, s.client_hostname, s.client_port, s.backend_start, s.xact_start,"
                            + " s.query_start, s.state_change, s.wait_event_type, s.wait_event, s.state,"
                            + " s.backend_xid, s.backend_xmin, s.query_id, s.query, s.backend_type"
                            + " FROM pg_catalog.pg_stat_get_activity(NULL) s"
                            + " LEFT JOIN pg_catalog.pg_database d ON s.datid = d.oid"),
            // The cumulative statistics views (system_views.sql), over the pg_stat_get_* functions of
            // eval.StatsFunctions, which read the storage's shared statistics; see StatsViews.
            StatsViews.ALL_TABLES, StatsViews.subset(12152, "pg_stat_sys_tables", StatsViews.ALL_TABLES, false),
            StatsViews.subset(12161, "pg_stat_user_tables", StatsViews.ALL_TABLES, true), StatsViews.XACT_ALL_TABLES,
            StatsViews.subset(12166, "pg_stat_xact_user_tables", StatsViews.XACT_ALL_TABLES, true),
            StatsViews.subset(12157, "pg_stat_xact_sys_tables", StatsViews.XACT_ALL_TABLES, false),
            StatsViews.ALL_INDEXES, StatsViews.subset(12188, "pg_stat_sys_indexes", StatsViews.ALL_INDEXES, false),
            StatsViews.subset(12192, "pg_stat_user_indexes", StatsViews.ALL_INDEXES, true),
            StatsViews.STATIO_ALL_TABLES,
            StatsViews.subset(12175, "pg_statio_sys_tables", StatsViews.STATIO_ALL_TABLES, false),
            StatsViews.subset(12179, "pg_statio_user_tables", StatsViews.STATIO_ALL_TABLES, true),
            StatsViews.STATIO_ALL_INDEXES,
            StatsViews.subset(12206, "pg_statio_sys_indexes", StatsViews.STATIO_ALL_INDEXES, false),
            StatsViews.subset(12205, "pg_statio_user_indexes", StatsViews.STATIO_ALL_INDEXES, true), StatsViews.DATABASE,
            StatsViews.BGWRITER, StatsViews.LOCKS,
            // The session's prepared statements (SQL PREPARE and the protocol's named Parse).
            new View(12020, "pg_prepared_statements",
                    List.of("name", "statement", "prepare_time", "parameter_types", "from_sql", "generic_plans",
                            "custom_plans"),
                    List.of(TEXT_OID, TEXT_OID, TIMESTAMPTZ_OID, CatalogOids.REGTYPE_ARRAY_OID, BOOL_OID, INT8_OID,
                            INT8_OID),
                    "SELECT p.name, p.statement, p.prepare_time, p.parameter_types, p.from_sql, p.generic_plans,"
                            + " p.custom_plans FROM pg_catalog.pg_prepared_statement() p"),
            // Every configuration parameter (settings.SettingsView); UPDATE is session.SettingsViewUpdate's rewrite.
            new View(12030, "pg_settings",
                    List.of("name", "setting", "unit", "category", "short_desc", "extra_desc", "context", "vartype",
                            "source", "min_val", "max_val", "enumvals", "boot_val", "reset_val", "sourcefile",
                            "sourceline", "pending_restart"),
                    List.of(TEXT_OID, TEXT_OID, TEXT_OID, TEXT_OID, TEXT_OID, TEXT_OID, TEXT_OID, TEXT_OID, TEXT_OID,
                            TEXT_OID, TEXT_OID, TEXT_ARRAY_OID, TEXT_OID, TEXT_OID, TEXT_OID, INT4_OID, BOOL_OID),
                    "SELECT a.name, a.setting, a.unit, a.category, a.short_desc, a.extra_desc, a.context, a.vartype,"
                            + " a.source, a.min_val, a.max_val, a.enumvals, a.boot_val, a.reset_val, a.sourcefile,"
                            + " a.sourceline, a.pending_restart FROM pg_catalog.pg_show_all_settings() a"),
            // The roles that can log in with their password verifiers: readable by superusers only.
            new View(12005, "pg_shadow",
                    List.of("usename", "usesysid", "usecreatedb", "usesuper", "userepl", "usebypassrls", "passwd",
                            "valuntil", "useconfig"),
                    List.of(NAME_OID, OID_OID, BOOL_OID, BOOL_OID, BOOL_OID, BOOL_OID, TEXT_OID, TIMESTAMPTZ_OID,
                            TEXT_ARRAY_OID),
                    "SELECT a.rolname AS usename, a.oid AS usesysid, a.rolcreatedb AS usecreatedb,"
                            + " a.rolsuper AS usesuper, a.rolreplication AS userepl, a.rolbypassrls AS usebypassrls,"
                            + " a.rolpassword AS passwd, a.rolvaliduntil AS valuntil, NULL::text[] AS useconfig"
                            + " FROM pg_catalog.pg_authid a WHERE a.rolcanlogin"),
            // The extensions Tusk ships (org.tusk.sql.extension.BuiltinExtensions), with the installed version.
            new View(12040, "pg_available_extensions",
                    List.of("name", "default_version", "installed_version", "comment"),
                    List.of(NAME_OID, TEXT_OID, TEXT_OID, TEXT_OID),
                    "SELECT e.name, e.default_version, x.extversion AS installed_version, e.comment"
                            + " FROM pg_catalog.pg_available_extensions() e"
                            + " LEFT JOIN pg_catalog.pg_extension x ON e.name = x.extname"),
            new View(12041, "pg_available_extension_versions",
                    List.of("name", "version", "installed", "superuser", "trusted", "relocatable", "schema",
                            "requires", "comment"),
                    List.of(NAME_OID, TEXT_OID, BOOL_OID, BOOL_OID, BOOL_OID, BOOL_OID, NAME_OID,
                            CatalogOids.NAME_ARRAY_OID, TEXT_OID),
                    "SELECT e.name, e.version, x.extname IS NOT NULL AS installed, e.superuser, e.trusted,"
                            + " e.relocatable, e.schema, e.requires, e.comment"
                            + " FROM pg_catalog.pg_available_extension_versions() e"
                            + " LEFT JOIN pg_catalog.pg_extension x ON e.name = x.extname"
                            + " AND e.version = x.extversion"),
            // The session's open SQL cursors (DECLARE; not the protocol's portals), session.Cursors.
            new View(12050, "pg_cursors",
                    List.of("name", "statement", "is_holdable", "is_binary", "is_scrollable", "creation_time"),
                    List.of(TEXT_OID, TEXT_OID, BOOL_OID, BOOL_OID, BOOL_OID, TIMESTAMPTZ_OID),
                    "SELECT c.name, c.statement, c.is_holdable, c.is_binary, c.is_scrollable, c.creation_time"
                            + " FROM pg_catalog.pg_cursor() c"),
            // Security labels (pg_dump reads them all): Tusk has no label provider, so pg_seclabel and
            // pg_shseclabel stay empty and the view's object description columns are never computed.
            new View(12042, "pg_seclabels",
                    List.of("objoid", "classoid", "objsubid", "objtype", "objnamespace", "objname", "provider",
                            "label"),
                    List.of(OID_OID, OID_OID, INT4_OID, TEXT_OID, OID_OID, TEXT_OID, TEXT_OID, TEXT_OID),
                    "SELECT l.objoid, l.classoid, l.objsubid, NULL::text AS objtype, NULL::oid AS objnamespace,"
                            + " NULL::text AS objname, l.provider, l.label FROM pg_catalog.pg_seclabel l"
                            + " UNION ALL SELECT l.objoid, l.classoid, 0, NULL::text, NULL::oid, NULL::text,"
                            + " l.provider, l.label FROM pg_catalog.pg_shseclabel l"));

    private SystemViews() {
    }

    /** The views' rows in catalog {@code catalogOid} (pg_class, pg_attribute, pg_description), else none. */
    static List<Object[]> rows(int catalogOid, String superuser) {
        return switch (catalogOid) {
            case CatalogOids.PG_CLASS -> classRows(superuser);
            case CatalogOids.PG_ATTRIBUTE -> attributeRows(ALL);
            case CatalogOids.PG_DESCRIPTION -> ALL.stream().map(v -> new Object[] {v.oid(), CatalogOids.PG_CLASS,
                RelationCache.VIEW_QUERY_SUBID, v.query()}).toList();
            default -> List.of();
        };
    }

    /** Views are readable by everyone, as initdb grants SELECT on them to PUBLIC. */
    private static List<Object[]> classRows(String superuser) {
        String su = BootstrapData.aclName(superuser);
        List<String> acl = List.of(su + "=arwdDxt/" + su, "=r/" + su);
        List<String> secret = List.of(su + "=arwdDxt/" + su);
        return ALL.stream().map(v -> BootstrapData.relation(v.oid(), v.name(), 0, 0, 0, false, false, 'v',
                v.columnNames().size(), 0, 0, v.name().equals("pg_shadow") ? secret : acl)).toList();
    }

    /** The pg_attribute rows of {@code views}' columns (also information_schema's, see InformationSchema). */
    static List<Object[]> attributeRows(List<View> views) {
        List<Object[]> rows = new ArrayList<>();
        for (View v : views) {
            for (int i = 0; i < v.columnNames().size(); i++) {
                TypeRow type = BuiltinTypes.byOid(v.columnTypes().get(i));
                CatalogColumn col = new CatalogColumn(v.columnNames().get(i), v.columnTypes().get(i), i + 1,
                        type.typlen(), type.align(), false);
                Object[] row = BootstrapData.attribute(v.oid(), col);
                // A view's column takes its type's collation (not "C" as catalogs' columns do).
                row[row.length - 5] = type.collation();
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * pg_stats' query: each column picks the pg_statistic slot of its kind (1 most common values, 2
     * histogram, 3 correlation, 4 and 5 array element statistics), as system_views.sql's CASEs do.
     */
    private static String pgStatsQuery() {
        return "SELECT n.nspname AS schemaname, c.relname AS tablename, a.attname, s.stainherit AS inherited,"
                + " s.stanullfrac AS null_frac, s.stawidth AS avg_width, s.stadistinct AS n_distinct, "
                + slotCase(1, "s.stavalues%d") + " AS most_common_vals, "
                + slotCase(1, "s.stanumbers%d") + " AS most_common_freqs, "
                + slotCase(2, "s.stavalues%d") + " AS histogram_bounds, "
                + slotCase(3, "pg_catalog.array_to_string(s.stanumbers%d, ',')::real") + " AS correlation, "
                + slotCase(4, "s.stavalues%d") + " AS most_common_elems, "
                + slotCase(4, "s.stanumbers%d") + " AS most_common_elem_freqs, "
                + slotCase(5, "s.stanumbers%d") + " AS elem_count_histogram"
                + " FROM pg_catalog.pg_statistic s JOIN pg_catalog.pg_class c ON c.oid = s.starelid"
                + " JOIN pg_catalog.pg_attribute a ON c.oid = a.attrelid AND a.attnum = s.staattnum"
                + " LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE NOT a.attisdropped";
    }

    private static String slotCase(int kind, String slotColumn) {
        StringBuilder sb = new StringBuilder("CASE");
        for (int slot = 1; slot <= 5; slot++) {
            sb.append(" WHEN s.stakind").append(slot).append(" = ").append(kind).append(" THEN ")
                    .append(String.format(slotColumn, slot));
        }
        return sb.append(" END").toString();
    }
}
