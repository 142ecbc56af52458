package org.tusk.sql.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Expr.LiteralKind;

/**
 * Named notation in a function call ({@code make_interval(days => 10)}) for the built-in functions whose
 * parameters have names and defaults in pg_proc. The call is rewritten to positional notation here, the
 * omitted trailing parameters filled with their defaults, so that the rest of the engine sees an ordinary
 * call. Functions not listed have no parameter names, and named notation is refused for them.
 */
final class NamedArguments {
    /** A parameter: its name (proargnames) and its default as a literal (proargdefaults), or null. */
    private record Parameter(String name, LiteralKind kind, String defaultValue) {
    }

    private static final Map<String, List<Parameter>> PARAMETERS = Map.of(
            "make_interval", List.of(new Parameter("years", LiteralKind.INTEGER, "0"),
                    new Parameter("months", LiteralKind.INTEGER, "0"),
                    new Parameter("weeks", LiteralKind.INTEGER, "0"),
                    new Parameter("days", LiteralKind.INTEGER, "0"),
                    new Parameter("hours", LiteralKind.INTEGER, "0"),
                    new Parameter("mins", LiteralKind.INTEGER, "0"),
                    new Parameter("secs", LiteralKind.DECIMAL, "0.0")));

    private NamedArguments() {
    }

    /** Whether the parser rewrites named notation for this (built-in) function itself. */
    static boolean handles(List<String> function) {
        return function.size() == 1 && PARAMETERS.containsKey(function.getFirst());
    }

    /**
     * The positional arguments of a call written with {@code names} (null for a positional argument, which
     * must come before the named ones).
     */
    static List<Expr> positional(List<String> function, List<String> names, List<Expr> args, int position) {
        List<Parameter> params = function.size() == 1 ? PARAMETERS.get(function.getFirst()) : null;
        if (params == null) {
            throw SqlException.at("0A000", "named arguments are not supported for function "
                    + String.join(".", function), position);
        }
        Expr[] slots = new Expr[params.size()];
        int last = -1;
        for (int i = 0; i < args.size(); i++) {
            int slot = i;
            if (names.get(i) != null) {
                slot = -1;
                for (int k = 0; k < params.size(); k++) {
                    if (params.get(k).name().equals(names.get(i))) {
                        slot = k;
                    }
                }
            }
            if (slot < 0 || slot >= slots.length || slots[slot] != null) {
                throw noSuchFunction(function, names, args, position);
            }
            slots[slot] = args.get(i);
            last = Math.max(last, slot);
        }
        List<Expr> out = new ArrayList<>();
        // A parameter without a default may not be left out (none of the listed functions has one yet).
        for (int k = 0; k <= last; k++) {
            Parameter p = params.get(k);
            out.add(slots[k] != null ? slots[k] : new Expr.Literal(p.kind(), p.defaultValue(), -1));
        }
        return out;
    }

    /**
     * No such parameter, or one given twice: no function matches, reported as PostgreSQL does, with the
     * call's signature. The parser knows the types of constants only; other arguments show as "unknown".
     */
    private static SqlException noSuchFunction(List<String> function, List<String> names, List<Expr> args,
            int position) {
        StringBuilder sig = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            sig.append(i == 0 ? "" : ", ").append(names.get(i) == null ? "" : names.get(i) + " => ")
                    .append(typeOf(args.get(i)));
        }
        return new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "42883", "function "
                + String.join(".", function) + "(" + sig + ") does not exist")
                .hint("No function matches the given name and argument types. You might need to add explicit type"
                        + " casts.")
                .position(position).build());
    }

    private static String typeOf(Expr e) {
        if (e instanceof Expr.Literal lit) {
            return switch (lit.kind()) {
                case INTEGER -> {
                    try {
                        long v = Long.parseLong(lit.text());
                        yield v == (int) v ? "integer" : "bigint";
                    } catch (NumberFormatException tooLong) {
                        yield "numeric";
                    }
                }
                case DECIMAL -> "numeric";
                default -> "unknown";
            };
        }
        return "unknown";
    }
}
