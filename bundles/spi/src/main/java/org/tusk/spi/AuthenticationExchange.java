package org.tusk.spi;

import java.io.IOException;
import java.util.Optional;

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

    /** True when the connection is encrypted with TLS (the client sent SSLRequest and the handshake succeeded). */
    default boolean tls() {
        return false;
    }

    /**
     * The channel-binding data of type tls-server-end-point (RFC 5929): the hash of the server's TLS
     * certificate, computed with the certificate's signature hash (SHA-256 when that is MD5 or SHA-1).
     * Empty without TLS, or when the certificate's signature algorithm names no usable hash; a SCRAM
     * method then offers no channel binding.
     */
    default Optional<byte[]> tlsServerEndPoint() {
        return Optional.empty();
    }

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
