package org.tusk.spi;

import java.io.IOException;

/**
 * The conversation between an {@link AuthenticationMethod} and the client during startup.
 */
public interface AuthenticationExchange {

    /** The role name from the startup packet. */
    String user();

    /** The database name from the startup packet. */
    String database();

    /** Client address as logged ("127.0.0.1" or "[local]"). */
    String remoteHost();

    /**
     * Sends an Authentication request ('R' message) with its code (3 cleartext, 5 MD5, 10 SASL, 11
     * SASLContinue, 12 SASLFinal) and payload, and flushes.
     */
    void sendRequest(int code, byte[] payload) throws IOException;

    /**
     * Reads the client's answer, which must be a PasswordMessage/SASLInitialResponse/SASLResponse ('p'
     * message); returns its body.
     */
    byte[] readResponse() throws IOException;
}
