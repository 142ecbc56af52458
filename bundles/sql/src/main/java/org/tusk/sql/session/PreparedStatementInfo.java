package org.tusk.sql.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.SqlType;

/**
 * What pg_prepared_statements shows of a prepared statement besides its name and parameter types: the text it
 * was prepared from (for SQL PREPARE the whole query string, as PostgreSQL keeps it), when, whether by SQL or by
 * the protocol's Parse, and how many times it was planned generically and with custom parameter values.
 *
 * <p>The plan counts follow plancache.c's choose_custom_plan: a statement without parameters always uses its
 * generic plan; one with parameters gets a custom plan for its first five executions and a generic one after
 * (PostgreSQL then compares the average custom cost with the generic cost; Tusk has no separate generic plan
 * costs and takes the generic plan, as PostgreSQL does whenever the generic plan is not dearer).
 */
final class PreparedStatementInfo {

    /** plancache.c: the number of custom plans made before a generic plan is considered. */
    private static final int CUSTOM_PLANS_FIRST = 5;

    private final String text;
    private final Instant prepareTime;
    private final boolean fromSql;
    private long genericPlans;
    private long customPlans;

    PreparedStatementInfo(String text, Instant prepareTime, boolean fromSql) {
        this.text = text;
        this.prepareTime = prepareTime;
        this.fromSql = fromSql;
    }

    /** The text the statement was prepared from (pg_stat_activity shows it while a Bind or Execute runs). */
    String text() {
        return text;
    }

    /** One execution (EXECUTE, or the protocol's Bind) of a statement with {@code parameters} parameters. */
    void planned(int parameters) {
        if (parameters == 0 || customPlans >= CUSTOM_PLANS_FIRST) {
            genericPlans++;
        } else {
            customPlans++;
        }
    }

    /** The pg_prepared_statement() row. */
    Object[] row(String name, SqlType[] parameterTypes) {
        List<Object> types = new ArrayList<>();
        for (SqlType t : parameterTypes) {
            types.add((long) t.oid());
        }
        return new Object[] {name, text, prepareTime, new ArrayValue(1, types), fromSql, genericPlans, customPlans};
    }
}
