package org.tusk.sql.ddl;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Locations;
import org.tusk.sql.partition.PartitionScheme;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.PartitionBound;
import org.tusk.sql.types.Casts;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeContext;
import org.tusk.sql.types.TypeOutput;

/**
 * A partition's bound as written turned into its stored form (parse_utilcmd.c's transformPartitionBound):
 * each value converted to its key column's type by assignment rules and computed, then checked against the
 * other partitions (partbounds.c's check_new_partition_bound) so that no two partitions take the same row.
 */
final class PartitionBounds {

    private PartitionBounds() {
    }

    /** The bound {@code spec} of a new partition {@code name} of a table partitioned by {@code scheme}. */
    static PartitionBound transform(DdlContext ctx, PartitionScheme scheme, DdlCommand.BoundSpec spec, String name) {
        char strategy = scheme.key().strategy();
        if (spec.strategy() == 'd') {
            if (strategy == 'h') {
                throw new SqlException("42P16", "a hash-partitioned table may not have a default partition");
            }
            return PartitionBound.DEFAULT;
        }
        if (spec.strategy() != strategy) {
            String kind = switch (strategy) {
                case 'r' -> "range";
                case 'l' -> "list";
                default -> "hash";
            };
            throw SqlException.at("42P16", "invalid bound specification for a " + kind + " partition", spec.position());
        }
        List<Column> key = scheme.keyColumns();
        return switch (strategy) {
            case 'h' -> {
                if (spec.modulus() <= 0) {
                    throw new SqlException("42P16", "modulus for hash partition must be an integer value greater than zero");
                }
                if (spec.remainder() >= spec.modulus()) {
                    throw new SqlException("42P16", "remainder for hash partition must be less than modulus");
                }
                yield new PartitionBound('h', List.of(), List.of(), List.of(), spec.modulus(), spec.remainder());
            }
            case 'l' -> {
                List<PartitionBound.Datum> values = new ArrayList<>();
                for (Expr e : spec.in()) {
                    PartitionBound.Datum d = datum(ctx, e, key.getFirst(), false);
                    if (!values.contains(d)) {
                        values.add(d);
                    }
                }
                yield new PartitionBound('l', List.of(), List.of(), values, 0, 0);
            }
            default -> {
                if (spec.from().size() != key.size()) {
                    throw SqlException.at("42P16", "FROM must specify exactly one value per partitioning column",
                            spec.position());
                }
                if (spec.to().size() != key.size()) {
                    throw SqlException.at("42P16", "TO must specify exactly one value per partitioning column",
                            spec.position());
                }
                yield new PartitionBound('r', range(ctx, spec.from(), key), range(ctx, spec.to(), key), List.of(), 0, 0);
            }
        };
    }

    private static List<PartitionBound.Datum> range(DdlContext ctx, List<Expr> exprs, List<Column> key) {
        List<PartitionBound.Datum> out = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            PartitionBound.Datum d = datum(ctx, exprs.get(i), key.get(i), true);
            if (d.kind() == 'n') {
                throw new SqlException("42P16", "cannot specify NULL in range bound");
            }
            out.add(d);
        }
        // After MINVALUE every datum must be MINVALUE, after MAXVALUE MAXVALUE (validateInfiniteBounds).
        for (int i = 1; i < out.size(); i++) {
            char before = out.get(i - 1).kind();
            if ((before == '-' || before == '+') && out.get(i).kind() != before) {
                throw SqlException.at("42P16", "every bound following " + (before == '-' ? "MINVALUE" : "MAXVALUE")
                        + " must also be " + (before == '-' ? "MINVALUE" : "MAXVALUE"),
                        Locations.leftmost(exprs.get(i)));
            }
        }
        return out;
    }

    /** One bound value: MINVALUE or MAXVALUE in a range, else a constant of the column's type. */
    private static PartitionBound.Datum datum(DdlContext ctx, Expr e, Column column, boolean range) {
        if (e instanceof Expr.ColumnRef ref) {
            String n = ref.names().size() == 1 ? ref.names().getFirst() : "";
            if (range && n.equals("minvalue")) {
                return new PartitionBound.Datum('-', null, false);
            }
            if (range && n.equals("maxvalue")) {
                return new PartitionBound.Datum('+', null, false);
            }
            throw SqlException.at("42P17", "cannot use column reference in partition bound expression", ref.position());
        }
        Analyzer analyzer = new Analyzer(ctx.session);
        Expression x = analyzer.transform(e);
        if (x.type() != column.type() && x.type() != SqlType.UNKNOWN) {
            Casts.Context c = Casts.context(x.type(), column.type());
            if (c == null || c == Casts.Context.EXPLICIT) {
                throw SqlException.at("42804", "specified value cannot be cast to type "
                        + column.type().displayName() + " for column \"" + column.name() + "\"", Locations.leftmost(e));
            }
        }
        x = analyzer.coerceToColumn(x, column.name(), column.type(), column.typmod(), Locations.leftmost(e));
        Object v = x.eval(ctx.session);
        if (v == null) {
            return new PartitionBound.Datum('n', null, false);
        }
        return new PartitionBound.Datum('v', TypeOutput.format(column.type(), v, iso(ctx.session)),
                numeric(column.type(), v));
    }

    /** Whether get_const_expr prints the value bare: a non-negative int4, a numeric with a point, a boolean. */
    private static boolean numeric(SqlType type, Object v) {
        return switch (type) {
            case INT4, BOOL -> true;
            case NUMERIC -> {
                String s = v.toString();
                yield s.contains(".") || s.contains("e") || s.contains("E");
            }
            default -> false;
        };
    }

    /** The session's conversions with ISO dates, the form the stored bound is read back in. */
    private static TypeContext iso(TypeContext session) {
        return new TypeContext() {
            @Override
            public java.time.ZoneId timeZone() {
                return session.timeZone();
            }

            @Override
            public int extraFloatDigits() {
                return session.extraFloatDigits();
            }

            @Override
            public boolean byteaOutputEscape() {
                return session.byteaOutputEscape();
            }

            @Override
            public java.time.Instant transactionStart() {
                return session.transactionStart();
            }
        };
    }

    /**
     * Refuses a new bound that shares rows with an existing partition (42P17 at the conflicting value), or a
     * second default partition.
     */
    static void checkOverlap(DdlContext ctx, PartitionScheme scheme, PartitionBound bound, String name,
            DdlCommand.BoundSpec spec) {
        if (bound.strategy() == 'd') {
            if (scheme.defaultPartition() != 0) {
                throw SqlException.at("42P17", "partition \"" + name + "\" conflicts with existing default partition \""
                        + ctx.cache.classRow(scheme.defaultPartition()).text("relname") + "\"", spec.position());
            }
            return;
        }
        PartitionScheme.Member fresh = scheme.member(0, bound, ctx.session);
        if (bound.strategy() == 'h') {
            checkModuli(ctx, scheme, bound);
        }
        if (bound.strategy() == 'r' && scheme.compare(fresh.lower(), fresh.upper()) >= 0) {
            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "42P17", "empty range bound specified for "
                    + "partition \"" + name + "\"").detail("Specified lower bound " + datums(bound.lower())
                    + " is greater than or equal to upper bound " + datums(bound.upper()) + ".")
                    .position(Locations.leftmost(spec.from().getFirst())).build());
        }
        for (PartitionScheme.Member m : scheme.members()) {
            int at = overlap(scheme, fresh, m, spec);
            if (at != 0) {
                throw SqlException.at("42P17", "partition \"" + name + "\" would overlap partition \""
                        + ctx.cache.classRow(m.oid()).text("relname") + "\"", at);
            }
        }
    }

    private static String datums(List<PartitionBound.Datum> datums) {
        return new PartitionBound('l', List.of(), List.of(), datums, 0, 0).text().substring("FOR VALUES IN ".length());
    }

    /** Where the new bound {@code fresh} meets member {@code m} (a statement position), 0 if they are apart. */
    private static int overlap(PartitionScheme scheme, PartitionScheme.Member fresh, PartitionScheme.Member m,
            DdlCommand.BoundSpec spec) {
        switch (scheme.key().strategy()) {
            case 'l' -> {
                for (int i = 0; i < fresh.values().size(); i++) {
                    Object v = fresh.values().get(i);
                    if (scheme.accepts(m, new Object[] {v})) {
                        return Locations.leftmost(spec.in().get(Math.min(i, spec.in().size() - 1)));
                    }
                }
                return 0;
            }
            case 'h' -> {
                int small = Math.min(fresh.bound().modulus(), m.bound().modulus());
                return fresh.bound().remainder() % small == m.bound().remainder() % small ? spec.position() : 0;
            }
            default -> {
                if (scheme.compare(fresh.lower(), fresh.upper()) >= 0) {
                    return 0; // an empty range is reported as such
                }
                boolean apart = scheme.compare(fresh.upper(), m.lower()) <= 0
                        || scheme.compare(m.upper(), fresh.lower()) <= 0;
                if (apart) {
                    return 0;
                }
                // PostgreSQL points at the new lower bound when it falls inside the other partition, else at
                // the upper bound that reaches into it.
                boolean lowerInside = scheme.compare(m.lower(), fresh.lower()) <= 0;
                return Locations.leftmost((lowerInside ? spec.from() : spec.to()).getFirst());
            }
        }
    }

    /** Hash moduli must each divide the next larger one (check_new_partition_bound's PARTITION_STRATEGY_HASH). */
    private static void checkModuli(DdlContext ctx, PartitionScheme scheme, PartitionBound bound) {
        int modulus = bound.modulus();
        PartitionScheme.Member smaller = null;
        PartitionScheme.Member larger = null;
        for (PartitionScheme.Member m : scheme.members()) {
            int other = m.bound().modulus();
            if (other <= modulus && (smaller == null || other > smaller.bound().modulus())) {
                smaller = m;
            }
            if (other > modulus && (larger == null || other < larger.bound().modulus())) {
                larger = m;
            }
        }
        if (smaller != null && modulus % smaller.bound().modulus() != 0) {
            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "42P17",
                    "every hash partition modulus must be a factor of the next larger modulus")
                    .detail("The new modulus " + modulus + " is not divisible by " + smaller.bound().modulus()
                            + ", the modulus of existing partition \"" + ctx.cache.classRow(smaller.oid())
                                    .text("relname") + "\".").build());
        }
        if (larger != null && larger.bound().modulus() % modulus != 0) {
            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "42P17",
                    "every hash partition modulus must be a factor of the next larger modulus")
                    .detail("The new modulus " + modulus + " is not a factor of " + larger.bound().modulus()
                            + ", the modulus of existing partition \"" + ctx.cache.classRow(larger.oid())
                                    .text("relname") + "\".").build());
        }
    }
}
