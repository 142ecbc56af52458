package org.tusk.psql;

import java.util.HashMap;
import java.util.Map;

import org.tusk.client.Result;

/**
 * The \d commands that list one kind of catalog object with a single query ({@code \dx}, {@code \dp},
 * {@code \dconfig}, {@code \dL}, {@code \dD}, {@code \do}, {@code \dF*}, {@code \dA*}, {@code \des} ...):
 * the query texts are psql 15's own, captured from it with {@code -E} against PostgreSQL 15 and kept in
 * {@code describe-lists.txt}, one per command, flags and kind of pattern (none, a name, a dotted name), with
 * the pattern's regular expressions filled in as psql's processSQLNamePattern makes them. The result is
 * printed with psql's title and the default footer, as describe.c's printQuery does.
 */
final class CatalogLists {

    /** One captured section: the title, psql's error instead of a query, the message for no rows, the SQL. */
    private record Entry(String title, String error, String empty, String sql) {
    }

    private static final Map<String, Entry> ENTRIES = load();

    private final Session session;

    CatalogLists(Session session) {
        this.session = session;
    }

    /** psql's order of a command's flags: the letters, then S, then +. */
    static String normalize(String cmd) {
        // no command name of this family has a capital S of its own
        String base = cmd.replace("S", "").replace("+", "");
        return base + (cmd.contains("S") ? "S" : "") + (cmd.contains("+") ? "+" : "");
    }

    /** Whether {@code cmd} is one of these commands. */
    static boolean handles(String cmd) {
        return ENTRIES.containsKey(normalize(cmd) + " none");
    }

    /** Runs {@code cmd} with an optional pattern; false after an error (reported). */
    boolean run(String cmd, String pattern) {
        String key = normalize(cmd);
        Entry e;
        Patterns.Parsed p = null;
        if (pattern == null) {
            e = ENTRIES.get(key + " none");
        } else {
            p = Patterns.parse(pattern);
            e = ENTRIES.get(key + (p.schema() != null ? " schema" : " name"));
        }
        if (e == null) {
            session.error("invalid command \\" + cmd);
            return false;
        }
        if (e.error() != null) {
            session.error(e.error().replace("<<P>>", pattern == null ? "" : pattern));
            return false;
        }
        String sql = e.sql();
        if (p != null) {
            sql = sql.replace("<<N>>", Patterns.literal(p.name()));
            if (p.schema() != null) {
                sql = sql.replace("<<S>>", Patterns.literal(p.schema()));
            }
            sql = sql.replace("<<D>>", Patterns.literal(Patterns.parse(pattern, false).name()));
        }
        Result r = session.internalQuery(sql);
        if (r == null) {
            return false;
        }
        if (r.rows().isEmpty() && e.empty() != null) {
            if (!session.quiet) {
                session.error(e.empty().replace("<<P>>", pattern == null ? "" : pattern));
            }
            return true;
        }
        session.printTable(PrintTable.of(r, e.title(), session.print.nullPrint));
        return true;
    }

    private static Map<String, Entry> load() {
        Map<String, Entry> map = new HashMap<>();
        String text = Help.resource("describe-lists.txt");
        String key = null;
        String title = null;
        String error = null;
        String empty = null;
        StringBuilder sql = new StringBuilder();
        for (String line : (text + "#### end\n").split("\n", -1)) {
            if (line.startsWith("#### ")) {
                if (key != null) {
                    String q = sql.toString();
                    map.put(key, new Entry(title, error, empty, q.endsWith("\n") ? q.substring(0, q.length() - 1) : q));
                }
                key = line.substring(5);
                title = null;
                error = null;
                empty = null;
                sql.setLength(0);
            } else if (key == null) {
                continue; // the file's header comment
            } else if (line.startsWith("@title ")) {
                title = line.substring(7);
            } else if (line.startsWith("@error ")) {
                error = line.substring(7);
            } else if (line.startsWith("@empty ")) {
                empty = line.substring(7);
            } else {
                sql.append(line).append('\n');
            }
        }
        return map;
    }
}
