package org.tusk.auth.password;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.tusk.protocol.Md5Password;
import org.tusk.spi.AuthenticationExchange;
import org.tusk.spi.AuthenticationFailedException;
import org.tusk.spi.AuthenticationMethod;
import org.tusk.spi.RoleDirectory;
import org.tusk.spi.Settings;

/**
 * pg_hba's "md5", as PostgreSQL's CheckPWChallengeAuth runs it: a role whose verifier is an MD5 one
 * gets AuthenticationMD5Password (code 5) with a random 4-byte salt; any other role (a SCRAM verifier,
 * no password, no such role) gets SCRAM-SHA-256, so a cluster moving to SCRAM keeps working with
 * "md5" lines and an unknown role cannot be told from a wrong password.
 */
@Component(property = Settings.AUTH_METHOD + "=md5")
public final class Md5Authentication implements AuthenticationMethod {

    /** AuthenticationMD5Password. */
    static final int MD5_PASSWORD = 5;

    private static final SecureRandom RANDOM = new SecureRandom();

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile RoleDirectory roles;

    public Md5Authentication() {
    }

    /** For use outside OSGi. */
    public Md5Authentication(RoleDirectory roles) {
        this.roles = roles;
    }

    @Override
    public String name() {
        return "md5";
    }

    @Override
    public void authenticate(AuthenticationExchange exchange) throws AuthenticationFailedException, IOException {
        String user = exchange.user();
        StoredPassword stored = StoredPassword.of(roles, user);
        if (stored.verifier().isEmpty() || !Md5Password.isVerifier(stored.verifier().get())) {
            new ScramServer(exchange, stored).run();
            return;
        }
        byte[] salt = new byte[4];
        RANDOM.nextBytes(salt);
        exchange.sendRequest(MD5_PASSWORD, salt);
        String response = StoredPassword.readPassword(exchange);
        String expected = Md5Password.response(stored.verifier().get(), salt);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.getBytes(StandardCharsets.UTF_8))) {
            throw StoredPassword.failed(user, "Password does not match for user \"" + user + "\".");
        }
    }
}
