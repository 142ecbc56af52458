package org.tusk.sql.eval;

import static org.tusk.sql.types.SqlType.INT8;
import static org.tusk.sql.types.SqlType.NAME;
import static org.tusk.sql.types.SqlType.NUMERIC;
import static org.tusk.sql.types.SqlType.OID;
import static org.tusk.sql.types.SqlType.REGCLASS;
import static org.tusk.sql.types.SqlType.TEXT;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.NumericSpecial;
import org.tusk.storage.access.StorageSession;

/**
 * PostgreSQL's disk-usage functions (dbsize.c): pg_relation_size, pg_table_size, pg_indexes_size,
 * pg_total_relation_size, pg_database_size, pg_size_pretty and pg_size_bytes. Sizes come from the storage's
 * files (whole blocks per fork, the files under {@code base/<database>}); a relation that does not exist
 * (any more) answers NULL, as PostgreSQL does, so that catalog queries racing a DROP do not fail. A table's
 * size (pg_table_size, and so pg_total_relation_size) is its main, free-space and visibility forks plus those
 * of its TOAST relation, which the storage names ({@code StorageSession.toastRelation}); PostgreSQL's TOAST
 * index does not exist here (the storage chains chunks by TID).
 */
final class SizeFunctions {

    /** pg_size_pretty's units: below {@code limit} a value is printed in this unit, half-rounded after bytes. */
    private record Unit(String name, long limit, boolean round, int bits) {
    }

    private static final List<Unit> UNITS = List.of(new Unit("bytes", 10 * 1024, false, 0),
            new Unit("kB", 20 * 1024 - 1, true, 10), new Unit("MB", 20 * 1024 - 1, true, 20),
            new Unit("GB", 20 * 1024 - 1, true, 30), new Unit("TB", 20 * 1024 - 1, true, 40),
            new Unit("PB", 20 * 1024 - 1, true, 50));

    private SizeFunctions() {
    }

    static void register(CatalogInfoFunctions.Sink strict) {
        strict.add("pg_relation_size", List.of(REGCLASS), INT8, (a, c) -> forks(c, oid(a[0]), "main"));
        strict.add("pg_relation_size", List.of(REGCLASS, TEXT), INT8, (a, c) -> forks(c, oid(a[0]),
                forkName((String) a[1])));
        strict.add("pg_table_size", List.of(REGCLASS), INT8, (a, c) -> withToast(c, oid(a[0]),
                forks(c, oid(a[0]), "main", "fsm", "vm", "init")));
        strict.add("pg_indexes_size", List.of(REGCLASS), INT8, (a, c) -> indexesSize(c, oid(a[0])));
        strict.add("pg_total_relation_size", List.of(REGCLASS), INT8, (a, c) -> {
            Long table = withToast(c, oid(a[0]), forks(c, oid(a[0]), "main", "fsm", "vm", "init"));
            Long indexes = indexesSize(c, oid(a[0]));
            return table == null || indexes == null ? null : table + indexes;
        });
        strict.add("pg_database_size", List.of(NAME), INT8, (a, c) -> databaseSize(c, (String) a[0]));
        strict.add("pg_database_size", List.of(OID), INT8, (a, c) -> databaseSize(c, oid(a[0])));
        strict.add("pg_size_pretty", List.of(INT8), TEXT, (a, c) -> pretty(((Number) a[0]).longValue()));
        // A special numeric walks through every unit, as numeric division keeps it: "NaN PB".
        strict.add("pg_size_pretty", List.of(NUMERIC), TEXT, (a, c) -> a[0] instanceof BigDecimal d ? pretty(d)
                : switch ((NumericSpecial) a[0]) {
                    case NAN -> "NaN";
                    case POSITIVE_INFINITY -> "Infinity";
                    case NEGATIVE_INFINITY -> "-Infinity";
                } + " PB");
        strict.add("pg_size_bytes", List.of(TEXT), INT8, (a, c) -> sizeBytes((String) a[0]));
    }

    private static int oid(Object v) {
        return (int) ((Number) v).longValue();
    }

    private static String forkName(String fork) {
        if (!List.of("main", "fsm", "vm", "init").contains(fork)) {
            throw new SqlException(ErrorFields.of("ERROR", "22023", "invalid fork name")
                    .hint("Valid fork names are \"main\", \"fsm\", \"vm\", and \"init\".").build());
        }
        return fork;
    }

    private static RelationCache cache(EvalContext c) {
        return c.db() != null && c.db().catalog() instanceof RelationCache rc ? rc : null;
    }

    private static StorageSession storage(EvalContext c) {
        return c.db() == null ? null : c.db().storage();
    }

    /** The bytes of the given forks of a relation; 0 for one without storage (a view), NULL if there is none. */
    private static Long forks(EvalContext c, int oid, String... forks) {
        RelationCache cache = cache(c);
        StorageSession storage = storage(c);
        if (cache == null || storage == null || cache.classRow(oid) == null) {
            return null;
        }
        Relation r = cache.relation(oid);
        if (r == null) {
            return null;
        }
        if (r.storage() == null) {
            return 0L;
        }
        long total = 0;
        for (String fork : forks) {
            long size = storage.relationForkSize(r.storage(), fork);
            if (size < 0) {
                return null;
            }
            total += size;
        }
        return total;
    }

    /** {@code size} plus the table's TOAST relation's forks, as pg_table_size counts them (null stays null). */
    private static Long withToast(EvalContext c, int oid, Long size) {
        RelationCache cache = cache(c);
        StorageSession storage = storage(c);
        if (size == null || cache == null || storage == null) {
            return size;
        }
        Relation r = cache.relation(oid);
        org.tusk.storage.access.RelationId toast = r == null || r.storage() == null ? null
                : storage.toastRelation(r.storage());
        if (toast == null) {
            return size;
        }
        long total = size;
        for (String fork : List.of("main", "fsm", "vm", "init")) {
            long forkSize = storage.relationForkSize(toast, fork);
            if (forkSize < 0) {
                return null;
            }
            total += forkSize;
        }
        return total;
    }

    private static Long indexesSize(EvalContext c, int oid) {
        RelationCache cache = cache(c);
        StorageSession storage = storage(c);
        if (cache == null || storage == null || cache.classRow(oid) == null) {
            return null;
        }
        Relation r = cache.relation(oid);
        if (r == null) {
            return null;
        }
        long total = 0;
        for (IndexDef i : r.indexes()) {
            for (String fork : List.of("main", "fsm", "vm", "init")) {
                long size = storage.relationForkSize(i.storage(), fork);
                if (size < 0) {
                    return null;
                }
                total += size;
            }
        }
        return total;
    }

    private static Long databaseSize(EvalContext c, String name) {
        RelationCache cache = cache(c);
        CatalogRow db = cache == null ? null
                : cache.tables().first(CatalogDefinitions.PG_DATABASE, d -> d.text("datname").equals(name));
        if (db == null) {
            throw new SqlException("3D000", "database \"" + name + "\" does not exist");
        }
        return databaseFiles(c, db.oid("oid"));
    }

    private static Long databaseSize(EvalContext c, int oid) {
        RelationCache cache = cache(c);
        CatalogRow db = cache == null ? null
                : cache.tables().first(CatalogDefinitions.PG_DATABASE, d -> d.oid("oid") == oid);
        return db == null ? null : databaseFiles(c, oid);
    }

    private static Long databaseFiles(EvalContext c, int oid) {
        StorageSession storage = storage(c);
        long size = storage == null ? -1 : storage.databaseSize(oid);
        return size < 0 ? null : size;
    }

    /** pg_size_pretty(bigint): dbsize.c's walk through the units, dividing so that negatives round alike. */
    static String pretty(long size) {
        for (int i = 0; i < UNITS.size(); i++) {
            Unit unit = UNITS.get(i);
            if (i == UNITS.size() - 1 || Math.abs(size) < unit.limit()) {
                if (unit.round()) {
                    size = (size + (size < 0 ? -1 : 1)) / 2;
                }
                return size + " " + unit.name();
            }
            Unit next = UNITS.get(i + 1);
            int bits = next.bits() - unit.bits() - (next.round() ? 1 : 0) + (unit.round() ? 1 : 0);
            size /= 1L << bits;
        }
        throw new AssertionError();
    }

    /** pg_size_pretty(numeric): the same walk with numeric's truncating division. */
    static String pretty(BigDecimal value) {
        BigInteger size = value.setScale(0, RoundingMode.HALF_UP).toBigInteger();
        for (int i = 0; i < UNITS.size(); i++) {
            Unit unit = UNITS.get(i);
            if (i == UNITS.size() - 1 || size.abs().compareTo(BigInteger.valueOf(unit.limit())) < 0) {
                if (unit.round()) {
                    size = size.add(BigInteger.valueOf(size.signum() < 0 ? -1 : 1)).divide(BigInteger.TWO);
                }
                return size + " " + unit.name();
            }
            Unit next = UNITS.get(i + 1);
            int bits = next.bits() - unit.bits() - (next.round() ? 1 : 0) + (unit.round() ? 1 : 0);
            size = size.divide(BigInteger.ONE.shiftLeft(bits));
        }
        throw new AssertionError();
    }

    /** pg_size_bytes: a number (sign, decimals, exponent) and an optional unit, case-insensitive. */
    static long sizeBytes(String text) {
        String s = text.strip();
        int i = 0;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = i;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        if (i == digits) {
            throw invalidSize(text);
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int e = i + 1;
            if (e < s.length() && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
                e++;
            }
            int expDigits = e;
            while (e < s.length() && Character.isDigit(s.charAt(e))) {
                e++;
            }
            if (e > expDigits) {
                i = e;
            }
        }
        BigDecimal number;
        try {
            number = new BigDecimal(s.substring(0, i));
        } catch (NumberFormatException e) {
            throw invalidSize(text);
        }
        String unit = s.substring(i).strip();
        long multiplier = 1;
        if (!unit.isEmpty()) {
            multiplier = switch (unit.toLowerCase(Locale.ROOT)) {
                case "bytes" -> 1;
                case "kb" -> 1L << 10;
                case "mb" -> 1L << 20;
                case "gb" -> 1L << 30;
                case "tb" -> 1L << 40;
                case "pb" -> 1L << 50;
                default -> throw new SqlException(ErrorFields.of("ERROR", "22023", "invalid size: \"" + text + "\"")
                        .detail("Invalid size unit: \"" + unit + "\".")
                        .hint("Valid units are \"bytes\", \"kB\", \"MB\", \"GB\", \"TB\", and \"PB\".").build());
            };
        }
        BigDecimal bytes = number.multiply(BigDecimal.valueOf(multiplier)).setScale(0, RoundingMode.DOWN);
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException e) {
            throw new SqlException("22003", "bigint out of range");
        }
    }

    private static SqlException invalidSize(String text) {
        return new SqlException("22023", "invalid size: \"" + text + "\"");
    }
}
