package org.tusk.auth.password;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.tusk.protocol.ProtocolException;
import org.tusk.spi.AuthenticationExchange;
import org.tusk.spi.AuthenticationFailedException;
import org.tusk.spi.Role;
import org.tusk.spi.RoleDirectory;

/**
 * The role's stored password verifier, or why there is none (PostgreSQL's get_role_password), plus
 * the rules every password method shares.
 *
 * @param verifier the verifier, empty when the role does not exist or has no password
 * @param logDetail why there is no verifier, for the server log only
 */
record StoredPassword(Optional<String> verifier, String logDetail) {

    static StoredPassword of(RoleDirectory roles, String user) {
        Optional<Role> role = roles == null ? Optional.empty() : roles.find(user);
        if (role.isEmpty()) {
            return new StoredPassword(Optional.empty(), "Role \"" + user + "\" does not exist.");
        }
        if (role.get().passwordVerifier().isEmpty()) {
            return new StoredPassword(Optional.empty(), "User \"" + user + "\" has no password assigned.");
        }
        return new StoredPassword(role.get().passwordVerifier(), null);
    }

    /** What every password method tells a client it did not authenticate: SQLSTATE 28P01. */
    static AuthenticationFailedException failed(String user, String logDetail) {
        return new AuthenticationFailedException("28P01", "password authentication failed for user \"" + user + "\"",
                logDetail);
    }

    /**
     * Reads a PasswordMessage and returns the password, with PostgreSQL's checks
     * (recv_password_packet): one null-terminated string filling the message, and never empty.
     */
    static String readPassword(AuthenticationExchange exchange) throws IOException, AuthenticationFailedException {
        byte[] body = exchange.readResponse();
        int nul = indexOfZero(body);
        if (nul != body.length - 1) {
            throw new ProtocolException("invalid password packet size");
        }
        if (body.length == 1) {
            // libpq never sends one; other clients might, and an empty password must never match a hash.
            throw new AuthenticationFailedException("28P01", "empty password returned by client", null);
        }
        return new String(body, 0, body.length - 1, StandardCharsets.UTF_8);
    }

    private static int indexOfZero(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
