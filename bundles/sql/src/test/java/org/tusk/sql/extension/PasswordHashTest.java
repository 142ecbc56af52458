package org.tusk.sql.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.tusk.spi.SqlException;

/** crypt's MD5 and Blowfish hashes against values a real PostgreSQL 15 with pgcrypto printed. */
class PasswordHashTest {

    @Test
    void blowfishConstantsAreDigitsOfPi() {
        int[] words = BCrypt.piWords(18 + 1024);
        assertEquals(0x243F6A88, words[0]); // P[0]
        assertEquals(0x8979FB1B, words[17]); // P[17]
        assertEquals(0xD1310BA6, words[18]); // S[0][0]
        assertEquals(0x3AC372E6, words[18 + 1023]); // S[3][255]
    }

    @Test
    void blowfishMatchesPostgres() {
        assertEquals("$2a$06$RQiOJ.3ELirrXwxIZY8q0Opor.9oUAL1MojNiw3NUwpUDdI7wuxEa",
                PgCrypto.crypt("password", "$2a$06$RQiOJ.3ELirrXwxIZY8q0O"));
        assertEquals("$2a$04$RQiOJ.3ELirrXwxIZY8q0Ojwzn.XcGNTi5ebiniCAegaarvILd36K",
                PgCrypto.crypt("", "$2a$04$RQiOJ.3ELirrXwxIZY8q0O"));
        String hash = PgCrypto.crypt("secret", PgCrypto.genSalt("bf", 4));
        assertEquals(hash, PgCrypto.crypt("secret", hash));
        assertNotEquals(hash, PgCrypto.crypt("Secret", hash));
        assertEquals("22023", assertThrows(SqlException.class,
                () -> PgCrypto.crypt("x", "$2a$99$RQiOJ.3ELirrXwxIZY8q0O")).sqlState());
    }

    @Test
    void md5MatchesPostgres() {
        assertEquals("$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/", PgCrypto.crypt("password", "$1$saltsalt"));
        assertEquals("$1$abc$Or2rbeUYTvt12aiVzMuS/.", PgCrypto.crypt("", "$1$abc"));
        String salt = PgCrypto.genSalt("md5", 0);
        assertEquals(11, salt.length());
        String hash = Md5Crypt.crypt("pw".getBytes(StandardCharsets.UTF_8), salt);
        assertEquals(hash, PgCrypto.crypt("pw", hash));
    }
}
