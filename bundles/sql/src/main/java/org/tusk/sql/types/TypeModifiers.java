package org.tusk.sql.types;

import java.util.List;

import org.tusk.spi.SqlException;

/**
 * Type modifiers (atttypmod) as PostgreSQL encodes them: numeric(p,s) is ((p << 16) | s) + 4,
 * varchar(n) and char(n) are n + 4 (VARHDRSZ), timestamp(p) is p; -1 means none.
 */
public final class TypeModifiers {
    static final int VARHDRSZ = 4;
    static final int NUMERIC_MAX_PRECISION = 1000;
    static final int MAX_TIMESTAMP_PRECISION = 6;
    static final int MAX_CHAR_LENGTH = 10 * 1024 * 1024;

    private TypeModifiers() {
    }

    public static int numericPrecision(int typmod) {
        return ((typmod - VARHDRSZ) >> 16) & 0xFFFF;
    }

    public static int numericScale(int typmod) {
        return (((typmod - VARHDRSZ) & 0x7FF) ^ 1024) - 1024;
    }

    /**
     * Encodes the modifiers written after a type name, with the checks and messages of each type's
     * typmodin function.
     */
    public static int encode(SqlType type, List<Integer> mods, int position) {
        if (mods.isEmpty()) {
            return -1;
        }
        switch (type) {
            case NUMERIC -> {
                if (mods.size() > 2) {
                    throw SqlException.at("22023", "invalid NUMERIC type modifier", position);
                }
                int precision = mods.get(0);
                int scale = mods.size() > 1 ? mods.get(1) : 0;
                if (precision < 1 || precision > NUMERIC_MAX_PRECISION) {
                    throw SqlException.at("22023", "NUMERIC precision " + precision + " must be between 1 and "
                            + NUMERIC_MAX_PRECISION, position);
                }
                if (scale < -1000 || scale > 1000) {
                    throw SqlException.at("22023", "NUMERIC scale " + scale + " must be between -1000 and 1000",
                            position);
                }
                return ((precision << 16) | (scale & 0x7FF)) + VARHDRSZ;
            }
            case VARCHAR, BPCHAR -> {
                String name = type == SqlType.VARCHAR ? "varchar" : "char";
                if (mods.size() > 1) {
                    throw SqlException.at("22023", "invalid type modifier", position);
                }
                int n = mods.getFirst();
                if (n < 1) {
                    throw SqlException.at("22023", "length for type " + name + " must be at least 1", position);
                }
                if (n > MAX_CHAR_LENGTH) {
                    throw SqlException.at("22023", "length for type " + name + " cannot exceed " + MAX_CHAR_LENGTH,
                            position);
                }
                return n + VARHDRSZ;
            }
            case INTERVAL -> {
                // The parser passes interval(p) as [p] and a field qualifier as [range mask, precision].
                if (mods.size() == 2) {
                    return IntervalFormats.typmod(mods.get(0), mods.get(1));
                }
                if (mods.size() > 2) {
                    throw SqlException.at("22023", "invalid INTERVAL type modifier", position);
                }
                return IntervalFormats.typmod(IntervalFormats.FULL_RANGE,
                        IntervalFormats.checkPrecision(mods.getFirst(), position));
            }
            case TIMESTAMP, TIMESTAMPTZ, TIME -> {
                if (mods.size() > 1) {
                    throw SqlException.at("22023", "invalid type modifier", position);
                }
                int p = mods.getFirst();
                if (p < 0) {
                    throw SqlException.at("22023", (type == SqlType.TIME ? "TIME(" : "TIMESTAMP(") + p
                            + ") precision must not be negative", position);
                }
                return Math.min(p, MAX_TIMESTAMP_PRECISION);
            }
            case BIT, VARBIT -> {
                if (mods.size() > 1) {
                    throw SqlException.at("22023", "invalid type modifier", position);
                }
                int n = mods.getFirst();
                if (n < 1) {
                    throw SqlException.at("22023", "length for type " + type.internalName() + " must be at least 1",
                            position);
                }
                if (n > org.tusk.sql.bits.BitTypes.MAX_LENGTH) {
                    throw SqlException.at("22023", "length for type " + type.internalName() + " cannot exceed "
                            + org.tusk.sql.bits.BitTypes.MAX_LENGTH, position);
                }
                return n;
            }
            default -> throw SqlException.at("42601", "type modifier is not allowed for type \""
                    + type.internalName() + "\"", position);
        }
    }
}
