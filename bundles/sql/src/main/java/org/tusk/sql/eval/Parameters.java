package org.tusk.sql.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.types.SqlType;

/**
 * The {@code $n} parameters an analysis may refer to (PostgreSQL's parse_param.c): none (a simple
 * query, where {@code $1} is 42P02), variable (Parse: declared types, the rest inferred from context
 * as analysis coerces them, more parameters allowed than declared), or bound (Execute: fixed types and
 * values).
 */
public final class Parameters {
    private final List<SqlType> types;
    private final boolean variable;
    private final Object[] values;

    private Parameters(List<SqlType> types, boolean variable, Object[] values) {
        this.types = types;
        this.variable = variable;
        this.values = values;
    }

    public static Parameters none() {
        return new Parameters(new ArrayList<>(), false, new Object[0]);
    }

    /** For Parse: {@code declared} types, UNKNOWN where unspecified. */
    public static Parameters variable(SqlType[] declared) {
        return new Parameters(new ArrayList<>(Arrays.asList(declared)), true, null);
    }

    /** For execution: the statement's types and the portal's values. */
    public static Parameters bound(SqlType[] types, Object[] values) {
        return new Parameters(new ArrayList<>(Arrays.asList(types)), false, values);
    }

    /** The types as they stand (after analysis: declared or inferred, UNKNOWN where still undecided). */
    public SqlType[] types() {
        return types.toArray(SqlType[]::new);
    }

    Expression reference(int number, int position) {
        if (number < 1 || number > types.size()) {
            if (!variable || number < 1 || number > 65535) {
                throw SqlException.at("42P02", "there is no parameter $" + number, position);
            }
            while (types.size() < number) {
                types.add(SqlType.UNKNOWN);
            }
        }
        return new Expression.Param(number, this);
    }

    SqlType type(int number) {
        return types.get(number - 1);
    }

    /** Context decided the type of a parameter of unknown type (coerce_type on an unknown Param). */
    void resolve(int number, SqlType type) {
        types.set(number - 1, type);
    }

    Object value(int number) {
        return values[number - 1];
    }
}
