package org.tusk.auth.password;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.protocol.Md5Password;
import org.tusk.protocol.ScramSha256;
import org.tusk.spi.AuthenticationExchange;
import org.tusk.spi.AuthenticationFailedException;
import org.tusk.spi.AuthenticationMethod;
import org.tusk.spi.RoleDirectory;
import org.tusk.spi.Settings;

/**
 * pg_hba's "password": AuthenticationCleartextPassword (code 3), and the password checked against
 * whatever verifier the role has, SCRAM or MD5 (PostgreSQL's CheckPasswordAuth and
 * plain_crypt_verify). The password crosses the wire in clear, so it belongs on TLS connections.
 */
@Component(property = Settings.AUTH_METHOD + "=password")
public final class PasswordAuthentication implements AuthenticationMethod {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordAuthentication.class);

    /** AuthenticationCleartextPassword. */
    static final int CLEARTEXT_PASSWORD = 3;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile RoleDirectory roles;

    public PasswordAuthentication() {
    }

    /** For use outside OSGi. */
    public PasswordAuthentication(RoleDirectory roles) {
        this.roles = roles;
    }

    @Override
    public String name() {
        return "password";
    }

    @Override
    public void authenticate(AuthenticationExchange exchange) throws AuthenticationFailedException, IOException {
        String user = exchange.user();
        exchange.sendRequest(CLEARTEXT_PASSWORD, null);
        String password = StoredPassword.readPassword(exchange);
        StoredPassword stored = StoredPassword.of(roles, user);
        if (stored.verifier().isEmpty()) {
            throw StoredPassword.failed(user, stored.logDetail());
        }
        String verifier = stored.verifier().get();
        if (!matches(user, verifier, password)) {
            throw StoredPassword.failed(user, verifierDetail(user, verifier));
        }
    }

    /** PostgreSQL's plain_crypt_verify: the password against a SCRAM or an MD5 verifier. */
    static boolean matches(String user, String verifier, String password) {
        if (verifier.startsWith("SCRAM-SHA-256$")) {
            Optional<ScramSha256.Verifier> scram = ScramSha256.Verifier.parse(verifier);
            if (scram.isEmpty()) {
                LOG.info("invalid SCRAM secret for user \"{}\"", user);
                return false;
            }
            return scram.get().matchesPassword(password);
        }
        if (Md5Password.isVerifier(verifier)) {
            return MessageDigest.isEqual(verifier.getBytes(StandardCharsets.US_ASCII),
                    Md5Password.verifier(password, user).getBytes(StandardCharsets.UTF_8));
        }
        return false;
    }

    private static String verifierDetail(String user, String verifier) {
        if (verifier.startsWith("SCRAM-SHA-256$") || Md5Password.isVerifier(verifier)) {
            return "Password does not match for user \"" + user + "\".";
        }
        return "Password of user \"" + user + "\" is in unrecognized format.";
    }
}
