package org.tusk.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * What authentication needs to know about a role (PostgreSQL's pg_authid row): its name, whether it
 * is a superuser, whether it may log in, and its password verifier as PostgreSQL stores it
 * ({@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} or {@code md5<32 hex digits>}),
 * empty when the role has no password.
 */
public record Role(String name, boolean superuser, boolean canLogin, Optional<String> passwordVerifier) {

    public Role {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(passwordVerifier, "passwordVerifier");
    }
}
