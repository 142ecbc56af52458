package org.tusk.protocol;

/**
 * OIDs of PostgreSQL's built-in types, as assigned in its catalog. Clients depend on these numbers
 * (psql right-aligns numeric columns by OID; drivers pick decoders by OID), so they must match.
 */
public final class TypeOids {
    public static final int BOOL = 16;
    public static final int BYTEA = 17;
    public static final int CHAR = 18;
    public static final int NAME = 19;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT4 = 23;
    public static final int REGPROC = 24;
    public static final int TEXT = 25;
    public static final int OID = 26;
    public static final int FLOAT4 = 700;
    public static final int FLOAT8 = 701;
    public static final int UNKNOWN = 705;
    public static final int BPCHAR = 1042;
    public static final int VARCHAR = 1043;
    public static final int DATE = 1082;
    public static final int TIME = 1083;
    public static final int TIMESTAMP = 1114;
    public static final int TIMESTAMPTZ = 1184;
    public static final int TIMETZ = 1266;
    public static final int INTERVAL = 1186;
    public static final int NUMERIC = 1700;
    public static final int UUID = 2950;
    public static final int JSON = 114;
    public static final int JSONB = 3802;
    public static final int INET = 869;
    public static final int CIDR = 650;
    public static final int MACADDR = 829;
    public static final int MACADDR8 = 774;
    public static final int BIT = 1560;
    public static final int VARBIT = 1562;
    public static final int INT2VECTOR = 22;
    public static final int OIDVECTOR = 30;
    public static final int REGPROCEDURE = 2202;
    public static final int REGCLASS = 2205;
    public static final int REGTYPE = 2206;
    public static final int REGNAMESPACE = 4089;
    public static final int REGROLE = 4096;
    // The built-in range types (pg_range), whose subtype is given by {@link #rangeSubtype}.
    public static final int INT4RANGE = 3904;
    public static final int NUMRANGE = 3906;
    public static final int TSRANGE = 3908;
    public static final int TSTZRANGE = 3910;
    public static final int DATERANGE = 3912;
    public static final int INT8RANGE = 3926;
    /** What functions that return nothing return (pg_sleep); its binary form is empty. */
    public static final int VOID = 2278;

    // Array types (pg_type rows named "_elem"), whose element type is given by {@link #elementType}.
    public static final int BOOL_ARRAY = 1000;
    public static final int BYTEA_ARRAY = 1001;
    public static final int NAME_ARRAY = 1003;
    public static final int INT2_ARRAY = 1005;
    public static final int INT4_ARRAY = 1007;
    public static final int TEXT_ARRAY = 1009;
    public static final int BPCHAR_ARRAY = 1014;
    public static final int VARCHAR_ARRAY = 1015;
    public static final int INT8_ARRAY = 1016;
    public static final int FLOAT4_ARRAY = 1021;
    public static final int FLOAT8_ARRAY = 1022;
    public static final int OID_ARRAY = 1028;
    public static final int TIMESTAMP_ARRAY = 1115;
    public static final int DATE_ARRAY = 1182;
    public static final int TIME_ARRAY = 1183;
    public static final int TIMESTAMPTZ_ARRAY = 1185;
    public static final int TIMETZ_ARRAY = 1270;
    public static final int INTERVAL_ARRAY = 1187;
    public static final int NUMERIC_ARRAY = 1231;
    public static final int UUID_ARRAY = 2951;
    public static final int JSON_ARRAY = 199;
    public static final int JSONB_ARRAY = 3807;
    public static final int INET_ARRAY = 1041;
    public static final int CIDR_ARRAY = 651;
    public static final int MACADDR_ARRAY = 1040;
    public static final int MACADDR8_ARRAY = 775;
    public static final int BIT_ARRAY = 1561;
    public static final int VARBIT_ARRAY = 1563;
    public static final int INT4RANGE_ARRAY = 3905;
    public static final int NUMRANGE_ARRAY = 3907;
    public static final int TSRANGE_ARRAY = 3909;
    public static final int TSTZRANGE_ARRAY = 3911;
    public static final int DATERANGE_ARRAY = 3913;
    public static final int INT8RANGE_ARRAY = 3927;

    /** Pairs (array OID, element OID), PostgreSQL's pg_type.typelem for the arrays above. */
    private static final int[][] ARRAYS = {{BOOL_ARRAY, BOOL}, {BYTEA_ARRAY, BYTEA}, {NAME_ARRAY, NAME},
        {INT2_ARRAY, INT2}, {INT4_ARRAY, INT4}, {TEXT_ARRAY, TEXT}, {BPCHAR_ARRAY, BPCHAR},
        {VARCHAR_ARRAY, VARCHAR}, {INT8_ARRAY, INT8}, {FLOAT4_ARRAY, FLOAT4}, {FLOAT8_ARRAY, FLOAT8},
        {OID_ARRAY, OID}, {TIMESTAMP_ARRAY, TIMESTAMP}, {DATE_ARRAY, DATE}, {TIME_ARRAY, TIME},
        {TIMESTAMPTZ_ARRAY, TIMESTAMPTZ}, {INTERVAL_ARRAY, INTERVAL}, {NUMERIC_ARRAY, NUMERIC},
        {UUID_ARRAY, UUID}, {TIMETZ_ARRAY, TIMETZ}, {JSON_ARRAY, JSON}, {JSONB_ARRAY, JSONB},
        {INET_ARRAY, INET}, {CIDR_ARRAY, CIDR}, {MACADDR_ARRAY, MACADDR}, {MACADDR8_ARRAY, MACADDR8},
        {BIT_ARRAY, BIT}, {VARBIT_ARRAY, VARBIT},
        {INT4RANGE_ARRAY, INT4RANGE}, {NUMRANGE_ARRAY, NUMRANGE}, {TSRANGE_ARRAY, TSRANGE},
        {TSTZRANGE_ARRAY, TSTZRANGE}, {DATERANGE_ARRAY, DATERANGE}, {INT8RANGE_ARRAY, INT8RANGE}};

    /** Pairs (range OID, subtype OID), PostgreSQL's pg_range.rngsubtype for the ranges above. */
    private static final int[][] RANGES = {{INT4RANGE, INT4}, {NUMRANGE, NUMERIC}, {TSRANGE, TIMESTAMP},
        {TSTZRANGE, TIMESTAMPTZ}, {DATERANGE, DATE}, {INT8RANGE, INT8}};

    /** The subtype of a built-in range type, or 0 if {@code rangeOid} is not one of them. */
    public static int rangeSubtype(int rangeOid) {
        for (int[] pair : RANGES) {
            if (pair[0] == rangeOid) {
                return pair[1];
            }
        }
        return 0;
    }

    /** The element type of an array type above, or 0 if {@code arrayOid} is not one of them. */
    public static int elementType(int arrayOid) {
        for (int[] pair : ARRAYS) {
            if (pair[0] == arrayOid) {
                return pair[1];
            }
        }
        return 0;
    }

    /** The array type whose elements have type {@code elementOid} (pg_type.typarray), or 0 if none here. */
    public static int arrayType(int elementOid) {
        for (int[] pair : ARRAYS) {
            if (pair[1] == elementOid) {
                return pair[0];
            }
        }
        return 0;
    }

    private TypeOids() {
    }
}
