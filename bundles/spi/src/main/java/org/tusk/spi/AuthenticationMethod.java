package org.tusk.spi;

import java.io.IOException;

/**
 * One client authentication method, as pg_hba.conf names it ("trust", "password", "md5",
 * "scram-sha-256"). Registered as a service with {@link Settings#AUTH_METHOD}. The backend chooses
 * the method for a connection and lets it run its exchange of Authentication* requests and responses;
 * the backend itself sends AuthenticationOk afterwards, so methods never duplicate that part.
 */
public interface AuthenticationMethod {

    /** The pg_hba.conf name of this method. */
    String name();

    /**
     * Authenticates the client or throws. Implementations send requests and read responses only
     * through {@code exchange}.
     *
     * @throws AuthenticationFailedException when the client is not who it claims to be
     */
    void authenticate(AuthenticationExchange exchange) throws AuthenticationFailedException, IOException;
}
