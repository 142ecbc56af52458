package org.tusk.sql.stats;

import org.tusk.sql.types.SqlType;

/**
 * What pg_statistic's staop and stacoll columns hold for a column of each type: the OIDs of the
 * equality operator (the MCV slot's) and the less-than operator (histogram and correlation slots) of
 * the type's default btree operator class, as PostgreSQL 15's pg_operator numbers them, and the
 * collation the statistics were computed under (the column's: "default" for text types, "C" for
 * name, none for the rest).
 */
final class StatisticOperators {

    /** pg_collation OIDs of the "default" and "C" collations. */
    private static final int DEFAULT_COLLATION = 100;
    private static final int C_COLLATION = 950;

    private StatisticOperators() {
    }

    /** The type's btree equality operator (varchar uses text's, as its opclass is text_ops). */
    static int equality(SqlType t) {
        if (t.isArray()) {
            return 1070;
        }
        return switch (t) {
            case BOOL -> 91;
            case INT2 -> 94;
            case INT4 -> 96;
            case INT8 -> 410;
            case FLOAT4 -> 620;
            case FLOAT8 -> 670;
            case NUMERIC -> 1752;
            case TEXT, VARCHAR -> 98;
            case BPCHAR -> 1054;
            case NAME -> 93;
            case DATE -> 1093;
            case TIMESTAMP -> 2060;
            case TIMESTAMPTZ -> 1320;
            case TIME -> 1108;
            case INTERVAL -> 1330;
            case UUID -> 2972;
            case BYTEA -> 1955;
            case OID, REGCLASS -> 607;
            case INET, CIDR -> 1201; // cidr columns use inet's operators
            case MACADDR -> 1220;
            case MACADDR8 -> 3362;
            case BIT -> 1784;
            case VARBIT -> 1804;
            default -> 0;
        };
    }

    /** The type's btree less-than operator. */
    static int lessThan(SqlType t) {
        if (t.isArray()) {
            return 1072;
        }
        return switch (t) {
            case BOOL -> 58;
            case INT2 -> 95;
            case INT4 -> 97;
            case INT8 -> 412;
            case FLOAT4 -> 622;
            case FLOAT8 -> 672;
            case NUMERIC -> 1754;
            case TEXT, VARCHAR -> 664;
            case BPCHAR -> 1058;
            case NAME -> 660;
            case DATE -> 1095;
            case TIMESTAMP -> 2062;
            case TIMESTAMPTZ -> 1322;
            case TIME -> 1110;
            case INTERVAL -> 1332;
            case UUID -> 2974;
            case BYTEA -> 1957;
            case OID, REGCLASS -> 609;
            case INET, CIDR -> 1203;
            case MACADDR -> 1222;
            case MACADDR8 -> 3364;
            case BIT -> 1786;
            case VARBIT -> 1806;
            default -> 0;
        };
    }

    /** The column's collation (pg_attribute.attcollation as CREATE TABLE sets it). */
    static int collation(SqlType t) {
        SqlType base = t.isArray() ? t.elementType() : t;
        return switch (base) {
            case TEXT, VARCHAR, BPCHAR -> DEFAULT_COLLATION;
            case NAME -> C_COLLATION;
            default -> 0;
        };
    }
}
