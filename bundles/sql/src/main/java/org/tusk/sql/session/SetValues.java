package org.tusk.sql.session;

import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Statement.SetValue;
import org.tusk.sql.ast.Statement.ValueKind;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.settings.SessionSettings;

/**
 * Turns the values written in a SET statement into the one string a parameter takes
 * (flatten_set_variable_args): list parameters join their items with ", ", quoting names that need
 * it; other parameters accept exactly one value.
 */
public final class SetValues {

    private SetValues() {
    }

    public static String flatten(String name, List<SetValue> values) {
        if (!SessionSettings.isList(name)) {
            if (values.size() > 1) {
                throw new SqlException("22023", "SET " + name + " takes only one argument");
            }
            return values.getFirst().text();
        }
        StringBuilder b = new StringBuilder();
        for (SetValue v : values) {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            boolean quote = v.kind() != ValueKind.NUMBER && SessionSettings.quotesNames(name);
            b.append(quote ? Keywords.quoteIdentifier(v.text()) : v.text());
        }
        return b.toString();
    }
}
