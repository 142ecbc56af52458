package org.tusk.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

/** SCRAM-SHA-256 and MD5 verifiers against values computed by PostgreSQL 15 itself. */
class PasswordVerifierTest {

    /** pg_authid.rolpassword of a role created by PostgreSQL 15's initdb with password "secret". */
    private static final String PG_SCRAM = "SCRAM-SHA-256$4096:9pAhvx4HBNaTCypsPfb6SQ==$"
            + "InG4xRGNZSqSPdGoCH11j234igEqEBcWvRXfKGKOzXs=:LTLG7kYqdqHTHrsKItkbDkdGamG1L0OiRtMl3XFoOpM=";
    /** PostgreSQL 15: SET password_encryption = md5; CREATE ROLE m PASSWORD 'secret'. */
    private static final String PG_MD5 = "md5b52328d7451bfeace80c4b8c338106f9";

    @Test
    void verifierOfPostgresIsParsedAndRecomputedIdentically() {
        ScramSha256.Verifier v = ScramSha256.Verifier.parse(PG_SCRAM).orElseThrow();
        assertEquals(4096, v.iterations());
        assertEquals(PG_SCRAM, v.encode());
        assertEquals(PG_SCRAM, ScramSha256.verifier("secret", v.salt(), 4096).encode());
        assertTrue(v.matchesPassword("secret"));
        assertFalse(v.matchesPassword("Secret"));
    }

    @Test
    void freshVerifierHasPostgresShape() {
        ScramSha256.Verifier v = ScramSha256.verifier("pw");
        assertEquals(16, v.salt().length);
        assertTrue(v.encode().matches("SCRAM-SHA-256\\$4096:[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}"));
        assertNotEquals(v, ScramSha256.verifier("pw"), "salts are random");
        assertTrue(v.matchesPassword("pw"));
    }

    @Test
    void malformedVerifiersAreNotParsed() {
        for (String s : new String[] {"", "md5abc", "SCRAM-SHA-256$", "SCRAM-SHA-256$x:c2FsdA==$a:b",
            "SCRAM-SHA-256$4096:c2FsdA==$AAAA:AAAA", "SCRAM-SHA-256$0:c2FsdA==$" + key() + ":" + key(),
            "SCRAM-SHA-256$4096:!!$" + key() + ":" + key(), "SCRAM-SHA-256$4096:c2FsdA==:" + key() + ":" + key()}) {
            assertTrue(ScramSha256.Verifier.parse(s).isEmpty(), s);
        }
        assertTrue(ScramSha256.Verifier.parse("SCRAM-SHA-256$4096:c2FsdA==$" + key() + ":" + key()).isPresent());
    }

    private static String key() {
        return Base64.getEncoder().encodeToString(new byte[32]);
    }

    /** RFC 7677 section 3's example exchange, checked from both sides. */
    @Test
    void rfc7677ExampleExchange() {
        String clientFirstBare = "n=user,r=rOprNGfwEbeRWgbNEkqO";
        String serverFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
        String clientFinalWithoutProof = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        String authMessage = clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof;
        byte[] salt = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
        byte[] salted = ScramSha256.saltedPassword("pencil", salt, 4096);
        byte[] proof = ScramSha256.clientProof(salted, authMessage);
        assertEquals("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", Base64.getEncoder().encodeToString(proof));
        ScramSha256.Verifier v = ScramSha256.verifier("pencil", salt, 4096);
        assertTrue(v.verifyClientProof(proof, authMessage));
        byte[] signature = v.serverSignature(authMessage);
        assertEquals("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", Base64.getEncoder().encodeToString(signature));
        assertArrayEquals(signature, ScramSha256.serverSignature(salted, authMessage));
        proof[0] ^= 1;
        assertFalse(v.verifyClientProof(proof, authMessage));
        assertFalse(v.verifyClientProof(new byte[5], authMessage));
    }

    @Test
    void saslPrepFollowsRfc4013() {
        assertEquals("I X", ScramSha256.saslPrep("I\u00ADX".replace("\u00AD", "\u00A0")));
        assertEquals("IX", ScramSha256.saslPrep("I\u00ADX"));
        assertEquals("user", ScramSha256.saslPrep("user"));
        assertEquals("a", ScramSha256.saslPrep("\u00AA"));
        assertEquals("IX", ScramSha256.saslPrep("\u2168"));
        assertEquals("\u0007", ScramSha256.saslPrep("\u0007"), "ASCII is used as given");
        assertEquals("\u00e9\u0007", ScramSha256.saslPrep("\u00e9\u0007"), "prohibited: used as given");
        assertEquals("\u00e9", ScramSha256.saslPrep("e\u0301"));
    }

    @Test
    void nonceIsBase64OfEighteenBytes() {
        String n = ScramSha256.nonce();
        assertEquals(24, n.length());
        assertEquals(18, Base64.getDecoder().decode(n).length);
        assertNotEquals(n, ScramSha256.nonce());
    }

    @Test
    void md5MatchesPostgres() {
        assertEquals(PG_MD5, Md5Password.verifier("secret", "m"));
        assertTrue(Md5Password.isVerifier(PG_MD5));
        assertFalse(Md5Password.isVerifier("md5xyz"));
        assertFalse(Md5Password.isVerifier(PG_SCRAM));
        byte[] salt = {1, 2, 3, 4};
        String response = Md5Password.response(PG_MD5, salt);
        assertTrue(response.matches("md5[0-9a-f]{32}"));
        assertNotEquals(response, Md5Password.response(PG_MD5, new byte[] {1, 2, 3, 5}));
    }
}
