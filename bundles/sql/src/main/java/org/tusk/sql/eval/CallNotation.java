package org.tusk.sql.eval;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.Casts;
import org.tusk.sql.types.SqlType;

/**
 * The parts of function call resolution that depend on the routine's parameters rather than only on the
 * argument types (PostgreSQL's FuncnameGetCandidates with expand_variadic and named arguments):
 * <ul>
 * <li>a VARIADIC function is offered in its expanded form, one parameter of the element type for each
 * trailing argument, whose call collects those arguments into the array the function receives;</li>
 * <li>a call in named notation ({@code f(b => 1)}) or with an argument marked VARIADIC is matched against
 * each candidate's parameter names, reordered into positional order, and then resolved by type.</li>
 * </ul>
 * A parameter left out in named notation must be a trailing one with a default (the routines offered for
 * defaults take a prefix of the parameters); PostgreSQL also allows leaving out a middle one.
 */
final class CallNotation {
    private CallNotation() {
    }

    /** The candidates with each variadic routine replaced by its expanded form for {@code count} arguments. */
    static List<Routine> expandVariadic(List<Routine> candidates, int count) {
        if (candidates.stream().noneMatch(r -> r.body().variadic())) {
            return candidates;
        }
        List<Routine> out = new ArrayList<>();
        for (Routine r : candidates) {
            if (!r.body().variadic()) {
                out.add(r);
                continue;
            }
            int fixed = r.args().size() - 1;
            if (count <= fixed) {
                continue;
            }
            SqlType element = r.args().getLast().elementType();
            List<SqlType> args = new ArrayList<>(r.args().subList(0, fixed));
            for (int i = fixed; i < count; i++) {
                args.add(element);
            }
            out.add(new Routine(r.name(), args, r.result(), false, new Packed(r.body(), fixed)));
        }
        return out;
    }

    /** A call with named or VARIADIC-marked arguments. */
    static Expression call(Analyzer analyzer, Expr.FuncCall f, List<Routine> candidates) {
        List<Expr> raw = f.args();
        List<Expression> values = new ArrayList<>();
        for (Expr e : raw) {
            values.add(analyzer.transform(e instanceof Expr.CallArg c ? c.value() : e));
        }
        boolean variadicMarked = raw.getLast() instanceof Expr.CallArg c && c.variadic();
        Routine exact = null;
        List<Routine> reachable = new ArrayList<>();
        List<List<Expression>> orders = new ArrayList<>();
        List<Expression> exactOrder = null;
        for (Routine r : candidates) {
            if (variadicMarked != r.body().variadic() || r.args().size() != raw.size()) {
                continue;
            }
            List<Expression> ordered = order(r, raw, values);
            if (ordered == null) {
                continue;
            }
            List<SqlType> types = ordered.stream().map(Expression::type).toList();
            if (types.equals(r.args())) {
                exact = r;
                exactOrder = ordered;
                break;
            }
            boolean ok = true;
            for (int i = 0; i < types.size() && ok; i++) {
                ok = Casts.canCoerceImplicitly(types.get(i), r.args().get(i));
            }
            if (ok) {
                reachable.add(r);
                orders.add(ordered);
            }
        }
        if (exact == null && reachable.size() > 1) {
            throw new SqlException(ErrorFields.of("ERROR", "42725", "function " + description(f, values)
                    + " is not unique").hint("Could not choose a best candidate function. You might need to add "
                            + "explicit type casts.").position(f.position()).build());
        }
        if (exact == null && reachable.isEmpty()) {
            throw new SqlException(ErrorFields.of("ERROR", "42883", "function " + description(f, values)
                    + " does not exist").hint("No function matches the given name and argument types. You might need"
                            + " to add explicit type casts.").position(f.position()).build());
        }
        Routine r = exact != null ? exact : reachable.getFirst();
        List<Expression> ordered = exact != null ? exactOrder : orders.getFirst();
        if (r.body().procedure()) {
            throw new SqlException(ErrorFields.of("ERROR", "42809", description(f, values) + " is a procedure")
                    .hint("To call a procedure, use CALL.").position(f.position()).build());
        }
        List<Expression> converted = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            converted.add(analyzer.coerceTo(ordered.get(i), r.args().get(i), -1));
        }
        return new Expression.Call(r, converted);
    }

    /** The arguments in the routine's parameter order, or null when the names do not fit its parameters. */
    private static List<Expression> order(Routine r, List<Expr> raw, List<Expression> values) {
        List<String> names = r.body().argNames();
        Expression[] slots = new Expression[r.args().size()];
        for (int i = 0; i < raw.size(); i++) {
            int slot = i;
            if (raw.get(i) instanceof Expr.CallArg c && c.name() != null) {
                slot = names == null ? -1 : names.indexOf(c.name());
            }
            if (slot < 0 || slots[slot] != null) {
                return null;
            }
            slots[slot] = values.get(i);
        }
        return List.of(slots);
    }

    /** func_signature_string: the call as written, "f(a => integer, VARIADIC integer[])". */
    private static String description(Expr.FuncCall f, List<Expression> values) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String part = values.get(i).type().displayName();
            if (f.args().get(i) instanceof Expr.CallArg c) {
                part = (c.variadic() ? "VARIADIC " : "") + (c.name() == null ? "" : c.name() + " => ") + part;
            }
            parts.add(part);
        }
        return String.join(".", f.name()) + "(" + String.join(", ", parts) + ")";
    }

    /** The expanded form's body: the trailing arguments become one array, then the routine runs. */
    private record Packed(Routine.Body body, int fixed) implements Routine.Body {
        @Override
        public Object apply(Object[] args, EvalContext ctx) {
            Object[] packed = new Object[fixed + 1];
            System.arraycopy(args, 0, packed, 0, fixed);
            List<Object> elements = new ArrayList<>();
            for (int i = fixed; i < args.length; i++) {
                elements.add(args[i]);
            }
            packed[fixed] = new ArrayValue(1, elements);
            return body.apply(packed, ctx);
        }

        @Override
        public boolean foldable() {
            return body.foldable();
        }

        @Override
        public boolean procedure() {
            return body.procedure();
        }
    }
}
