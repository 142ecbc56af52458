package org.tusk.client.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.client.ClientEnvironment;
import org.tusk.client.ConnectionParameters;
import org.tusk.client.PgException;

/**
 * Parameters with libpq's defaults applied (conninfo_add_defaults, connectOptions2): environment
 * variables, compiled-in defaults, the host list matched with ports and hostaddrs, the password per
 * host from {@code .pgpass}.
 *
 * @param hosts the hosts to try, in order
 * @param connectTimeoutSeconds per attempt; 0 means wait forever
 * @param sslcert client certificate (PEM), {@code ~/.postgresql/postgresql.crt} by default; used if it exists
 * @param sslkey its private key (PEM), {@code ~/.postgresql/postgresql.key} by default
 * @param channelBinding disable, prefer (default) or require
 * @param targetSessionAttrs any (default), read-write, read-only, primary, standby or prefer-standby
 * @param replication the {@code replication} startup parameter as given (true, database, ...), or null
 */
public record ResolvedParameters(List<HostTarget> hosts, String user, String dbname, String sslmode,
        String sslrootcert, int connectTimeoutSeconds, String options, String applicationName,
        String clientEncoding, String sslcert, String sslkey, String sslpassword, String channelBinding,
        String targetSessionAttrs, String replication) {

    /** One host to try: its name (or socket directory), optional numeric address, port and password. */
    public record HostTarget(String host, String hostaddr, int port, String password) {
        public boolean isUnixSocket() {
            return (hostaddr == null || hostaddr.isEmpty()) && host.startsWith("/");
        }
    }

    public static final String DEFAULT_PORT = "5432";

    /** Environment variables for keywords, as in libpq's PQconninfoOptions. */
    static final Map<String, String> ENV = Map.ofEntries(Map.entry("host", "PGHOST"),
            Map.entry("hostaddr", "PGHOSTADDR"), Map.entry("port", "PGPORT"), Map.entry("user", "PGUSER"),
            Map.entry("password", "PGPASSWORD"), Map.entry("passfile", "PGPASSFILE"),
            Map.entry("dbname", "PGDATABASE"), Map.entry("sslmode", "PGSSLMODE"),
            Map.entry("sslrootcert", "PGSSLROOTCERT"), Map.entry("sslcert", "PGSSLCERT"),
            Map.entry("sslkey", "PGSSLKEY"), Map.entry("application_name", "PGAPPNAME"),
            Map.entry("connect_timeout", "PGCONNECT_TIMEOUT"), Map.entry("options", "PGOPTIONS"),
            Map.entry("client_encoding", "PGCLIENTENCODING"), Map.entry("target_session_attrs", "PGTARGETSESSIONATTRS"),
            Map.entry("channel_binding", "PGCHANNELBINDING"));

    private static final List<String> TARGET_SESSION_ATTRS = List.of("any", "read-write", "read-only", "primary",
            "standby", "prefer-standby");

    private static final List<String> SSLMODES = List.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");

    public static ResolvedParameters resolve(ConnectionParameters given, ClientEnvironment env) throws PgException {
        Map<String, String> v = new HashMap<>(given.asMap());
        ENV.forEach((keyword, var) -> {
            if (!v.containsKey(keyword)) {
                String e = env.getenv(var);
                if (e != null) {
                    v.put(keyword, e);
                }
            }
        });
        String user = nonEmpty(v.get("user"));
        if (user == null) {
            user = env.osUserName();
            if (user == null) {
                throw new PgException("could not look up local user ID");
            }
        }
        String dbname = nonEmpty(v.get("dbname"));
        if (dbname == null) {
            dbname = user;
        }
        String sslmode = nonEmpty(v.get("sslmode"));
        if (sslmode == null) {
            sslmode = "prefer";
        } else if (!SSLMODES.contains(sslmode)) {
            throw new PgException("invalid sslmode value: \"" + sslmode + "\"");
        }
        int timeout = 0;
        String ct = nonEmpty(v.get("connect_timeout"));
        if (ct != null) {
            timeout = parseInt(ct.strip(), "connect_timeout");
            if (timeout == 1) {
                timeout = 2; // libpq: a minimum of 2 s, since rounding could fail a 1 s timeout at once
            }
            timeout = Math.max(timeout, 0);
        }
        Path home = env.homeDirectory();
        String rootcert = nonEmpty(v.get("sslrootcert"));
        if (rootcert == null && home != null) {
            rootcert = home.resolve(".postgresql").resolve("root.crt").toString();
        }
        String passfile = nonEmpty(v.get("passfile"));
        if (passfile == null && home != null) {
            passfile = home.resolve(".pgpass").toString();
        }

        String hostValue = nonEmpty(v.get("host"));
        String hostaddrValue = nonEmpty(v.get("hostaddr"));
        List<String> hosts = hostValue != null ? split(hostValue) : null;
        List<String> addrs = hostaddrValue != null ? split(hostaddrValue) : null;
        if (hosts == null) {
            hosts = new ArrayList<>();
            int count = addrs == null ? 1 : addrs.size();
            for (int i = 0; i < count; i++) {
                hosts.add(addrs == null ? env.defaultSocketDirectory() : "");
            }
        }
        if (addrs != null && addrs.size() != hosts.size()) {
            throw new PgException("could not match " + hosts.size() + " host names to " + addrs.size()
                    + " hostaddr values");
        }
        String portValue = nonEmpty(v.get("port"));
        List<String> ports = portValue == null ? List.of(DEFAULT_PORT) : split(portValue);
        if (ports.size() != 1 && ports.size() != hosts.size()) {
            throw new PgException("could not match " + ports.size() + " port numbers to " + hosts.size() + " hosts");
        }
        String password = nonEmpty(v.get("password"));
        List<HostTarget> targets = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i);
            String addr = addrs == null ? null : nonEmpty(addrs.get(i));
            if (host.isEmpty() && addr == null) {
                host = env.defaultSocketDirectory();
            }
            String p = ports.size() == 1 ? ports.get(0) : ports.get(i);
            if (p.isEmpty()) {
                p = DEFAULT_PORT;
            }
            int port;
            try {
                port = Integer.parseInt(p.strip());
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new PgException("invalid port number: \"" + p + "\"");
            }
            String pw = password;
            if (pw == null && passfile != null) {
                pw = PgPass.lookup(Path.of(passfile), host.isEmpty() ? addr : host, Integer.toString(port), dbname,
                        user, env::warning);
            }
            targets.add(new HostTarget(host.isEmpty() ? addr : host, addr, port, pw));
        }
        String app = nonEmpty(v.get("application_name"));
        if (app == null) {
            app = nonEmpty(v.get("fallback_application_name"));
        }
        String encoding = "UTF8"; // the library decodes text as UTF-8; client_encoding is not honoured yet
        String sslcert = nonEmpty(v.get("sslcert"));
        if (sslcert == null && home != null) {
            sslcert = home.resolve(".postgresql").resolve("postgresql.crt").toString();
        }
        String sslkey = nonEmpty(v.get("sslkey"));
        if (sslkey == null && home != null) {
            sslkey = home.resolve(".postgresql").resolve("postgresql.key").toString();
        }
        String channelBinding = nonEmpty(v.get("channel_binding"));
        if (channelBinding == null) {
            channelBinding = "prefer";
        } else if (!List.of("disable", "prefer", "require").contains(channelBinding)) {
            throw new PgException("invalid channel_binding value: \"" + channelBinding + "\"");
        }
        String tsa = nonEmpty(v.get("target_session_attrs"));
        if (tsa == null) {
            tsa = "any";
        } else if (!TARGET_SESSION_ATTRS.contains(tsa)) {
            throw new PgException("invalid target_session_attrs value: \"" + tsa + "\"");
        }
        return new ResolvedParameters(List.copyOf(targets), user, dbname, sslmode, rootcert, timeout,
                nonEmpty(v.get("options")), app, encoding, sslcert, sslkey, v.get("sslpassword"), channelBinding, tsa,
                nonEmpty(v.get("replication")));
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == ',') {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    private static int parseInt(String s, String keyword) throws PgException {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new PgException("invalid integer value \"" + s + "\" for connection option \"" + keyword + "\"");
        }
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
