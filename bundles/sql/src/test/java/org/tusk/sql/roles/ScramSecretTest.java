package org.tusk.sql.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class ScramSecretTest {

    /** What PostgreSQL 15 stored for CREATE ROLE ... PASSWORD 'secret' (its random salt taken from it). */
    private static final String PG15_SECRET = "SCRAM-SHA-256$4096:eeUCsvmeG6/B2hV6nK0F2w==$"
            + "I3VoUyKYf+rG+HhY3XR77hRIc5yyDS6OND0Wi1p9Tgg=:Z6AHSXySZcla26WvqTsYAZD91AA8tbrcTL4+DXdd48s=";

    @Test
    void sameSaltGivesPostgresqlsKeys() {
        byte[] salt = Base64.getDecoder().decode("eeUCsvmeG6/B2hV6nK0F2w==");
        assertEquals(PG15_SECRET, ScramSecret.build("secret", salt, 4096));
        assertNotEquals(PG15_SECRET, ScramSecret.build("Secret", salt, 4096));
    }

    @Test
    void freshSecretsHaveRandomSaltsAndPostgresqlsShape() {
        String a = ScramSecret.build("pw");
        String b = ScramSecret.build("pw");
        assertNotEquals(a, b);
        assertTrue(a.matches("SCRAM-SHA-256\\$4096:[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}"), a);
        assertTrue(ScramSecret.isVerifier(a));
    }

    @Test
    void verifiersAreRecognizedAndPasswordsAreNot() {
        assertTrue(ScramSecret.isVerifier(PG15_SECRET));
        assertTrue(ScramSecret.isVerifier("md5c5f8e5bb7b8e0b9d3a7b33ab9f8b1b6a"));
        assertFalse(ScramSecret.isVerifier("md5c5f8e5bb7b8e0b9d3a7b33ab9f8b1b6"));
        assertFalse(ScramSecret.isVerifier("md5C5F8E5BB7B8E0B9D3A7B33AB9F8B1B6A"));
        assertFalse(ScramSecret.isVerifier("SCRAM-SHA-256$4096:abc"));
        assertFalse(ScramSecret.isVerifier("SCRAM-SHA-256$0:eeUCsvmeG6/B2hV6nK0F2w==$"
                + "I3VoUyKYf+rG+HhY3XR77hRIc5yyDS6OND0Wi1p9Tgg=:Z6AHSXySZcla26WvqTsYAZD91AA8tbrcTL4+DXdd48s="));
        assertFalse(ScramSecret.isVerifier("secret"));
    }
}
