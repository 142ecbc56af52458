package org.tusk.sql.catalog;

/**
 * The fixed OIDs of PostgreSQL 15's catalogs and of the objects {@code tusk initdb} creates: clients
 * hard-code many of them (pgjdbc maps type OIDs to Java types, psql joins on pg_namespace 11), so
 * they must be exactly PostgreSQL's. Named after PostgreSQL's macros (BOOLOID is
 * {@link #BOOL_OID}, RelationRelationId is {@link #PG_CLASS}).
 */
public final class CatalogOids {

    // ---- OID ranges (access/transam.h)

    /** OIDs below this are assigned by hand in PostgreSQL's catalog .dat files. */
    public static final int FIRST_GENBKI_OBJECT_ID = 10000;
    /**
     * OIDs from here up to {@link #FIRST_NORMAL_OBJECT_ID} are the unpinned objects initdb creates
     * after bootstrap (information_schema, the system views); everything below is pinned.
     */
    public static final int FIRST_UNPINNED_OBJECT_ID = 12000;
    /**
     * PostgreSQL 14's name for {@link #FIRST_UNPINNED_OBJECT_ID}; PostgreSQL 15 renamed it when
     * pinning became a matter of OID range instead of pg_depend entries.
     */
    public static final int FIRST_BOOTSTRAP_OBJECT_ID = FIRST_UNPINNED_OBJECT_ID;
    /** User objects' OIDs start here; the OID counter never goes back below it. */
    public static final int FIRST_NORMAL_OBJECT_ID = 16384;

    // ---- catalog tables (pg_class OIDs)

    public static final int PG_TABLESPACE = 1213;
    public static final int PG_TYPE = 1247;
    public static final int PG_ATTRIBUTE = 1249;
    public static final int PG_PROC = 1255;
    public static final int PG_CLASS = 1259;
    public static final int PG_AUTHID = 1260;
    public static final int PG_AUTH_MEMBERS = 1261;
    public static final int PG_DATABASE = 1262;
    public static final int PG_SEQUENCE = 2224;
    public static final int PG_AM = 2601;
    public static final int PG_ATTRDEF = 2604;
    public static final int PG_CONSTRAINT = 2606;
    public static final int PG_DEPEND = 2608;
    public static final int PG_DESCRIPTION = 2609;
    public static final int PG_INDEX = 2610;
    public static final int PG_INHERITS = 2611;
    public static final int PG_NAMESPACE = 2615;
    public static final int PG_STATISTIC = 2619;
    public static final int PG_TRIGGER = 2620;
    public static final int PG_COLLATION = 3456;
    public static final int PG_POLICY = 3256;
    public static final int PG_ENUM = 3501;
    public static final int PG_SHDESCRIPTION = 2396;
    public static final int PG_EXTENSION = 3079;
    public static final int PG_STATISTIC_EXT = 3381;
    public static final int PG_PUBLICATION = 6104;
    public static final int PG_PUBLICATION_REL = 6106;
    public static final int PG_PUBLICATION_NAMESPACE = 6237;
    public static final int PG_LANGUAGE = 2612;
    public static final int PG_DEFAULT_ACL = 826;
    public static final int PG_LARGEOBJECT = 2613;
    public static final int PG_LARGEOBJECT_METADATA = 2995;
    public static final int PG_INIT_PRIVS = 3394;
    public static final int PG_OPERATOR = 2617;
    public static final int PG_OPCLASS = 2616;
    public static final int PG_OPFAMILY = 2753;
    public static final int PG_AMOP = 2602;
    public static final int PG_AMPROC = 2603;
    public static final int PG_TS_PARSER = 3601;
    public static final int PG_TS_TEMPLATE = 3764;
    public static final int PG_TS_DICT = 3600;
    public static final int PG_TS_CONFIG = 3602;
    public static final int PG_FOREIGN_DATA_WRAPPER = 2328;
    public static final int PG_FOREIGN_SERVER = 1417;
    public static final int PG_CONVERSION = 2607;
    public static final int PG_CAST = 2605;
    public static final int PG_RANGE = 3541;
    public static final int PG_TRANSFORM = 3576;
    public static final int PG_EVENT_TRIGGER = 3466;
    public static final int PG_PARTITIONED_TABLE = 3350;
    public static final int PG_REWRITE = 2618;
    public static final int PG_SUBSCRIPTION = 6100;
    public static final int PG_SECLABEL = 3596;
    public static final int PG_SHSECLABEL = 3592;
    public static final int PG_FOREIGN_TABLE = 3118;
    public static final int PG_DB_ROLE_SETTING = 2964;
    public static final int PG_PARAMETER_ACL = 6243;

    // ---- types (pg_type OIDs)

    public static final int BOOL_OID = 16;
    public static final int BYTEA_OID = 17;
    public static final int CHAR_OID = 18;
    public static final int NAME_OID = 19;
    public static final int INT8_OID = 20;
    public static final int INT2_OID = 21;
    public static final int INT2VECTOR_OID = 22;
    public static final int INT4_OID = 23;
    public static final int REGPROC_OID = 24;
    public static final int TEXT_OID = 25;
    public static final int OID_OID = 26;
    public static final int TID_OID = 27;
    public static final int XID_OID = 28;
    public static final int CID_OID = 29;
    public static final int OIDVECTOR_OID = 30;
    public static final int PG_NODE_TREE_OID = 194;
    public static final int TABLE_AM_HANDLER_OID = 269;
    public static final int INDEX_AM_HANDLER_OID = 325;
    public static final int FLOAT4_OID = 700;
    public static final int FLOAT8_OID = 701;
    public static final int UNKNOWN_OID = 705;
    public static final int BOOL_ARRAY_OID = 1000;
    public static final int BYTEA_ARRAY_OID = 1001;
    public static final int CHAR_ARRAY_OID = 1002;
    public static final int NAME_ARRAY_OID = 1003;
    public static final int INT2_ARRAY_OID = 1005;
    public static final int INT2VECTOR_ARRAY_OID = 1006;
    public static final int INT4_ARRAY_OID = 1007;
    public static final int REGPROC_ARRAY_OID = 1008;
    public static final int TEXT_ARRAY_OID = 1009;
    public static final int TID_ARRAY_OID = 1010;
    public static final int XID_ARRAY_OID = 1011;
    public static final int CID_ARRAY_OID = 1012;
    public static final int OIDVECTOR_ARRAY_OID = 1013;
    public static final int BPCHAR_ARRAY_OID = 1014;
    public static final int VARCHAR_ARRAY_OID = 1015;
    public static final int INT8_ARRAY_OID = 1016;
    public static final int FLOAT4_ARRAY_OID = 1021;
    public static final int FLOAT8_ARRAY_OID = 1022;
    public static final int OID_ARRAY_OID = 1028;
    public static final int ACLITEM_OID = 1033;
    public static final int ACLITEM_ARRAY_OID = 1034;
    public static final int BPCHAR_OID = 1042;
    public static final int VARCHAR_OID = 1043;
    public static final int DATE_OID = 1082;
    public static final int TIME_OID = 1083;
    public static final int TIMESTAMP_OID = 1114;
    public static final int TIMESTAMP_ARRAY_OID = 1115;
    public static final int DATE_ARRAY_OID = 1182;
    public static final int TIME_ARRAY_OID = 1183;
    public static final int TIMESTAMPTZ_OID = 1184;
    public static final int TIMETZ_OID = 1266;
    public static final int TIMESTAMPTZ_ARRAY_OID = 1185;
    public static final int INTERVAL_OID = 1186;
    public static final int INTERVAL_ARRAY_OID = 1187;
    public static final int NUMERIC_ARRAY_OID = 1231;
    public static final int CSTRING_ARRAY_OID = 1263;
    public static final int NUMERIC_OID = 1700;
    public static final int REGCLASS_OID = 2205;
    public static final int REGTYPE_OID = 2206;
    public static final int REGCLASS_ARRAY_OID = 2210;
    public static final int REGTYPE_ARRAY_OID = 2211;
    public static final int RECORD_OID = 2249;
    public static final int CSTRING_OID = 2275;
    public static final int ANYARRAY_OID = 2277;
    public static final int VOID_OID = 2278;
    /** The pseudo-type of trigger functions' results (psql's \\df filters on it). */
    public static final int TRIGGER_OID = 2279;
    public static final int INTERNAL_OID = 2281;
    public static final int RECORD_ARRAY_OID = 2287;
    public static final int UUID_OID = 2950;
    public static final int INET_OID = 869;
    public static final int CIDR_OID = 650;
    public static final int MACADDR_OID = 829;
    public static final int MACADDR8_OID = 774;
    public static final int BIT_OID = 1560;
    public static final int VARBIT_OID = 1562;
    /** pg_lsn: only pg_subscription.subskiplsn has it (stored as its text; the catalog stays empty). */
    public static final int PG_LSN_OID = 3220;
    public static final int JSON_OID = 114;
    public static final int JSONB_OID = 3802;
    public static final int JSONPATH_OID = 4072;
    /** The pseudo-type of the range types' I/O functions (range_in returns anyrange). */
    public static final int ANYRANGE_OID = 3831;
    /** The pseudo-type of lower(anyrange) and upper(anyrange): the range's subtype. */
    public static final int ANYELEMENT_OID = 2283;
    public static final int NUMRANGE_OID = 3906;
    public static final int TSRANGE_OID = 3908;
    public static final int TSTZRANGE_OID = 3910;
    public static final int INT4RANGE_OID = 3904;
    public static final int DATERANGE_OID = 3912;
    public static final int INT8RANGE_OID = 3926;
    public static final int UUID_ARRAY_OID = 2951;
    public static final int REGNAMESPACE_OID = 4089;
    public static final int REGNAMESPACE_ARRAY_OID = 4090;
    public static final int REGPROCEDURE_OID = 2202;
    public static final int REGROLE_OID = 4096;

    // ---- namespaces

    public static final int PG_CATALOG_NAMESPACE = 11;
    public static final int PG_TOAST_NAMESPACE = 99;
    public static final int PUBLIC_NAMESPACE = 2200;

    // ---- roles

    /** The bootstrap superuser, named by initdb -U (the OS user by default). */
    public static final int BOOTSTRAP_SUPERUSER_ID = 10;
    /** The predefined role standing for the owner of the current database (owns schema public). */
    public static final int PG_DATABASE_OWNER = 6171;

    // ---- databases

    public static final int TEMPLATE1_DB_OID = 1;
    /** The predefined role whose members may run CHECKPOINT (PostgreSQL 15's ROLE_PG_CHECKPOINT). */
    public static final int PG_CHECKPOINT_ROLE = 4544;
    /** initdb's plpgsql extension (pg_extension). */
    public static final int PLPGSQL_EXTENSION_OID = 13559;
    public static final int TEMPLATE0_DB_OID = 4;
    public static final int POSTGRES_DB_OID = 5;

    // ---- tablespaces, access methods, collations

    public static final int DEFAULT_TABLESPACE_OID = 1663;
    public static final int GLOBAL_TABLESPACE_OID = 1664;
    public static final int HEAP_TABLE_AM_OID = 2;
    public static final int BTREE_AM_OID = 403;
    public static final int HASH_AM_OID = 405;
    public static final int DEFAULT_COLLATION_OID = 100;
    public static final int C_COLLATION_OID = 950;
    public static final int POSIX_COLLATION_OID = 951;

    /** PG_UTF8 in pg_wchar.h's encoding numbering (pg_database.encoding). */
    public static final int UTF8_ENCODING = 6;

    private CatalogOids() {
    }
}
