package org.tusk.psql;

import java.util.List;

import org.tusk.client.PgException;
import org.tusk.client.Result;
import org.tusk.client.ServerException;

/**
 * The CREATE command of a function or view, as psql's {@code \sf}, {@code \sv}, {@code \ef} and
 * {@code \ev} get it (lookup_object_oid and get_create_object_cmd in command.c): the name is cast to
 * regproc, regprocedure or regclass for its OID, then pg_get_functiondef, or pg_get_viewdef with the
 * view's options and check option put around it. Both queries are the texts psql 15 sends; their
 * errors are reported in psql's short form ({@code error: ERROR:  message}).
 */
final class ObjectSource {

    /** psql's EditableObjectType. */
    enum Kind { FUNCTION, VIEW }

    private final Session session;

    ObjectSource(Session session) {
        this.session = session;
    }

    /** The object's CREATE command ending with a newline, or null after an error (reported). */
    String createCommand(Kind kind, String description) {
        String lookup = "SELECT " + Quoting.literal(description) + "::pg_catalog."
                + (kind == Kind.VIEW ? "regclass" : description.contains("(") ? "regprocedure" : "regproc")
                + "::pg_catalog.oid";
        Result r = query(lookup);
        if (r == null) {
            return null;
        }
        String oid = r.rows().getFirst().getString(0);
        if (kind == Kind.FUNCTION) {
            r = query("SELECT pg_catalog.pg_get_functiondef(" + oid + ")");
            if (r == null) {
                return null;
            }
            return withNewline(r.rows().getFirst().getString(0));
        }
        r = query("SELECT nspname, relname, relkind, pg_catalog.pg_get_viewdef(c.oid, true), "
                + "pg_catalog.array_remove(pg_catalog.array_remove(c.reloptions,'check_option=local'),"
                + "'check_option=cascaded') AS reloptions, "
                + "CASE WHEN 'check_option=local' = ANY (c.reloptions) THEN 'LOCAL'::text "
                + "WHEN 'check_option=cascaded' = ANY (c.reloptions) THEN 'CASCADED'::text ELSE NULL END AS checkoption "
                + "FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON c.relnamespace = n.oid "
                + "WHERE c.oid = " + oid);
        if (r == null) {
            return null;
        }
        org.tusk.client.Row row = r.rows().getFirst();
        String nspname = row.getString(0);
        String relname = row.getString(1);
        String relkind = row.getString(2);
        if (!"v".equals(relkind)) {
            session.error("\"" + nspname + "." + relname + "\" is not a view");
            return null;
        }
        StringBuilder b = new StringBuilder("CREATE OR REPLACE VIEW ");
        b.append(Quoting.fmtId(nspname)).append('.').append(Quoting.fmtId(relname));
        String reloptions = row.getString(4);
        if (reloptions != null && reloptions.length() > 2) {
            b.append("\n WITH (").append(reloptionsList(reloptions)).append(')');
        }
        b.append(" AS\n").append(row.isNull(3) ? "" : row.getString(3));
        if (b.charAt(b.length() - 1) == ';') {
            b.setLength(b.length() - 1);
        }
        String checkOption = row.getString(5);
        if (checkOption != null && !checkOption.isEmpty()) {
            b.append("\n WITH ").append(checkOption).append(" CHECK OPTION");
        }
        return withNewline(b.toString());
    }

    private static String withNewline(String s) {
        return s == null ? "\n" : s.isEmpty() || s.endsWith("\n") ? s : s + "\n";
    }

    /**
     * psql's appendReloptionsArray for a text array like {@code {security_barrier=true}}: {@code name=value}
     * pairs, the value quoted as a literal unless it is a plain identifier.
     */
    static String reloptionsList(String array) {
        StringBuilder b = new StringBuilder();
        List<String> items = arrayElements(array);
        for (int i = 0; i < items.size(); i++) {
            String option = items.get(i);
            int eq = option.indexOf('=');
            String name = eq < 0 ? option : option.substring(0, eq);
            String value = eq < 0 ? "" : option.substring(eq + 1);
            if (i > 0) {
                b.append(", ");
            }
            b.append(Quoting.fmtId(name)).append('=');
            b.append(Quoting.fmtId(value).equals(value) ? value : Quoting.literal(value).strip());
        }
        return b.toString();
    }

    /** A query sent as psql's lookup queries are: echoed with ECHO_HIDDEN, one row expected. */
    private Result query(String sql) {
        session.echoHidden(sql);
        try {
            List<Result> results = session.connection.query(sql);
            Result r = results.isEmpty() ? null : results.getLast();
            if (r != null && r.rows().size() == 1) {
                return r;
            }
            session.error("ERROR:  (not available)");
            return null;
        } catch (ServerException e) {
            session.error((e.severity() == null ? "ERROR" : e.severity()) + ":  " + e.serverMessage());
            return null;
        } catch (PgException e) {
            session.error(e.getMessage());
            return null;
        }
    }

    /**
     * psql's print_with_linenumbers: for a function, the header lines (up to one starting with "AS ",
     * "BEGIN " or "RETURN ") are indented, the body lines numbered from 1; a view's lines are all numbered.
     */
    static String withLineNumbers(String text, boolean function) {
        StringBuilder out = new StringBuilder();
        boolean inHeader = function;
        int lineno = 0;
        String[] lines = text.split("\n", -1);
        int n = text.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < n; i++) {
            String line = lines[i];
            if (inHeader && (line.startsWith("AS ") || line.startsWith("BEGIN ") || line.startsWith("RETURN "))) {
                inHeader = false;
            }
            if (inHeader) {
                out.append("        ").append(line).append('\n');
            } else {
                lineno++;
                out.append(String.format(java.util.Locale.ROOT, "%-7d %s%n", lineno, line));
            }
        }
        return out.toString();
    }

    /** The elements of a one-dimensional text array's output ({@code {a,"b c"}}), quotes and escapes removed. */
    static List<String> arrayElements(String array) {
        List<String> out = new java.util.ArrayList<>();
        String body = array.substring(1, array.length() - 1);
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                b.append(body.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(b.toString());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        out.add(b.toString());
        return out;
    }
}
