package org.tusk.auth.password;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.tusk.spi.AuthenticationExchange;
import org.tusk.spi.AuthenticationFailedException;
import org.tusk.spi.AuthenticationMethod;
import org.tusk.spi.RoleDirectory;
import org.tusk.spi.Settings;

/** pg_hba's "scram-sha-256": SASL with SCRAM-SHA-256, and SCRAM-SHA-256-PLUS over TLS. */
@Component(property = Settings.AUTH_METHOD + "=scram-sha-256")
public final class ScramAuthentication implements AuthenticationMethod {

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile RoleDirectory roles;

    public ScramAuthentication() {
    }

    /** For use outside OSGi. */
    public ScramAuthentication(RoleDirectory roles) {
        this.roles = roles;
    }

    @Override
    public String name() {
        return "scram-sha-256";
    }

    @Override
    public void authenticate(AuthenticationExchange exchange) throws AuthenticationFailedException, IOException {
        new ScramServer(exchange, StoredPassword.of(roles, exchange.user())).run();
    }
}
