/**
 * The password-based authentication methods of pg_hba.conf, as PostgreSQL runs them: "password"
 * (cleartext), "md5" (which switches to SCRAM when the role's verifier is a SCRAM one) and
 * "scram-sha-256" (SASL, with tls-server-end-point channel binding over TLS). Private: the bundle
 * only provides {@link org.tusk.spi.AuthenticationMethod} services.
 */
package org.tusk.auth.password;
