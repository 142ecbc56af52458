package org.tusk.runtime;

/**
 * Who this process runs as. The server refuses to run as root: a compromised backend must not own the
 * machine. {@code bin/tusk} switches from root to the cluster's account before the JVM starts; this
 * is the check behind it.
 */
final class ProcessUser {

    private ProcessUser() {
    }

    /** The user ID this process runs as. */
    static long uid() {
        return new com.sun.security.auth.module.UnixSystem().getUid();
    }

    static boolean isRoot() {
        return uid() == 0;
    }

    /** PostgreSQL's own words when started as root. */
    static final String ROOT_REFUSAL = "\"root\" execution of the PostgreSQL server is not permitted.\n"
            + "The server must be started under an unprivileged user ID to prevent\n"
            + "possible system security compromise.  See the documentation for\n"
            + "more information on how to properly start the server.";
}
