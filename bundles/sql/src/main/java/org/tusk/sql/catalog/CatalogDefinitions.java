package org.tusk.sql.catalog;

import static org.tusk.sql.catalog.CatalogOids.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog tables of PostgreSQL 15 that Tusk keeps, defined as PostgreSQL's catalog headers
 * (pg_class.h, ...) define them: OID, row type and its array type, whether the file number is
 * mapped, whether the table is shared by all databases, the columns in attnum order, and the
 * indexes. The engine creates the tables and their indexes from these at {@code tusk initdb}, as
 * PostgreSQL's bootstrap mode does from postgres.bki.
 *
 * <p>A column's attlen and attalign are its type's typlen and typalign (from {@link BuiltinTypes});
 * attnotnull is written out per column, as genbki.pl's rule (fixed-width columns up to the first
 * variable-width one, with BKI_FORCE_NULL/BKI_FORCE_NOT_NULL exceptions) is easier to check than
 * to re-derive. Everything here was written from a PostgreSQL 15 server (src/test/resources/
 * catalog/regenerate.sh records it) and CatalogDefinitionsTest compares it column by column.
 */
public final class CatalogDefinitions {

    private static final boolean MAPPED = true;
    private static final boolean UNMAPPED = false;
    private static final boolean SHARED = true;
    private static final boolean LOCAL = false;

    // ---- shared catalogs (one copy per cluster, in global/)

    public static final CatalogRelation PG_DATABASE = relation(CatalogOids.PG_DATABASE, "pg_database",
            1248, 10052, MAPPED, SHARED,
            columns(col("oid", OID_OID),
                    col("datname", NAME_OID),
                    col("datdba", OID_OID),
                    col("encoding", INT4_OID),
                    col("datlocprovider", CHAR_OID),
                    col("datistemplate", BOOL_OID),
                    col("datallowconn", BOOL_OID),
                    col("datconnlimit", INT4_OID),
                    col("datfrozenxid", XID_OID),
                    col("datminmxid", XID_OID),
                    col("dattablespace", OID_OID),
                    col("datcollate", TEXT_OID),
                    col("datctype", TEXT_OID),
                    nullable("daticulocale", TEXT_OID),
                    nullable("datcollversion", TEXT_OID),
                    nullable("datacl", ACLITEM_ARRAY_OID)),
            indexes(unique(2671, "pg_database_datname_index", "datname name_ops"),
                    primaryKey(2672, "pg_database_oid_index", "oid oid_ops")));

    public static final CatalogRelation PG_AUTHID = relation(CatalogOids.PG_AUTHID, "pg_authid",
            2842, 10057, MAPPED, SHARED,
            columns(col("oid", OID_OID),
                    col("rolname", NAME_OID),
                    col("rolsuper", BOOL_OID),
                    col("rolinherit", BOOL_OID),
                    col("rolcreaterole", BOOL_OID),
                    col("rolcreatedb", BOOL_OID),
                    col("rolcanlogin", BOOL_OID),
                    col("rolreplication", BOOL_OID),
                    col("rolbypassrls", BOOL_OID),
                    col("rolconnlimit", INT4_OID),
                    nullable("rolpassword", TEXT_OID),
                    nullable("rolvaliduntil", TIMESTAMPTZ_OID)),
            indexes(unique(2676, "pg_authid_rolname_index", "rolname name_ops"),
                    primaryKey(2677, "pg_authid_oid_index", "oid oid_ops")));

    public static final CatalogRelation PG_AUTH_MEMBERS = relation(CatalogOids.PG_AUTH_MEMBERS, "pg_auth_members",
            2843, 10058, MAPPED, SHARED,
            columns(col("roleid", OID_OID),
                    col("member", OID_OID),
                    col("grantor", OID_OID),
                    col("admin_option", BOOL_OID)),
            indexes(primaryKey(2694, "pg_auth_members_role_member_index", "roleid oid_ops", "member oid_ops"),
                    unique(2695, "pg_auth_members_member_role_index", "member oid_ops", "roleid oid_ops")));

    public static final CatalogRelation PG_TABLESPACE = relation(CatalogOids.PG_TABLESPACE, "pg_tablespace",
            10056, 10055, MAPPED, SHARED,
            columns(col("oid", OID_OID),
                    col("spcname", NAME_OID),
                    col("spcowner", OID_OID),
                    nullable("spcacl", ACLITEM_ARRAY_OID),
                    nullable("spcoptions", TEXT_ARRAY_OID)),
            indexes(primaryKey(2697, "pg_tablespace_oid_index", "oid oid_ops"),
                    unique(2698, "pg_tablespace_spcname_index", "spcname name_ops")));

    // ---- per-database catalogs

    public static final CatalogRelation PG_NAMESPACE = relation(CatalogOids.PG_NAMESPACE, "pg_namespace",
            10047, 10046, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("nspname", NAME_OID),
                    col("nspowner", OID_OID),
                    nullable("nspacl", ACLITEM_ARRAY_OID)),
            indexes(unique(2684, "pg_namespace_nspname_index", "nspname name_ops"),
                    primaryKey(2685, "pg_namespace_oid_index", "oid oid_ops")));

    public static final CatalogRelation PG_CLASS = relation(CatalogOids.PG_CLASS, "pg_class",
            83, 273, MAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("relname", NAME_OID),
                    col("relnamespace", OID_OID),
                    col("reltype", OID_OID),
                    col("reloftype", OID_OID),
                    col("relowner", OID_OID),
                    col("relam", OID_OID),
                    col("relfilenode", OID_OID),
                    col("reltablespace", OID_OID),
                    col("relpages", INT4_OID),
                    col("reltuples", FLOAT4_OID),
                    col("relallvisible", INT4_OID),
                    col("reltoastrelid", OID_OID),
                    col("relhasindex", BOOL_OID),
                    col("relisshared", BOOL_OID),
                    col("relpersistence", CHAR_OID),
                    col("relkind", CHAR_OID),
                    col("relnatts", INT2_OID),
                    col("relchecks", INT2_OID),
                    col("relhasrules", BOOL_OID),
                    col("relhastriggers", BOOL_OID),
                    col("relhassubclass", BOOL_OID),
                    col("relrowsecurity", BOOL_OID),
                    col("relforcerowsecurity", BOOL_OID),
                    col("relispopulated", BOOL_OID),
                    col("relreplident", CHAR_OID),
                    col("relispartition", BOOL_OID),
                    col("relrewrite", OID_OID),
                    col("relfrozenxid", XID_OID),
                    col("relminmxid", XID_OID),
                    nullable("relacl", ACLITEM_ARRAY_OID),
                    nullable("reloptions", TEXT_ARRAY_OID),
                    nullable("relpartbound", PG_NODE_TREE_OID)),
            indexes(primaryKey(2662, "pg_class_oid_index", "oid oid_ops"),
                    unique(2663, "pg_class_relname_nsp_index", "relname name_ops", "relnamespace oid_ops"),
                    index(3455, "pg_class_tblspc_relfilenode_index", "reltablespace oid_ops", "relfilenode oid_ops")));

    public static final CatalogRelation PG_ATTRIBUTE = relation(CatalogOids.PG_ATTRIBUTE, "pg_attribute",
            75, 270, MAPPED, LOCAL,
            columns(col("attrelid", OID_OID),
                    col("attname", NAME_OID),
                    col("atttypid", OID_OID),
                    col("attstattarget", INT4_OID),
                    col("attlen", INT2_OID),
                    col("attnum", INT2_OID),
                    col("attndims", INT4_OID),
                    col("attcacheoff", INT4_OID),
                    col("atttypmod", INT4_OID),
                    col("attbyval", BOOL_OID),
                    col("attalign", CHAR_OID),
                    col("attstorage", CHAR_OID),
                    col("attcompression", CHAR_OID),
                    col("attnotnull", BOOL_OID),
                    col("atthasdef", BOOL_OID),
                    col("atthasmissing", BOOL_OID),
                    col("attidentity", CHAR_OID),
                    col("attgenerated", CHAR_OID),
                    col("attisdropped", BOOL_OID),
                    col("attislocal", BOOL_OID),
                    col("attinhcount", INT4_OID),
                    col("attcollation", OID_OID),
                    nullable("attacl", ACLITEM_ARRAY_OID),
                    nullable("attoptions", TEXT_ARRAY_OID),
                    nullable("attfdwoptions", TEXT_ARRAY_OID),
                    nullable("attmissingval", ANYARRAY_OID)),
            indexes(unique(2658, "pg_attribute_relid_attnam_index", "attrelid oid_ops", "attname name_ops"),
                    primaryKey(2659, "pg_attribute_relid_attnum_index", "attrelid oid_ops", "attnum int2_ops")));

    public static final CatalogRelation PG_TYPE = relation(CatalogOids.PG_TYPE, "pg_type",
            71, 210, MAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("typname", NAME_OID),
                    col("typnamespace", OID_OID),
                    col("typowner", OID_OID),
                    col("typlen", INT2_OID),
                    col("typbyval", BOOL_OID),
                    col("typtype", CHAR_OID),
                    col("typcategory", CHAR_OID),
                    col("typispreferred", BOOL_OID),
                    col("typisdefined", BOOL_OID),
                    col("typdelim", CHAR_OID),
                    col("typrelid", OID_OID),
                    col("typsubscript", REGPROC_OID),
                    col("typelem", OID_OID),
                    col("typarray", OID_OID),
                    col("typinput", REGPROC_OID),
                    col("typoutput", REGPROC_OID),
                    col("typreceive", REGPROC_OID),
                    col("typsend", REGPROC_OID),
                    col("typmodin", REGPROC_OID),
                    col("typmodout", REGPROC_OID),
                    col("typanalyze", REGPROC_OID),
                    col("typalign", CHAR_OID),
                    col("typstorage", CHAR_OID),
                    col("typnotnull", BOOL_OID),
                    col("typbasetype", OID_OID),
                    col("typtypmod", INT4_OID),
                    col("typndims", INT4_OID),
                    col("typcollation", OID_OID),
                    nullable("typdefaultbin", PG_NODE_TREE_OID),
                    nullable("typdefault", TEXT_OID),
                    nullable("typacl", ACLITEM_ARRAY_OID)),
            indexes(primaryKey(2703, "pg_type_oid_index", "oid oid_ops"),
                    unique(2704, "pg_type_typname_nsp_index", "typname name_ops", "typnamespace oid_ops")));

    public static final CatalogRelation PG_PROC = relation(CatalogOids.PG_PROC, "pg_proc",
            81, 272, MAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("proname", NAME_OID),
                    col("pronamespace", OID_OID),
                    col("proowner", OID_OID),
                    col("prolang", OID_OID),
                    col("procost", FLOAT4_OID),
                    col("prorows", FLOAT4_OID),
                    col("provariadic", OID_OID),
                    col("prosupport", REGPROC_OID),
                    col("prokind", CHAR_OID),
                    col("prosecdef", BOOL_OID),
                    col("proleakproof", BOOL_OID),
                    col("proisstrict", BOOL_OID),
                    col("proretset", BOOL_OID),
                    col("provolatile", CHAR_OID),
                    col("proparallel", CHAR_OID),
                    col("pronargs", INT2_OID),
                    col("pronargdefaults", INT2_OID),
                    col("prorettype", OID_OID),
                    col("proargtypes", OIDVECTOR_OID),
                    nullable("proallargtypes", OID_ARRAY_OID),
                    nullable("proargmodes", CHAR_ARRAY_OID),
                    nullable("proargnames", TEXT_ARRAY_OID),
                    nullable("proargdefaults", PG_NODE_TREE_OID),
                    nullable("protrftypes", OID_ARRAY_OID),
                    col("prosrc", TEXT_OID),
                    nullable("probin", TEXT_OID),
                    nullable("prosqlbody", PG_NODE_TREE_OID),
                    nullable("proconfig", TEXT_ARRAY_OID),
                    nullable("proacl", ACLITEM_ARRAY_OID)),
            indexes(primaryKey(2690, "pg_proc_oid_index", "oid oid_ops"),
                    unique(2691, "pg_proc_proname_args_nsp_index",
                            "proname name_ops", "proargtypes oidvector_ops", "pronamespace oid_ops")));

    public static final CatalogRelation PG_INDEX = relation(CatalogOids.PG_INDEX, "pg_index",
            10007, 10006, UNMAPPED, LOCAL,
            columns(col("indexrelid", OID_OID),
                    col("indrelid", OID_OID),
                    col("indnatts", INT2_OID),
                    col("indnkeyatts", INT2_OID),
                    col("indisunique", BOOL_OID),
                    col("indnullsnotdistinct", BOOL_OID),
                    col("indisprimary", BOOL_OID),
                    col("indisexclusion", BOOL_OID),
                    col("indimmediate", BOOL_OID),
                    col("indisclustered", BOOL_OID),
                    col("indisvalid", BOOL_OID),
                    col("indcheckxmin", BOOL_OID),
                    col("indisready", BOOL_OID),
                    col("indislive", BOOL_OID),
                    col("indisreplident", BOOL_OID),
                    col("indkey", INT2VECTOR_OID),
                    col("indcollation", OIDVECTOR_OID),
                    col("indclass", OIDVECTOR_OID),
                    col("indoption", INT2VECTOR_OID),
                    nullable("indexprs", PG_NODE_TREE_OID),
                    nullable("indpred", PG_NODE_TREE_OID)),
            indexes(index(2678, "pg_index_indrelid_index", "indrelid oid_ops"),
                    primaryKey(2679, "pg_index_indexrelid_index", "indexrelid oid_ops")));

    public static final CatalogRelation PG_CONSTRAINT = relation(CatalogOids.PG_CONSTRAINT, "pg_constraint",
            10003, 10002, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("conname", NAME_OID),
                    col("connamespace", OID_OID),
                    col("contype", CHAR_OID),
                    col("condeferrable", BOOL_OID),
                    col("condeferred", BOOL_OID),
                    col("convalidated", BOOL_OID),
                    col("conrelid", OID_OID),
                    col("contypid", OID_OID),
                    col("conindid", OID_OID),
                    col("conparentid", OID_OID),
                    col("confrelid", OID_OID),
                    col("confupdtype", CHAR_OID),
                    col("confdeltype", CHAR_OID),
                    col("confmatchtype", CHAR_OID),
                    col("conislocal", BOOL_OID),
                    col("coninhcount", INT4_OID),
                    col("connoinherit", BOOL_OID),
                    nullable("conkey", INT2_ARRAY_OID),
                    nullable("confkey", INT2_ARRAY_OID),
                    nullable("conpfeqop", OID_ARRAY_OID),
                    nullable("conppeqop", OID_ARRAY_OID),
                    nullable("conffeqop", OID_ARRAY_OID),
                    nullable("confdelsetcols", INT2_ARRAY_OID),
                    nullable("conexclop", OID_ARRAY_OID),
                    nullable("conbin", PG_NODE_TREE_OID)),
            indexes(index(2579, "pg_constraint_conparentid_index", "conparentid oid_ops"),
                    index(2664, "pg_constraint_conname_nsp_index", "conname name_ops", "connamespace oid_ops"),
                    unique(2665, "pg_constraint_conrelid_contypid_conname_index",
                            "conrelid oid_ops", "contypid oid_ops", "conname name_ops"),
                    index(2666, "pg_constraint_contypid_index", "contypid oid_ops"),
                    primaryKey(2667, "pg_constraint_oid_index", "oid oid_ops")));

    public static final CatalogRelation PG_ATTRDEF = relation(CatalogOids.PG_ATTRDEF, "pg_attrdef",
            10001, 10000, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("adrelid", OID_OID),
                    col("adnum", INT2_OID),
                    col("adbin", PG_NODE_TREE_OID)),
            indexes(unique(2656, "pg_attrdef_adrelid_adnum_index", "adrelid oid_ops", "adnum int2_ops"),
                    primaryKey(2657, "pg_attrdef_oid_index", "oid oid_ops")));

    public static final CatalogRelation PG_AM = relation(CatalogOids.PG_AM, "pg_am",
            10015, 10014, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("amname", NAME_OID),
                    col("amhandler", REGPROC_OID),
                    col("amtype", CHAR_OID)),
            indexes(unique(2651, "pg_am_name_index", "amname name_ops"),
                    primaryKey(2652, "pg_am_oid_index", "oid oid_ops")));

    public static final CatalogRelation PG_COLLATION = relation(CatalogOids.PG_COLLATION, "pg_collation",
            10095, 10094, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("collname", NAME_OID),
                    col("collnamespace", OID_OID),
                    col("collowner", OID_OID),
                    col("collprovider", CHAR_OID),
                    col("collisdeterministic", BOOL_OID),
                    col("collencoding", INT4_OID),
                    nullable("collcollate", TEXT_OID),
                    nullable("collctype", TEXT_OID),
                    nullable("colliculocale", TEXT_OID),
                    nullable("collversion", TEXT_OID)),
            indexes(primaryKey(3085, "pg_collation_oid_index", "oid oid_ops"),
                    unique(3164, "pg_collation_name_enc_nsp_index",
                            "collname name_ops", "collencoding int4_ops", "collnamespace oid_ops")));

    public static final CatalogRelation PG_DESCRIPTION = relation(CatalogOids.PG_DESCRIPTION, "pg_description",
            10041, 10040, UNMAPPED, LOCAL,
            columns(col("objoid", OID_OID),
                    col("classoid", OID_OID),
                    col("objsubid", INT4_OID),
                    col("description", TEXT_OID)),
            indexes(primaryKey(2675, "pg_description_o_c_o_index",
                            "objoid oid_ops", "classoid oid_ops", "objsubid int4_ops")));

    public static final CatalogRelation PG_DEPEND = relation(CatalogOids.PG_DEPEND, "pg_depend",
            10051, 10050, UNMAPPED, LOCAL,
            columns(col("classid", OID_OID),
                    col("objid", OID_OID),
                    col("objsubid", INT4_OID),
                    col("refclassid", OID_OID),
                    col("refobjid", OID_OID),
                    col("refobjsubid", INT4_OID),
                    col("deptype", CHAR_OID)),
            indexes(index(2673, "pg_depend_depender_index", "classid oid_ops", "objid oid_ops", "objsubid int4_ops"),
                    index(2674, "pg_depend_reference_index",
                            "refclassid oid_ops", "refobjid oid_ops", "refobjsubid int4_ops")));

    public static final CatalogRelation PG_SEQUENCE = relation(CatalogOids.PG_SEQUENCE, "pg_sequence",
            10105, 10104, UNMAPPED, LOCAL,
            columns(col("seqrelid", OID_OID),
                    col("seqtypid", OID_OID),
                    col("seqstart", INT8_OID),
                    col("seqincrement", INT8_OID),
                    col("seqmax", INT8_OID),
                    col("seqmin", INT8_OID),
                    col("seqcache", INT8_OID),
                    col("seqcycle", BOOL_OID)),
            indexes(primaryKey(5002, "pg_sequence_seqrelid_index", "seqrelid oid_ops")));

    public static final CatalogRelation PG_INHERITS = relation(CatalogOids.PG_INHERITS, "pg_inherits",
            10005, 10004, UNMAPPED, LOCAL,
            columns(col("inhrelid", OID_OID),
                    col("inhparent", OID_OID),
                    col("inhseqno", INT4_OID),
                    col("inhdetachpending", BOOL_OID)),
            indexes(index(2187, "pg_inherits_parent_index", "inhparent oid_ops"),
                    primaryKey(2680, "pg_inherits_relid_seqno_index", "inhrelid oid_ops", "inhseqno int4_ops")));

    public static final CatalogRelation PG_TRIGGER = relation(CatalogOids.PG_TRIGGER, "pg_trigger",
            10037, 10036, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("tgrelid", OID_OID),
                    col("tgparentid", OID_OID),
                    col("tgname", NAME_OID),
                    col("tgfoid", OID_OID),
                    col("tgtype", INT2_OID),
                    col("tgenabled", CHAR_OID),
                    col("tgisinternal", BOOL_OID),
                    col("tgconstrrelid", OID_OID),
                    col("tgconstrindid", OID_OID),
                    col("tgconstraint", OID_OID),
                    col("tgdeferrable", BOOL_OID),
                    col("tginitdeferred", BOOL_OID),
                    col("tgnargs", INT2_OID),
                    col("tgattr", INT2VECTOR_OID),
                    col("tgargs", BYTEA_OID),
                    nullable("tgqual", PG_NODE_TREE_OID),
                    nullable("tgoldtable", NAME_OID),
                    nullable("tgnewtable", NAME_OID)),
            indexes(index(2699, "pg_trigger_tgconstraint_index", "tgconstraint oid_ops"),
                    unique(2701, "pg_trigger_tgrelid_tgname_index", "tgrelid oid_ops", "tgname name_ops"),
                    primaryKey(2702, "pg_trigger_oid_index", "oid oid_ops")));

    public static final CatalogRelation PG_STATISTIC = relation(CatalogOids.PG_STATISTIC, "pg_statistic",
            10029, 10028, UNMAPPED, LOCAL,
            columns(col("starelid", OID_OID),
                    col("staattnum", INT2_OID),
                    col("stainherit", BOOL_OID),
                    col("stanullfrac", FLOAT4_OID),
                    col("stawidth", INT4_OID),
                    col("stadistinct", FLOAT4_OID),
                    col("stakind1", INT2_OID),
                    col("stakind2", INT2_OID),
                    col("stakind3", INT2_OID),
                    col("stakind4", INT2_OID),
                    col("stakind5", INT2_OID),
                    col("staop1", OID_OID),
                    col("staop2", OID_OID),
                    col("staop3", OID_OID),
                    col("staop4", OID_OID),
                    col("staop5", OID_OID),
                    col("stacoll1", OID_OID),
                    col("stacoll2", OID_OID),
                    col("stacoll3", OID_OID),
                    col("stacoll4", OID_OID),
                    col("stacoll5", OID_OID),
                    nullable("stanumbers1", FLOAT4_ARRAY_OID),
                    nullable("stanumbers2", FLOAT4_ARRAY_OID),
                    nullable("stanumbers3", FLOAT4_ARRAY_OID),
                    nullable("stanumbers4", FLOAT4_ARRAY_OID),
                    nullable("stanumbers5", FLOAT4_ARRAY_OID),
                    nullable("stavalues1", ANYARRAY_OID),
                    nullable("stavalues2", ANYARRAY_OID),
                    nullable("stavalues3", ANYARRAY_OID),
                    nullable("stavalues4", ANYARRAY_OID),
                    nullable("stavalues5", ANYARRAY_OID)),
            indexes(primaryKey(2696, "pg_statistic_relid_att_inh_index",
                            "starelid oid_ops", "staattnum int2_ops", "stainherit bool_ops")));

    // The catalogs of row-level security policies, extended statistics and logical replication's publications.
    // Tusk has none of these objects, so they stay empty; they exist because psql's \d TABLE joins them.

    public static final CatalogRelation PG_POLICY = relation(CatalogOids.PG_POLICY, "pg_policy",
            10084, 10083, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("polname", NAME_OID),
                    col("polrelid", OID_OID),
                    col("polcmd", CHAR_OID),
                    col("polpermissive", BOOL_OID),
                    col("polroles", OID_ARRAY_OID),
                    nullable("polqual", PG_NODE_TREE_OID),
                    nullable("polwithcheck", PG_NODE_TREE_OID)),
            indexes(primaryKey(3257, "pg_policy_oid_index", "oid oid_ops"),
                    unique(3258, "pg_policy_polrelid_polname_index", "polrelid oid_ops", "polname name_ops")));

    /** Enum labels (CREATE TYPE ... AS ENUM, ALTER TYPE ... ADD VALUE: ddl.EnumCommands); psql's \\dT+ reads it. */
    public static final CatalogRelation PG_ENUM = relation(CatalogOids.PG_ENUM, "pg_enum",
            10045, 10044, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("enumtypid", OID_OID),
                    col("enumsortorder", FLOAT4_OID),
                    col("enumlabel", NAME_OID)),
            indexes(primaryKey(3502, "pg_enum_oid_index", "oid oid_ops"),
                    unique(3503, "pg_enum_typid_label_index", "enumtypid oid_ops", "enumlabel name_ops"),
                    unique(3534, "pg_enum_typid_sortorder_index", "enumtypid oid_ops", "enumsortorder float4_ops")));

    /**
     * Comments on shared objects (databases, roles, tablespaces): shared, as the objects are; COMMENT ON
     * DATABASE writes it, shobj_description and psql's \\l+ read it.
     */
    public static final CatalogRelation PG_SHDESCRIPTION = relation(CatalogOids.PG_SHDESCRIPTION, "pg_shdescription",
            10062, 10061, MAPPED, SHARED,
            columns(col("objoid", OID_OID),
                    col("classoid", OID_OID),
                    col("description", TEXT_OID)),
            indexes(primaryKey(2397, "pg_shdescription_o_c_index", "objoid oid_ops", "classoid oid_ops")));

    /**
     * Installed extensions: plpgsql's row, as initdb installs it, and those CREATE EXTENSION adds.
     * psql's \\dx and the drivers' metadata read it.
     */
    public static final CatalogRelation PG_EXTENSION = relation(CatalogOids.PG_EXTENSION, "pg_extension",
            10074, 10073, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("extname", NAME_OID),
                    col("extowner", OID_OID),
                    col("extnamespace", OID_OID),
                    col("extrelocatable", BOOL_OID),
                    col("extversion", TEXT_OID),
                    nullable("extconfig", OID_ARRAY_OID),
                    nullable("extcondition", TEXT_ARRAY_OID)),
            indexes(primaryKey(3080, "pg_extension_oid_index", "oid oid_ops"),
                    unique(3081, "pg_extension_name_index", "extname name_ops")));

    public static final CatalogRelation PG_STATISTIC_EXT = relation(CatalogOids.PG_STATISTIC_EXT, "pg_statistic_ext",
            10031, 10030, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("stxrelid", OID_OID),
                    col("stxname", NAME_OID),
                    col("stxnamespace", OID_OID),
                    col("stxowner", OID_OID),
                    col("stxstattarget", INT4_OID),
                    col("stxkeys", INT2VECTOR_OID),
                    col("stxkind", CHAR_ARRAY_OID),
                    nullable("stxexprs", PG_NODE_TREE_OID)),
            indexes(index(3379, "pg_statistic_ext_relid_index", "stxrelid oid_ops"),
                    primaryKey(3380, "pg_statistic_ext_oid_index", "oid oid_ops"),
                    unique(3997, "pg_statistic_ext_name_index", "stxname name_ops", "stxnamespace oid_ops")));

    public static final CatalogRelation PG_PUBLICATION = relation(CatalogOids.PG_PUBLICATION, "pg_publication",
            10107, 10106, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("pubname", NAME_OID),
                    col("pubowner", OID_OID),
                    col("puballtables", BOOL_OID),
                    col("pubinsert", BOOL_OID),
                    col("pubupdate", BOOL_OID),
                    col("pubdelete", BOOL_OID),
                    col("pubtruncate", BOOL_OID),
                    col("pubviaroot", BOOL_OID)),
            indexes(primaryKey(6110, "pg_publication_oid_index", "oid oid_ops"),
                    unique(6111, "pg_publication_pubname_index", "pubname name_ops")));

    public static final CatalogRelation PG_PUBLICATION_REL = relation(CatalogOids.PG_PUBLICATION_REL,
            "pg_publication_rel", 10111, 10110, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("prpubid", OID_OID),
                    col("prrelid", OID_OID),
                    nullable("prqual", PG_NODE_TREE_OID),
                    nullable("prattrs", INT2VECTOR_OID)),
            indexes(primaryKey(6112, "pg_publication_rel_oid_index", "oid oid_ops"),
                    unique(6113, "pg_publication_rel_prrelid_prpubid_index", "prrelid oid_ops", "prpubid oid_ops"),
                    index(6116, "pg_publication_rel_prpubid_index", "prpubid oid_ops")));

    public static final CatalogRelation PG_PUBLICATION_NAMESPACE = relation(CatalogOids.PG_PUBLICATION_NAMESPACE,
            "pg_publication_namespace", 10109, 10108, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("pnpubid", OID_OID),
                    col("pnnspid", OID_OID)),
            indexes(primaryKey(6238, "pg_publication_namespace_oid_index", "oid oid_ops"),
                    unique(6239, "pg_publication_namespace_pnnspid_pnpubid_index", "pnnspid oid_ops",
                            "pnpubid oid_ops")));

    // The languages functions are written in: internal, c and sql as PostgreSQL's bootstrap makes them, and
    // plpgsql as initdb installs it in every database (extension plpgsql, OID 13563 in PostgreSQL 15).
    public static final CatalogRelation PG_LANGUAGE = relation(CatalogOids.PG_LANGUAGE, "pg_language",
            10021, 10020, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("lanname", NAME_OID),
                    col("lanowner", OID_OID),
                    col("lanispl", BOOL_OID),
                    col("lanpltrusted", BOOL_OID),
                    col("lanplcallfoid", OID_OID),
                    col("laninline", OID_OID),
                    col("lanvalidator", OID_OID),
                    nullable("lanacl", ACLITEM_ARRAY_OID)),
            indexes(unique(2681, "pg_language_name_index", "lanname name_ops"),
                    primaryKey(2682, "pg_language_oid_index", "oid oid_ops")));

    /**
     * Default privileges (ALTER DEFAULT PRIVILEGES): the ACL a role's new tables, sequences, functions,
     * types or schemas get (defaclobjtype r, S, f, T, n), in one schema or everywhere (namespace 0).
     */
    public static final CatalogRelation PG_DEFAULT_ACL = relation(CatalogOids.PG_DEFAULT_ACL, "pg_default_acl",
            10088, 10087, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("defaclrole", OID_OID),
                    col("defaclnamespace", OID_OID),
                    col("defaclobjtype", CHAR_OID),
                    col("defaclacl", ACLITEM_ARRAY_OID)),
            indexes(unique(827, "pg_default_acl_role_nsp_obj_index", "defaclrole oid_ops", "defaclnamespace oid_ops",
                    "defaclobjtype char_ops"),
                    primaryKey(828, "pg_default_acl_oid_index", "oid oid_ops")));

    /**
     * Large objects' data (org.tusk.sql.largeobject): one row per page of LOBLKSIZE (2 kB) bytes, a page that
     * was never written absent (a hole reads as zeros). Readable by superusers only, as in PostgreSQL.
     */
    public static final CatalogRelation PG_LARGEOBJECT = relation(CatalogOids.PG_LARGEOBJECT, "pg_largeobject",
            10025, 10024, UNMAPPED, LOCAL,
            columns(col("loid", OID_OID),
                    col("pageno", INT4_OID),
                    col("data", BYTEA_OID)),
            indexes(primaryKey(2683, "pg_largeobject_loid_pn_index", "loid oid_ops", "pageno int4_ops")));

    /** Large objects themselves: OID, owner and ACL, one row per object even when it has no data. */
    public static final CatalogRelation PG_LARGEOBJECT_METADATA = relation(CatalogOids.PG_LARGEOBJECT_METADATA,
            "pg_largeobject_metadata", 10023, 10022, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("lomowner", OID_OID),
                    nullable("lomacl", ACLITEM_ARRAY_OID)),
            indexes(primaryKey(2996, "pg_largeobject_metadata_oid_index", "oid oid_ops")));

    // The catalogs pg_dump reads for objects Tusk has none of (operators, operator classes and families, casts,
    // text search, foreign data, conversions, ranges, transforms, event triggers, partitioning, rules,
    // subscriptions, security labels, extension's initial privileges): empty, so that its queries find nothing to
    // dump instead of failing. Generated from PostgreSQL 15's pg_attribute and pg_index.

    public static final CatalogRelation PG_INIT_PRIVS = relation(CatalogOids.PG_INIT_PRIVS, "pg_init_privs",
            10090, 10089, UNMAPPED, LOCAL,
            columns(col("objoid", OID_OID),
                    col("classoid", OID_OID),
                    col("objsubid", INT4_OID),
                    col("privtype", CHAR_OID),
                    col("initprivs", ACLITEM_ARRAY_OID)),
            indexes(primaryKey(3395, "pg_init_privs_o_c_o_index", "objoid oid_ops", "classoid oid_ops", "objsubid int4_ops")));

    public static final CatalogRelation PG_OPERATOR = relation(CatalogOids.PG_OPERATOR, "pg_operator",
            10009, 10008, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("oprname", NAME_OID),
                    col("oprnamespace", OID_OID),
                    col("oprowner", OID_OID),
                    col("oprkind", CHAR_OID),
                    col("oprcanmerge", BOOL_OID),
                    col("oprcanhash", BOOL_OID),
                    col("oprleft", OID_OID),
                    col("oprright", OID_OID),
                    col("oprresult", OID_OID),
                    col("oprcom", OID_OID),
                    col("oprnegate", OID_OID),
                    col("oprcode", REGPROC_OID),
                    col("oprrest", REGPROC_OID),
                    col("oprjoin", REGPROC_OID)),
            indexes(primaryKey(2688, "pg_operator_oid_index", "oid oid_ops"),
                    unique(2689, "pg_operator_oprname_l_r_n_index", "oprname name_ops", "oprleft oid_ops", "oprright oid_ops", "oprnamespace oid_ops")));

    public static final CatalogRelation PG_OPCLASS = relation(CatalogOids.PG_OPCLASS, "pg_opclass",
            10013, 10012, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("opcmethod", OID_OID),
                    col("opcname", NAME_OID),
                    col("opcnamespace", OID_OID),
                    col("opcowner", OID_OID),
                    col("opcfamily", OID_OID),
                    col("opcintype", OID_OID),
                    col("opcdefault", BOOL_OID),
                    col("opckeytype", OID_OID)),
            indexes(unique(2686, "pg_opclass_am_name_nsp_index", "opcmethod oid_ops", "opcname name_ops", "opcnamespace oid_ops"),
                    primaryKey(2687, "pg_opclass_oid_index", "oid oid_ops")));

    public static final CatalogRelation PG_OPFAMILY = relation(CatalogOids.PG_OPFAMILY, "pg_opfamily",
            10011, 10010, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("opfmethod", OID_OID),
                    col("opfname", NAME_OID),
                    col("opfnamespace", OID_OID),
                    col("opfowner", OID_OID)),
            indexes(unique(2754, "pg_opfamily_am_name_nsp_index", "opfmethod oid_ops", "opfname name_ops", "opfnamespace oid_ops"),
                    primaryKey(2755, "pg_opfamily_oid_index", "oid oid_ops")));

    public static final CatalogRelation PG_AMOP = relation(CatalogOids.PG_AMOP, "pg_amop",
            10017, 10016, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("amopfamily", OID_OID),
                    col("amoplefttype", OID_OID),
                    col("amoprighttype", OID_OID),
                    col("amopstrategy", INT2_OID),
                    col("amoppurpose", CHAR_OID),
                    col("amopopr", OID_OID),
                    col("amopmethod", OID_OID),
                    col("amopsortfamily", OID_OID)),
            indexes(unique(2653, "pg_amop_fam_strat_index", "amopfamily oid_ops", "amoplefttype oid_ops", "amoprighttype oid_ops", "amopstrategy int2_ops"),
                    unique(2654, "pg_amop_opr_fam_index", "amopopr oid_ops", "amoppurpose char_ops", "amopfamily oid_ops"),
                    primaryKey(2756, "pg_amop_oid_index", "oid oid_ops")));

    public static final CatalogRelation PG_AMPROC = relation(CatalogOids.PG_AMPROC, "pg_amproc",
            10019, 10018, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("amprocfamily", OID_OID),
                    col("amproclefttype", OID_OID),
                    col("amprocrighttype", OID_OID),
                    col("amprocnum", INT2_OID),
                    col("amproc", REGPROC_OID)),
            indexes(unique(2655, "pg_amproc_fam_proc_index", "amprocfamily oid_ops", "amproclefttype oid_ops", "amprocrighttype oid_ops", "amprocnum int2_ops"),
                    primaryKey(2757, "pg_amproc_oid_index", "oid oid_ops")));

    public static final CatalogRelation PG_TS_PARSER = relation(CatalogOids.PG_TS_PARSER, "pg_ts_parser",
            10070, 10069, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("prsname", NAME_OID),
                    col("prsnamespace", OID_OID),
                    col("prsstart", REGPROC_OID),
                    col("prstoken", REGPROC_OID),
                    col("prsend", REGPROC_OID),
                    col("prsheadline", REGPROC_OID),
                    col("prslextype", REGPROC_OID)),
            indexes(unique(3606, "pg_ts_parser_prsname_index", "prsname name_ops", "prsnamespace oid_ops"),
                    primaryKey(3607, "pg_ts_parser_oid_index", "oid oid_ops")));

    public static final CatalogRelation PG_TS_TEMPLATE = relation(CatalogOids.PG_TS_TEMPLATE, "pg_ts_template",
            10072, 10071, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("tmplname", NAME_OID),
                    col("tmplnamespace", OID_OID),
                    col("tmplinit", REGPROC_OID),
                    col("tmpllexize", REGPROC_OID)),
            indexes(unique(3766, "pg_ts_template_tmplname_index", "tmplname name_ops", "tmplnamespace oid_ops"),
                    primaryKey(3767, "pg_ts_template_oid_index", "oid oid_ops")));

    public static final CatalogRelation PG_TS_DICT = relation(CatalogOids.PG_TS_DICT, "pg_ts_dict",
            10068, 10067, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("dictname", NAME_OID),
                    col("dictnamespace", OID_OID),
                    col("dictowner", OID_OID),
                    col("dicttemplate", OID_OID),
                    nullable("dictinitoption", TEXT_OID)),
            indexes(unique(3604, "pg_ts_dict_dictname_index", "dictname name_ops", "dictnamespace oid_ops"),
                    primaryKey(3605, "pg_ts_dict_oid_index", "oid oid_ops")));

    public static final CatalogRelation PG_TS_CONFIG = relation(CatalogOids.PG_TS_CONFIG, "pg_ts_config",
            10064, 10063, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("cfgname", NAME_OID),
                    col("cfgnamespace", OID_OID),
                    col("cfgowner", OID_OID),
                    col("cfgparser", OID_OID)),
            indexes(unique(3608, "pg_ts_config_cfgname_index", "cfgname name_ops", "cfgnamespace oid_ops"),
                    primaryKey(3712, "pg_ts_config_oid_index", "oid oid_ops")));

    public static final CatalogRelation PG_FOREIGN_DATA_WRAPPER = relation(CatalogOids.PG_FOREIGN_DATA_WRAPPER, "pg_foreign_data_wrapper",
            10076, 10075, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("fdwname", NAME_OID),
                    col("fdwowner", OID_OID),
                    col("fdwhandler", OID_OID),
                    col("fdwvalidator", OID_OID),
                    nullable("fdwacl", ACLITEM_ARRAY_OID),
                    nullable("fdwoptions", TEXT_ARRAY_OID)),
            indexes(primaryKey(112, "pg_foreign_data_wrapper_oid_index", "oid oid_ops"),
                    unique(548, "pg_foreign_data_wrapper_name_index", "fdwname name_ops")));

    public static final CatalogRelation PG_FOREIGN_SERVER = relation(CatalogOids.PG_FOREIGN_SERVER, "pg_foreign_server",
            10078, 10077, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("srvname", NAME_OID),
                    col("srvowner", OID_OID),
                    col("srvfdw", OID_OID),
                    nullable("srvtype", TEXT_OID),
                    nullable("srvversion", TEXT_OID),
                    nullable("srvacl", ACLITEM_ARRAY_OID),
                    nullable("srvoptions", TEXT_ARRAY_OID)),
            indexes(primaryKey(113, "pg_foreign_server_oid_index", "oid oid_ops"),
                    unique(549, "pg_foreign_server_name_index", "srvname name_ops")));

    public static final CatalogRelation PG_CONVERSION = relation(CatalogOids.PG_CONVERSION, "pg_conversion",
            10049, 10048, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("conname", NAME_OID),
                    col("connamespace", OID_OID),
                    col("conowner", OID_OID),
                    col("conforencoding", INT4_OID),
                    col("contoencoding", INT4_OID),
                    col("conproc", REGPROC_OID),
                    col("condefault", BOOL_OID)),
            indexes(unique(2668, "pg_conversion_default_index", "connamespace oid_ops", "conforencoding int4_ops", "contoencoding int4_ops", "oid oid_ops"),
                    unique(2669, "pg_conversion_name_nsp_index", "conname name_ops", "connamespace oid_ops"),
                    primaryKey(2670, "pg_conversion_oid_index", "oid oid_ops")));

    public static final CatalogRelation PG_CAST = relation(CatalogOids.PG_CAST, "pg_cast",
            10043, 10042, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("castsource", OID_OID),
                    col("casttarget", OID_OID),
                    col("castfunc", OID_OID),
                    col("castcontext", CHAR_OID),
                    col("castmethod", CHAR_OID)),
            indexes(primaryKey(2660, "pg_cast_oid_index", "oid oid_ops"),
                    unique(2661, "pg_cast_source_target_index", "castsource oid_ops", "casttarget oid_ops")));

    public static final CatalogRelation PG_RANGE = relation(CatalogOids.PG_RANGE, "pg_range",
            10101, 10100, UNMAPPED, LOCAL,
            columns(col("rngtypid", OID_OID),
                    col("rngsubtype", OID_OID),
                    col("rngmultitypid", OID_OID),
                    col("rngcollation", OID_OID),
                    col("rngsubopc", OID_OID),
                    col("rngcanonical", REGPROC_OID),
                    col("rngsubdiff", REGPROC_OID)),
            indexes(unique(2228, "pg_range_rngmultitypid_index", "rngmultitypid oid_ops"),
                    primaryKey(3542, "pg_range_rngtypid_index", "rngtypid oid_ops")));

    public static final CatalogRelation PG_TRANSFORM = relation(CatalogOids.PG_TRANSFORM, "pg_transform",
            10103, 10102, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("trftype", OID_OID),
                    col("trflang", OID_OID),
                    col("trffromsql", REGPROC_OID),
                    col("trftosql", REGPROC_OID)),
            indexes(primaryKey(3574, "pg_transform_oid_index", "oid oid_ops"),
                    unique(3575, "pg_transform_type_lang_index", "trftype oid_ops", "trflang oid_ops")));

    public static final CatalogRelation PG_EVENT_TRIGGER = relation(CatalogOids.PG_EVENT_TRIGGER, "pg_event_trigger",
            10039, 10038, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("evtname", NAME_OID),
                    col("evtevent", NAME_OID),
                    col("evtowner", OID_OID),
                    col("evtfoid", OID_OID),
                    col("evtenabled", CHAR_OID),
                    nullable("evttags", TEXT_ARRAY_OID)),
            indexes(unique(3467, "pg_event_trigger_evtname_index", "evtname name_ops"),
                    primaryKey(3468, "pg_event_trigger_oid_index", "oid oid_ops")));

    public static final CatalogRelation PG_PARTITIONED_TABLE = relation(CatalogOids.PG_PARTITIONED_TABLE, "pg_partitioned_table",
            10099, 10098, UNMAPPED, LOCAL,
            columns(col("partrelid", OID_OID),
                    col("partstrat", CHAR_OID),
                    col("partnatts", INT2_OID),
                    col("partdefid", OID_OID),
                    col("partattrs", INT2VECTOR_OID),
                    col("partclass", OIDVECTOR_OID),
                    col("partcollation", OIDVECTOR_OID),
                    nullable("partexprs", PG_NODE_TREE_OID)),
            indexes(primaryKey(3351, "pg_partitioned_table_partrelid_index", "partrelid oid_ops")));

    public static final CatalogRelation PG_REWRITE = relation(CatalogOids.PG_REWRITE, "pg_rewrite",
            10035, 10034, UNMAPPED, LOCAL,
            columns(col("oid", OID_OID),
                    col("rulename", NAME_OID),
                    col("ev_class", OID_OID),
                    col("ev_type", CHAR_OID),
                    col("ev_enabled", CHAR_OID),
                    col("is_instead", BOOL_OID),
                    col("ev_qual", PG_NODE_TREE_OID),
                    col("ev_action", PG_NODE_TREE_OID)),
            indexes(primaryKey(2692, "pg_rewrite_oid_index", "oid oid_ops"),
                    unique(2693, "pg_rewrite_rel_rulename_index", "ev_class oid_ops", "rulename name_ops")));

    public static final CatalogRelation PG_SUBSCRIPTION = relation(CatalogOids.PG_SUBSCRIPTION, "pg_subscription",
            6101, 10112, MAPPED, SHARED,
            columns(col("oid", OID_OID),
                    col("subdbid", OID_OID),
                    col("subskiplsn", PG_LSN_OID),
                    col("subname", NAME_OID),
                    col("subowner", OID_OID),
                    col("subenabled", BOOL_OID),
                    col("subbinary", BOOL_OID),
                    col("substream", BOOL_OID),
                    col("subtwophasestate", CHAR_OID),
                    col("subdisableonerr", BOOL_OID),
                    col("subconninfo", TEXT_OID),
                    nullable("subslotname", NAME_OID),
                    col("subsynccommit", TEXT_OID),
                    col("subpublications", TEXT_ARRAY_OID)),
            indexes(primaryKey(6114, "pg_subscription_oid_index", "oid oid_ops"),
                    unique(6115, "pg_subscription_subname_index", "subdbid oid_ops", "subname name_ops")));

    public static final CatalogRelation PG_FOREIGN_TABLE = relation(CatalogOids.PG_FOREIGN_TABLE, "pg_foreign_table",
            10082, 10081, UNMAPPED, LOCAL,
            columns(col("ftrelid", OID_OID),
                    col("ftserver", OID_OID),
                    nullable("ftoptions", TEXT_ARRAY_OID)),
            indexes(primaryKey(3119, "pg_foreign_table_relid_index", "ftrelid oid_ops")));

    public static final CatalogRelation PG_DB_ROLE_SETTING = relation(CatalogOids.PG_DB_ROLE_SETTING, "pg_db_role_setting",
            10054, 10053, MAPPED, SHARED,
            columns(col("setdatabase", OID_OID),
                    col("setrole", OID_OID),
                    nullable("setconfig", TEXT_ARRAY_OID)),
            indexes(primaryKey(2965, "pg_db_role_setting_databaseid_rol_index", "setdatabase oid_ops", "setrole oid_ops")));

    public static final CatalogRelation PG_PARAMETER_ACL = relation(CatalogOids.PG_PARAMETER_ACL, "pg_parameter_acl",
            10097, 10096, MAPPED, SHARED,
            columns(col("oid", OID_OID),
                    col("parname", TEXT_OID),
                    nullable("paracl", ACLITEM_ARRAY_OID)),
            indexes(unique(6246, "pg_parameter_acl_parname_index", "parname text_ops"),
                    primaryKey(6247, "pg_parameter_acl_oid_index", "oid oid_ops")));

    public static final CatalogRelation PG_SECLABEL = relation(CatalogOids.PG_SECLABEL, "pg_seclabel",
            10092, 10091, UNMAPPED, LOCAL,
            columns(col("objoid", OID_OID),
                    col("classoid", OID_OID),
                    col("objsubid", INT4_OID),
                    col("provider", TEXT_OID),
                    col("label", TEXT_OID)),
            indexes(primaryKey(3597, "pg_seclabel_object_index", "objoid oid_ops", "classoid oid_ops", "objsubid int4_ops", "provider text_ops")));

    public static final CatalogRelation PG_SHSECLABEL = relation(CatalogOids.PG_SHSECLABEL, "pg_shseclabel",
            4066, 10093, MAPPED, SHARED,
            columns(col("objoid", OID_OID),
                    col("classoid", OID_OID),
                    col("provider", TEXT_OID),
                    col("label", TEXT_OID)),
            indexes(primaryKey(3593, "pg_shseclabel_object_index", "objoid oid_ops", "classoid oid_ops", "provider text_ops")));

    /**
     * The system columns every heap table has besides its own (attnum -1 to -6), as heap.c's
     * SysAtt array defines them: where the tuple is, and the transaction and command IDs that
     * inserted and deleted it.
     */
    public static final List<CatalogColumn> SYSTEM_COLUMNS = List.of(
            system("ctid", TID_OID, -1),
            system("xmin", XID_OID, -2),
            system("cmin", CID_OID, -3),
            system("xmax", XID_OID, -4),
            system("cmax", CID_OID, -5),
            system("tableoid", OID_OID, -6));

    /** All the catalogs above, shared ones first, in the order bootstrap creates them. */
    public static final List<CatalogRelation> ALL = List.of(PG_DATABASE, PG_AUTHID, PG_AUTH_MEMBERS, PG_TABLESPACE,
            PG_SHDESCRIPTION, PG_SUBSCRIPTION, PG_SHSECLABEL, PG_DB_ROLE_SETTING, PG_PARAMETER_ACL,
            PG_NAMESPACE, PG_CLASS, PG_ATTRIBUTE, PG_TYPE, PG_PROC, PG_INDEX, PG_CONSTRAINT, PG_ATTRDEF, PG_AM,
            PG_COLLATION, PG_DESCRIPTION, PG_DEPEND, PG_SEQUENCE, PG_INHERITS, PG_TRIGGER, PG_STATISTIC, PG_POLICY,
            PG_STATISTIC_EXT, PG_PUBLICATION, PG_PUBLICATION_REL, PG_PUBLICATION_NAMESPACE,
            PG_ENUM, PG_EXTENSION, PG_LANGUAGE, PG_DEFAULT_ACL, PG_LARGEOBJECT, PG_LARGEOBJECT_METADATA,
            PG_INIT_PRIVS, PG_OPERATOR, PG_OPCLASS, PG_OPFAMILY, PG_AMOP, PG_AMPROC, PG_TS_PARSER, PG_TS_TEMPLATE,
            PG_TS_DICT, PG_TS_CONFIG, PG_FOREIGN_DATA_WRAPPER, PG_FOREIGN_SERVER, PG_CONVERSION, PG_CAST, PG_RANGE,
            PG_TRANSFORM, PG_EVENT_TRIGGER, PG_PARTITIONED_TABLE, PG_REWRITE, PG_SECLABEL, PG_FOREIGN_TABLE);

    private static final Map<Integer, CatalogRelation> BY_OID = new HashMap<>();
    private static final Map<String, CatalogRelation> BY_NAME = new HashMap<>();

    static {
        for (CatalogRelation r : ALL) {
            if (BY_OID.put(r.oid(), r) != null || BY_NAME.put(r.name(), r) != null) {
                throw new IllegalStateException("catalog defined twice: " + r.name());
            }
        }
    }

    private CatalogDefinitions() {
    }

    /** The catalog with this pg_class OID. */
    public static Optional<CatalogRelation> byOid(int oid) {
        return Optional.ofNullable(BY_OID.get(oid));
    }

    /** The catalog of this name (all live in pg_catalog). */
    public static Optional<CatalogRelation> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** A user column or system column of a catalog, by name, as attname lookups find either. */
    public static Optional<CatalogColumn> column(CatalogRelation relation, String name) {
        Optional<CatalogColumn> column = relation.column(name);
        if (column.isPresent()) {
            return column;
        }
        return SYSTEM_COLUMNS.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    // ---- the vocabulary of the definitions above

    private static CatalogRelation relation(int oid, String name, int rowType, int arrayType, boolean mapped,
            boolean shared, List<CatalogColumn> columns, List<CatalogIndex> indexes) {
        return new CatalogRelation(oid, name, rowType, arrayType, mapped ? 0 : oid, shared, columns, indexes);
    }

    /** A column definition before it is numbered; {@link #columns} numbers them in order. */
    private record Col(String name, int typeOid, boolean notNull) {
    }

    private static Col col(String name, int typeOid) {
        return new Col(name, typeOid, true);
    }

    private static Col nullable(String name, int typeOid) {
        return new Col(name, typeOid, false);
    }

    private static List<CatalogColumn> columns(Col... cols) {
        List<CatalogColumn> result = new ArrayList<>();
        for (Col c : cols) {
            result.add(column(c.name(), c.typeOid(), result.size() + 1, c.notNull()));
        }
        return result;
    }

    private static CatalogColumn system(String name, int typeOid, int attnum) {
        return column(name, typeOid, attnum, true);
    }

    private static CatalogColumn column(String name, int typeOid, int attnum, boolean notNull) {
        TypeRow type = BuiltinTypes.byOid(typeOid);
        if (type == null) {
            throw new IllegalStateException("column " + name + " has type " + typeOid + ", which is not built in");
        }
        return new CatalogColumn(name, typeOid, attnum, type.typlen(), type.align(), notNull);
    }

    private static List<CatalogIndex> indexes(CatalogIndex... indexes) {
        return Arrays.asList(indexes);
    }

    private static CatalogIndex primaryKey(int oid, String name, String... keys) {
        return index(oid, name, true, true, keys);
    }

    private static CatalogIndex unique(int oid, String name, String... keys) {
        return index(oid, name, true, false, keys);
    }

    private static CatalogIndex index(int oid, String name, String... keys) {
        return index(oid, name, false, false, keys);
    }

    /** keys: "column opclass" in key order, as pg_class.h's DECLARE_UNIQUE_INDEX writes them. */
    private static CatalogIndex index(int oid, String name, boolean unique, boolean primary, String... keys) {
        List<String> columns = new ArrayList<>();
        List<String> opclasses = new ArrayList<>();
        for (String key : keys) {
            String[] parts = key.split(" ");
            columns.add(parts[0]);
            opclasses.add(parts[1]);
        }
        return new CatalogIndex(oid, name, unique, primary, columns, opclasses);
    }
}
