package org.tusk.spi;

import java.util.List;

/**
 * How the server side of a TLS handshake is to be run, from the ssl_* settings.
 *
 * @param protocols the protocol versions to enable ("TLSv1.2", "TLSv1.3"), from ssl_min_protocol_version
 *     and ssl_max_protocol_version
 * @param cipherSuites the cipher suites to enable (JSSE names); empty for the JDK's defaults
 * @param requestClientCertificate whether to ask for a client certificate (when ssl_ca_file is set)
 */
public record TlsParameters(List<String> protocols, List<String> cipherSuites, boolean requestClientCertificate) {
}
