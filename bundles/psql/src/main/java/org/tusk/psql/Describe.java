package org.tusk.psql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tusk.client.Result;
import org.tusk.client.Row;

/**
 * The \d family (psql's describe.c for a PostgreSQL 15 server): sends the same catalog queries, text for
 * text, and prints them with the same titles, headers and footers. Implemented: {@code \d} and {@code \d+}
 * (list and one table, view, index or sequence), {@code \dt \di \dv \ds} (with {@code +}), {@code \dn \l
 * \df[anptw] \dT} (with {@code +}) and {@code \du}, each with a pattern.
 */
final class Describe {

    private static final String RELKIND_CASE = "CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' "
            + "THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' "
            + "WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END";

    private final Session session;

    Describe(Session session) {
        this.session = session;
    }

    /** psql's listTables; {@code types} holds t, i, v, m, s, E (foreign), S (system) as psql's letters. */
    boolean listTables(String types, String pattern, boolean verbose) {
        boolean tables = types.indexOf('t') >= 0;
        boolean indexes = types.indexOf('i') >= 0;
        boolean views = types.indexOf('v') >= 0;
        boolean matviews = types.indexOf('m') >= 0;
        boolean seqs = types.indexOf('s') >= 0;
        boolean foreign = types.indexOf('E') >= 0;
        boolean system = types.indexOf('S') >= 0;
        if (!(tables || indexes || views || matviews || seqs || foreign)) {
            tables = views = matviews = seqs = foreign = true;
        }
        StringBuilder q = new StringBuilder();
        q.append("SELECT n.nspname as \"Schema\",\n  c.relname as \"Name\",\n  ").append(RELKIND_CASE)
                .append(" as \"Type\",\n  pg_catalog.pg_get_userbyid(c.relowner) as \"Owner\"");
        if (indexes) {
            q.append(",\n  c2.relname as \"Table\"");
        }
        if (verbose) {
            q.append(",\n  CASE c.relpersistence WHEN 'p' THEN 'permanent' WHEN 't' THEN 'temporary' WHEN 'u' THEN "
                    + "'unlogged' END as \"Persistence\"");
            if (tables || matviews || indexes) {
                q.append(",\n  am.amname as \"Access method\"");
            }
            q.append(",\n  pg_catalog.pg_size_pretty(pg_catalog.pg_table_size(c.oid)) as \"Size\"")
                    .append(",\n  pg_catalog.obj_description(c.oid, 'pg_class') as \"Description\"");
        }
        q.append("\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace");
        if (tables || matviews || indexes) {
            q.append("\n     LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam");
        }
        if (indexes) {
            q.append("\n     LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid"
                    + "\n     LEFT JOIN pg_catalog.pg_class c2 ON i.indrelid = c2.oid");
        }
        q.append("\nWHERE c.relkind IN (");
        if (tables) {
            q.append("'r','p',");
            if (system || pattern != null) {
                q.append("'t',");
            }
        }
        if (views) {
            q.append("'v',");
        }
        if (matviews) {
            q.append("'m',");
        }
        if (indexes) {
            q.append("'i','I',");
        }
        if (seqs) {
            q.append("'S',");
        }
        if (system || pattern != null) {
            q.append("'s',");
        }
        if (foreign) {
            q.append("'f',");
        }
        q.append("'')\n");
        if (!system && pattern == null) {
            q.append("      AND n.nspname <> 'pg_catalog'\n      AND n.nspname !~ '^pg_toast'\n"
                    + "      AND n.nspname <> 'information_schema'\n");
        }
        Patterns.where(q, pattern, true, "n.nspname", "c.relname", null, "pg_catalog.pg_table_is_visible(c.oid)");
        q.append("ORDER BY 1,2;");
        Result r = session.internalQuery(q.toString());
        if (r == null) {
            return false;
        }
        if (r.rows().isEmpty() && !session.quiet) {
            session.error(pattern != null ? "Did not find any relation named \"" + pattern + "\"."
                    : "Did not find any relations.");
            return true;
        }
        printList(r, "List of relations", null);
        return true;
    }

    /** psql's listSchemas ({@code \dn}). */
    boolean listSchemas(String pattern, boolean system, boolean verbose) {
        StringBuilder q = new StringBuilder("SELECT n.nspname AS \"Name\",\n"
                + "  pg_catalog.pg_get_userbyid(n.nspowner) AS \"Owner\"");
        if (verbose) {
            q.append(",\n  pg_catalog.array_to_string(n.nspacl, E'\\n') AS \"Access privileges\",\n"
                    + "  pg_catalog.obj_description(n.oid, 'pg_namespace') AS \"Description\"");
        }
        q.append("\nFROM pg_catalog.pg_namespace n\n");
        boolean where = false;
        if (!system && pattern == null) {
            q.append("WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'\n");
            where = true;
        }
        Patterns.where(q, pattern, where, null, "n.nspname", null, null);
        q.append("ORDER BY 1;");
        Result r = session.internalQuery(q.toString());
        if (r == null) {
            return false;
        }
        List<String> footers = null;
        if (pattern != null) {
            Result pubs = session.internalQuery("SELECT pubname \nFROM pg_catalog.pg_publication p\n"
                    + "     JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid\n"
                    + "     JOIN pg_catalog.pg_namespace n ON n.oid = pn.pnnspid \nWHERE n.nspname = "
                    + Patterns.literal(pattern) + "\nORDER BY 1");
            if (pubs == null) {
                return false;
            }
            if (!pubs.rows().isEmpty()) {
                footers = new ArrayList<>();
                footers.add("Publications:");
                for (Row row : pubs.rows()) {
                    footers.add("    \"" + row.getString(0) + "\"");
                }
            }
        }
        printList(r, "List of schemas", footers);
        return true;
    }

    /** psql's listAllDbs ({@code \l}). */
    boolean listDatabases(String pattern, boolean verbose) {
        StringBuilder q = new StringBuilder("SELECT d.datname as \"Name\",\n"
                + "       pg_catalog.pg_get_userbyid(d.datdba) as \"Owner\",\n"
                + "       pg_catalog.pg_encoding_to_char(d.encoding) as \"Encoding\",\n"
                + "       d.datcollate as \"Collate\",\n"
                + "       d.datctype as \"Ctype\",\n"
                + "       d.daticulocale as \"ICU Locale\",\n"
                + "       CASE d.datlocprovider WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' END AS \"Locale Provider\",\n"
                + "       pg_catalog.array_to_string(d.datacl, E'\\n') AS \"Access privileges\"");
        if (verbose) {
            q.append(",\n       CASE WHEN pg_catalog.has_database_privilege(d.datname, 'CONNECT')\n"
                    + "          OR pg_catalog.pg_has_role('pg_read_all_stats', 'USAGE')\n"
                    + "            THEN pg_catalog.pg_size_pretty(pg_catalog.pg_database_size(d.datname))\n"
                    + "            ELSE 'No Access'\n       END as \"Size\",\n"
                    + "       t.spcname as \"Tablespace\",\n"
                    + "       pg_catalog.shobj_description(d.oid, 'pg_database') as \"Description\"");
        }
        q.append("\nFROM pg_catalog.pg_database d\n");
        if (verbose) {
            q.append("  JOIN pg_catalog.pg_tablespace t on d.dattablespace = t.oid\n");
        }
        Patterns.where(q, pattern, false, null, "d.datname", null, null);
        q.append("ORDER BY 1;");
        Result r = session.internalQuery(q.toString());
        if (r == null) {
            return false;
        }
        printList(r, "List of databases", null);
        return true;
    }

    /**
     * psql's describeFunctions ({@code \\df[anptwS+]}): {@code types} holds the letters a (aggregate), n (normal),
     * p (procedure), t (trigger), w (window); none means all, and the filter is written as psql writes it.
     */
    boolean listFunctions(String types, String pattern, boolean system, boolean verbose) {
        boolean agg = types.indexOf('a') >= 0;
        boolean normal = types.indexOf('n') >= 0;
        boolean proc = types.indexOf('p') >= 0;
        boolean trigger = types.indexOf('t') >= 0;
        boolean window = types.indexOf('w') >= 0;
        if (!(agg || normal || proc || trigger || window)) {
            agg = normal = proc = trigger = window = true;
        }
        StringBuilder q = new StringBuilder("SELECT n.nspname as \"Schema\",\n  p.proname as \"Name\",\n"
                + "  pg_catalog.pg_get_function_result(p.oid) as \"Result data type\",\n"
                + "  pg_catalog.pg_get_function_arguments(p.oid) as \"Argument data types\",\n"
                + " CASE p.prokind\n  WHEN 'a' THEN 'agg'\n  WHEN 'w' THEN 'window'\n  WHEN 'p' THEN 'proc'\n"
                + "  ELSE 'func'\n END as \"Type\"");
        if (verbose) {
            q.append(",\n CASE\n  WHEN p.provolatile = 'i' THEN 'immutable'\n"
                    + "  WHEN p.provolatile = 's' THEN 'stable'\n  WHEN p.provolatile = 'v' THEN 'volatile'\n"
                    + " END as \"Volatility\",\n CASE\n  WHEN p.proparallel = 'r' THEN 'restricted'\n"
                    + "  WHEN p.proparallel = 's' THEN 'safe'\n  WHEN p.proparallel = 'u' THEN 'unsafe'\n"
                    + " END as \"Parallel\",\n pg_catalog.pg_get_userbyid(p.proowner) as \"Owner\",\n"
                    + " CASE WHEN prosecdef THEN 'definer' ELSE 'invoker' END AS \"Security\",\n"
                    + " pg_catalog.array_to_string(p.proacl, E'\\n') AS \"Access privileges\",\n"
                    + " l.lanname as \"Language\",\n"
                    + " COALESCE(pg_catalog.pg_get_function_sqlbody(p.oid), p.prosrc) as \"Source code\",\n"
                    + " pg_catalog.obj_description(p.oid, 'pg_proc') as \"Description\"");
        }
        q.append("\nFROM pg_catalog.pg_proc p\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace\n");
        if (verbose) {
            q.append("     LEFT JOIN pg_catalog.pg_language l ON l.oid = p.prolang\n");
        }
        boolean where = false;
        if (agg && normal && proc && trigger && window) {
            // no filter
        } else if (normal) {
            String[][] excluded = {{agg ? null : "p.prokind <> 'a'\n"}, {proc ? null : "p.prokind <> 'p'\n"},
                {trigger ? null : "p.prorettype <> 'pg_catalog.trigger'::pg_catalog.regtype\n"},
                {window ? null : "p.prokind <> 'w'\n"}};
            for (String[] e : excluded) {
                if (e[0] != null) {
                    q.append(where ? "      AND " : "WHERE ").append(e[0]);
                    where = true;
                }
            }
        } else {
            q.append("WHERE (\n       ");
            where = true;
            boolean or = false;
            String[][] included = {{agg ? "p.prokind = 'a'\n" : null},
                {trigger ? "p.prorettype = 'pg_catalog.trigger'::pg_catalog.regtype\n" : null},
                {proc ? "p.prokind = 'p'\n" : null}, {window ? "p.prokind = 'w'\n" : null}};
            for (String[] e : included) {
                if (e[0] != null) {
                    q.append(or ? "       OR " : "").append(e[0]);
                    or = true;
                }
            }
            q.append("      )\n");
        }
        Patterns.where(q, pattern, where, "n.nspname", "p.proname", null, "pg_catalog.pg_function_is_visible(p.oid)");
        if (!system && pattern == null) {
            q.append("      AND n.nspname <> 'pg_catalog'\n      AND n.nspname <> 'information_schema'\n");
        }
        q.append("ORDER BY 1, 2, 4;");
        Result r = session.internalQuery(q.toString());
        if (r == null) {
            return false;
        }
        printList(r, "List of functions", null);
        return true;
    }

    /** psql's describeTypes ({@code \dT}). */
    boolean listTypes(String pattern, boolean system, boolean verbose) {
        StringBuilder q = new StringBuilder("SELECT n.nspname as \"Schema\",\n"
                + "  pg_catalog.format_type(t.oid, NULL) AS \"Name\",\n");
        if (verbose) {
            q.append("  t.typname AS \"Internal name\",\n  CASE WHEN t.typrelid != 0\n"
                    + "      THEN CAST('tuple' AS pg_catalog.text)\n    WHEN t.typlen < 0\n"
                    + "      THEN CAST('var' AS pg_catalog.text)\n    ELSE CAST(t.typlen AS pg_catalog.text)\n"
                    + "  END AS \"Size\",\n  pg_catalog.array_to_string(\n      ARRAY(\n"
                    + "          SELECT e.enumlabel\n          FROM pg_catalog.pg_enum e\n"
                    + "          WHERE e.enumtypid = t.oid\n          ORDER BY e.enumsortorder\n      ),\n"
                    + "      E'\\n'\n  ) AS \"Elements\",\n"
                    + "  pg_catalog.pg_get_userbyid(t.typowner) AS \"Owner\",\n"
                    + "pg_catalog.array_to_string(t.typacl, E'\\n') AS \"Access privileges\",\n  ");
        }
        q.append("  pg_catalog.obj_description(t.oid, 'pg_type') as \"Description\"\n"
                + "FROM pg_catalog.pg_type t\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace\n"
                + "WHERE (t.typrelid = 0 OR (SELECT c.relkind = 'c' FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid))\n"
                + "  AND NOT EXISTS(SELECT 1 FROM pg_catalog.pg_type el WHERE el.oid = t.typelem AND el.typarray = t.oid)\n");
        if (!system && pattern == null) {
            q.append("      AND n.nspname <> 'pg_catalog'\n      AND n.nspname <> 'information_schema'\n");
        }
        Patterns.where(q, pattern, true, "n.nspname", "t.typname", "pg_catalog.format_type(t.oid, NULL)",
                "pg_catalog.pg_type_is_visible(t.oid)");
        q.append("ORDER BY 1, 2;");
        Result r = session.internalQuery(q.toString());
        if (r == null) {
            return false;
        }
        printList(r, "List of data types", null);
        return true;
    }

    /** psql's describeRoles ({@code \du}): attributes summarised in one column, no row-count footer. */
    boolean listRoles(String pattern, boolean system) {
        StringBuilder q = new StringBuilder("SELECT r.rolname, r.rolsuper, r.rolinherit,\n"
                + "  r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,\n  r.rolconnlimit, r.rolvaliduntil,\n"
                + "  ARRAY(SELECT b.rolname\n        FROM pg_catalog.pg_auth_members m\n"
                + "        JOIN pg_catalog.pg_roles b ON (m.roleid = b.oid)\n"
                + "        WHERE m.member = r.oid) as memberof\n, r.rolreplication\n, r.rolbypassrls\n"
                + "FROM pg_catalog.pg_roles r\n");
        boolean where = false;
        if (!system && pattern == null) {
            q.append("WHERE r.rolname !~ '^pg_'\n");
            where = true;
        }
        Patterns.where(q, pattern, where, null, "r.rolname", null, null);
        q.append("ORDER BY 1;");
        Result r = session.internalQuery(q.toString());
        if (r == null) {
            return false;
        }
        List<String[]> rows = new ArrayList<>();
        for (Row row : r.rows()) {
            List<String> attrs = new ArrayList<>();
            if (t(row, 1)) {
                attrs.add("Superuser");
            }
            if (!t(row, 2)) {
                attrs.add("No inheritance");
            }
            if (t(row, 3)) {
                attrs.add("Create role");
            }
            if (t(row, 4)) {
                attrs.add("Create DB");
            }
            if (!t(row, 5)) {
                attrs.add("Cannot login");
            }
            if (t(row, 9)) {
                attrs.add("Replication");
            }
            if (t(row, 10)) {
                attrs.add("Bypass RLS");
            }
            StringBuilder a = new StringBuilder(String.join(", ", attrs));
            String conns = row.getString(6);
            if (!"-1".equals(conns)) {
                if (!a.isEmpty()) {
                    a.append('\n');
                }
                a.append("0".equals(conns) ? "No connections"
                        : conns + ("1".equals(conns) ? " connection" : " connections"));
            }
            String valid = row.getString(7);
            if (valid != null && !valid.isEmpty()) {
                if (!a.isEmpty()) {
                    a.append('\n');
                }
                a.append("Password valid until ").append(valid);
            }
            rows.add(new String[] {row.getString(0), a.toString(), row.getString(8)});
        }
        PrintTable table = new PrintTable("List of roles", new String[] {"Role name", "Attributes", "Member of"},
                new boolean[3], rows, List.of());
        session.printTable(table);
        return true;
    }

    private static boolean t(Row row, int i) {
        return "t".equals(row.getString(i));
    }

    private void printList(Result r, String title, List<String> footers) {
        PrintTable t = PrintTable.of(r, title, session.print.nullPrint);
        session.printTable(footers == null ? t : t.withFooters(footers));
    }

    // ---------------------------------------------------------------- \d NAME

    /** psql's describeTableDetails: every relation matching {@code pattern}, one after the other. */
    boolean describeRelations(String pattern, boolean verbose) {
        StringBuilder q = new StringBuilder("SELECT c.oid,\n  n.nspname,\n  c.relname\nFROM pg_catalog.pg_class c\n"
                + "     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n");
        Patterns.where(q, pattern, false, "n.nspname", "c.relname", null, "pg_catalog.pg_table_is_visible(c.oid)");
        q.append("ORDER BY 2, 3;");
        Result r = session.internalQuery(q.toString());
        if (r == null) {
            return false;
        }
        if (r.rows().isEmpty()) {
            if (!session.quiet) {
                session.error("Did not find any relation named \"" + pattern + "\".");
            }
            return false;
        }
        for (Row row : r.rows()) {
            if (!describeOne(row.getString(0), row.getString(1), row.getString(2), verbose)) {
                return false;
            }
        }
        return true;
    }

    private boolean describeOne(String oid, String schema, String name, boolean verbose) {
        String lit = "'" + oid + "'";
        Result info = session.internalQuery("SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, "
                + "c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, "
                + (verbose ? "pg_catalog.array_to_string(c.reloptions || array(select 'toast.' || x from "
                + "pg_catalog.unnest(tc.reloptions) x), ', ')\n" : "''") + ", c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE "
                + "c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname\n"
                + "FROM pg_catalog.pg_class c\n LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)\n"
                + "LEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)\nWHERE c.oid = " + lit + ";");
        if (info == null) {
            return false;
        }
        if (info.rows().isEmpty()) {
            if (!session.quiet) {
                session.error("Did not find any relation with OID " + oid + ".");
            }
            return false;
        }
        Row ti = info.rows().getFirst();
        int checks = Integer.parseInt(ti.getString(0));
        char kind = ti.getString(1).charAt(0);
        boolean hasIndex = t(ti, 2);
        boolean hasTriggers = t(ti, 4);
        char persistence = ti.getString(12).charAt(0);
        String qualified = schema + "." + name;
        if (kind == 'i' || kind == 'I') {
            return describeIndex(lit, schema, qualified, kind, persistence, verbose);
        }
        if (kind == 'S') {
            return describeSequence(lit, qualified, persistence);
        }
        if (kind != 'r' && kind != 'p' && kind != 'v') {
            session.error("\\d: describing a relation of kind '" + kind + "' is not supported by tusk psql");
            return false;
        }
        Result cols = session.internalQuery("SELECT a.attname,\n  pg_catalog.format_type(a.atttypid, a.atttypmod),\n"
                + "  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)\n   FROM pg_catalog.pg_attrdef d\n"
                + "   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),\n  a.attnotnull,\n"
                + "  (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t\n"
                + "   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,\n"
                + "  a.attidentity,\n  a.attgenerated" + verboseColumns(verbose, kind) + "\nFROM pg_catalog.pg_attribute a\n"
                + "WHERE a.attrelid = " + lit + " AND a.attnum > 0 AND NOT a.attisdropped\nORDER BY a.attnum;");
        if (cols == null) {
            return false;
        }
        List<String[]> rows = new ArrayList<>();
        for (Row c : cols.rows()) {
            String identity = c.getString(5);
            String generated = c.getString(6);
            String def = orEmpty(c.getString(2));
            if ("a".equals(identity)) {
                def = "generated always as identity";
            } else if ("d".equals(identity)) {
                def = "generated by default as identity";
            } else if ("s".equals(generated)) {
                def = "generated always as (" + def + ") stored";
            }
            List<String> cells = new ArrayList<>(Arrays.asList(c.getString(0), c.getString(1), orEmpty(c.getString(4)),
                    "t".equals(c.getString(3)) ? "not null" : "", def));
            if (verbose) {
                addVerboseCells(cells, c, 7, kind);
            }
            rows.add(cells.toArray(String[]::new));
        }
        String title = switch (kind) {
            case 'v' -> "View";
            case 'p' -> persistence == 'u' ? "Unlogged partitioned table" : "Partitioned table";
            default -> persistence == 'u' ? "Unlogged table" : "Table";
        } + " \"" + qualified + "\"";
        List<String> footers = new ArrayList<>();
        if (kind == 'r' || kind == 'p') {
            if (!tableFooters(lit, checks, hasIndex, hasTriggers, kind, verbose, footers)) {
                return false;
            }
            String ofType = ti.getString(11);
            if (ofType != null && !ofType.isEmpty()) {
                footers.add("Typed table of type: " + ofType);
            }
            if (verbose && kind == 'r') {
                // psql leaves out the default replica identity (and NOTHING for system catalogs).
                char ident = ti.getString(13).charAt(0);
                boolean catalog = schema.equals("pg_catalog");
                if (ident != 'i' && (!catalog && ident != 'd' || catalog && ident != 'n')) {
                    footers.add("Replica Identity: " + (ident == 'f' ? "FULL" : ident == 'n' ? "NOTHING" : "???"));
                }
                if (ti.getString(14) != null) {
                    footers.add("Access method: " + ti.getString(14));
                }
            }
            String options = ti.getString(9);
            if (verbose && options != null && !options.isEmpty()) {
                footers.add("Options: " + options);
            }
        } else if (kind == 'v' && verbose && !viewFooters(lit, t(ti, 3), footers)) {
            return false;
        }
        List<String> headers = new ArrayList<>(List.of("Column", "Type", "Collation", "Nullable", "Default"));
        if (verbose) {
            headers.addAll(verboseHeaders(kind));
        }
        session.printTable(new PrintTable(title, headers.toArray(String[]::new), new boolean[headers.size()], rows,
                footers));
        return true;
    }

    /**
     * The columns {@code \d+} adds to the column query, as describeOneTableDetails chooses them by relkind:
     * storage always, compression for tables, statistics targets for what ANALYZE samples, comments for all
     * but indexes.
     */
    private static String verboseColumns(boolean verbose, char kind) {
        if (!verbose) {
            return "";
        }
        StringBuilder b = new StringBuilder(",\n  a.attstorage");
        if (kind == 'r' || kind == 'p' || kind == 'm') {
            b.append(",\n  a.attcompression AS attcompression");
        }
        if (hasStatsTarget(kind)) {
            b.append(",\n  CASE WHEN a.attstattarget=-1 THEN NULL ELSE a.attstattarget END AS attstattarget");
        }
        if (kind != 'i' && kind != 'I') {
            b.append(",\n  pg_catalog.col_description(a.attrelid, a.attnum)");
        }
        return b.toString();
    }

    private static boolean hasStatsTarget(char kind) {
        return "rimfpI".indexOf(kind) >= 0;
    }

    private static List<String> verboseHeaders(char kind) {
        List<String> h = new ArrayList<>(List.of("Storage"));
        if (kind == 'r' || kind == 'p' || kind == 'm') {
            h.add("Compression");
        }
        if (hasStatsTarget(kind)) {
            h.add("Stats target");
        }
        if (kind != 'i' && kind != 'I') {
            h.add("Description");
        }
        return h;
    }

    /** The cells of {@link #verboseColumns}, starting at result column {@code first}. */
    private static void addVerboseCells(List<String> cells, Row c, int first, char kind) {
        int col = first;
        String storage = orEmpty(c.getString(col++));
        cells.add(switch (storage) {
            case "p" -> "plain";
            case "m" -> "main";
            case "x" -> "extended";
            case "e" -> "external";
            default -> "???";
        });
        if (kind == 'r' || kind == 'p' || kind == 'm') {
            String compression = orEmpty(c.getString(col++));
            cells.add(switch (compression) {
                case "p" -> "pglz";
                case "l" -> "lz4";
                case "" -> "";
                default -> "???";
            });
        }
        if (hasStatsTarget(kind)) {
            cells.add(orEmpty(c.getString(col++)));
        }
        if (kind != 'i' && kind != 'I') {
            cells.add(orEmpty(c.getString(col)));
        }
    }

    /** {@code \d+ VIEW}: the definition as pg_get_viewdef prints it, then the view's rules other than _RETURN. */
    private boolean viewFooters(String lit, boolean hasRules, List<String> footers) {
        Result def = session.internalQuery("SELECT pg_catalog.pg_get_viewdef(" + lit + "::pg_catalog.oid, true);");
        if (def == null) {
            return false;
        }
        footers.add("View definition:");
        footers.add(def.rows().isEmpty() ? "" : orEmpty(def.rows().getFirst().getString(0)));
        if (hasRules) {
            Result rules = session.internalQuery("SELECT r.rulename, trim(trailing ';' from "
                    + "pg_catalog.pg_get_ruledef(r.oid, true))\nFROM pg_catalog.pg_rewrite r\n"
                    + "WHERE r.ev_class = " + lit + " AND r.rulename != '_RETURN' ORDER BY 1;");
            if (rules == null) {
                return false;
            }
            if (!rules.rows().isEmpty()) {
                footers.add("Rules:");
                for (Row r : rules.rows()) {
                    footers.add(" " + r.getString(1));
                }
            }
        }
        return true;
    }

    private boolean tableFooters(String lit, int checks, boolean hasIndex, boolean hasTriggers, char kind,
            boolean verbose, List<String> footers) {
        if (kind == 'p') {
            Result r = session.internalQuery("SELECT pg_catalog.pg_get_partkeydef(" + lit + "::pg_catalog.oid);");
            if (r == null) {
                return false;
            }
            if (!r.rows().isEmpty() && r.rows().getFirst().getString(0) != null) {
                footers.add("Partition key: " + r.rows().getFirst().getString(0));
            }
        }
        if (hasIndex) {
            Result r = session.internalQuery("SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, "
                    + "i.indisvalid, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),\n"
                    + "  pg_catalog.pg_get_constraintdef(con.oid, true), contype, condeferrable, condeferred, "
                    + "i.indisreplident, c2.reltablespace\n"
                    + "FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i\n"
                    + "  LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid "
                    + "AND contype IN ('p','u','x'))\n"
                    + "WHERE c.oid = " + lit + " AND c.oid = i.indrelid AND i.indexrelid = c2.oid\n"
                    + "ORDER BY i.indisprimary DESC, c2.relname;");
            if (r == null) {
                return false;
            }
            if (!r.rows().isEmpty()) {
                footers.add("Indexes:");
                for (Row i : r.rows()) {
                    StringBuilder b = new StringBuilder("    \"").append(i.getString(0)).append('"');
                    if ("x".equals(i.getString(7))) {
                        b.append(' ').append(i.getString(6));
                    } else {
                        if (t(i, 1)) {
                            b.append(" PRIMARY KEY,");
                        } else if (t(i, 2)) {
                            b.append("u".equals(i.getString(7)) ? " UNIQUE CONSTRAINT," : " UNIQUE,");
                        }
                        String def = i.getString(5);
                        int using = def.indexOf(" USING ");
                        b.append(' ').append(using >= 0 ? def.substring(using + 7) : def);
                        if (t(i, 8)) {
                            b.append(" DEFERRABLE");
                        }
                        if (t(i, 9)) {
                            b.append(" INITIALLY DEFERRED");
                        }
                    }
                    if (t(i, 3)) {
                        b.append(" CLUSTER");
                    }
                    if (!t(i, 4)) {
                        b.append(" INVALID");
                    }
                    if (t(i, 10)) {
                        b.append(" REPLICA IDENTITY");
                    }
                    footers.add(b.toString());
                }
            }
        }
        if (checks > 0) {
            Result r = session.internalQuery("SELECT r.conname, pg_catalog.pg_get_constraintdef(r.oid, true)\n"
                    + "FROM pg_catalog.pg_constraint r\nWHERE r.conrelid = " + lit + " AND r.contype = 'c'\nORDER BY 1;");
            if (r == null) {
                return false;
            }
            if (!r.rows().isEmpty()) {
                footers.add("Check constraints:");
                for (Row c : r.rows()) {
                    footers.add("    \"" + c.getString(0) + "\" " + c.getString(1));
                }
            }
        }
        if (hasTriggers || kind == 'p') {
            // A partitioned table also shows the foreign keys it inherits from its ancestors.
            Result r = session.internalQuery(kind == 'p'
                    ? "SELECT conrelid = " + lit + "::pg_catalog.regclass AS sametable,\n       conname,\n"
                            + "       pg_catalog.pg_get_constraintdef(oid, true) AS condef,\n"
                            + "       conrelid::pg_catalog.regclass AS ontable\n  FROM pg_catalog.pg_constraint,\n"
                            + "       pg_catalog.pg_partition_ancestors(" + lit + ")\n"
                            + " WHERE conrelid = relid AND contype = 'f' AND conparentid = 0\n"
                            + "ORDER BY sametable DESC, conname;"
                    : "SELECT true as sametable, conname,\n"
                    + "  pg_catalog.pg_get_constraintdef(r.oid, true) as condef,\n"
                    + "  conrelid::pg_catalog.regclass AS ontable\nFROM pg_catalog.pg_constraint r\n"
                    + "WHERE r.conrelid = " + lit + " AND r.contype = 'f'\n     AND conparentid = 0\nORDER BY conname");
            if (r == null) {
                return false;
            }
            if (!r.rows().isEmpty()) {
                footers.add("Foreign-key constraints:");
                for (Row c : r.rows()) {
                    footers.add(t(c, 0) ? "    \"" + c.getString(1) + "\" " + c.getString(2)
                            : "    TABLE \"" + c.getString(3) + "\" CONSTRAINT \"" + c.getString(1) + "\" "
                                    + c.getString(2));
                }
            }
            r = session.internalQuery("SELECT conname, conrelid::pg_catalog.regclass AS ontable,\n"
                    + "       pg_catalog.pg_get_constraintdef(oid, true) AS condef\n"
                    + "  FROM pg_catalog.pg_constraint c\n"
                    + " WHERE confrelid IN (SELECT pg_catalog.pg_partition_ancestors(" + lit + ")\n"
                    + "                     UNION ALL VALUES (" + lit + "::pg_catalog.regclass))\n"
                    + "       AND contype = 'f' AND conparentid = 0\nORDER BY conname;");
            if (r == null) {
                return false;
            }
            if (!r.rows().isEmpty()) {
                footers.add("Referenced by:");
                for (Row c : r.rows()) {
                    footers.add("    TABLE \"" + c.getString(1) + "\" CONSTRAINT \"" + c.getString(0) + "\" "
                            + c.getString(2));
                }
            }
        }
        if (session.internalQuery("SELECT pol.polname, pol.polpermissive,\n"
                + "  CASE WHEN pol.polroles = '{0}' THEN NULL ELSE pg_catalog.array_to_string(array(select rolname "
                + "from pg_catalog.pg_roles where oid = any (pol.polroles) order by 1),',') END,\n"
                + "  pg_catalog.pg_get_expr(pol.polqual, pol.polrelid),\n"
                + "  pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid),\n"
                + "  CASE pol.polcmd\n    WHEN 'r' THEN 'SELECT'\n    WHEN 'a' THEN 'INSERT'\n"
                + "    WHEN 'w' THEN 'UPDATE'\n    WHEN 'd' THEN 'DELETE'\n    END AS cmd\n"
                + "FROM pg_catalog.pg_policy pol\nWHERE pol.polrelid = " + lit + " ORDER BY 1;") == null) {
            return false;
        }
        if (session.internalQuery("SELECT oid, stxrelid::pg_catalog.regclass, "
                + "stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS nsp, stxname,\n"
                + "pg_catalog.pg_get_statisticsobjdef_columns(oid) AS columns,\n"
                + "  'd' = any(stxkind) AS ndist_enabled,\n  'f' = any(stxkind) AS deps_enabled,\n"
                + "  'm' = any(stxkind) AS mcv_enabled,\nstxstattarget\nFROM pg_catalog.pg_statistic_ext\n"
                + "WHERE stxrelid = " + lit + "\nORDER BY nsp, stxname;") == null) {
            return false;
        }
        Result pubs = session.internalQuery("SELECT pubname\n     , NULL\n     , NULL\n"
                + "FROM pg_catalog.pg_publication p\n"
                + "     JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid\n"
                + "     JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid\n"
                + "WHERE pc.oid =" + lit + " and pg_catalog.pg_relation_is_publishable(" + lit + ")\nUNION\n"
                + "SELECT pubname\n     , pg_get_expr(pr.prqual, c.oid)\n"
                + "     , (CASE WHEN pr.prattrs IS NOT NULL THEN\n         (SELECT string_agg(attname, ', ')\n"
                + "           FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,\n"
                + "                pg_catalog.pg_attribute\n"
                + "          WHERE attrelid = pr.prrelid AND attnum = prattrs[s])\n"
                + "        ELSE NULL END) FROM pg_catalog.pg_publication p\n"
                + "     JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid\n"
                + "     JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid\nWHERE pr.prrelid = " + lit + "\nUNION\n"
                + "SELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\n"
                + "WHERE p.puballtables AND pg_catalog.pg_relation_is_publishable(" + lit + ")\nORDER BY 1;");
        if (pubs == null) {
            return false;
        }
        if (!pubs.rows().isEmpty()) {
            footers.add("Publications:");
            for (Row p : pubs.rows()) {
                StringBuilder b = new StringBuilder("    \"").append(p.getString(0)).append('"');
                if (p.getString(2) != null) {
                    b.append(" (").append(p.getString(2)).append(')');
                }
                if (p.getString(1) != null) {
                    b.append(" WHERE ").append(p.getString(1));
                }
                footers.add(b.toString());
            }
        }
        if (hasTriggers && !triggerFooters(lit, footers)) {
            return false;
        }
        Result parents = session.internalQuery("SELECT c.oid::pg_catalog.regclass\n"
                + "FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\n"
                + "WHERE c.oid = i.inhparent AND i.inhrelid = " + lit + "\n"
                + "  AND c.relkind != 'p' AND c.relkind != 'I'\nORDER BY inhseqno;");
        if (parents == null) {
            return false;
        }
        for (int i = 0; i < parents.rows().size(); i++) {
            String p = parents.rows().get(i).getString(0) + (i < parents.rows().size() - 1 ? "," : "");
            footers.add(i == 0 ? "Inherits: " + p : "          " + p);
        }
        Result children = session.internalQuery("SELECT c.oid::pg_catalog.regclass, c.relkind, inhdetachpending, "
                + "pg_catalog.pg_get_expr(c.relpartbound, c.oid)\nFROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\n"
                + "WHERE c.oid = i.inhrelid AND i.inhparent = " + lit + "\n"
                + "ORDER BY pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', "
                + "c.oid::pg_catalog.regclass::pg_catalog.text;");
        if (children == null) {
            return false;
        }
        int n = children.rows().size();
        if (kind == 'p') {
            if (n == 0) {
                footers.add("Number of partitions: 0");
            } else if (!verbose) {
                footers.add("Number of partitions: " + n + " (Use \\d+ to list them.)");
            }
        } else if (n > 0 && !verbose) {
            footers.add("Number of child tables: " + n + " (Use \\d+ to list them.)");
        }
        if (verbose && n > 0) {
            // psql's list: the title on the first line, later lines indented under the first name.
            String title = kind == 'p' ? "Partitions" : "Child tables";
            for (int i = 0; i < n; i++) {
                Row child = children.rows().get(i);
                StringBuilder b = new StringBuilder(i == 0 ? title + ": " : " ".repeat(title.length() + 2));
                b.append(child.getString(0));
                if (kind == 'p') {
                    b.append(' ').append(orEmpty(child.getString(3)));
                    if ("p".equals(child.getString(1))) {
                        b.append(", PARTITIONED");
                    } else if ("f".equals(child.getString(1))) {
                        b.append(", FOREIGN");
                    }
                    if (t(child, 2)) {
                        b.append(" (DETACH PENDING)");
                    }
                }
                if (i < n - 1) {
                    b.append(',');
                }
                footers.add(b.toString());
            }
        }
        return true;
    }

    private boolean triggerFooters(String lit, List<String> footers) {
        Result r = session.internalQuery("SELECT t.tgname, pg_catalog.pg_get_triggerdef(t.oid, true), t.tgenabled, "
                + "t.tgisinternal,\n  CASE WHEN t.tgparentid != 0 THEN\n    (SELECT u.tgrelid::pg_catalog.regclass\n"
                + "     FROM pg_catalog.pg_trigger AS u,\n"
                + "          pg_catalog.pg_partition_ancestors(t.tgrelid) WITH ORDINALITY AS a(relid, depth)\n"
                + "     WHERE u.tgname = t.tgname AND u.tgrelid = a.relid\n           AND u.tgparentid = 0\n"
                + "     ORDER BY a.depth LIMIT 1)\n  END AS parent\nFROM pg_catalog.pg_trigger t\n"
                + "WHERE t.tgrelid = " + lit + " AND (NOT t.tgisinternal OR (t.tgisinternal AND t.tgenabled = 'D'))\n"
                + "ORDER BY 1;");
        if (r == null) {
            return false;
        }
        // psql's categories: enabled, disabled user, disabled internal (a foreign key's after DISABLE TRIGGER
        // ALL), always, replica only; the third letter says whether the trigger must be internal.
        String[][] categories = {{"O", "Triggers:", "f"}, {"D", "Disabled user triggers:", "f"},
            {"D", "Disabled internal triggers:", "t"}, {"A", "Triggers firing always:", "f"},
            {"R", "Triggers firing on replica only:", "f"}};
        for (String[] cat : categories) {
            boolean header = false;
            for (Row tr : r.rows()) {
                if (!cat[0].equals(tr.getString(2)) || t(tr, 3) != cat[2].equals("t")) {
                    continue;
                }
                if (!header) {
                    footers.add(cat[1]);
                    header = true;
                }
                String def = tr.getString(1);
                int p = def.indexOf(" TRIGGER ");
                String shown = p >= 0 ? def.substring(p + 9) : def;
                if (tr.getString(4) != null) {
                    shown += ", ON TABLE " + tr.getString(4);
                }
                footers.add("    " + shown);
            }
        }
        return true;
    }

    private boolean describeSequence(String lit, String qualified, char persistence) {
        Result seq = session.internalQuery("SELECT pg_catalog.format_type(seqtypid, NULL) AS \"Type\",\n"
                + "       seqstart AS \"Start\",\n       seqmin AS \"Minimum\",\n       seqmax AS \"Maximum\",\n"
                + "       seqincrement AS \"Increment\",\n"
                + "       CASE WHEN seqcycle THEN 'yes' ELSE 'no' END AS \"Cycles?\",\n"
                + "       seqcache AS \"Cache\"\nFROM pg_catalog.pg_sequence\nWHERE seqrelid = " + lit + ";");
        if (seq == null) {
            return false;
        }
        Result owner = session.internalQuery("SELECT pg_catalog.quote_ident(nspname) || '.' ||\n"
                + "   pg_catalog.quote_ident(relname) || '.' ||\n   pg_catalog.quote_ident(attname),\n"
                + "   d.deptype\nFROM pg_catalog.pg_class c\n"
                + "INNER JOIN pg_catalog.pg_depend d ON c.oid=d.refobjid\n"
                + "INNER JOIN pg_catalog.pg_namespace n ON n.oid=c.relnamespace\n"
                + "INNER JOIN pg_catalog.pg_attribute a ON (\n a.attrelid=c.oid AND\n a.attnum=d.refobjsubid)\n"
                + "WHERE d.classid='pg_catalog.pg_class'::pg_catalog.regclass\n"
                + " AND d.refclassid='pg_catalog.pg_class'::pg_catalog.regclass\n AND d.objid=" + lit + "\n"
                + " AND d.deptype IN ('a', 'i')");
        if (owner == null) {
            return false;
        }
        List<String> footers = new ArrayList<>();
        if (owner.rows().size() == 1) {
            Row o = owner.rows().getFirst();
            footers.add(("i".equals(o.getString(1)) ? "Sequence for identity column: " : "Owned by: ")
                    + o.getString(0));
        }
        String title = (persistence == 'u' ? "Unlogged sequence" : "Sequence") + " \"" + qualified + "\"";
        session.printTable(PrintTable.of(seq, title, "").withFooters(footers));
        return true;
    }

    private boolean describeIndex(String lit, String schema, String qualified, char kind, char persistence,
            boolean verbose) {
        Result cols = session.internalQuery("SELECT a.attname,\n  pg_catalog.format_type(a.atttypid, a.atttypmod),\n"
                + "  CASE WHEN a.attnum <= (SELECT i.indnkeyatts FROM pg_catalog.pg_index i WHERE i.indexrelid = "
                + lit + ") THEN 'yes' ELSE 'no' END AS is_key,\n"
                + "  pg_catalog.pg_get_indexdef(a.attrelid, a.attnum, TRUE) AS indexdef" + verboseColumns(verbose, kind)
                + "\n"
                + "FROM pg_catalog.pg_attribute a\nWHERE a.attrelid = " + lit
                + " AND a.attnum > 0 AND NOT a.attisdropped\nORDER BY a.attnum;");
        if (cols == null) {
            return false;
        }
        List<String[]> rows = new ArrayList<>();
        for (Row c : cols.rows()) {
            List<String> cells = new ArrayList<>(Arrays.asList(c.getString(0), c.getString(1), c.getString(2),
                    c.getString(3)));
            if (verbose) {
                addVerboseCells(cells, c, 4, kind);
            }
            rows.add(cells.toArray(String[]::new));
        }
        Result r = session.internalQuery("SELECT i.indisunique, i.indisprimary, i.indisclustered, i.indisvalid,\n"
                + "  (NOT i.indimmediate) AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = "
                + "i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x') AND condeferrable) AS condeferrable,\n"
                + "  (NOT i.indimmediate) AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = "
                + "i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x') AND condeferred) AS condeferred,\n"
                + "i.indisreplident,\ni.indnullsnotdistinct,\n"
                + "  a.amname, c2.relname, pg_catalog.pg_get_expr(i.indpred, i.indrelid, true)\n"
                + "FROM pg_catalog.pg_index i, pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_am a\n"
                + "WHERE i.indexrelid = c.oid AND c.oid = " + lit + " AND c.relam = a.oid\nAND i.indrelid = c2.oid;");
        if (r == null) {
            return false;
        }
        List<String> footers = new ArrayList<>();
        if (!r.rows().isEmpty()) {
            Row i = r.rows().getFirst();
            StringBuilder b = new StringBuilder();
            if (t(i, 1)) {
                b.append("primary key, ");
            } else if (t(i, 0)) {
                b.append("unique");
                if (t(i, 7)) {
                    b.append(" nulls not distinct");
                }
                b.append(", ");
            }
            b.append(i.getString(8)).append(", for table \"").append(schema).append('.').append(i.getString(9))
                    .append('"');
            String pred = i.getString(10);
            if (pred != null && !pred.isEmpty()) {
                b.append(", predicate (").append(pred).append(')');
            }
            if (t(i, 2)) {
                b.append(", clustered");
            }
            if (!t(i, 3)) {
                b.append(", invalid");
            }
            if (t(i, 4)) {
                b.append(", deferrable");
            }
            if (t(i, 5)) {
                b.append(", initially deferred");
            }
            if (t(i, 6)) {
                b.append(", replica identity");
            }
            footers.add(b.toString());
        }
        String title = (kind == 'I' ? "Partitioned index" : persistence == 'u' ? "Unlogged index" : "Index")
                + " \"" + qualified + "\"";
        List<String> headers = new ArrayList<>(List.of("Column", "Type", "Key?", "Definition"));
        if (verbose) {
            headers.addAll(verboseHeaders(kind));
        }
        session.printTable(new PrintTable(title, headers.toArray(String[]::new), new boolean[headers.size()], rows,
                footers));
        return true;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
