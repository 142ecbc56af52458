package org.tusk.sql.catalog;

import static org.tusk.sql.catalog.CatalogOids.BOOTSTRAP_SUPERUSER_ID;
import static org.tusk.sql.catalog.CatalogOids.INT4_OID;
import static org.tusk.sql.catalog.CatalogOids.NAME_OID;
import static org.tusk.sql.catalog.CatalogOids.TIMESTAMPTZ_OID;
import static org.tusk.sql.catalog.CatalogOids.VARCHAR_OID;

import java.util.ArrayList;
import java.util.List;

/**
 * The schema information_schema (SQL standard part 11; PostgreSQL's information_schema.sql, which
 * initdb runs after bootstrap): views over the catalogs that ORMs, migration tools and JDBC/ODBC
 * metadata code query instead of pg_catalog, because they are the same on every SQL database.
 *
 * <p>Bootstrap writes the rows CREATE SCHEMA and CREATE VIEW would write, as for {@link SystemViews}:
 * the schema's pg_namespace row, each view's pg_class row (in this schema, SELECT granted to PUBLIC),
 * its columns and its query. Column names and order are PostgreSQL 15's. Tusk has no domains, so the
 * standard's domains are their base types: sql_identifier is name, cardinal_number is integer,
 * character_data and yes_or_no are character varying, time_stamp is timestamp with time zone; a client
 * sees the same values and, for JDBC, the same java.sql.Types as over the domains' base types.
 *
 * <p>The queries are PostgreSQL's, rewritten where Tusk lacks a piece: the {@code _pg_} helper
 * functions are inlined as CASE expressions over the type OID and typmod; pg_has_role and
 * has_schema_privilege are called by name (the OID overloads are missing); temporary schemas do not
 * exist, so pg_is_other_temp_schema is left out; has_any_column_privilege and has_column_privilege do
 * not exist yet, so a role that holds only column privileges on a table does not see it here.
 * The character set of every column is UTF8, whose longest character is 4 bytes.
 */
public final class InformationSchema {

    /** The schema's OID, in the range initdb gives its unpinned objects (PostgreSQL's varies by build). */
    public static final int NAMESPACE_OID = 13000;

    private static final int ID = NAME_OID;
    private static final int CARD = INT4_OID;
    private static final int CHAR = VARCHAR_OID;
    private static final int YN = VARCHAR_OID;

    /** Whether the current user owns (through a role) the object whose owner OID is {@code owner}. */
    private static String owns(String owner) {
        return "pg_catalog.pg_has_role(current_user, pg_catalog.pg_get_userbyid(" + owner + "), 'USAGE')";
    }

    /** tables' and views' rule: the owner's role or any table privilege. */
    private static String seesTable(String c) {
        return "(" + owns(c + ".relowner") + " OR pg_catalog.has_table_privilege(" + c
                + ".oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER'))";
    }

    /** table_constraints' rule: as tables', SELECT left out as the standard says. */
    private static String seesConstraintsOf(String r) {
        return "(" + owns(r + ".relowner") + " OR pg_catalog.has_table_privilege(" + r
                + ".oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER'))";
    }

    private static final String DB = "CAST(pg_catalog.current_database() AS name)";

    /** _pg_char_max_length(typid, typmod). */
    private static String charMaxLength(String typid, String typmod) {
        return "CASE WHEN " + typmod + " = -1 THEN NULL WHEN " + typid + " IN (1042, 1043) THEN " + typmod
                + " - 4 WHEN " + typid + " IN (1560, 1562) THEN " + typmod + " ELSE NULL END";
    }

    /** _pg_char_octet_length(typid, typmod), for UTF8. */
    private static String charOctetLength(String typid, String typmod) {
        return "CASE WHEN " + typid + " IN (25, 1042, 1043) THEN CASE WHEN " + typmod + " = -1 THEN 1073741824"
                + " ELSE (" + charMaxLength(typid, typmod) + ") * 4 END ELSE NULL END";
    }

    /** _pg_numeric_precision(typid, typmod). */
    private static String numericPrecision(String typid, String typmod) {
        return "CASE " + typid + " WHEN 21 THEN 16 WHEN 23 THEN 32 WHEN 20 THEN 64 WHEN 1700 THEN CASE WHEN "
                + typmod + " = -1 THEN NULL ELSE ((" + typmod + " - 4) >> 16) & 65535 END"
                + " WHEN 700 THEN 24 WHEN 701 THEN 53 ELSE NULL END";
    }

    /** _pg_numeric_precision_radix(typid, typmod). */
    private static String numericRadix(String typid) {
        return "CASE WHEN " + typid + " IN (21, 23, 20, 700, 701) THEN 2 WHEN " + typid
                + " IN (1700) THEN 10 ELSE NULL END";
    }

    /** _pg_numeric_scale(typid, typmod). */
    private static String numericScale(String typid, String typmod) {
        return "CASE WHEN " + typid + " IN (21, 23, 20) THEN 0 WHEN " + typid + " IN (1700) THEN CASE WHEN "
                + typmod + " = -1 THEN NULL ELSE (" + typmod + " - 4) & 65535 END ELSE NULL END";
    }

    /**
     * _pg_interval_type(typid, typmod): the fields of an interval column as format_type prints them after
     * "interval", upper case ("DAY TO SECOND(3)"), NULL for all fields. Decoded from the typmod (the range
     * bits of datetime.h above the precision), as intervaltypmodout does.
     */
    private static String intervalType(String typid, String typmod) {
        String range = "((" + typmod + " >> 16) & 32767)";
        String precision = "CASE WHEN " + typmod + " & 65535 = 65535 THEN '' ELSE '(' || (" + typmod
                + " & 65535)::text || ')' END";
        return "CASE WHEN " + typid + " = 1186 AND " + typmod + " >= 0 AND " + range + " <> 32767 THEN CASE " + range
                + " WHEN 4 THEN 'YEAR' WHEN 2 THEN 'MONTH' WHEN 8 THEN 'DAY' WHEN 1024 THEN 'HOUR'"
                + " WHEN 2048 THEN 'MINUTE' WHEN 4096 THEN 'SECOND' WHEN 6 THEN 'YEAR TO MONTH'"
                + " WHEN 1032 THEN 'DAY TO HOUR' WHEN 3080 THEN 'DAY TO MINUTE' WHEN 7176 THEN 'DAY TO SECOND'"
                + " WHEN 3072 THEN 'HOUR TO MINUTE' WHEN 7168 THEN 'HOUR TO SECOND'"
                + " WHEN 6144 THEN 'MINUTE TO SECOND' END || " + precision + " ELSE NULL END";
    }

    /** _pg_datetime_precision(typid, typmod). */
    private static String datetimePrecision(String typid, String typmod) {
        return "CASE WHEN " + typid + " IN (1082) THEN 0 WHEN " + typid + " IN (1083, 1114, 1184, 1266) THEN CASE WHEN "
                + typmod + " < 0 THEN 6 ELSE " + typmod + " END WHEN " + typid + " IN (1186) THEN CASE WHEN "
                + typmod + " < 0 OR " + typmod + " & 65535 = 65535 THEN 6 ELSE " + typmod + " & 65535 END"
                + " ELSE NULL END";
    }

    private static SystemViews.View view(int oid, String name, String columns, String query) {
        List<String> names = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        for (String col : columns.trim().split("\\s*,\\s*")) {
            String[] p = col.split(":");
            names.add(p[0]);
            types.add(switch (p[1]) {
                case "id" -> ID;
                case "card" -> CARD;
                case "char" -> CHAR;
                case "yn" -> YN;
                case "ts" -> TIMESTAMPTZ_OID;
                default -> throw new IllegalArgumentException(col);
            });
        }
        return new SystemViews.View(oid, name, List.copyOf(names), List.copyOf(types), query.strip());
    }

    public static final List<SystemViews.View> VIEWS = List.of(
            view(13001, "information_schema_catalog_name", "catalog_name:id",
                    "SELECT " + DB + " AS catalog_name"),
            view(13002, "schemata", """
                    catalog_name:id, schema_name:id, schema_owner:id, default_character_set_catalog:id,
                    default_character_set_schema:id, default_character_set_name:id, sql_path:char""",
                    "SELECT " + DB + " AS catalog_name, CAST(n.nspname AS name) AS schema_name,"
                            + " CAST(u.rolname AS name) AS schema_owner,"
                            + " CAST(NULL AS name) AS default_character_set_catalog,"
                            + " CAST(NULL AS name) AS default_character_set_schema,"
                            + " CAST(NULL AS name) AS default_character_set_name,"
                            + " CAST(NULL AS character varying) AS sql_path"
                            + " FROM pg_catalog.pg_namespace n, pg_catalog.pg_authid u"
                            + " WHERE n.nspowner = u.oid AND (pg_catalog.pg_has_role(current_user, u.rolname, 'USAGE')"
                            + " OR pg_catalog.has_schema_privilege(n.nspname, 'CREATE, USAGE'))"),
            view(13003, "tables", """
                    table_catalog:id, table_schema:id, table_name:id, table_type:char,
                    self_referencing_column_name:id, reference_generation:char, user_defined_type_catalog:id,
                    user_defined_type_schema:id, user_defined_type_name:id, is_insertable_into:yn, is_typed:yn,
                    commit_action:char""",
                    "SELECT " + DB + " AS table_catalog, CAST(nc.nspname AS name) AS table_schema,"
                            + " CAST(c.relname AS name) AS table_name,"
                            + " CAST(CASE WHEN c.relkind IN ('r', 'p') THEN 'BASE TABLE' WHEN c.relkind = 'v' THEN 'VIEW'"
                            + " WHEN c.relkind = 'f' THEN 'FOREIGN' ELSE NULL END AS character varying) AS table_type,"
                            + " CAST(NULL AS name) AS self_referencing_column_name,"
                            + " CAST(NULL AS character varying) AS reference_generation,"
                            + " CAST(CASE WHEN t.typname IS NOT NULL THEN pg_catalog.current_database() ELSE NULL END"
                            + " AS name) AS user_defined_type_catalog,"
                            + " CAST(nt.nspname AS name) AS user_defined_type_schema,"
                            + " CAST(t.typname AS name) AS user_defined_type_name,"
                            + " CAST(CASE WHEN c.relkind IN ('r', 'p') OR (c.relkind IN ('v', 'f')"
                            + " AND pg_catalog.pg_relation_is_updatable(c.oid, false) & 8 = 8)"
                            + " THEN 'YES' ELSE 'NO' END AS character varying) AS is_insertable_into,"
                            + " CAST(CASE WHEN t.typname IS NOT NULL THEN 'YES' ELSE 'NO' END AS character varying)"
                            + " AS is_typed,"
                            + " CAST(NULL AS character varying) AS commit_action"
                            + " FROM pg_catalog.pg_namespace nc JOIN pg_catalog.pg_class c ON nc.oid = c.relnamespace"
                            + " LEFT JOIN (pg_catalog.pg_type t JOIN pg_catalog.pg_namespace nt"
                            + " ON t.typnamespace = nt.oid) ON c.reloftype = t.oid"
                            + " WHERE c.relkind IN ('r', 'v', 'f', 'p') AND " + seesTable("c")),
            view(13004, "views", """
                    table_catalog:id, table_schema:id, table_name:id, view_definition:char, check_option:char,
                    is_updatable:yn, is_insertable_into:yn, is_trigger_updatable:yn, is_trigger_deletable:yn,
                    is_trigger_insertable_into:yn""",
                    "SELECT " + DB + " AS table_catalog, CAST(nc.nspname AS name) AS table_schema,"
                            + " CAST(c.relname AS name) AS table_name,"
                            + " CAST(CASE WHEN " + owns("c.relowner") + " THEN pg_catalog.pg_get_viewdef(c.oid)"
                            + " ELSE NULL END AS character varying) AS view_definition,"
                            + " CAST(CASE WHEN 'check_option=cascaded' = ANY (c.reloptions) THEN 'CASCADED'"
                            + " WHEN 'check_option=local' = ANY (c.reloptions) THEN 'LOCAL' ELSE 'NONE' END"
                            + " AS character varying) AS check_option,"
                            + " CAST(CASE WHEN pg_catalog.pg_relation_is_updatable(c.oid, false) & 20 = 20"
                            + " THEN 'YES' ELSE 'NO' END AS character varying) AS is_updatable,"
                            + " CAST(CASE WHEN pg_catalog.pg_relation_is_updatable(c.oid, false) & 8 = 8"
                            + " THEN 'YES' ELSE 'NO' END AS character varying) AS is_insertable_into,"
                            + triggerFlag(81) + " AS is_trigger_updatable,"
                            + triggerFlag(73) + " AS is_trigger_deletable,"
                            + triggerFlag(69) + " AS is_trigger_insertable_into"
                            + " FROM pg_catalog.pg_namespace nc, pg_catalog.pg_class c"
                            + " WHERE c.relnamespace = nc.oid AND c.relkind = 'v' AND " + seesTable("c")),
            view(13005, "columns", """
                    table_catalog:id, table_schema:id, table_name:id, column_name:id, ordinal_position:card,
                    column_default:char, is_nullable:yn, data_type:char, character_maximum_length:card,
                    character_octet_length:card, numeric_precision:card, numeric_precision_radix:card,
                    numeric_scale:card, datetime_precision:card, interval_type:char, interval_precision:card,
                    character_set_catalog:id, character_set_schema:id, character_set_name:id,
                    collation_catalog:id, collation_schema:id, collation_name:id, domain_catalog:id,
                    domain_schema:id, domain_name:id, udt_catalog:id, udt_schema:id, udt_name:id,
                    scope_catalog:id, scope_schema:id, scope_name:id, maximum_cardinality:card,
                    dtd_identifier:id, is_self_referencing:yn, is_identity:yn, identity_generation:char,
                    identity_start:char, identity_increment:char, identity_maximum:char, identity_minimum:char,
                    identity_cycle:yn, is_generated:char, generation_expression:char, is_updatable:yn""",
                    columnsQuery()),
            view(13006, "table_constraints", """
                    constraint_catalog:id, constraint_schema:id, constraint_name:id, table_catalog:id,
                    table_schema:id, table_name:id, constraint_type:char, is_deferrable:yn, initially_deferred:yn,
                    enforced:yn, nulls_distinct:yn""",
                    "SELECT " + DB + " AS constraint_catalog, CAST(nc.nspname AS name) AS constraint_schema,"
                            + " CAST(c.conname AS name) AS constraint_name, " + DB + " AS table_catalog,"
                            + " CAST(nr.nspname AS name) AS table_schema, CAST(r.relname AS name) AS table_name,"
                            + " CAST(CASE c.contype WHEN 'c' THEN 'CHECK' WHEN 'f' THEN 'FOREIGN KEY'"
                            + " WHEN 'p' THEN 'PRIMARY KEY' WHEN 'u' THEN 'UNIQUE' END AS character varying)"
                            + " AS constraint_type,"
                            + " CAST(CASE WHEN c.condeferrable THEN 'YES' ELSE 'NO' END AS character varying)"
                            + " AS is_deferrable,"
                            + " CAST(CASE WHEN c.condeferred THEN 'YES' ELSE 'NO' END AS character varying)"
                            + " AS initially_deferred,"
                            + " CAST('YES' AS character varying) AS enforced,"
                            + " CAST(CASE WHEN c.contype = 'u' THEN CASE WHEN (SELECT NOT i.indnullsnotdistinct"
                            + " FROM pg_catalog.pg_index i WHERE i.indexrelid = c.conindid) THEN 'YES' ELSE 'NO' END"
                            + " END AS character varying) AS nulls_distinct"
                            + " FROM pg_catalog.pg_namespace nc, pg_catalog.pg_namespace nr,"
                            + " pg_catalog.pg_constraint c, pg_catalog.pg_class r"
                            + " WHERE nc.oid = c.connamespace AND nr.oid = r.relnamespace AND c.conrelid = r.oid"
                            + " AND c.contype NOT IN ('t', 'x') AND r.relkind IN ('r', 'p')"
                            + " AND " + seesConstraintsOf("r")
                            + " UNION ALL"
                            + " SELECT " + DB + ", CAST(nr.nspname AS name), " + notNullName("nr", "r", "a") + ", "
                            + DB + ", CAST(nr.nspname AS name), CAST(r.relname AS name),"
                            + " CAST('CHECK' AS character varying), CAST('NO' AS character varying),"
                            + " CAST('NO' AS character varying), CAST('YES' AS character varying),"
                            + " CAST(NULL AS character varying)"
                            + notNullColumns("nr") + seesConstraintsOf("r")),
            view(13007, "key_column_usage", """
                    constraint_catalog:id, constraint_schema:id, constraint_name:id, table_catalog:id,
                    table_schema:id, table_name:id, column_name:id, ordinal_position:card,
                    position_in_unique_constraint:card""",
                    "SELECT " + DB + " AS constraint_catalog, CAST(nc.nspname AS name) AS constraint_schema,"
                            + " CAST(c.conname AS name) AS constraint_name, " + DB + " AS table_catalog,"
                            + " CAST(nr.nspname AS name) AS table_schema, CAST(r.relname AS name) AS table_name,"
                            + " CAST(a.attname AS name) AS column_name, CAST(k.n AS integer) AS ordinal_position,"
                            // _pg_index_position: where the referenced column is in the unique constraint's key
                            + " CAST(CASE WHEN c.contype = 'f' THEN (SELECT pg_catalog.array_position(u.conkey,"
                            + " c.confkey[k.n]) FROM pg_catalog.pg_constraint u WHERE u.conindid = c.conindid"
                            + " AND u.conrelid = c.confrelid AND u.contype IN ('p', 'u')) ELSE NULL END AS integer)"
                            + " AS position_in_unique_constraint"
                            + " FROM pg_catalog.pg_namespace nr, pg_catalog.pg_class r, pg_catalog.pg_namespace nc,"
                            + " pg_catalog.pg_constraint c, pg_catalog.unnest(c.conkey) WITH ORDINALITY AS k(attnum, n),"
                            + " pg_catalog.pg_attribute a"
                            + " WHERE nr.oid = r.relnamespace AND r.oid = c.conrelid AND nc.oid = c.connamespace"
                            + " AND c.contype IN ('p', 'u', 'f') AND r.relkind IN ('r', 'p')"
                            + " AND a.attrelid = r.oid AND a.attnum = k.attnum AND NOT a.attisdropped"
                            + " AND " + seesTable("r")),
            view(13008, "check_constraints", """
                    constraint_catalog:id, constraint_schema:id, constraint_name:id, check_clause:char""",
                    "SELECT " + DB + " AS constraint_catalog, CAST(rs.nspname AS name) AS constraint_schema,"
                            + " CAST(con.conname AS name) AS constraint_name,"
                            + " CAST(substring(pg_catalog.pg_get_constraintdef(con.oid) FROM 7) AS character varying)"
                            + " AS check_clause"
                            + " FROM pg_catalog.pg_constraint con"
                            + " LEFT JOIN pg_catalog.pg_namespace rs ON rs.oid = con.connamespace"
                            + " LEFT JOIN pg_catalog.pg_class c ON c.oid = con.conrelid"
                            + " LEFT JOIN pg_catalog.pg_type t ON t.oid = con.contypid"
                            + " WHERE " + owns("coalesce(c.relowner, t.typowner)") + " AND con.contype = 'c'"
                            + " UNION"
                            + " SELECT " + DB + ", CAST(n.nspname AS name), " + notNullName("n", "r", "a") + ","
                            + " CAST(a.attname || ' IS NOT NULL' AS character varying)"
                            + notNullColumns("n") + owns("r.relowner")),
            view(13009, "referential_constraints", """
                    constraint_catalog:id, constraint_schema:id, constraint_name:id, unique_constraint_catalog:id,
                    unique_constraint_schema:id, unique_constraint_name:id, match_option:char, update_rule:char,
                    delete_rule:char""",
                    "SELECT " + DB + " AS constraint_catalog, CAST(ncon.nspname AS name) AS constraint_schema,"
                            + " CAST(con.conname AS name) AS constraint_name,"
                            + " CAST(CASE WHEN npkc.nspname IS NULL THEN NULL ELSE pg_catalog.current_database() END"
                            + " AS name) AS unique_constraint_catalog,"
                            + " CAST(npkc.nspname AS name) AS unique_constraint_schema,"
                            + " CAST(pkc.conname AS name) AS unique_constraint_name,"
                            + " CAST(CASE con.confmatchtype WHEN 'f' THEN 'FULL' WHEN 'p' THEN 'PARTIAL'"
                            + " WHEN 's' THEN 'NONE' END AS character varying) AS match_option,"
                            + " CAST(" + rule("con.confupdtype") + " AS character varying) AS update_rule,"
                            + " CAST(" + rule("con.confdeltype") + " AS character varying) AS delete_rule"
                            + " FROM pg_catalog.pg_namespace ncon"
                            + " JOIN pg_catalog.pg_constraint con ON ncon.oid = con.connamespace"
                            + " JOIN pg_catalog.pg_class c ON con.conrelid = c.oid AND con.contype = 'f'"
                            // PostgreSQL finds the referenced key through pg_depend (constraint -> index ->
                            // constraint); the referenced key's constraint owns the index the foreign key uses
                            + " LEFT JOIN pg_catalog.pg_constraint pkc ON pkc.conindid = con.conindid"
                            + " AND pkc.contype IN ('p', 'u') AND pkc.conrelid = con.confrelid"
                            + " LEFT JOIN pg_catalog.pg_namespace npkc ON pkc.connamespace = npkc.oid"
                            + " WHERE " + seesConstraintsOf("c")),
            view(13010, "constraint_column_usage", """
                    table_catalog:id, table_schema:id, table_name:id, column_name:id, constraint_catalog:id,
                    constraint_schema:id, constraint_name:id""",
                    // PostgreSQL finds a check constraint's columns through pg_depend; conkey lists them too
                    "SELECT " + DB + " AS table_catalog, CAST(x.tblschema AS name) AS table_schema,"
                            + " CAST(x.tblname AS name) AS table_name, CAST(x.colname AS name) AS column_name,"
                            + " " + DB + " AS constraint_catalog, CAST(x.cstrschema AS name) AS constraint_schema,"
                            + " CAST(x.cstrname AS name) AS constraint_name"
                            + " FROM (SELECT nr.nspname AS tblschema, r.relname AS tblname, r.relowner AS tblowner,"
                            + " a.attname AS colname, nc.nspname AS cstrschema, c.conname AS cstrname"
                            + " FROM pg_catalog.pg_namespace nr, pg_catalog.pg_class r, pg_catalog.pg_attribute a,"
                            + " pg_catalog.pg_namespace nc, pg_catalog.pg_constraint c"
                            + " WHERE nr.oid = r.relnamespace AND r.oid = a.attrelid AND nc.oid = c.connamespace"
                            + " AND r.oid = CASE c.contype WHEN 'f' THEN c.confrelid ELSE c.conrelid END"
                            + " AND a.attnum = ANY (CASE c.contype WHEN 'f' THEN c.confkey ELSE c.conkey END)"
                            + " AND NOT a.attisdropped AND c.contype IN ('c', 'p', 'u', 'f')"
                            + " AND r.relkind IN ('r', 'p')) AS x"
                            + " WHERE " + owns("x.tblowner")),
            view(13011, "sequences", """
                    sequence_catalog:id, sequence_schema:id, sequence_name:id, data_type:char,
                    numeric_precision:card, numeric_precision_radix:card, numeric_scale:card, start_value:char,
                    minimum_value:char, maximum_value:char, increment:char, cycle_option:yn""",
                    "SELECT " + DB + " AS sequence_catalog, CAST(nc.nspname AS name) AS sequence_schema,"
                            + " CAST(c.relname AS name) AS sequence_name,"
                            + " CAST(pg_catalog.format_type(s.seqtypid, NULL) AS character varying) AS data_type,"
                            + " CAST(" + numericPrecision("s.seqtypid", "-1") + " AS integer) AS numeric_precision,"
                            + " CAST(2 AS integer) AS numeric_precision_radix, CAST(0 AS integer) AS numeric_scale,"
                            + " CAST(s.seqstart AS character varying) AS start_value,"
                            + " CAST(s.seqmin AS character varying) AS minimum_value,"
                            + " CAST(s.seqmax AS character varying) AS maximum_value,"
                            + " CAST(s.seqincrement AS character varying) AS increment,"
                            + " CAST(CASE WHEN s.seqcycle THEN 'YES' ELSE 'NO' END AS character varying)"
                            + " AS cycle_option"
                            + " FROM pg_catalog.pg_namespace nc, pg_catalog.pg_class c, pg_catalog.pg_sequence s"
                            + " WHERE c.relnamespace = nc.oid AND c.relkind = 'S' AND c.oid = s.seqrelid"
                            // identity sequences are left out; Tusk records their dependency as 'a', as serial's
                            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_attribute a"
                            + " ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                            + " WHERE d.classid = 1259 AND d.objid = c.oid AND d.refclassid = 1259"
                            + " AND (d.deptype = 'i' OR a.attidentity IN ('a', 'd')))"
                            + " AND (" + owns("c.relowner")
                            // the CASE keeps the check off other relations whatever order the quals run in
                            + " OR CASE WHEN c.relkind = 'S' THEN pg_catalog.has_sequence_privilege(c.oid,"
                            + " 'SELECT, UPDATE, USAGE') END)"),
            view(13012, "enabled_roles", "role_name:id",
                    "SELECT CAST(a.rolname AS name) AS role_name FROM pg_catalog.pg_authid a"
                            + " WHERE pg_catalog.pg_has_role(current_user, a.rolname, 'USAGE')"),
            view(13013, "table_privileges", """
                    grantor:id, grantee:id, table_catalog:id, table_schema:id, table_name:id, privilege_type:char,
                    is_grantable:yn, with_hierarchy:yn""",
                    tablePrivilegesQuery()),
            view(13014, "role_table_grants", """
                    grantor:id, grantee:id, table_catalog:id, table_schema:id, table_name:id, privilege_type:char,
                    is_grantable:yn, with_hierarchy:yn""",
                    "SELECT grantor, grantee, table_catalog, table_schema, table_name, privilege_type, is_grantable,"
                            + " with_hierarchy FROM information_schema.table_privileges"
                            + " WHERE grantor IN (SELECT role_name FROM information_schema.enabled_roles)"
                            + " OR grantee IN (SELECT role_name FROM information_schema.enabled_roles)"),
            // The database's encoding; its default collation is named only when a collation has the
            // database's locale (C.UTF-8 has none), as in PostgreSQL.
            view(13015, "character_sets", """
                    character_set_catalog:id, character_set_schema:id, character_set_name:id,
                    character_repertoire:id, form_of_use:id, default_collate_catalog:id, default_collate_schema:id,
                    default_collate_name:id""",
                    "SELECT CAST(NULL AS name) AS character_set_catalog, CAST(NULL AS name) AS character_set_schema,"
                            + " CAST(pg_catalog.pg_encoding_to_char(d.encoding) AS name) AS character_set_name,"
                            + " CAST(CASE WHEN pg_catalog.pg_encoding_to_char(d.encoding) = 'UTF8' THEN 'UCS'"
                            + " ELSE pg_catalog.pg_encoding_to_char(d.encoding) END AS name) AS character_repertoire,"
                            + " CAST(pg_catalog.pg_encoding_to_char(d.encoding) AS name) AS form_of_use,"
                            + " " + DB + " AS default_collate_catalog, CAST(nc.nspname AS name) AS default_collate_schema,"
                            + " CAST(c.collname AS name) AS default_collate_name"
                            + " FROM pg_catalog.pg_database d LEFT JOIN (pg_catalog.pg_collation c"
                            + " JOIN pg_catalog.pg_namespace nc ON c.collnamespace = nc.oid)"
                            + " ON d.datcollate = c.collcollate AND d.datctype = c.collctype"
                            + " WHERE d.datname = pg_catalog.current_database()"
                            + " ORDER BY pg_catalog.char_length(c.collname) DESC, c.collname LIMIT 1"),
            // One row per trigger and event (INSERT, DELETE, UPDATE; TRUNCATE is not standard), the
            // condition and statement cut out of pg_get_triggerdef as PostgreSQL does.
            view(13016, "triggers", """
                    trigger_catalog:id, trigger_schema:id, trigger_name:id, event_manipulation:char,
                    event_object_catalog:id, event_object_schema:id, event_object_table:id, action_order:card,
                    action_condition:char, action_statement:char, action_orientation:char, action_timing:char,
                    action_reference_old_table:id, action_reference_new_table:id, action_reference_old_row:id,
                    action_reference_new_row:id, created:ts""",
                    "SELECT " + DB + " AS trigger_catalog, CAST(n.nspname AS name) AS trigger_schema,"
                            + " CAST(t.tgname AS name) AS trigger_name,"
                            + " CAST(em.text AS character varying) AS event_manipulation,"
                            + " " + DB + " AS event_object_catalog, CAST(n.nspname AS name) AS event_object_schema,"
                            + " CAST(c.relname AS name) AS event_object_table,"
                            + " CAST(rank() OVER (PARTITION BY CAST(n.nspname AS name), CAST(c.relname AS name),"
                            + " em.num, t.tgtype & 1, t.tgtype & 66 ORDER BY t.tgname) AS integer) AS action_order,"
                            + " CAST(CASE WHEN " + owns("c.relowner") + " THEN (pg_catalog.regexp_match("
                            + "pg_catalog.pg_get_triggerdef(t.oid), '.{35,} WHEN \\((.+)\\) EXECUTE FUNCTION'))[1]"
                            + " ELSE NULL END AS character varying) AS action_condition,"
                            + " CAST(substring(pg_catalog.pg_get_triggerdef(t.oid) FROM position('EXECUTE FUNCTION'"
                            + " IN substring(pg_catalog.pg_get_triggerdef(t.oid) FROM 48)) + 47) AS character varying)"
                            + " AS action_statement,"
                            + " CAST(CASE t.tgtype & 1 WHEN 1 THEN 'ROW' ELSE 'STATEMENT' END AS character varying)"
                            + " AS action_orientation,"
                            + " CAST(CASE t.tgtype & 66 WHEN 2 THEN 'BEFORE' WHEN 64 THEN 'INSTEAD OF' ELSE 'AFTER' END"
                            + " AS character varying) AS action_timing,"
                            + " CAST(t.tgoldtable AS name) AS action_reference_old_table,"
                            + " CAST(t.tgnewtable AS name) AS action_reference_new_table,"
                            + " CAST(NULL AS name) AS action_reference_old_row,"
                            + " CAST(NULL AS name) AS action_reference_new_row,"
                            + " CAST(NULL AS timestamp with time zone) AS created"
                            + " FROM pg_catalog.pg_namespace n, pg_catalog.pg_class c, pg_catalog.pg_trigger t,"
                            + " (VALUES (4, 'INSERT'), (8, 'DELETE'), (16, 'UPDATE')) AS em (num, text)"
                            + " WHERE n.oid = c.relnamespace AND c.oid = t.tgrelid AND t.tgtype & em.num <> 0"
                            + " AND NOT t.tgisinternal AND " + seesConstraintsOf("c")),
            // Functions and procedures: PostgreSQL's query with specific_name spelled out (no nameconcatoid)
            // and EXECUTE read from proacl (no has_function_privilege): NULL means PUBLIC may execute.
            view(13017, "routines", """
                    specific_catalog:id, specific_schema:id, specific_name:id, routine_catalog:id, routine_schema:id,
                    routine_name:id, routine_type:char, module_catalog:id, module_schema:id, module_name:id,
                    udt_catalog:id, udt_schema:id, udt_name:id, data_type:char, character_maximum_length:card,
                    character_octet_length:card, character_set_catalog:id, character_set_schema:id,
                    character_set_name:id, collation_catalog:id, collation_schema:id, collation_name:id,
                    numeric_precision:card, numeric_precision_radix:card, numeric_scale:card, datetime_precision:card,
                    interval_type:char, interval_precision:card, type_udt_catalog:id, type_udt_schema:id,
                    type_udt_name:id, scope_catalog:id, scope_schema:id, scope_name:id, maximum_cardinality:card,
                    dtd_identifier:id, routine_body:char, routine_definition:char, external_name:char,
                    external_language:char, parameter_style:char, is_deterministic:yn, sql_data_access:char,
                    is_null_call:yn, sql_path:char, schema_level_routine:yn, max_dynamic_result_sets:card,
                    is_user_defined_cast:yn, is_implicitly_invocable:yn, security_type:char, to_sql_specific_catalog:id,
                    to_sql_specific_schema:id, to_sql_specific_name:id, as_locator:yn, created:ts, last_altered:ts,
                    new_savepoint_level:yn, is_udt_dependent:yn, result_cast_from_data_type:char,
                    result_cast_as_locator:yn, result_cast_char_max_length:card, result_cast_char_octet_length:card,
                    result_cast_char_set_catalog:id, result_cast_char_set_schema:id, result_cast_char_set_name:id,
                    result_cast_collation_catalog:id, result_cast_collation_schema:id, result_cast_collation_name:id,
                    result_cast_numeric_precision:card, result_cast_numeric_precision_radix:card,
                    result_cast_numeric_scale:card, result_cast_datetime_precision:card, result_cast_interval_type:char,
                    result_cast_interval_precision:card, result_cast_type_udt_catalog:id,
                    result_cast_type_udt_schema:id, result_cast_type_udt_name:id, result_cast_scope_catalog:id,
                    result_cast_scope_schema:id, result_cast_scope_name:id, result_cast_maximum_cardinality:card,
                    result_cast_dtd_identifier:id""", """
                    SELECT CAST(current_database() AS name) AS specific_catalog, CAST(n.nspname AS name) AS
                    specific_schema, CAST(p.proname || '_' || CAST(p.oid AS text) AS name) AS specific_name,
                    CAST(current_database() AS name) AS routine_catalog, CAST(n.nspname AS name) AS routine_schema,
                    CAST(p.proname AS name) AS routine_name, CAST(CASE p.prokind WHEN 'f' THEN 'FUNCTION' WHEN 'p' THEN
                    'PROCEDURE' END AS character varying) AS routine_type, CAST(null AS name) AS module_catalog,
                    CAST(null AS name) AS module_schema, CAST(null AS name) AS module_name, CAST(null AS name) AS
                    udt_catalog, CAST(null AS name) AS udt_schema, CAST(null AS name) AS udt_name, CAST( CASE WHEN
                    p.prokind = 'p' THEN NULL WHEN t.typelem <> 0 AND t.typlen = -1 THEN 'ARRAY' WHEN nt.nspname =
                    'pg_catalog' THEN format_type(t.oid, null) ELSE 'USER-DEFINED' END AS character varying) AS
                    data_type, CAST(null AS integer) AS character_maximum_length, CAST(null AS integer) AS
                    character_octet_length, CAST(null AS name) AS character_set_catalog, CAST(null AS name) AS
                    character_set_schema, CAST(null AS name) AS character_set_name, CAST(null AS name) AS
                    collation_catalog, CAST(null AS name) AS collation_schema, CAST(null AS name) AS collation_name,
                    CAST(null AS integer) AS numeric_precision, CAST(null AS integer) AS numeric_precision_radix,
                    CAST(null AS integer) AS numeric_scale, CAST(null AS integer) AS datetime_precision, CAST(null AS
                    character varying) AS interval_type, CAST(null AS integer) AS interval_precision, CAST(CASE WHEN
                    nt.nspname IS NOT NULL THEN current_database() END AS name) AS type_udt_catalog, CAST(nt.nspname AS
                    name) AS type_udt_schema, CAST(t.typname AS name) AS type_udt_name, CAST(null AS name) AS
                    scope_catalog, CAST(null AS name) AS scope_schema, CAST(null AS name) AS scope_name, CAST(null AS
                    integer) AS maximum_cardinality, CAST(CASE WHEN p.prokind <> 'p' THEN '0' END AS name) AS
                    dtd_identifier, CAST(CASE WHEN l.lanname = 'sql' THEN 'SQL' ELSE 'EXTERNAL' END AS character
                    varying) AS routine_body, CAST( CASE WHEN pg_catalog.pg_has_role(current_user,
                    pg_catalog.pg_get_userbyid(p.proowner), 'USAGE') THEN p.prosrc ELSE null END AS character varying)
                    AS routine_definition, CAST( CASE WHEN l.lanname = 'c' THEN p.prosrc ELSE null END AS character
                    varying) AS external_name, CAST(upper(l.lanname) AS character varying) AS external_language,
                    CAST('GENERAL' AS character varying) AS parameter_style, CAST(CASE WHEN p.provolatile = 'i' THEN
                    'YES' ELSE 'NO' END AS character varying) AS is_deterministic, CAST('MODIFIES' AS character varying)
                    AS sql_data_access, CAST(CASE WHEN p.prokind <> 'p' THEN CASE WHEN p.proisstrict THEN 'YES' ELSE
                    'NO' END END AS character varying) AS is_null_call, CAST(null AS character varying) AS sql_path,
                    CAST('YES' AS character varying) AS schema_level_routine, CAST(0 AS integer) AS
                    max_dynamic_result_sets, CAST(null AS character varying) AS is_user_defined_cast, CAST(null AS
                    character varying) AS is_implicitly_invocable, CAST(CASE WHEN p.prosecdef THEN 'DEFINER' ELSE
                    'INVOKER' END AS character varying) AS security_type, CAST(null AS name) AS to_sql_specific_catalog,
                    CAST(null AS name) AS to_sql_specific_schema, CAST(null AS name) AS to_sql_specific_name, CAST('NO'
                    AS character varying) AS as_locator, CAST(null AS timestamp with time zone) AS created, CAST(null AS
                    timestamp with time zone) AS last_altered, CAST(null AS character varying) AS new_savepoint_level,
                    CAST('NO' AS character varying) AS is_udt_dependent, CAST(null AS character varying) AS
                    result_cast_from_data_type, CAST(null AS character varying) AS result_cast_as_locator, CAST(null AS
                    integer) AS result_cast_char_max_length, CAST(null AS integer) AS result_cast_char_octet_length,
                    CAST(null AS name) AS result_cast_char_set_catalog, CAST(null AS name) AS
                    result_cast_char_set_schema, CAST(null AS name) AS result_cast_char_set_name, CAST(null AS name) AS
                    result_cast_collation_catalog, CAST(null AS name) AS result_cast_collation_schema, CAST(null AS
                    name) AS result_cast_collation_name, CAST(null AS integer) AS result_cast_numeric_precision,
                    CAST(null AS integer) AS result_cast_numeric_precision_radix, CAST(null AS integer) AS
                    result_cast_numeric_scale, CAST(null AS integer) AS result_cast_datetime_precision, CAST(null AS
                    character varying) AS result_cast_interval_type, CAST(null AS integer) AS
                    result_cast_interval_precision, CAST(null AS name) AS result_cast_type_udt_catalog, CAST(null AS
                    name) AS result_cast_type_udt_schema, CAST(null AS name) AS result_cast_type_udt_name, CAST(null AS
                    name) AS result_cast_scope_catalog, CAST(null AS name) AS result_cast_scope_schema, CAST(null AS
                    name) AS result_cast_scope_name, CAST(null AS integer) AS result_cast_maximum_cardinality, CAST(null
                    AS name) AS result_cast_dtd_identifier FROM (pg_catalog.pg_namespace n JOIN pg_catalog.pg_proc p ON
                    n.oid = p.pronamespace JOIN pg_catalog.pg_language l ON p.prolang = l.oid) LEFT JOIN
                    (pg_catalog.pg_type t JOIN pg_catalog.pg_namespace nt ON t.typnamespace = nt.oid) ON p.prorettype =
                    t.oid AND p.prokind <> 'p'""" + " WHERE " + seesRoutine("p")),
            // One row per argument of a function or procedure (PostgreSQL's _pg_expandarray is unnest WITH
            // ORDINALITY here); parameter_default is NULL: pg_get_function_arg_default does not exist yet.
            view(13040, "parameters", """
                    specific_catalog:id, specific_schema:id, specific_name:id, ordinal_position:card,
                    parameter_mode:char, is_result:yn, as_locator:yn, parameter_name:id, data_type:char,
                    character_maximum_length:card, character_octet_length:card, character_set_catalog:id,
                    character_set_schema:id, character_set_name:id, collation_catalog:id, collation_schema:id,
                    collation_name:id, numeric_precision:card, numeric_precision_radix:card, numeric_scale:card,
                    datetime_precision:card, interval_type:char, interval_precision:card, udt_catalog:id,
                    udt_schema:id, udt_name:id, scope_catalog:id, scope_schema:id, scope_name:id,
                    maximum_cardinality:card, dtd_identifier:id, parameter_default:char""",
                    "SELECT " + DB + " AS specific_catalog, CAST(ss.n_nspname AS name) AS specific_schema,"
                            + " CAST(ss.proname || '_' || CAST(ss.p_oid AS text) AS name) AS specific_name,"
                            + " CAST(ss.n AS integer) AS ordinal_position,"
                            + " CAST(CASE WHEN ss.proargmodes IS NULL THEN 'IN'"
                            + " WHEN ss.proargmodes[ss.n] = 'i' THEN 'IN' WHEN ss.proargmodes[ss.n] = 'o' THEN 'OUT'"
                            + " WHEN ss.proargmodes[ss.n] = 'b' THEN 'INOUT' WHEN ss.proargmodes[ss.n] = 'v' THEN 'IN'"
                            + " WHEN ss.proargmodes[ss.n] = 't' THEN 'OUT' END AS character varying)"
                            + " AS parameter_mode,"
                            + " CAST('NO' AS character varying) AS is_result,"
                            + " CAST('NO' AS character varying) AS as_locator,"
                            + " CAST(NULLIF(ss.proargnames[ss.n], '') AS name) AS parameter_name,"
                            + " CAST(CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN 'ARRAY'"
                            + " WHEN nt.nspname = 'pg_catalog' THEN pg_catalog.format_type(t.oid, NULL)"
                            + " ELSE 'USER-DEFINED' END AS character varying) AS data_type,"
                            + " CAST(NULL AS integer) AS character_maximum_length,"
                            + " CAST(NULL AS integer) AS character_octet_length,"
                            + " CAST(NULL AS name) AS character_set_catalog, CAST(NULL AS name) AS character_set_schema,"
                            + " CAST(NULL AS name) AS character_set_name, CAST(NULL AS name) AS collation_catalog,"
                            + " CAST(NULL AS name) AS collation_schema, CAST(NULL AS name) AS collation_name,"
                            + " CAST(NULL AS integer) AS numeric_precision,"
                            + " CAST(NULL AS integer) AS numeric_precision_radix, CAST(NULL AS integer) AS numeric_scale,"
                            + " CAST(NULL AS integer) AS datetime_precision,"
                            + " CAST(NULL AS character varying) AS interval_type,"
                            + " CAST(NULL AS integer) AS interval_precision,"
                            + " " + DB + " AS udt_catalog, CAST(nt.nspname AS name) AS udt_schema,"
                            + " CAST(t.typname AS name) AS udt_name, CAST(NULL AS name) AS scope_catalog,"
                            + " CAST(NULL AS name) AS scope_schema, CAST(NULL AS name) AS scope_name,"
                            + " CAST(NULL AS integer) AS maximum_cardinality,"
                            + " CAST(CAST(ss.n AS text) AS name) AS dtd_identifier,"
                            + " CAST(NULL AS character varying) AS parameter_default"
                            + " FROM pg_catalog.pg_type t, pg_catalog.pg_namespace nt,"
                            + " (SELECT n.nspname AS n_nspname, p.proname, p.oid AS p_oid, p.proowner, p.proargnames,"
                            + " p.proargmodes, x.x, x.n FROM pg_catalog.pg_namespace n, pg_catalog.pg_proc p,"
                            + " pg_catalog.unnest(coalesce(p.proallargtypes, CAST(p.proargtypes AS oid[])))"
                            + " WITH ORDINALITY AS x(x, n)"
                            + " WHERE n.oid = p.pronamespace AND " + seesRoutine("p") + ") ss"
                            + " WHERE t.oid = ss.x AND t.typnamespace = nt.oid"),
            // Domains (pg_type rows of typtype 'd'), their base type described as columns' types are.
            view(13041, "domains", """
                    domain_catalog:id, domain_schema:id, domain_name:id, data_type:char,
                    character_maximum_length:card, character_octet_length:card, character_set_catalog:id,
                    character_set_schema:id, character_set_name:id, collation_catalog:id, collation_schema:id,
                    collation_name:id, numeric_precision:card, numeric_precision_radix:card, numeric_scale:card,
                    datetime_precision:card, interval_type:char, interval_precision:card, domain_default:char,
                    udt_catalog:id, udt_schema:id, udt_name:id, scope_catalog:id, scope_schema:id, scope_name:id,
                    maximum_cardinality:card, dtd_identifier:id""",
                    "SELECT " + DB + " AS domain_catalog, CAST(nt.nspname AS name) AS domain_schema,"
                            + " CAST(t.typname AS name) AS domain_name,"
                            + " CAST(CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN 'ARRAY'"
                            + " WHEN nbt.nspname = 'pg_catalog' THEN pg_catalog.format_type(t.typbasetype, NULL)"
                            + " ELSE 'USER-DEFINED' END AS character varying) AS data_type,"
                            + " CAST(" + charMaxLength("t.typbasetype", "t.typtypmod") + " AS integer)"
                            + " AS character_maximum_length,"
                            + " CAST(" + charOctetLength("t.typbasetype", "t.typtypmod") + " AS integer)"
                            + " AS character_octet_length,"
                            + " CAST(NULL AS name) AS character_set_catalog, CAST(NULL AS name) AS character_set_schema,"
                            + " CAST(NULL AS name) AS character_set_name,"
                            + " CAST(CASE WHEN nco.nspname IS NOT NULL THEN pg_catalog.current_database() END AS name)"
                            + " AS collation_catalog, CAST(nco.nspname AS name) AS collation_schema,"
                            + " CAST(co.collname AS name) AS collation_name,"
                            + " CAST(" + numericPrecision("t.typbasetype", "t.typtypmod") + " AS integer)"
                            + " AS numeric_precision,"
                            + " CAST(" + numericRadix("t.typbasetype") + " AS integer) AS numeric_precision_radix,"
                            + " CAST(" + numericScale("t.typbasetype", "t.typtypmod") + " AS integer) AS numeric_scale,"
                            + " CAST(" + datetimePrecision("t.typbasetype", "t.typtypmod") + " AS integer)"
                            + " AS datetime_precision,"
                            + " CAST(" + intervalType("t.typbasetype", "t.typtypmod") + " AS character varying)"
                            + " AS interval_type,"
                            + " CAST(NULL AS integer) AS interval_precision,"
                            + " CAST(t.typdefault AS character varying) AS domain_default,"
                            + " " + DB + " AS udt_catalog, CAST(nbt.nspname AS name) AS udt_schema,"
                            + " CAST(bt.typname AS name) AS udt_name, CAST(NULL AS name) AS scope_catalog,"
                            + " CAST(NULL AS name) AS scope_schema, CAST(NULL AS name) AS scope_name,"
                            + " CAST(NULL AS integer) AS maximum_cardinality, CAST('1' AS name) AS dtd_identifier"
                            + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace nt ON t.typnamespace = nt.oid"
                            + " JOIN (pg_catalog.pg_type bt JOIN pg_catalog.pg_namespace nbt"
                            + " ON bt.typnamespace = nbt.oid) ON t.typbasetype = bt.oid AND t.typtype = 'd'"
                            + " LEFT JOIN (pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace nco"
                            + " ON co.collnamespace = nco.oid)"
                            + " ON t.typcollation = co.oid AND (nco.nspname <> 'pg_catalog' OR co.collname <> 'default')"
                            + " WHERE " + granted("t.typowner", "t.typacl", "U")),
            view(13042, "column_privileges", """
                    grantor:id, grantee:id, table_catalog:id, table_schema:id, table_name:id, column_name:id,
                    privilege_type:char, is_grantable:yn""",
                    columnPrivilegesQuery()));

    /**
     * routines', parameters' and domains' rule: the owner's role, or the privilege {@code letter} ("X" for
     * EXECUTE, "U" for USAGE) read from the ACL (there is no has_function_privilege or has_type_privilege
     * yet): NULL means PUBLIC has it, as these objects' default ACL says.
     */
    private static String granted(String owner, String acl, String letter) {
        return "(" + owns(owner) + " OR " + acl + " IS NULL OR EXISTS (SELECT 1 FROM pg_catalog.unnest(" + acl + ")"
                + " AS acl(item) WHERE pg_catalog.strpos(pg_catalog.split_part(pg_catalog.split_part(acl.item,"
                + " '=', 2), '/', 1), '" + letter + "') > 0 AND (pg_catalog.split_part(acl.item, '=', 1) = ''"
                + " OR pg_catalog.pg_has_role(current_user, btrim(pg_catalog.split_part(acl.item, '=', 1), '\"'),"
                + " 'USAGE'))))";
    }

    private static String seesRoutine(String p) {
        return granted(p + ".proowner", p + ".proacl", "X");
    }

    /**
     * table_privileges: one row per privilege an ACL item of a table or view grants. PostgreSQL explodes
     * relacl with aclexplode; Tusk keeps ACLs as aclitem text ("grantee=privs/grantor", grantee empty for
     * PUBLIC, "*" after a privilege for its grant option), so the query takes the text apart, with the
     * owner's full rights when relacl is NULL (acldefault). Role names that need quoting in an ACL are
     * unquoted by trimming the quotes (names with '=' or '/' in them are not handled).
     */
    private static String tablePrivilegesQuery() {
        return "SELECT CAST(x.grantor AS name) AS grantor, CAST(x.grantee AS name) AS grantee,"
                + " " + DB + " AS table_catalog, CAST(x.nspname AS name) AS table_schema,"
                + " CAST(x.relname AS name) AS table_name, CAST(x.prtype AS character varying) AS privilege_type,"
                + IS_GRANTABLE + ","
                + " CAST(CASE WHEN x.prtype = 'SELECT' THEN 'YES' ELSE 'NO' END AS character varying)"
                + " AS with_hierarchy"
                + " FROM (SELECT nc.nspname, c.relname, c.relowner, " + ACL_GRANTS
                + " FROM pg_catalog.pg_namespace nc, pg_catalog.pg_class c,"
                + " pg_catalog.unnest(" + RELACL + ") AS acl(item),"
                + " (VALUES ('INSERT', 'a'), ('SELECT', 'r'), ('UPDATE', 'w'), ('DELETE', 'd'), ('TRUNCATE', 'D'),"
                + " ('REFERENCES', 'x'), ('TRIGGER', 't')) AS p(prtype, letter)"
                + " WHERE c.relnamespace = nc.oid AND c.relkind IN ('r', 'v', 'f', 'p')"
                + " AND pg_catalog.strpos(" + ACL_PRIVS + ", p.letter) > 0) AS x" + SEES_GRANT;
    }

    /** An ACL item's grantee ("" for PUBLIC), grantor and privilege letters, in aclitem's text form. */
    private static final String ACL_GRANTEE = "btrim(pg_catalog.split_part(acl.item, '=', 1), '\"')";
    private static final String ACL_GRANTOR = "btrim(pg_catalog.split_part(acl.item, '/', 2), '\"')";
    private static final String ACL_PRIVS = "pg_catalog.split_part(pg_catalog.split_part(acl.item, '=', 2), '/', 1)";

    /** The grantor, grantee, privilege type and grant option of ACL item acl.item and privilege p. */
    private static final String ACL_GRANTS = ACL_GRANTOR + " AS grantor,"
            + " CASE WHEN " + ACL_GRANTEE + " = '' THEN 'PUBLIC' ELSE " + ACL_GRANTEE + " END AS grantee,"
            + " p.prtype, pg_catalog.strpos(" + ACL_PRIVS + ", p.letter || '*') > 0 AS grantable";

    /** A relation's ACL, or its owner's full rights when relacl is NULL (acldefault). */
    private static final String RELACL = "coalesce(c.relacl, ARRAY[pg_catalog.quote_ident(pg_catalog.pg_get_userbyid("
            + "c.relowner)) || '=arwdDxt/' || pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(c.relowner))])";

    /** is_grantable of a grant x: the grant option, or a grantee who is the owner (through a role). */
    private static final String IS_GRANTABLE = " CAST(CASE WHEN (x.grantee <> 'PUBLIC' AND pg_catalog.pg_has_role("
            + "x.grantee, pg_catalog.pg_get_userbyid(x.relowner), 'USAGE')) OR x.grantable THEN 'YES' ELSE 'NO' END"
            + " AS character varying) AS is_grantable";

    /** The grants x a user sees: those by or to an enabled role of theirs, and those to PUBLIC. */
    private static final String SEES_GRANT = " WHERE pg_catalog.pg_has_role(current_user, x.grantor, 'USAGE')"
            + " OR (x.grantee <> 'PUBLIC' AND pg_catalog.pg_has_role(current_user, x.grantee, 'USAGE'))"
            + " OR x.grantee = 'PUBLIC'";

    /**
     * column_privileges: a table's privileges that apply to columns (INSERT, SELECT, UPDATE, REFERENCES) for
     * each of its columns, together with the column's own ACL (attacl; its default is empty).
     */
    private static String columnPrivilegesQuery() {
        return "SELECT CAST(x.grantor AS name) AS grantor, CAST(x.grantee AS name) AS grantee,"
                + " " + DB + " AS table_catalog, CAST(x.nspname AS name) AS table_schema,"
                + " CAST(x.relname AS name) AS table_name, CAST(x.attname AS name) AS column_name,"
                + " CAST(x.prtype AS character varying) AS privilege_type," + IS_GRANTABLE
                + " FROM (" + columnGrants(RELACL) + " UNION " + columnGrants("a.attacl") + ") AS x" + SEES_GRANT;
    }

    private static String columnGrants(String acl) {
        return "SELECT nc.nspname, c.relname, c.relowner, a.attname, " + ACL_GRANTS
                + " FROM pg_catalog.pg_namespace nc, pg_catalog.pg_class c, pg_catalog.pg_attribute a,"
                + " pg_catalog.unnest(" + acl + ") AS acl(item),"
                + " (VALUES ('INSERT', 'a'), ('SELECT', 'r'), ('UPDATE', 'w'), ('REFERENCES', 'x')) AS p(prtype, letter)"
                + " WHERE c.relnamespace = nc.oid AND a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                + " AND c.relkind IN ('r', 'v', 'f', 'p') AND pg_catalog.strpos(" + ACL_PRIVS + ", p.letter) > 0";
    }

    /** A foreign key's ON UPDATE / ON DELETE action, as the standard names it. */
    private static String rule(String column) {
        return "CASE " + column + " WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT'"
                + " WHEN 'r' THEN 'RESTRICT' WHEN 'a' THEN 'NO ACTION' END";
    }

    /**
     * FROM and WHERE over the NOT NULL columns of tables (namespace {@code n}, table r, column a), which
     * table_constraints and check_constraints show as check constraints; the caller appends who sees them.
     */
    private static String notNullColumns(String n) {
        return " FROM pg_catalog.pg_namespace " + n + ", pg_catalog.pg_class r, pg_catalog.pg_attribute a"
                + " WHERE " + n + ".oid = r.relnamespace AND r.oid = a.attrelid AND a.attnotnull"
                + " AND a.attnum > 0 AND NOT a.attisdropped AND r.relkind IN ('r', 'p') AND ";
    }

    /** The name PostgreSQL makes up for a NOT NULL column's implicit check constraint. */
    private static String notNullName(String n, String r, String a) {
        return "CAST(CAST(" + n + ".oid AS text) || '_' || CAST(" + r + ".oid AS text) || '_' || CAST(" + a
                + ".attnum AS text) || '_not_null' AS name)";
    }

    /** views' is_trigger_*: a row-level INSTEAD OF trigger for the event (tgtype bits). */
    private static String triggerFlag(int bits) {
        return " CAST(CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = c.oid AND tgtype & "
                + bits + " = " + bits + ") THEN 'YES' ELSE 'NO' END AS character varying)";
    }

    /**
     * columns: one row per column of a table or view. Tusk has no domains, so the true type is the
     * column's own; an identity column's sequence is found through pg_depend as in PostgreSQL.
     */
    private static String columnsQuery() {
        String typid = "a.atttypid";
        String typmod = "a.atttypmod";
        return "SELECT " + DB + " AS table_catalog, CAST(nc.nspname AS name) AS table_schema,"
                + " CAST(c.relname AS name) AS table_name, CAST(a.attname AS name) AS column_name,"
                + " CAST(a.attnum AS integer) AS ordinal_position,"
                // Tusk gives an identity column a nextval default; PostgreSQL has none for it
                + " CAST(CASE WHEN a.attgenerated = '' AND a.attidentity NOT IN ('a', 'd')" // unset reads as NUL
                + " THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END AS character varying) AS column_default,"
                + " CAST(CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END AS character varying) AS is_nullable,"
                + " CAST(CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN 'ARRAY'"
                + " WHEN nt.nspname = 'pg_catalog' THEN pg_catalog.format_type(a.atttypid, NULL)"
                + " ELSE 'USER-DEFINED' END AS character varying) AS data_type,"
                + " CAST(" + charMaxLength(typid, typmod) + " AS integer) AS character_maximum_length,"
                + " CAST(" + charOctetLength(typid, typmod) + " AS integer) AS character_octet_length,"
                + " CAST(" + numericPrecision(typid, typmod) + " AS integer) AS numeric_precision,"
                + " CAST(" + numericRadix(typid) + " AS integer) AS numeric_precision_radix,"
                + " CAST(" + numericScale(typid, typmod) + " AS integer) AS numeric_scale,"
                + " CAST(" + datetimePrecision(typid, typmod) + " AS integer) AS datetime_precision,"
                + " CAST(" + intervalType(typid, typmod) + " AS character varying) AS interval_type,"
                + " CAST(NULL AS integer) AS interval_precision,"
                + " CAST(NULL AS name) AS character_set_catalog, CAST(NULL AS name) AS character_set_schema,"
                + " CAST(NULL AS name) AS character_set_name,"
                + " CAST(CASE WHEN nco.nspname IS NOT NULL THEN pg_catalog.current_database() END AS name)"
                + " AS collation_catalog, CAST(nco.nspname AS name) AS collation_schema,"
                + " CAST(co.collname AS name) AS collation_name,"
                + " CAST(NULL AS name) AS domain_catalog, CAST(NULL AS name) AS domain_schema,"
                + " CAST(NULL AS name) AS domain_name,"
                + " " + DB + " AS udt_catalog, CAST(nt.nspname AS name) AS udt_schema,"
                + " CAST(t.typname AS name) AS udt_name,"
                + " CAST(NULL AS name) AS scope_catalog, CAST(NULL AS name) AS scope_schema,"
                + " CAST(NULL AS name) AS scope_name, CAST(NULL AS integer) AS maximum_cardinality,"
                + " CAST(CAST(a.attnum AS text) AS name) AS dtd_identifier,"
                + " CAST('NO' AS character varying) AS is_self_referencing,"
                + " CAST(CASE WHEN a.attidentity IN ('a', 'd') THEN 'YES' ELSE 'NO' END AS character varying)"
                + " AS is_identity,"
                + " CAST(CASE a.attidentity WHEN 'a' THEN 'ALWAYS' WHEN 'd' THEN 'BY DEFAULT' END"
                + " AS character varying) AS identity_generation,"
                + " CAST(seq.seqstart AS character varying) AS identity_start,"
                + " CAST(seq.seqincrement AS character varying) AS identity_increment,"
                + " CAST(seq.seqmax AS character varying) AS identity_maximum,"
                + " CAST(seq.seqmin AS character varying) AS identity_minimum,"
                + " CAST(CASE WHEN seq.seqcycle THEN 'YES' ELSE 'NO' END AS character varying) AS identity_cycle,"
                + " CAST(CASE WHEN a.attgenerated <> '' THEN 'ALWAYS' ELSE 'NEVER' END AS character varying)"
                + " AS is_generated,"
                + " CAST(CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END"
                + " AS character varying) AS generation_expression,"
                + " CAST(CASE WHEN c.relkind IN ('r', 'p') OR (c.relkind IN ('v', 'f')"
                + " AND pg_catalog.pg_column_is_updatable(c.oid, a.attnum, false)) THEN 'YES' ELSE 'NO' END"
                + " AS character varying) AS is_updatable"
                + " FROM (pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef ad"
                + " ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum)"
                + " JOIN (pg_catalog.pg_class c JOIN pg_catalog.pg_namespace nc ON c.relnamespace = nc.oid)"
                + " ON a.attrelid = c.oid"
                + " JOIN (pg_catalog.pg_type t JOIN pg_catalog.pg_namespace nt ON t.typnamespace = nt.oid)"
                + " ON a.atttypid = t.oid"
                + " LEFT JOIN (pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace nco"
                + " ON co.collnamespace = nco.oid)"
                + " ON a.attcollation = co.oid AND (nco.nspname <> 'pg_catalog' OR co.collname <> 'default')"
                + " LEFT JOIN (pg_catalog.pg_depend dep JOIN pg_catalog.pg_sequence seq"
                // An identity column's sequence; Tusk records its dependency as 'a' (auto), as for serial
                + " ON dep.classid = 1259 AND dep.objid = seq.seqrelid AND dep.deptype IN ('i', 'a'))"
                + " ON dep.refclassid = 1259 AND dep.refobjid = c.oid AND dep.refobjsubid = a.attnum"
                + " AND a.attidentity IN ('a', 'd')"
                + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'f', 'p')"
                + " AND " + seesTable("c");
    }

    private InformationSchema() {
    }

    /** The schema's and its views' rows in catalog {@code catalogOid}, else none. */
    static List<Object[]> rows(int catalogOid, String superuser) {
        String su = BootstrapData.aclName(superuser);
        return switch (catalogOid) {
            case CatalogOids.PG_NAMESPACE -> List.<Object[]>of(new Object[] {NAMESPACE_OID, "information_schema",
                BOOTSTRAP_SUPERUSER_ID, List.of(su + "=UC/" + su, "=U/" + su)});
            case CatalogOids.PG_CLASS -> VIEWS.stream().map(v -> {
                Object[] row = BootstrapData.relation(v.oid(), v.name(), 0, 0, 0, false, false, 'v',
                        v.columnNames().size(), 0, 0, List.of(su + "=arwdDxt/" + su, "=r/" + su));
                row[2] = NAMESPACE_OID; // relnamespace
                return row;
            }).toList();
            case CatalogOids.PG_ATTRIBUTE -> SystemViews.attributeRows(VIEWS);
            case CatalogOids.PG_DESCRIPTION -> VIEWS.stream().map(v -> new Object[] {v.oid(), CatalogOids.PG_CLASS,
                RelationCache.VIEW_QUERY_SUBID, v.query()}).toList();
            default -> List.of();
        };
    }
}
