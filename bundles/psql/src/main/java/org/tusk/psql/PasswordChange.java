package org.tusk.psql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.tusk.client.PgException;
import org.tusk.client.Result;
import org.tusk.protocol.ScramSha256;

/**
 * psql 15's {@code \password [USER]}: asks twice for the new password without echo, encrypts it on the
 * client as libpq's PQencryptPasswordConn does (the server's password_encryption: a SCRAM-SHA-256
 * verifier with a random salt and 4096 iterations, or md5), and sends {@code ALTER USER name PASSWORD
 * 'verifier'}, so that the password itself never travels nor lands in a server log.
 */
final class PasswordChange {

    private final Session session;

    PasswordChange(Session session) {
        this.session = session;
    }

    Session.MetaResult run(String userArg) {
        String user = userArg;
        if (user == null) {
            Result r = session.internalQuery("SELECT CURRENT_USER");
            if (r == null) {
                return Session.MetaResult.ERROR;
            }
            user = r.rows().getFirst().getString(0);
        }
        String pw1 = read("Enter new password for user \"" + user + "\": ");
        String pw2 = read("Enter it again: ");
        if (!pw1.equals(pw2)) {
            session.error("Passwords didn't match.");
            return Session.MetaResult.ERROR;
        }
        String encrypted;
        try {
            encrypted = encrypt(pw1, user);
        } catch (PgException e) {
            session.error(e.getMessage());
            return Session.MetaResult.ERROR;
        }
        if (encrypted == null) {
            return Session.MetaResult.ERROR;
        }
        Result r = session.internalQuery("ALTER USER " + Quoting.fmtId(user) + " PASSWORD " + Patterns.literal(encrypted));
        return r == null ? Session.MetaResult.ERROR : Session.MetaResult.OK;
    }

    /** simple_prompt without echo: the terminal, else the prompt on stderr and a line of standard input. */
    private String read(String prompt) {
        String v = Passwords.readFromTerminal(prompt, false);
        if (v != null) {
            return v;
        }
        session.writeErr(prompt);
        String line = null;
        try {
            line = session.stdinReader == null ? null : session.stdinReader.readLine();
        } catch (IOException e) {
            // as at end of input: an empty password
        }
        session.writeErr("\n");
        return line == null ? "" : line;
    }

    /** PQencryptPasswordConn with the server's password_encryption. */
    private String encrypt(String password, String user) throws PgException {
        List<Result> rs = session.connection.query("show password_encryption");
        String algorithm = rs.getLast().rows().getFirst().getString(0);
        if (algorithm.equals("on") || algorithm.equals("off")) {
            algorithm = "md5"; // libpq's reading of the old boolean values
        }
        return switch (algorithm) {
            case "scram-sha-256" -> ScramSha256.verifier(password).encode();
            case "md5" -> "md5" + md5Hex(password + user);
            default -> {
                session.error("unrecognized password encryption algorithm \"" + algorithm + "\"");
                yield null;
            }
        };
    }

    private static String md5Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
