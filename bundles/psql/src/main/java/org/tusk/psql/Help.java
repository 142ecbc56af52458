package org.tusk.psql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * psql's three help texts: {@code \?} (backslash commands), {@code \? options} (the command line, also
 * {@code --help}) and {@code \? variables}. They are psql 15's user-visible text, kept byte for byte in
 * resources next to this class; only the few values psql fills in at run time (the current settings,
 * the connection defaults) are {@code ${name}} placeholders here.
 */
final class Help {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

    private Help() {
    }

    /** {@code \?} or {@code \? commands}, with the current settings psql shows in parentheses. */
    static String commands(PrintOptions print, boolean timing, String database) {
        return fill(resource("help-commands.txt"), Map.of(
                "html", onOff(print.format == PrintOptions.Format.HTML),
                "tuples_only", onOff(print.tuplesOnly),
                "expanded", switch (print.expanded) {
                    case ON -> "on";
                    case OFF -> "off";
                    case AUTO -> "auto";
                },
                "timing", onOff(timing),
                "connection", database == null ? "no connection" : "\"" + database + "\""));
    }

    /**
     * {@code \? options} and {@code psql --help}: the defaults shown are those a connection would use, from
     * the PG* variables and the operating-system user, as psql's usage text shows them.
     */
    static String options(org.tusk.client.ClientEnvironment env) {
        String user = env.getenv("PGUSER") != null ? env.getenv("PGUSER") : env.osUserName();
        String db = env.getenv("PGDATABASE") != null ? env.getenv("PGDATABASE") : user;
        return fill(resource("help-options.txt"), Map.of(
                "dbname", db,
                "host", env.getenv("PGHOST") != null ? env.getenv("PGHOST") : "local socket",
                "port", env.getenv("PGPORT") != null ? env.getenv("PGPORT") : "5432",
                "user", user));
    }

    /** {@code \? variables}. */
    static String variables() {
        return resource("help-variables.txt");
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }

    private static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder b = new StringBuilder(text.length() + 64);
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("help text names an unknown value " + m.group());
            }
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** A text resource of this package, read as UTF-8. */
    static String resource(String name) {
        try (InputStream in = Help.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
