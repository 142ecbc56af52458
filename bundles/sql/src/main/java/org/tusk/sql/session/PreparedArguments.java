package org.tusk.sql.session;

import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.TypeName;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.types.Casts;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeCatalog;

/**
 * The SQL-level side of prepared statements (prepare.c): the declared parameter types of PREPARE and
 * the argument values of EXECUTE. The statements themselves live in the session's table, shared with
 * the extended protocol's named statements as in PostgreSQL.
 */
final class PreparedArguments {
    private PreparedArguments() {
    }

    /** PREPARE's parameter types, resolved; {@code unknown} lets analysis infer the type as for Parse. */
    static SqlType[] declaredTypes(List<TypeName> names) {
        SqlType[] types = new SqlType[names.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = TypeCatalog.resolve(names.get(i)).type();
        }
        return types;
    }

    /**
     * EXECUTE's arguments (EvaluateParams): each expression analyzed with no columns in scope, converted to
     * its parameter's type by assignment rules (42804 otherwise) and computed.
     *
     * @param outer the parameters of the statement EXECUTE itself is part of (EXECUTE q($1) in Parse)
     */
    static Object[] evaluate(String name, SqlType[] types, List<Expr> args, EvalContext ctx, Parameters outer) {
        if (args.size() != types.length) {
            throw new SqlException(ErrorFields.of("ERROR", "42601", "wrong number of parameters for prepared "
                    + "statement \"" + name + "\"").detail("Expected " + types.length + " parameters but got "
                    + args.size() + ".").build());
        }
        Analyzer analyzer = new Analyzer(ctx, outer);
        Object[] values = new Object[types.length];
        for (int i = 0; i < values.length; i++) {
            Expr arg = args.get(i);
            Expression e = analyzer.transform(arg);
            Casts.Context c = Casts.context(e.type(), types[i]);
            if (e.type() != SqlType.UNKNOWN && e.type() != types[i] && (c == null || c == Casts.Context.EXPLICIT)) {
                throw new SqlException(ErrorFields.of("ERROR", "42804", "parameter $" + (i + 1) + " of type "
                        + e.type().displayName() + " cannot be coerced to the expected type "
                        + types[i].displayName()).hint("You will need to rewrite or cast the expression.")
                        .position(Analyzer.leftmost(arg)).build());
            }
            values[i] = analyzer.coerceTo(e, types[i], -1).eval(ctx);
        }
        return values;
    }
}
