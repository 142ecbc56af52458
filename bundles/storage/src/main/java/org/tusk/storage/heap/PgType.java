package org.tusk.storage.heap;

/**
 * The built-in types the storage layer can store, with PostgreSQL's {@code pg_type} facts that decide
 * the bytes: OID, length ({@code typlen}: a fixed size, or -1 for varlena), alignment
 * ({@code typalign}: 'c' 1, 's' 2, 'i' 4, 'd' 8 bytes) and the OID of the one-dimensional array type.
 *
 * <p>Java values: bool {@link Boolean}; int2 {@link Short}; int4 {@link Integer}; oid {@link Long}
 * (0 .. 2^32-1); int8 {@link Long}; float4 {@link Float}; float8 {@link Double}; numeric
 * {@link java.math.BigDecimal} or {@link org.tusk.storage.access.NumericSpecial}; text, varchar, bpchar, name {@link String};
 * bytea {@code byte[]}; date {@link java.time.LocalDate}; time {@link Long} (microseconds); timestamp
 * {@link java.time.LocalDateTime}; timestamptz {@link java.time.Instant} (an OffsetDateTime is accepted too);
 * interval {@link org.tusk.storage.access.Interval}; uuid {@link java.util.UUID}; timetz
 * {@link org.tusk.storage.access.TimeWithZone}; arrays {@link java.util.List} (one dimension, lower bound 1;
 * elements may be null) or {@link org.tusk.storage.access.StoredArray} (any other shape).
 */
public enum PgType {
    BOOL(16, 1, 'c', 1000),
    BYTEA(17, -1, 'i', 1001),
    NAME(19, 64, 'c', 1003),
    INT8(20, 8, 'd', 1016),
    INT2(21, 2, 's', 1005),
    INT4(23, 4, 'i', 1007),
    TEXT(25, -1, 'i', 1009),
    OID(26, 4, 'i', 1028),
    FLOAT4(700, 4, 'i', 1021),
    FLOAT8(701, 8, 'd', 1022),
    BPCHAR(1042, -1, 'i', 1014),
    VARCHAR(1043, -1, 'i', 1015),
    DATE(1082, 4, 'i', 1182),
    TIME(1083, 8, 'd', 1183),
    TIMESTAMP(1114, 8, 'd', 1115),
    TIMESTAMPTZ(1184, 8, 'd', 1185),
    INTERVAL(1186, 16, 'd', 1187),
    NUMERIC(1700, -1, 'i', 1231),
    UUID(2950, 16, 'c', 2951),
    /** time with time zone: TimeTzADT, 8 bytes of time and 4 of zone, padded to 12 ('d' aligned). */
    TIMETZ(1266, 12, 'd', 1270);

    /** NAMEDATALEN: a name is 64 bytes, at most 63 of text and a terminating zero. */
    public static final int NAMEDATALEN = 64;

    private final int oid;
    private final int length;
    private final char align;
    private final int arrayOid;

    PgType(int oid, int length, char align, int arrayOid) {
        this.oid = oid;
        this.length = length;
        this.align = align;
        this.arrayOid = arrayOid;
    }

    public int oid() {
        return oid;
    }

    /** typlen: bytes of a value, or -1 for a varlena (length header, then the bytes). */
    public int length() {
        return length;
    }

    /** typalign as bytes: 1, 2, 4 or 8. */
    public int alignment() {
        return alignmentOf(align);
    }

    public char align() {
        return align;
    }

    /** The OID of {@code type[]}. */
    public int arrayOid() {
        return arrayOid;
    }

    /** The alignment of the array type: 'd' if the element needs it, else 'i' (PostgreSQL's rule). */
    public char arrayAlign() {
        return align == 'd' ? 'd' : 'i';
    }

    /** values() copies the array at every call; the lookups below run for every relation opened. */
    private static final PgType[] ALL = values();

    public static PgType byOid(int oid) {
        for (PgType t : ALL) {
            if (t.oid == oid) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported type OID " + oid);
    }

    /** The element type of an array type OID, or null if {@code oid} is not one of these arrays. */
    public static PgType elementOfArray(int oid) {
        for (PgType t : ALL) {
            if (t.arrayOid == oid) {
                return t;
            }
        }
        return null;
    }

    static int alignmentOf(char align) {
        return switch (align) {
            case 'c' -> 1;
            case 's' -> 2;
            case 'i' -> 4;
            case 'd' -> 8;
            default -> throw new IllegalArgumentException("bad typalign " + align);
        };
    }
}
