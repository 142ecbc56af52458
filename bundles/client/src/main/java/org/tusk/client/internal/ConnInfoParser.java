package org.tusk.client.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.tusk.client.PgException;

/**
 * libpq's conninfo_parse and conninfo_uri_parse_options: keyword/value strings and
 * {@code postgresql://} URIs, with libpq's error messages.
 */
public final class ConnInfoParser {

    /** The keywords of PostgreSQL 15's libpq (PQconninfoOptions). */
    public static final Set<String> KEYWORDS = Set.of("service", "user", "password", "passfile",
            "channel_binding", "connect_timeout", "dbname", "host", "hostaddr", "port", "client_encoding",
            "options", "application_name", "fallback_application_name", "keepalives", "keepalives_idle",
            "keepalives_interval", "keepalives_count", "tcp_user_timeout", "sslmode", "sslcompression",
            "sslcert", "sslkey", "sslpassword", "sslrootcert", "sslcrl", "sslcrldir", "sslsni", "requirepeer",
            "ssl_min_protocol_version", "ssl_max_protocol_version", "gssencmode", "krbsrvname", "gsslib",
            "replication", "target_session_attrs");

    private static final String URI_PREFIX = "postgresql://";
    private static final String SHORT_URI_PREFIX = "postgres://";

    private ConnInfoParser() {
    }

    public static void checkKeyword(String keyword) throws PgException {
        if (!KEYWORDS.contains(keyword)) {
            throw new PgException("invalid connection option \"" + keyword + "\"");
        }
    }

    public static Map<String, String> parse(String conninfo) throws PgException {
        if (conninfo.startsWith(URI_PREFIX) || conninfo.startsWith(SHORT_URI_PREFIX)) {
            return parseUri(conninfo);
        }
        return parseKeywordValue(conninfo);
    }

    // ---- keyword/value --------------------------------------------------------------------------

    static Map<String, String> parseKeywordValue(String s) throws PgException {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String name = s.substring(start, i);
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n || s.charAt(i) != '=') {
                throw new PgException("missing \"=\" after \"" + name + "\" in connection info string");
            }
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '\'') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = s.charAt(i);
                    if (c == '\\') {
                        i++;
                        if (i < n) {
                            value.append(s.charAt(i++));
                        }
                    } else if (c == '\'') {
                        i++;
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                        i++;
                    }
                }
                if (!closed) {
                    throw new PgException("unterminated quoted string in connection info string");
                }
            } else {
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    char c = s.charAt(i++);
                    if (c == '\\') {
                        if (i < n) {
                            value.append(s.charAt(i++));
                        }
                    } else {
                        value.append(c);
                    }
                }
            }
            checkKeyword(name);
            out.put(name, value.toString());
        }
        return out;
    }

    // ---- URI ------------------------------------------------------------------------------------

    static Map<String, String> parseUri(String uri) throws PgException {
        Map<String, String> out = new LinkedHashMap<>();
        int start;
        if (uri.startsWith(URI_PREFIX)) {
            start = URI_PREFIX.length();
        } else if (uri.startsWith(SHORT_URI_PREFIX)) {
            start = SHORT_URI_PREFIX.length();
        } else {
            throw new PgException("invalid URI propagated to internal parser routine: \"" + uri + "\"");
        }
        int n = uri.length();
        int p = start;
        while (p < n && uri.charAt(p) != '@' && uri.charAt(p) != '/') {
            p++;
        }
        if (p < n && uri.charAt(p) == '@') {
            String cred = uri.substring(start, p);
            int colon = cred.indexOf(':');
            String user = colon < 0 ? cred : cred.substring(0, colon);
            if (!user.isEmpty()) {
                out.put("user", decode(user));
            }
            if (colon >= 0) {
                String pw = cred.substring(colon + 1);
                if (!pw.isEmpty()) {
                    out.put("password", decode(pw));
                }
            }
            start = p + 1;
        }
        p = start;
        StringBuilder hosts = new StringBuilder();
        StringBuilder ports = new StringBuilder();
        char prev;
        while (true) {
            String host;
            if (p < n && uri.charAt(p) == '[') {
                int close = uri.indexOf(']', p + 1);
                if (close < 0) {
                    throw new PgException("end of string reached when looking for matching \"]\" in IPv6 host address in URI: \""
                            + uri + "\"");
                }
                host = uri.substring(p + 1, close);
                if (host.isEmpty()) {
                    throw new PgException("IPv6 host address may not be empty in URI: \"" + uri + "\"");
                }
                p = close + 1;
                if (p < n && ":/?,".indexOf(uri.charAt(p)) < 0) {
                    throw new PgException("unexpected character \"" + uri.charAt(p) + "\" at position " + (p + 1)
                            + " in URI (expected \":\" or \"/\"): \"" + uri + "\"");
                }
            } else {
                int h = p;
                while (p < n && ":/?,".indexOf(uri.charAt(p)) < 0) {
                    p++;
                }
                host = uri.substring(h, p);
            }
            prev = p < n ? uri.charAt(p) : 0;
            hosts.append(host);
            if (prev == ':') {
                int ps = ++p;
                while (p < n && "/?,".indexOf(uri.charAt(p)) < 0) {
                    p++;
                }
                ports.append(uri, ps, p);
                prev = p < n ? uri.charAt(p) : 0;
            }
            if (prev != ',') {
                break;
            }
            p++;
            hosts.append(',');
            ports.append(',');
        }
        if (!hosts.isEmpty()) {
            out.put("host", decode(hosts.toString()));
        }
        if (!ports.isEmpty()) {
            out.put("port", decode(ports.toString()));
        }
        if (prev != 0 && prev != '?') { // '/': a database name follows
            int d = ++p;
            while (p < n && uri.charAt(p) != '?') {
                p++;
            }
            String db = uri.substring(d, p);
            if (!db.isEmpty()) {
                out.put("dbname", decode(db));
            }
            prev = p < n ? uri.charAt(p) : 0;
        }
        if (prev != 0) {
            parseQuery(uri.substring(p + 1), out);
        }
        return out;
    }

    private static void parseQuery(String params, Map<String, String> out) throws PgException {
        int i = 0;
        int n = params.length();
        while (i < n) {
            int k = i;
            int eq = -1;
            while (true) {
                char c = i < n ? params.charAt(i) : 0;
                if (c == '=') {
                    if (eq >= 0) {
                        throw new PgException("extra key/value separator \"=\" in URI query parameter: \""
                                + params.substring(k, eq) + "\"");
                    }
                    eq = i++;
                } else if (c == '&' || c == 0) {
                    if (eq < 0) {
                        throw new PgException("missing key/value separator \"=\" in URI query parameter: \""
                                + params.substring(k, i) + "\"");
                    }
                    break;
                } else {
                    i++;
                }
            }
            String key = decode(params.substring(k, eq));
            String value = decode(params.substring(eq + 1, i));
            i++; // past '&'
            if (key.equals("ssl") && value.equals("true")) {
                key = "sslmode";
                value = "require";
            }
            if (!KEYWORDS.contains(key)) {
                throw new PgException("invalid URI query parameter: \"" + key + "\"");
            }
            out.put(key, value);
        }
    }

    /** libpq's conninfo_uri_decode: %XX escapes, UTF-8 bytes, %00 forbidden. */
    static String decode(String s) throws PgException {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%') {
                int hi = i + 1 < raw.length ? Character.digit(raw[i + 1], 16) : -1;
                int lo = i + 2 < raw.length ? Character.digit(raw[i + 2], 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new PgException("invalid percent-encoded token: \"" + s + "\"");
                }
                int v = hi * 16 + lo;
                if (v == 0) {
                    throw new PgException("forbidden value %00 in percent-encoded value: \"" + s + "\"");
                }
                b.write(v);
                i += 2;
            } else {
                b.write(raw[i]);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
