package org.tusk.auth.password;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.protocol.MessageBody;
import org.tusk.protocol.ScramSha256;
import org.tusk.spi.AuthenticationExchange;
import org.tusk.spi.AuthenticationFailedException;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802, RFC 7677) in PostgreSQL's SASL messages:
 * AuthenticationSASL (10) with the mechanisms, the client's SASLInitialResponse, AuthenticationSASLContinue
 * (11) with server-first-message, the client's SASLResponse with client-final-message, and
 * AuthenticationSASLFinal (12) with the server's signature. Parsing, checks and messages follow
 * PostgreSQL's auth-scram.c, including its "mock" exchange: a role without a usable SCRAM verifier
 * (none, MD5, no such role) goes through the whole exchange with a made-up salt and then fails like a
 * wrong password, so a client cannot tell which roles exist.
 */
final class ScramServer {
    private static final Logger LOG = LoggerFactory.getLogger(ScramServer.class);

    static final int SASL = 10;
    static final int SASL_CONTINUE = 11;
    static final int SASL_FINAL = 12;

    private static final String CHANNEL_BINDING_TYPE = "tls-server-end-point";
    /** Per-process secret for the salts of mock exchanges (PostgreSQL's mock authentication nonce). */
    private static final byte[] MOCK_SECRET = new byte[32];

    static {
        new SecureRandom().nextBytes(MOCK_SECRET);
    }

    private final AuthenticationExchange exchange;
    private final String user;
    private final ScramSha256.Verifier verifier;
    /** Set when the exchange is bound to fail (no usable verifier), with why for the log. */
    private final boolean doomed;
    private final String logDetail;
    /** tls-server-end-point data when SCRAM-SHA-256-PLUS is offered. */
    private final Optional<byte[]> endPoint;

    private boolean channelBindingInUse;
    private char cbindFlag;
    private String clientFirstBare;
    private String clientNonce;
    private String serverNonce;
    private String serverFirst;

    ScramServer(AuthenticationExchange exchange, StoredPassword stored) {
        this.exchange = exchange;
        this.user = exchange.user();
        this.endPoint = exchange.tls() ? exchange.tlsServerEndPoint() : Optional.empty();
        Optional<ScramSha256.Verifier> parsed = Optional.empty();
        String detail = stored.logDetail();
        if (stored.verifier().isPresent()) {
            String v = stored.verifier().get();
            if (v.startsWith("SCRAM-SHA-256$")) {
                parsed = ScramSha256.Verifier.parse(v);
                if (parsed.isEmpty()) {
                    LOG.info("invalid SCRAM secret for user \"{}\"", user);
                }
            } else {
                detail = "User \"" + user + "\" does not have a valid SCRAM secret.";
            }
        }
        this.doomed = parsed.isEmpty();
        this.logDetail = doomed ? detail : null;
        this.verifier = parsed.orElseGet(() -> mockVerifier(user));
    }

    /** Runs the exchange; returns when the client has proven the password. */
    void run() throws IOException, AuthenticationFailedException {
        exchange.sendRequest(SASL, mechanisms());

        // SASLInitialResponse: the mechanism, then the initial client response (length -1: none).
        MessageBody initial = new MessageBody(exchange.readResponse());
        String mechanism = initial.readCString();
        int length = initial.readInt32();
        byte[] input = length == -1 ? null : initial.readBytes(length);
        initial.expectEnd();
        if (mechanism.equals(ScramSha256.MECHANISM_PLUS) && endPoint.isPresent()) {
            channelBindingInUse = true;
        } else if (!mechanism.equals(ScramSha256.MECHANISM)) {
            throw protocolViolation("client selected an invalid SASL authentication mechanism", null);
        }
        if (input == null) {
            // No initial response: an empty challenge, answered with what it would have held.
            exchange.sendRequest(SASL_CONTINUE, new byte[0]);
            input = exchange.readResponse();
        }
        readClientFirst(text(input));
        serverNonce = ScramSha256.nonce();
        serverFirst = "r=" + clientNonce + serverNonce + ",s=" + Base64.getEncoder().encodeToString(verifier.salt())
                + ",i=" + verifier.iterations();
        exchange.sendRequest(SASL_CONTINUE, serverFirst.getBytes(StandardCharsets.UTF_8));

        String clientFinal = text(exchange.readResponse());
        ClientFinal last = readClientFinal(clientFinal);
        if (!last.nonce().equals(clientNonce + serverNonce)) {
            throw protocolViolation("invalid SCRAM response", "Nonce does not match.");
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + last.withoutProof();
        // The proof is checked even when doomed, so the time taken does not tell whether the role exists.
        boolean proven = verifier.verifyClientProof(last.proof(), authMessage);
        if (!proven || doomed) {
            throw StoredPassword.failed(user, logDetail);
        }
        byte[] signature = verifier.serverSignature(authMessage);
        exchange.sendRequest(SASL_FINAL,
                ("v=" + Base64.getEncoder().encodeToString(signature)).getBytes(StandardCharsets.UTF_8));
    }

    /** The mechanism list: SCRAM-SHA-256-PLUS first when the channel can be bound, each null-terminated, then an empty one. */
    private byte[] mechanisms() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        if (endPoint.isPresent()) {
            b.writeBytes(ScramSha256.MECHANISM_PLUS.getBytes(StandardCharsets.US_ASCII));
            b.write(0);
        }
        b.writeBytes(ScramSha256.MECHANISM.getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        b.write(0);
        return b.toByteArray();
    }

    /** A SCRAM message: not empty, no NUL inside (PostgreSQL's checks before parsing). */
    private static String text(byte[] input) throws AuthenticationFailedException {
        if (input.length == 0) {
            throw malformed("The message is empty.");
        }
        for (byte b : input) {
            if (b == 0) {
                throw malformed("Message length does not match input length.");
            }
        }
        return new String(input, StandardCharsets.UTF_8);
    }

    /** PostgreSQL's read_client_first_message. */
    private void readClientFirst(String message) throws AuthenticationFailedException {
        Cursor p = new Cursor(message);
        cbindFlag = p.peek();
        switch (cbindFlag) {
            case 'n', 'y' -> {
                if (channelBindingInUse) {
                    throw malformed("The client selected SCRAM-SHA-256-PLUS, but the SCRAM message does not include"
                            + " channel binding data.");
                }
                if (cbindFlag == 'y' && endPoint.isPresent()) {
                    throw new AuthenticationFailedException("28000", "SCRAM channel binding negotiation error",
                            "The client supports SCRAM channel binding but thinks the server does not.  However, this"
                                    + " server does support channel binding.", null);
                }
                p.next();
                if (p.peek() != ',') {
                    throw malformed("Comma expected, but found character \"" + sanitize(p.peek()) + "\".");
                }
                p.next();
            }
            case 'p' -> {
                if (!channelBindingInUse) {
                    throw malformed("The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message"
                            + " includes channel binding data.");
                }
                String type = p.attribute('p');
                if (!type.equals(CHANNEL_BINDING_TYPE)) {
                    throw protocolViolation("unsupported SCRAM channel-binding type \"" + sanitize(type) + "\"", null);
                }
            }
            default -> throw malformed("Unexpected channel-binding flag \"" + sanitize(cbindFlag) + "\".");
        }
        if (p.peek() == 'a') {
            throw new AuthenticationFailedException("0A000",
                    "client uses authorization identity, but it is not supported", null, null);
        }
        if (p.peek() != ',') {
            throw malformed("Unexpected attribute \"" + sanitize(p.peek()) + "\" in client-first-message.");
        }
        p.next();
        clientFirstBare = p.rest();
        if (p.peek() == 'm') {
            throw new AuthenticationFailedException("0A000", "client requires an unsupported SCRAM extension", null,
                    null);
        }
        p.attribute('n'); // ignored: the user name is the startup packet's (libpq sends it empty)
        clientNonce = p.attribute('r');
        if (!clientNonce.chars().allMatch(c -> c >= 0x21 && c <= 0x7E && c != ',')) {
            throw protocolViolation("non-printable characters in SCRAM nonce", null);
        }
        while (!p.atEnd()) {
            p.anyAttribute(); // extensions: none are supported, so they are ignored
        }
    }

    private record ClientFinal(String nonce, String withoutProof, byte[] proof) {
    }

    /** PostgreSQL's read_client_final_message. */
    private ClientFinal readClientFinal(String message) throws AuthenticationFailedException {
        Cursor p = new Cursor(message);
        String channelBinding = p.attribute('c');
        if (channelBindingInUse) {
            byte[] header = ("p=" + CHANNEL_BINDING_TYPE + ",,").getBytes(StandardCharsets.US_ASCII);
            byte[] data = endPoint.orElseThrow();
            byte[] cbindInput = Arrays.copyOf(header, header.length + data.length);
            System.arraycopy(data, 0, cbindInput, header.length, data.length);
            String expected = Base64.getEncoder().encodeToString(cbindInput);
            if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    channelBinding.getBytes(StandardCharsets.UTF_8))) {
                throw new AuthenticationFailedException("28000", "SCRAM channel binding check failed", null, null);
            }
        } else if (!(channelBinding.equals("biws") && cbindFlag == 'n')
                && !(channelBinding.equals("eSws") && cbindFlag == 'y')) {
            throw protocolViolation("unexpected SCRAM channel-binding attribute in client-final-message", null);
        }
        String nonce = p.attribute('r');
        int proofStart;
        char attr;
        String value;
        do {
            proofStart = p.position() - 1;
            attr = p.peek();
            value = p.anyAttribute();
        } while (attr != 'p');
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            proof = new byte[0];
        }
        if (proof.length != ScramSha256.KEY_LENGTH) {
            throw malformed("Malformed proof in client-final-message.");
        }
        if (!p.atEnd()) {
            throw malformed("Garbage found at the end of client-final-message.");
        }
        return new ClientFinal(nonce, message.substring(0, proofStart), proof);
    }

    /** A cursor over a SCRAM message, with PostgreSQL's read_attr_value and read_any_attr. */
    private static final class Cursor {
        private final String s;
        private int pos;

        Cursor(String s) {
            this.s = s;
        }

        /** The current character, or NUL at the end (as in PostgreSQL's C string). */
        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        void next() {
            pos++;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        int position() {
            return pos;
        }

        String rest() {
            return pos >= s.length() ? "" : s.substring(pos);
        }

        /** Reads {@code attr=value} and the comma after it. */
        String attribute(char attr) throws AuthenticationFailedException {
            if (peek() != attr) {
                throw malformed("Expected attribute \"" + attr + "\" but found \"" + sanitize(peek()) + "\".");
            }
            pos++;
            if (peek() != '=') {
                throw malformed("Expected character \"=\" for attribute \"" + attr + "\".");
            }
            pos++;
            return value();
        }

        /** Reads any {@code ALPHA=value} and the comma after it. */
        String anyAttribute() throws AuthenticationFailedException {
            char attr = peek();
            if (attr == '\0') {
                throw malformed("Attribute expected, but found end of string.");
            }
            if (!(attr >= 'A' && attr <= 'Z' || attr >= 'a' && attr <= 'z')) {
                throw malformed("Attribute expected, but found invalid character \"" + sanitize(attr) + "\".");
            }
            pos++;
            if (peek() != '=') {
                throw malformed("Expected character \"=\" for attribute \"" + attr + "\".");
            }
            pos++;
            return value();
        }

        private String value() {
            int end = s.indexOf(',', pos);
            String v;
            if (end < 0) {
                v = s.substring(pos);
                pos = s.length();
            } else {
                v = s.substring(pos, end);
                pos = end + 1;
            }
            return v;
        }
    }

    private static AuthenticationFailedException malformed(String detail) {
        return protocolViolation("malformed SCRAM message", detail);
    }

    private static AuthenticationFailedException protocolViolation(String message, String detail) {
        return new AuthenticationFailedException("08P01", message, detail, null);
    }

    /** PostgreSQL's sanitize_char: a printable character in single quotes, anything else in hex. */
    static String sanitize(char c) {
        return c >= 0x21 && c <= 0x7E ? "'" + c + "'" : String.format("0x%02x", (int) c & 0xFF);
    }

    /** PostgreSQL's sanitize_str: printable ASCII, others as '?', at most 30 characters. */
    static String sanitize(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 30; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x21 && c <= 0x7E ? c : '?');
        }
        return b.toString();
    }

    /** A verifier that no password matches, with a salt that is stable for the role name (PostgreSQL's mock_scram_secret). */
    private static ScramSha256.Verifier mockVerifier(String user) {
        byte[] name = user.getBytes(StandardCharsets.UTF_8);
        byte[] input = Arrays.copyOf(MOCK_SECRET, MOCK_SECRET.length + name.length);
        System.arraycopy(name, 0, input, MOCK_SECRET.length, name.length);
        byte[] salt = Arrays.copyOf(ScramSha256.sha256(input), ScramSha256.DEFAULT_SALT_LENGTH);
        return new ScramSha256.Verifier(ScramSha256.DEFAULT_ITERATIONS, salt, new byte[ScramSha256.KEY_LENGTH],
                new byte[ScramSha256.KEY_LENGTH]);
    }
}
