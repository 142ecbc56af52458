package org.tusk.sql.ddl;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;

/**
 * A view's reloptions (CREATE VIEW ... WITH (...), WITH CHECK OPTION, ALTER VIEW ... SET/RESET), checked as
 * PostgreSQL's view_reloptions does: {@code check_option} is "local" or "cascaded", {@code security_barrier}
 * a boolean, nothing else, each once (22023). They are kept as written, in pg_class.reloptions, where psql's
 * {@code \d+} and the rewriting of INSERT/UPDATE on the view read them.
 */
final class ViewOptions {

    private ViewOptions() {
    }

    /** {@code options} ("name=value") after checking them. */
    static List<String> check(List<String> options) {
        List<String> names = new ArrayList<>();
        for (String o : options) {
            int eq = o.indexOf('=');
            String name = eq < 0 ? o : o.substring(0, eq);
            String value = eq < 0 ? "true" : o.substring(eq + 1);
            switch (name) {
                case "check_option" -> {
                    if (!value.equalsIgnoreCase("local") && !value.equalsIgnoreCase("cascaded")) {
                        throw new SqlException(ErrorFields.of("ERROR", "22023", "invalid value for enum option "
                                + "\"check_option\": " + value).detail("Valid values are \"local\" and \"cascaded\".")
                                .build());
                    }
                }
                case "security_barrier" -> {
                    try {
                        org.tusk.sql.types.TypeInput.parseBool(value);
                    } catch (SqlException e) {
                        throw new SqlException("22023", "invalid value for boolean option \"security_barrier\": "
                                + value);
                    }
                }
                default -> throw new SqlException("22023", "unrecognized parameter \"" + name + "\"");
            }
            if (names.contains(name)) {
                throw new SqlException("22023", "parameter \"" + name + "\" specified more than once");
            }
            names.add(name);
        }
        return List.copyOf(options);
    }
}
