package org.tusk.sql.func;

import java.util.ArrayList;
import java.util.List;

/**
 * How argument defaults are kept in pg_proc.proargdefaults. PostgreSQL stores a node tree there; Tusk
 * keeps the defaults' SQL texts (as it keeps column defaults), written as a text array literal
 * ({@code {"1","'x'::text"}}) so that each text comes back whole whatever it contains.
 */
final class DefaultList {
    private DefaultList() {
    }

    static String format(List<String> texts) {
        if (texts.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder("{");
        for (String t : texts) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"').append(t.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return b.append('}').toString();
    }

    static List<String> parse(String stored) {
        List<String> out = new ArrayList<>();
        if (stored == null || stored.length() < 2) {
            return out;
        }
        StringBuilder cur = null;
        for (int i = 1; i < stored.length() - 1; i++) {
            char c = stored.charAt(i);
            if (cur == null) {
                if (c == '"') {
                    cur = new StringBuilder();
                }
            } else if (c == '\\') {
                cur.append(stored.charAt(++i));
            } else if (c == '"') {
                out.add(cur.toString());
                cur = null;
            } else {
                cur.append(c);
            }
        }
        return out;
    }
}
