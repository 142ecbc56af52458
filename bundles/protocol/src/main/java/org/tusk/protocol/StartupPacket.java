package org.tusk.protocol;

import java.util.Map;

/**
 * The first packet a client sends: untyped, a length word, then a 32-bit code that says what it is.
 * Four kinds exist in protocol 3.0; the code values are PostgreSQL's.
 */
public sealed interface StartupPacket {

    /** Protocol version 3.0, as (major &lt;&lt; 16 | minor). */
    int PROTOCOL_3_0 = 3 << 16;
    /** Code of an SSLRequest (1234 &lt;&lt; 16 | 5679). */
    int SSL_REQUEST_CODE = 80877103;
    /** Code of a GSSENCRequest (1234 &lt;&lt; 16 | 5680). */
    int GSSENC_REQUEST_CODE = 80877104;
    /** Code of a CancelRequest (1234 &lt;&lt; 16 | 5678). */
    int CANCEL_REQUEST_CODE = 80877102;

    /**
     * A StartupMessage: the protocol version asked for and the name/value pairs (user, database,
     * options, application_name, and any run-time parameter), in the order sent.
     */
    record Startup(int protocolVersion, Map<String, String> parameters) implements StartupPacket {
        public int majorVersion() {
            return protocolVersion >>> 16;
        }

        public int minorVersion() {
            return protocolVersion & 0xFFFF;
        }
    }

    /** The client asks to switch to TLS before the real startup packet. */
    record SslRequest() implements StartupPacket {
    }

    /** The client asks for GSSAPI encryption before the real startup packet. */
    record GssEncRequest() implements StartupPacket {
    }

    /** Sent on a fresh connection to interrupt the statement running in another backend. */
    record CancelRequest(int processId, int secretKey) implements StartupPacket {
    }
}
