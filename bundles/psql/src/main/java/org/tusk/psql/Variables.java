package org.tusk.psql;

import java.util.Locale;

/** psql's variable value parsing (variables.c): booleans as ParseVariableBool accepts them. */
final class Variables {

    private Variables() {
    }

    /**
     * ParseVariableBool: any prefix of true/false/yes/no, "on"/"off" (at least two letters, "o" alone is
     * ambiguous), 1 and 0, case-insensitive; null when the value is none of these.
     */
    static Boolean parseBool(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        int len = v.length();
        if (len > 0 && "true".startsWith(v)) {
            return true;
        }
        if (len > 0 && "false".startsWith(v)) {
            return false;
        }
        if (len > 0 && "yes".startsWith(v)) {
            return true;
        }
        if (len > 0 && "no".startsWith(v)) {
            return false;
        }
        if (len >= 2 && "on".startsWith(v)) {
            return true;
        }
        if (len >= 2 && "off".startsWith(v)) {
            return false;
        }
        if (v.equals("1")) {
            return true;
        }
        if (v.equals("0")) {
            return false;
        }
        return null;
    }
}
