package org.tusk.sql.eval;

import java.util.Locale;

import org.tusk.sql.ast.Expr;

/**
 * The name of a result column without an alias, by PostgreSQL's FigureColname rules: a column's name,
 * a function's name, the keyword of COALESCE/GREATEST/LEAST/NULLIF and of the SQL value functions are
 * strong choices; a cast's type name and "case" are weak ones that a strong name inside them beats;
 * anything else is "?column?".
 */
public final class ColumnNames {

    private record Choice(String name, int strength) {
    }

    private static final Choice NONE = new Choice(null, 0);

    private ColumnNames() {
    }

    public static String of(Expr e) {
        Choice c = figure(e);
        return c.strength() > 0 ? c.name() : "?column?";
    }

    private static Choice figure(Expr e) {
        if (e == null) {
            return NONE;
        }
        return switch (e) {
            case Expr.ColumnRef c -> new Choice(c.names().getLast(), 2);
            case Expr.FuncCall f -> new Choice(f.name().getLast(), 2);
            case Expr.TypeCast t -> {
                Choice inner = figure(t.arg());
                yield inner.strength() <= 1 ? new Choice(t.type().lastName(), 1) : inner;
            }
            case Expr.Case c -> {
                Choice inner = figure(c.otherwise());
                yield inner.strength() <= 1 ? new Choice("case", 1) : inner;
            }
            case Expr.Coalesce c -> new Choice("coalesce", 2);
            case Expr.MinMax m -> new Choice(m.greatest() ? "greatest" : "least", 2);
            case Expr.NullIf n -> new Choice("nullif", 2);
            case Expr.ArrayConstructor a -> new Choice("array", 2);
            case Expr.Subscript s -> figure(s.arg());
            case Expr.RowConstructor r -> new Choice("row", 2);
            case Expr.FieldSelection f -> f.field().equals("*") ? NONE : new Choice(f.field(), 2);
            case Expr.SqlValueFunction f -> new Choice(f.function().name().toLowerCase(Locale.ROOT), 2);
            case Expr.AggregateCall a -> new Choice(a.call().name().getLast(), 2);
            case Expr.WindowCall w -> new Choice(w.call().name().getLast(), 2);
            case Expr.SubLink l -> switch (l.kind()) {
                case EXISTS -> new Choice("exists", 2);
                case ARRAY -> new Choice("array", 2);
                case EXPR -> l.query().body() instanceof org.tusk.sql.ast.Query.SelectCore core
                        && core.targets().size() == 1 ? subqueryColumn(core.targets().getFirst()) : NONE;
                default -> NONE;
            };
            default -> NONE;
        };
    }

    private static Choice subqueryColumn(org.tusk.sql.ast.Statement.Target t) {
        return t.alias() != null ? new Choice(t.alias(), 2) : figure(t.expr());
    }
}
