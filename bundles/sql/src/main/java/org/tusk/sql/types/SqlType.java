package org.tusk.sql.types;

import org.tusk.protocol.TypeOids;

/**
 * The built-in types this engine knows, with what PostgreSQL's catalog says about each: OID, typlen,
 * the name format_type() prints in messages, the internal name (pg_type.typname, also a cast's column
 * name), and the type category and preferred flag that drive operator and function resolution.
 *
 * <p>Values are represented by Java objects: Boolean, Short, Integer, Long, BigDecimal (numeric),
 * Float, Double, String (all string types and unknown), {@link java.time.Instant} (timestamptz),
 * {@link java.time.LocalDateTime} (timestamp), {@link java.time.LocalDate} (date), Long (time, oid),
 * {@link org.tusk.protocol.Interval}, {@link java.util.UUID}, byte[] (bytea), {@link ArrayValue}
 * (arrays), and the empty string for void. SQL NULL is Java null.
 */
public enum SqlType {
    BOOL(TypeOids.BOOL, 1, "boolean", "bool", Category.BOOLEAN, true),
    INT2(TypeOids.INT2, 2, "smallint", "int2", Category.NUMERIC, false),
    INT4(TypeOids.INT4, 4, "integer", "int4", Category.NUMERIC, false),
    INT8(TypeOids.INT8, 8, "bigint", "int8", Category.NUMERIC, false),
    NUMERIC(TypeOids.NUMERIC, -1, "numeric", "numeric", Category.NUMERIC, false),
    FLOAT4(TypeOids.FLOAT4, 4, "real", "float4", Category.NUMERIC, false),
    FLOAT8(TypeOids.FLOAT8, 8, "double precision", "float8", Category.NUMERIC, true),
    TEXT(TypeOids.TEXT, -1, "text", "text", Category.STRING, true),
    VARCHAR(TypeOids.VARCHAR, -1, "character varying", "varchar", Category.STRING, false),
    BPCHAR(TypeOids.BPCHAR, -1, "character", "bpchar", Category.STRING, false),
    NAME(TypeOids.NAME, 64, "name", "name", Category.STRING, false),
    DATE(TypeOids.DATE, 4, "date", "date", Category.DATETIME, false),
    TIMESTAMP(TypeOids.TIMESTAMP, 8, "timestamp without time zone", "timestamp", Category.DATETIME, false),
    TIMESTAMPTZ(TypeOids.TIMESTAMPTZ, 8, "timestamp with time zone", "timestamptz", Category.DATETIME, true),
    /** Microseconds since midnight, as a Long (24:00:00 is a valid time, so not LocalTime). */
    TIME(TypeOids.TIME, 8, "time without time zone", "time", Category.DATETIME, false),
    /** {@link TimeTz}. */
    TIMETZ(TypeOids.TIMETZ, 12, "time with time zone", "timetz", Category.DATETIME, false),
    /** {@link org.tusk.protocol.Interval}. */
    INTERVAL(TypeOids.INTERVAL, 16, "interval", "interval", Category.TIMESPAN, true),
    /** {@link java.util.UUID}. */
    UUID(TypeOids.UUID, 16, "uuid", "uuid", Category.USER, false),
    /** byte[]. */
    BYTEA(TypeOids.BYTEA, -1, "bytea", "bytea", Category.USER, false),
    /** json: a String, the input text kept as is (org.tusk.sql.json). */
    JSON(TypeOids.JSON, -1, "json", "json", Category.USER, false),
    /** jsonb: an {@link org.tusk.sql.json.Jsonb}. */
    JSONB(TypeOids.JSONB, -1, "jsonb", "jsonb", Category.USER, false),
    /** inet and cidr: an {@link org.tusk.sql.net.Inet} (cidr is binary-coercible to inet). */
    INET(TypeOids.INET, -1, "inet", "inet", Category.NETWORK, true),
    CIDR(TypeOids.CIDR, -1, "cidr", "cidr", Category.NETWORK, false),
    /** macaddr and macaddr8: an {@link org.tusk.sql.net.MacAddr} of 6 or 8 bytes. */
    MACADDR(TypeOids.MACADDR, 6, "macaddr", "macaddr", Category.USER, false),
    MACADDR8(TypeOids.MACADDR8, 8, "macaddr8", "macaddr8", Category.USER, false),
    /** bit(n) and bit varying(n): a {@link org.tusk.sql.bits.BitString}; the modifier is the length n. */
    BIT(TypeOids.BIT, -1, "bit", "bit", Category.BITSTRING, false),
    VARBIT(TypeOids.VARBIT, -1, "bit varying", "varbit", Category.BITSTRING, true),
    /** The name of a cursor (portal), a String: what a PL/pgSQL function returns to hand its caller a cursor. */
    REFCURSOR(1790, -1, "refcursor", "refcursor", Category.USER, false),
    /** A SQL/JSON path: its normalized text, a String (org.tusk.sql.json.JsonPath parses it). */
    JSONPATH(4072, -1, "jsonpath", "jsonpath", Category.USER, false),
    /**
     * The built-in range types: a {@link RangeValue} whose bounds are values of the subtype (pg_range);
     * int4range, int8range and daterange are discrete and kept in the canonical [) form.
     */
    INT4RANGE(TypeOids.INT4RANGE, "int4range", TypeOids.INT4, Category.RANGE),
    NUMRANGE(TypeOids.NUMRANGE, "numrange", TypeOids.NUMERIC, Category.RANGE),
    TSRANGE(TypeOids.TSRANGE, "tsrange", TypeOids.TIMESTAMP, Category.RANGE),
    TSTZRANGE(TypeOids.TSTZRANGE, "tstzrange", TypeOids.TIMESTAMPTZ, Category.RANGE),
    DATERANGE(TypeOids.DATERANGE, "daterange", TypeOids.DATE, Category.RANGE),
    INT8RANGE(TypeOids.INT8RANGE, "int8range", TypeOids.INT8, Category.RANGE),
    /** An unsigned 32-bit object identifier, as a Long 0 .. 4294967295. */
    OID(TypeOids.OID, 4, "oid", "oid", Category.NUMERIC, false),
    /**
     * A relation's OID that reads and prints as its name (a Long, as oid); input and output look the
     * name up in the session's catalog ({@link RegClass}).
     */
    REGCLASS(2205, 4, "regclass", "regclass", Category.NUMERIC, false),
    /** The other object-identifier alias types: an OID read and printed as a name (eval.RegCasts). */
    REGPROC(24, 4, "regproc", "regproc", Category.NUMERIC, false),
    REGTYPE(2206, 4, "regtype", "regtype", Category.NUMERIC, false),
    REGNAMESPACE(4089, 4, "regnamespace", "regnamespace", Category.NUMERIC, false),
    REGPROCEDURE(2202, 4, "regprocedure", "regprocedure", Category.NUMERIC, false),
    REGROLE(4096, 4, "regrole", "regrole", Category.NUMERIC, false),
    // One-dimensional arrays of the types above ({@link ArrayValue}); PostgreSQL's "_elem" types.
    BOOL_ARRAY(TypeOids.BOOL_ARRAY, "_bool", TypeOids.BOOL),
    BYTEA_ARRAY(TypeOids.BYTEA_ARRAY, "_bytea", TypeOids.BYTEA),
    NAME_ARRAY(TypeOids.NAME_ARRAY, "_name", TypeOids.NAME),
    INT2_ARRAY(TypeOids.INT2_ARRAY, "_int2", TypeOids.INT2),
    INT4_ARRAY(TypeOids.INT4_ARRAY, "_int4", TypeOids.INT4),
    TEXT_ARRAY(TypeOids.TEXT_ARRAY, "_text", TypeOids.TEXT),
    BPCHAR_ARRAY(TypeOids.BPCHAR_ARRAY, "_bpchar", TypeOids.BPCHAR),
    VARCHAR_ARRAY(TypeOids.VARCHAR_ARRAY, "_varchar", TypeOids.VARCHAR),
    INT8_ARRAY(TypeOids.INT8_ARRAY, "_int8", TypeOids.INT8),
    FLOAT4_ARRAY(TypeOids.FLOAT4_ARRAY, "_float4", TypeOids.FLOAT4),
    FLOAT8_ARRAY(TypeOids.FLOAT8_ARRAY, "_float8", TypeOids.FLOAT8),
    OID_ARRAY(TypeOids.OID_ARRAY, "_oid", TypeOids.OID),
    TIMESTAMP_ARRAY(TypeOids.TIMESTAMP_ARRAY, "_timestamp", TypeOids.TIMESTAMP),
    DATE_ARRAY(TypeOids.DATE_ARRAY, "_date", TypeOids.DATE),
    TIME_ARRAY(TypeOids.TIME_ARRAY, "_time", TypeOids.TIME),
    TIMESTAMPTZ_ARRAY(TypeOids.TIMESTAMPTZ_ARRAY, "_timestamptz", TypeOids.TIMESTAMPTZ),
    INTERVAL_ARRAY(TypeOids.INTERVAL_ARRAY, "_interval", TypeOids.INTERVAL),
    NUMERIC_ARRAY(TypeOids.NUMERIC_ARRAY, "_numeric", TypeOids.NUMERIC),
    UUID_ARRAY(TypeOids.UUID_ARRAY, "_uuid", TypeOids.UUID),
    TIMETZ_ARRAY(TypeOids.TIMETZ_ARRAY, "_timetz", TypeOids.TIMETZ),
    JSON_ARRAY(TypeOids.JSON_ARRAY, "_json", TypeOids.JSON),
    JSONB_ARRAY(TypeOids.JSONB_ARRAY, "_jsonb", TypeOids.JSONB),
    JSONPATH_ARRAY(4073, "_jsonpath", 4072),
    INET_ARRAY(TypeOids.INET_ARRAY, "_inet", TypeOids.INET),
    CIDR_ARRAY(TypeOids.CIDR_ARRAY, "_cidr", TypeOids.CIDR),
    MACADDR_ARRAY(TypeOids.MACADDR_ARRAY, "_macaddr", TypeOids.MACADDR),
    MACADDR8_ARRAY(TypeOids.MACADDR8_ARRAY, "_macaddr8", TypeOids.MACADDR8),
    BIT_ARRAY(TypeOids.BIT_ARRAY, "_bit", TypeOids.BIT),
    VARBIT_ARRAY(TypeOids.VARBIT_ARRAY, "_varbit", TypeOids.VARBIT),
    INT4RANGE_ARRAY(TypeOids.INT4RANGE_ARRAY, "_int4range", TypeOids.INT4RANGE),
    NUMRANGE_ARRAY(TypeOids.NUMRANGE_ARRAY, "_numrange", TypeOids.NUMRANGE),
    TSRANGE_ARRAY(TypeOids.TSRANGE_ARRAY, "_tsrange", TypeOids.TSRANGE),
    TSTZRANGE_ARRAY(TypeOids.TSTZRANGE_ARRAY, "_tstzrange", TypeOids.TSTZRANGE),
    DATERANGE_ARRAY(TypeOids.DATERANGE_ARRAY, "_daterange", TypeOids.DATERANGE),
    INT8RANGE_ARRAY(TypeOids.INT8RANGE_ARRAY, "_int8range", TypeOids.INT8RANGE),
    /** regtype[], pg_prepared_statements.parameter_types. */
    REGTYPE_ARRAY(2211, "_regtype", 2206),
    /**
     * The catalogs' vectors (pg_index.indkey, pg_proc.proargtypes): one-dimensional arrays whose
     * subscripts start at 0, written as their elements separated by spaces ("1 2"). They are stored
     * as int2[] and oid[] are.
     */
    INT2VECTOR(22, "int2vector", TypeOids.INT2, true),
    OIDVECTOR(30, "oidvector", TypeOids.OID, true),
    /** The type of a quoted literal whose type context has not decided yet. */
    UNKNOWN(TypeOids.UNKNOWN, -2, "unknown", "unknown", Category.UNKNOWN, false),
    /** What functions that return nothing return (pg_sleep). */
    VOID(TypeOids.VOID, 4, "void", "void", Category.PSEUDO, false),
    /**
     * A row value, anonymous or of a composite type: a {@link RecordValue}, which carries its {@link RowType}
     * (the composite type's OID is the value's and the expression's business, see eval.RowValues).
     */
    RECORD(RowType.RECORD_OID, -1, "record", "record", Category.PSEUDO, false),
    /** record[]: an array of row values (array_agg of rows, ARRAY[ROW(...), ...]). */
    RECORD_ARRAY(RowType.RECORD_ARRAY_OID, "_record", RowType.RECORD_OID),
    /**
     * A value of an enum type (an {@link EnumValue}); which enum is the expression's type modifier (the
     * enum's pg_type OID, see {@link EnumLabels}). The OID is anyenum's, for what needs a fixed one.
     */
    ENUM(3500, 4, "anyenum", "anyenum", Category.ENUM, false),
    /** An array of enum values; the modifier is the element enum's pg_type OID. */
    ENUM_ARRAY(2277, "anyarray", 3500),
    /** What a trigger function returns (pg_type 2279): a pseudo-type no value has; only triggers call them. */
    TRIGGER(2279, 4, "trigger", "trigger", Category.PSEUDO, false);

    /** The type with this OID, or null if this engine does not know it. */
    public static SqlType byOid(int oid) {
        for (SqlType t : values()) {
            if (t.oid == oid && t != ENUM_ARRAY) { // anyarray's OID stands in for the enum arrays' own
                return t;
            }
        }
        return null;
    }

    /** pg_type.typcategory. */
    public enum Category {
        BOOLEAN, NUMERIC, STRING, DATETIME, TIMESPAN, NETWORK, BITSTRING, USER, ARRAY, RANGE, UNKNOWN, PSEUDO, ENUM
    }

    private final int oid;
    private final short length;
    private final String displayName;
    private final String internalName;
    private final Category category;
    private final boolean preferred;
    /** For an array type, its element type's OID; 0 otherwise. */
    private final int elementOid;
    /** int2vector and oidvector. */
    private final boolean vector;
    /** For a range type, its subtype's OID; 0 otherwise. */
    private final int subtypeOid;

    SqlType(int oid, int length, String displayName, String internalName, Category category, boolean preferred) {
        this.oid = oid;
        this.length = (short) length;
        this.displayName = displayName;
        this.internalName = internalName;
        this.category = category;
        this.preferred = preferred;
        this.elementOid = 0;
        this.vector = false;
        this.subtypeOid = 0;
    }

    /** A range type over {@code subtypeOid}: variable length, category R, named as pg_type names it. */
    SqlType(int oid, String name, int subtypeOid, Category range) {
        this.oid = oid;
        this.length = -1;
        this.displayName = name;
        this.internalName = name;
        this.category = range;
        this.preferred = false;
        this.elementOid = 0;
        this.vector = false;
        this.subtypeOid = subtypeOid;
    }

    /** An array type: variable length, category A, named after its element ("integer[]"). */
    SqlType(int oid, String internalName, int elementOid) {
        this(oid, internalName, elementOid, false);
    }

    /** An array type, or with {@code vector} one of the catalogs' 0-based vectors. */
    SqlType(int oid, String internalName, int elementOid, boolean vector) {
        this.vector = vector;
        this.oid = oid;
        this.length = -1;
        this.displayName = null;
        this.internalName = internalName;
        this.category = Category.ARRAY;
        this.preferred = false;
        this.elementOid = elementOid;
        this.subtypeOid = 0;
    }

    /** The subtype of a range type (int4 for int4range), null for other types. */
    public SqlType rangeSubtype() {
        return subtypeOid == 0 ? null : byOid(subtypeOid);
    }

    public boolean isRange() {
        return subtypeOid != 0;
    }

    /** The element type of an array type, null for other types. */
    public SqlType elementType() {
        return elementOid == 0 ? null : byOid(elementOid);
    }

    /** The array type of this element type, null if there is none here. */
    public SqlType arrayType() {
        if (this == ENUM) {
            return ENUM_ARRAY;
        }
        if (this == RECORD) {
            return RECORD_ARRAY; // not in the protocol's table, which lists the types clients know
        }
        int array = TypeOids.arrayType(oid);
        if (array != 0) {
            return byOid(array);
        }
        // Types the protocol's table leaves out (jsonpath): the array type declared here, if any.
        for (SqlType t : values()) {
            if (t.elementOid == oid && !t.isVector()) {
                return t;
            }
        }
        return null;
    }

    public boolean isArray() {
        return elementOid != 0;
    }

    /** int2vector or oidvector: an array with subscripts from 0 and a space-separated text form. */
    public boolean isVector() {
        return vector;
    }

    public int oid() {
        return oid;
    }

    /** pg_type.typlen: the size RowDescription reports (-1 for variable length). */
    public short length() {
        return length;
    }

    /** The name in messages ("integer", "double precision", "integer[]", ...), as format_type() prints it. */
    public String displayName() {
        if (this == ENUM_ARRAY) {
            return "anyenum[]";
        }
        return vector ? internalName : isArray() ? elementType().displayName() + "[]" : displayName;
    }

    /** pg_type.typname ("int4", "float8", ...). */
    public String internalName() {
        return internalName;
    }

    public Category category() {
        return category;
    }

    /** Whether this is the preferred type of its category (float8, text, bool, timestamptz). */
    public boolean preferred() {
        return preferred;
    }

    public boolean isString() {
        return category == Category.STRING;
    }

    /** The integer types, whose arithmetic must detect overflow. */
    public boolean isInteger() {
        return this == INT2 || this == INT4 || this == INT8;
    }

    /** The display name with a type modifier, as format_type_with_typemod() prints it. */
    public String displayName(int typmod) {
        if (typmod < 0 || isArray() || this == ENUM) {
            return displayName();
        }
        return switch (this) {
            case NUMERIC -> "numeric(" + TypeModifiers.numericPrecision(typmod) + ","
                    + TypeModifiers.numericScale(typmod) + ")";
            case VARCHAR -> "character varying(" + (typmod - 4) + ")";
            case BPCHAR -> "character(" + (typmod - 4) + ")";
            case TIMESTAMP -> "timestamp(" + typmod + ") without time zone";
            case TIMESTAMPTZ -> "timestamp(" + typmod + ") with time zone";
            case TIME -> "time(" + typmod + ") without time zone";
            case BIT -> "bit(" + typmod + ")";
            case VARBIT -> "bit varying(" + typmod + ")";
            default -> displayName;
        };
    }

    /** oid and its alias types (regclass, regtype, ...): an unsigned 32-bit OID held as a Long. */
    public boolean isOid() {
        return this == OID || isRegType();
    }

    /** The reg* alias types of oid, whose input and output look names up in the catalogs. */
    public boolean isRegType() {
        return this == REGCLASS || this == REGPROC || this == REGTYPE || this == REGNAMESPACE || this == REGPROCEDURE
                || this == REGROLE;
    }
}
