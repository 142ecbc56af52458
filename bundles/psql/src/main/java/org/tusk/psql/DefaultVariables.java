package org.tusk.psql;

import java.util.Map;

import org.tusk.client.Connection;

/**
 * The variables psql 15 defines at start-up (startup.c, SyncVariables) with their default values, so that
 * scripts reading them and {@code \set} listing them see what they would see in psql. VERSION* describe
 * this client, which is Tusk's, not PostgreSQL's.
 */
final class DefaultVariables {

    /** The client's version, in psql's VERSION_NUM form. */
    static final String VERSION_NUM = "150000";
    static final String VERSION_NAME = "15.0 (Tusk)";

    private DefaultVariables() {
    }

    static void install(Map<String, String> v, Connection conn, String user, String db) {
        v.put("AUTOCOMMIT", "on");
        v.put("COMP_KEYWORD_CASE", "preserve-upper");
        v.put("ECHO", "none");
        v.put("ECHO_HIDDEN", "off");
        v.put("FETCH_COUNT", "0");
        v.put("HIDE_TABLEAM", "off");
        v.put("HIDE_TOAST_COMPRESSION", "off");
        v.put("HISTCONTROL", "none");
        v.put("HISTSIZE", "500");
        v.put("IGNOREEOF", "0");
        v.put("ON_ERROR_ROLLBACK", "off");
        v.put("ON_ERROR_STOP", "off");
        v.put("PROMPT1", "%/%R%x%# ");
        v.put("PROMPT2", "%/%R%x%# ");
        v.put("PROMPT3", ">> ");
        v.put("QUIET", "off");
        v.put("SHOW_ALL_RESULTS", "on");
        v.put("SHOW_CONTEXT", "errors");
        v.put("SINGLELINE", "off");
        v.put("SINGLESTEP", "off");
        v.put("VERBOSITY", "default");
        v.put("VERSION", "PostgreSQL " + VERSION_NAME + " psql");
        v.put("VERSION_NAME", VERSION_NAME);
        v.put("VERSION_NUM", VERSION_NUM);
        sync(v, conn, user, db);
    }

    /** psql's SyncVariables: what the (new) connection is. */
    static void sync(Map<String, String> v, Connection conn, String user, String db) {
        v.put("DBNAME", db);
        String sessionUser = conn.parameterStatus("session_authorization");
        v.put("USER", sessionUser != null ? sessionUser : user);
        v.put("HOST", conn.host());
        v.put("PORT", Integer.toString(conn.port()));
        String encoding = conn.parameterStatus("client_encoding");
        v.put("ENCODING", encoding != null ? encoding : "UTF8");
        String server = conn.parameterStatus("server_version");
        if (server != null) {
            v.put("SERVER_VERSION_NAME", server);
            v.put("SERVER_VERSION_NUM", Integer.toString(versionNumber(server)));
        }
    }

    /** "15.20 (Debian ...)" as 150020, "9.6.3" as 90603, as libpq's PQserverVersion. */
    static int versionNumber(String version) {
        String[] parts = version.split("[^0-9]+", 4);
        int major = parts.length > 0 && !parts[0].isEmpty() ? Integer.parseInt(parts[0]) : 0;
        int minor = parts.length > 1 && !parts[1].isEmpty() ? Integer.parseInt(parts[1]) : 0;
        if (major >= 10) {
            return major * 10000 + minor;
        }
        int rev = parts.length > 2 && !parts[2].isEmpty() ? Integer.parseInt(parts[2]) : 0;
        return major * 10000 + minor * 100 + rev;
    }
}
