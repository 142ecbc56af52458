package org.tusk.sql.eval;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.catalog.Domains;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.types.SqlType;

/**
 * The run-time side of domains (PostgreSQL's CoerceToDomain and domain_check): a value of a domain is a
 * value of its base type that passes the domain's NOT NULL and CHECK constraints, and those of the domain
 * it is defined over, innermost first. A condition's VALUE is a variable of its own row slot, which
 * {@link RuleText} prints back as VALUE.
 */
public final class DomainValues {

    /** The name of the row slot whose only variable is a domain condition's VALUE. */
    static final String SLOT = "\u0001VALUE";

    private DomainValues() {
    }

    /** A domain's conditions analyzed once (per statement), tested against each value written. */
    public static final class Checker {
        private final List<Domains.Domain> chain = new ArrayList<>();
        private final List<List<Expression>> conditions = new ArrayList<>();
        private final RowSlot slot = new RowSlot(SLOT);

        public Checker(Domains.Domain domain, EvalContext ctx) {
            for (Domains.Domain d = domain; d != null; d = d.parent()) {
                chain.addFirst(d);
            }
            for (Domains.Domain d : chain) {
                List<Expression> list = new ArrayList<>();
                for (Domains.Check c : d.checks()) {
                    list.add(condition(ctx, c.sql(), slot, d));
                }
                conditions.add(list);
            }
        }

        /** Raises 23502 or 23514 unless {@code value} (of the base type) is a value of the domain. */
        public void check(Object value, EvalContext ctx) {
            // Messages name the domain the value is converted to, whichever level the constraint is of.
            String domain = chain.getLast().name();
            for (int i = 0; i < chain.size(); i++) {
                Domains.Domain d = chain.get(i);
                if (value == null) {
                    if (d.notNull()) {
                        throw new SqlException(ErrorFields.of("ERROR", "23502", "domain " + domain
                                + " does not allow null values").set(ErrorFields.DATA_TYPE, domain).build());
                    }
                    continue;
                }
                List<Expression> list = conditions.get(i);
                for (int k = 0; k < list.size(); k++) {
                    slot.set(new Object[] {value});
                    if (Boolean.FALSE.equals(list.get(k).eval(ctx))) {
                        String name = d.checks().get(k).name();
                        throw new SqlException(ErrorFields.of("ERROR", "23514", "value for domain " + domain
                                + " violates check constraint \"" + name + "\"")
                                .set(ErrorFields.DATA_TYPE, domain).set(ErrorFields.CONSTRAINT, name).build());
                    }
                }
            }
        }
    }

    /** A domain CHECK condition analyzed with VALUE as a variable of the domain's base type. */
    public static Expression condition(EvalContext ctx, String sql, RowSlot slot, Domains.Domain d) {
        return analyzer(ctx, slot, d.base(), d.typmod(), d.parent() != null)
                .transformCondition(Parser.parseExpression(sql), "CHECK");
    }

    /**
     * An analyzer whose only column is VALUE (of {@code base}), as in a domain's conditions. Over another
     * domain, VALUE is of that domain, which operators see through a conversion to the base type: PostgreSQL
     * prints it ({@code (VALUE)::integer}), so it is an explicit cast here.
     */
    private static Analyzer analyzer(EvalContext ctx, RowSlot slot, SqlType base, int typmod, boolean overDomain) {
        return new Analyzer(ctx, Parameters.none()).withScope((names, position) -> {
            if (names.size() != 1 || !names.getFirst().equals("value")) {
                return null;
            }
            Expression value = new Expression.Var(slot, 0, base, typmod, "VALUE");
            return overDomain ? new Expression.Cast(value, base, -1, true) : value;
        });
    }

    /** A new row slot for {@link #analyzer}. */
    public static RowSlot valueSlot() {
        return new RowSlot(SLOT);
    }

    /**
     * {@code x::domain}: the value converted to the base type, then checked (a call that is never folded, so
     * the check runs when the statement does, as PostgreSQL's CoerceToDomain does).
     */
    static Expression cast(Expression converted, Domains.Domain d) {
        Routine.Body body = new Routine.Body() {
            private Checker checker;

            @Override
            public Object apply(Object[] args, EvalContext ctx) {
                if (checker == null) {
                    checker = new Checker(d, ctx);
                }
                checker.check(args[0], ctx);
                return args[0];
            }

            @Override
            public boolean foldable() {
                return false;
            }
        };
        return new Expression.Call(new Routine(d.name(), List.of(d.base()), d.base(), false, body),
                List.of(converted));
    }

    /**
     * A domain default as pg_type.typdefault keeps it: analyzed, converted to the base type (errors as
     * PostgreSQL's cookDefault gives them) and printed back ({@code 'x'::text} for {@code DEFAULT 'x'}).
     */
    public static String defaultText(EvalContext ctx, org.tusk.sql.ast.Expr e, String sql, SqlType base,
            int typmod) {
        Analyzer analyzer = new Analyzer(ctx, Parameters.none());
        Expression x = analyzer.transformAs(e, base, "DEFAULT");
        try {
            return RuleText.of(x, false, ctx);
        } catch (RuleText.Unsupported unsupported) {
            return sql;
        }
    }

    /** pg_get_constraintdef of a domain's CHECK: the condition as PostgreSQL prints it, VALUE and all. */
    static String checkText(EvalContext ctx, String sql, Domains.Domain d, boolean pretty) {
        try {
            return "CHECK (" + RuleText.of(condition(ctx, sql, valueSlot(), d), pretty, ctx) + ")";
        } catch (RuleText.Unsupported | SqlException e) {
            return "CHECK (" + sql + ")";
        }
    }
}
