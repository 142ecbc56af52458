package org.tusk.sql.func;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.session.SetValues;
import org.tusk.sql.settings.SessionSettings;

/**
 * A routine's SET clauses in pg_proc.proconfig (functioncmds.c with guc.c's GUCArrayAdd and GUCArrayDelete):
 * each {@code SET name = value} is checked as SET would check it and kept as one {@code name=value} item,
 * replacing an item of the same parameter in place; {@code FROM CURRENT} stores the session's value now;
 * RESET removes one item or, RESET ALL, every one. An empty list is stored as NULL. pg_db_role_setting's
 * setconfig (ALTER ROLE/DATABASE ... SET) is the same kind of array, changed by the same rules.
 */
public final class FunctionConfig {

    private FunctionConfig() {
    }

    /** The proconfig value after {@code changes} (SET/RESET clauses) are applied to {@code config}. */
    public static List<String> apply(List<?> config, List<DdlCommand.RoutineChange> changes, EvalContext session) {
        List<String> items = new ArrayList<>();
        if (config != null) {
            config.forEach(o -> items.add(String.valueOf(o)));
        }
        boolean superuser = "on".equals(session.setting("is_superuser"));
        for (DdlCommand.RoutineChange c : changes) {
            switch (c.action()) {
                case "set" -> put(items, SessionSettings.functionSetting(c.value(),
                        SetValues.flatten(c.value(), c.values()), superuser));
                case "set-current" -> put(items, SessionSettings.functionSetting(c.value(),
                        session.setting(c.value()), superuser));
                case "reset" -> {
                    if (c.value() == null) {
                        items.clear();
                    } else {
                        String name = SessionSettings.canonicalName(c.value());
                        items.removeIf(i -> sameName(i, name));
                    }
                }
                default -> throw new IllegalStateException(c.action());
            }
        }
        return items.isEmpty() ? null : items;
    }

    /** Whether a change is one of the SET clauses this class applies. */
    static boolean isSetClause(DdlCommand.RoutineChange c) {
        return c.action().equals("set") || c.action().equals("set-current") || c.action().equals("reset");
    }

    private static void put(List<String> items, String item) {
        String name = item.substring(0, item.indexOf('='));
        for (int i = 0; i < items.size(); i++) {
            if (sameName(items.get(i), name)) {
                items.set(i, item);
                return;
            }
        }
        items.add(item);
    }

    private static boolean sameName(String item, String name) {
        int eq = item.indexOf('=');
        return eq >= 0 && item.substring(0, eq).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
    }
}
