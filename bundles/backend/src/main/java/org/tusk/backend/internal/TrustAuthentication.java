package org.tusk.backend.internal;

import org.osgi.service.component.annotations.Component;
import org.tusk.spi.AuthenticationExchange;
import org.tusk.spi.AuthenticationMethod;
import org.tusk.spi.Settings;

/**
 * pg_hba's "trust": the client is who it says it is. Lives here because the backend must always be
 * able to authenticate someone; every other method is a plugin.
 */
@Component(property = Settings.AUTH_METHOD + "=trust")
public final class TrustAuthentication implements AuthenticationMethod {

    @Override
    public String name() {
        return "trust";
    }

    @Override
    public void authenticate(AuthenticationExchange exchange) {
        // Nothing to check.
    }
}
