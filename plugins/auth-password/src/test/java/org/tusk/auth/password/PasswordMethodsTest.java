package org.tusk.auth.password;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.tusk.protocol.Md5Password;
import org.tusk.protocol.ProtocolException;
import org.tusk.protocol.ScramSha256;
import org.tusk.spi.AuthenticationExchange;
import org.tusk.spi.AuthenticationFailedException;
import org.tusk.spi.AuthenticationMethod;
import org.tusk.spi.Role;
import org.tusk.spi.RoleDirectory;

/**
 * The three methods against clients written here with the protocol module's SCRAM and MD5 helpers,
 * byte for byte as libpq speaks: success, wrong passwords, unknown roles, and malformed messages
 * with PostgreSQL's errors.
 */
class PasswordMethodsTest {

    private static final String PASSWORD = "correct horse";
    private static final byte[] END_POINT = ScramSha256.sha256("certificate".getBytes(StandardCharsets.UTF_8));

    private final RoleDirectory roles = name -> Optional.ofNullable(Map.of(
            "alice", new Role("alice", false, true, Optional.of(ScramSha256.verifier(PASSWORD).encode())),
            "bob", new Role("bob", false, true, Optional.of(Md5Password.verifier(PASSWORD, "bob"))),
            "nopass", new Role("nopass", false, true, Optional.empty())).get(name));

    // ---- SCRAM-SHA-256 -------------------------------------------------------------------------

    @Test
    void scramSucceedsAndServerProvesItKnowsTheVerifier() throws Exception {
        ScramClient client = new ScramClient(PASSWORD);
        FakeExchange ex = new FakeExchange("alice", client);
        new ScramAuthentication(roles).authenticate(ex);
        assertEquals(List.of(10, 11, 12), ex.codes());
        assertArrayEquals("SCRAM-SHA-256\0\0".getBytes(StandardCharsets.US_ASCII), ex.payload(0),
                "no PLUS variant without TLS");
        client.checkServerFinal(ex.payload(2));
    }

    @Test
    void wrongPasswordFails28P01WithoutLogDetail() {
        var e = assertThrows(AuthenticationFailedException.class,
                () -> new ScramAuthentication(roles).authenticate(new FakeExchange("alice", new ScramClient("wrong"))));
        assertEquals("28P01", e.sqlState());
        assertEquals("password authentication failed for user \"alice\"", e.getMessage());
        assertNull(e.logDetail());
    }

    @Test
    void unknownRoleGoesThroughTheMotionsAndFailsLikeAWrongPassword() {
        FakeExchange ex = new FakeExchange("ghost", new ScramClient(PASSWORD));
        var e = assertThrows(AuthenticationFailedException.class, () -> new ScramAuthentication(roles).authenticate(ex));
        assertEquals("password authentication failed for user \"ghost\"", e.getMessage());
        assertEquals("Role \"ghost\" does not exist.", e.logDetail());
        assertEquals(List.of(10, 11), ex.codes(), "the salt was sent as for an existing role");
        String first = new String(ex.payload(1), StandardCharsets.UTF_8);
        FakeExchange again = new FakeExchange("ghost", new ScramClient(PASSWORD));
        assertThrows(AuthenticationFailedException.class, () -> new ScramAuthentication(roles).authenticate(again));
        assertEquals(first.replaceAll("^r=[^,]*", ""),
                new String(again.payload(1), StandardCharsets.UTF_8).replaceAll("^r=[^,]*", ""),
                "the mock salt is stable for a name");
    }

    @Test
    void md5VerifierCannotDoScram() {
        var e = assertThrows(AuthenticationFailedException.class,
                () -> new ScramAuthentication(roles).authenticate(new FakeExchange("bob", new ScramClient(PASSWORD))));
        assertEquals("User \"bob\" does not have a valid SCRAM secret.", e.logDetail());
        var n = assertThrows(AuthenticationFailedException.class, () -> new ScramAuthentication(roles)
                .authenticate(new FakeExchange("nopass", new ScramClient(PASSWORD))));
        assertEquals("User \"nopass\" has no password assigned.", n.logDetail());
    }

    @Test
    void missingInitialResponseGetsAnEmptyChallenge() throws Exception {
        ScramClient client = new ScramClient(PASSWORD);
        client.omitInitialResponse = true;
        FakeExchange ex = new FakeExchange("alice", client);
        new ScramAuthentication(roles).authenticate(ex);
        assertEquals(List.of(10, 11, 11, 12), ex.codes());
        assertEquals(0, ex.payload(1).length);
    }

    @Test
    void channelBindingOverTls() throws Exception {
        ScramClient client = new ScramClient(PASSWORD);
        client.bindTo = END_POINT;
        FakeExchange ex = new FakeExchange("alice", client);
        ex.tls = true;
        new ScramAuthentication(roles).authenticate(ex);
        assertArrayEquals("SCRAM-SHA-256-PLUS\0SCRAM-SHA-256\0\0".getBytes(StandardCharsets.US_ASCII), ex.payload(0));
        client.checkServerFinal(ex.payload(2));

        ScramClient forger = new ScramClient(PASSWORD);
        forger.bindTo = ScramSha256.sha256(new byte[] {1}); // a man in the middle's certificate
        FakeExchange mitm = new FakeExchange("alice", forger);
        mitm.tls = true;
        var e = assertThrows(AuthenticationFailedException.class, () -> new ScramAuthentication(roles).authenticate(mitm));
        assertEquals("28000", e.sqlState());
        assertEquals("SCRAM channel binding check failed", e.getMessage());
    }

    @Test
    void clientThatThinksServerCannotBindIsRefusedOverTls() {
        ScramClient client = new ScramClient(PASSWORD);
        client.gs2Header = "y,,";
        FakeExchange ex = new FakeExchange("alice", client);
        ex.tls = true;
        var e = assertThrows(AuthenticationFailedException.class, () -> new ScramAuthentication(roles).authenticate(ex));
        assertEquals("28000", e.sqlState());
        assertEquals("SCRAM channel binding negotiation error", e.getMessage());
        assertEquals("The client supports SCRAM channel binding but thinks the server does not.  However, this server"
                + " does support channel binding.", e.detail());
    }

    @Test
    void yFlagWithoutTlsIsFine() throws Exception {
        ScramClient client = new ScramClient(PASSWORD);
        client.gs2Header = "y,,";
        new ScramAuthentication(roles).authenticate(new FakeExchange("alice", client));
    }

    @Test
    void plusWithoutTlsIsAnInvalidMechanism() {
        ScramClient client = new ScramClient(PASSWORD);
        client.mechanism = "SCRAM-SHA-256-PLUS";
        assertProtocolViolation(client, "client selected an invalid SASL authentication mechanism", null);
        ScramClient other = new ScramClient(PASSWORD);
        other.mechanism = "SCRAM-SHA-1";
        assertProtocolViolation(other, "client selected an invalid SASL authentication mechanism", null);
    }

    @Test
    void malformedClientFirstMessages() {
        assertMalformedFirst("", "The message is empty.");
        assertMalformedFirst("n,,n=,r=abc\0x", "Message length does not match input length.");
        assertMalformedFirst("x,,n=,r=abc", "Unexpected channel-binding flag \"'x'\".");
        assertMalformedFirst("n;,n=,r=abc", "Comma expected, but found character \"';'\".");
        assertMalformedFirst("n", "Comma expected, but found character \"0x00\".");
        assertMalformedFirst("p=tls-server-end-point,,n=,r=abc", "The client selected SCRAM-SHA-256 without channel"
                + " binding, but the SCRAM message includes channel binding data.");
        assertMalformedFirst("n,x,n=,r=abc", "Unexpected attribute \"'x'\" in client-first-message.");
        assertMalformedFirst("n,,r=abc", "Expected attribute \"n\" but found \"'r'\".");
        assertMalformedFirst("n,,n=", "Expected attribute \"r\" but found \"0x00\".");
        assertMalformedFirst("n,,n,r=abc", "Expected character \"=\" for attribute \"n\".");
        assertMalformedFirst("n,,n=,r=abc,1=x", "Attribute expected, but found invalid character \"'1'\".");
        var nonce = assertThrows(AuthenticationFailedException.class, () -> firstMessage("n,,n=,r=a\u00e9b"));
        assertEquals("non-printable characters in SCRAM nonce", nonce.getMessage());
        var authz = assertThrows(AuthenticationFailedException.class, () -> firstMessage("n,a=bob,n=,r=abc"));
        assertEquals("0A000", authz.sqlState());
        assertEquals("client uses authorization identity, but it is not supported", authz.getMessage());
        var ext = assertThrows(AuthenticationFailedException.class, () -> firstMessage("n,,m=ext,n=,r=abc"));
        assertEquals("client requires an unsupported SCRAM extension", ext.getMessage());
    }

    @Test
    void malformedClientFinalMessages() {
        assertMalformedFinal(m -> m.replace("c=biws", "c=eSws"), "unexpected SCRAM channel-binding attribute in"
                + " client-final-message", null);
        assertMalformedFinal(m -> m.replaceFirst("r=[^,]*", "r=other"), "invalid SCRAM response", "Nonce does not match.");
        assertMalformedFinal(m -> m.replaceFirst(",p=.*", ""), "malformed SCRAM message",
                "Attribute expected, but found end of string.");
        assertMalformedFinal(m -> m.replaceFirst(",p=.*", ",p=AAAA"), "malformed SCRAM message",
                "Malformed proof in client-final-message.");
        assertMalformedFinal(m -> m.replaceFirst(",p=.*", ",p=@@@"), "malformed SCRAM message",
                "Malformed proof in client-final-message.");
        assertMalformedFinal(m -> m + ",x=1", "malformed SCRAM message", "Garbage found at the end of client-final-message.");
        assertMalformedFinal(m -> m.substring(m.indexOf(',') + 1), "malformed SCRAM message",
                "Expected attribute \"c\" but found \"'r'\".");
    }

    @Test
    void extensionsBeforeTheProofAreSkipped() throws Exception {
        ScramClient client = new ScramClient(PASSWORD);
        client.extension = "x=ignored";
        new ScramAuthentication(roles).authenticate(new FakeExchange("alice", client));
    }

    private void assertMalformedFirst(String message, String detail) {
        var e = assertThrows(AuthenticationFailedException.class, () -> firstMessage(message));
        assertEquals("08P01", e.sqlState(), message);
        assertEquals("malformed SCRAM message", e.getMessage(), message);
        assertEquals(detail, e.detail(), message);
    }

    private void firstMessage(String message) throws Exception {
        ScramClient client = new ScramClient(PASSWORD);
        client.clientFirstOverride = message;
        new ScramAuthentication(roles).authenticate(new FakeExchange("alice", client));
    }

    private void assertMalformedFinal(UnaryOperator<String> tamper, String message, String detail) {
        ScramClient client = new ScramClient(PASSWORD);
        client.tamperFinal = tamper;
        assertProtocolViolation(client, message, detail);
    }

    private void assertProtocolViolation(ScramClient client, String message, String detail) {
        var e = assertThrows(AuthenticationFailedException.class,
                () -> new ScramAuthentication(roles).authenticate(new FakeExchange("alice", client)));
        assertEquals("08P01", e.sqlState());
        assertEquals(message, e.getMessage());
        assertEquals(detail, e.detail());
    }

    // ---- md5 ------------------------------------------------------------------------------------

    @Test
    void md5WithMd5Verifier() throws Exception {
        FakeExchange ex = new FakeExchange("bob", md5Client(PASSWORD, "bob"));
        new Md5Authentication(roles).authenticate(ex);
        assertEquals(List.of(5), ex.codes());
        assertEquals(4, ex.payload(0).length);

        var e = assertThrows(AuthenticationFailedException.class,
                () -> new Md5Authentication(roles).authenticate(new FakeExchange("bob", md5Client("wrong", "bob"))));
        assertEquals("28P01", e.sqlState());
        assertEquals("password authentication failed for user \"bob\"", e.getMessage());
        assertEquals("Password does not match for user \"bob\".", e.logDetail());
    }

    @Test
    void md5WithScramVerifierOrUnknownRoleUsesScram() throws Exception {
        ScramClient client = new ScramClient(PASSWORD);
        FakeExchange ex = new FakeExchange("alice", client);
        new Md5Authentication(roles).authenticate(ex);
        assertEquals(List.of(10, 11, 12), ex.codes());
        FakeExchange ghost = new FakeExchange("ghost", new ScramClient(PASSWORD));
        var e = assertThrows(AuthenticationFailedException.class, () -> new Md5Authentication(roles).authenticate(ghost));
        assertEquals("Role \"ghost\" does not exist.", e.logDetail());
        assertEquals(10, ghost.codes().get(0));
    }

    @Test
    void md5EmptyResponseIsRefused() {
        var e = assertThrows(AuthenticationFailedException.class,
                () -> new Md5Authentication(roles).authenticate(new FakeExchange("bob", r -> new byte[] {0})));
        assertEquals("28P01", e.sqlState());
        assertEquals("empty password returned by client", e.getMessage());
    }

    private static Function<Request, byte[]> md5Client(String password, String user) {
        return r -> cstring(Md5Password.response(Md5Password.verifier(password, user), r.payload()));
    }

    // ---- password -------------------------------------------------------------------------------

    @Test
    void cleartextAgainstScramAndMd5Verifiers() throws Exception {
        for (String user : List.of("alice", "bob")) {
            FakeExchange ex = new FakeExchange(user, r -> cstring(PASSWORD));
            new PasswordAuthentication(roles).authenticate(ex);
            assertEquals(List.of(3), ex.codes());
            var e = assertThrows(AuthenticationFailedException.class,
                    () -> new PasswordAuthentication(roles).authenticate(new FakeExchange(user, r -> cstring("nope"))));
            assertEquals("28P01", e.sqlState());
            assertEquals("password authentication failed for user \"" + user + "\"", e.getMessage());
            assertEquals("Password does not match for user \"" + user + "\".", e.logDetail());
        }
    }

    @Test
    void cleartextUnknownRoleEmptyAndMalformedPasswords() {
        var ghost = assertThrows(AuthenticationFailedException.class,
                () -> new PasswordAuthentication(roles).authenticate(new FakeExchange("ghost", r -> cstring(PASSWORD))));
        assertEquals("Role \"ghost\" does not exist.", ghost.logDetail());
        var empty = assertThrows(AuthenticationFailedException.class,
                () -> new PasswordAuthentication(roles).authenticate(new FakeExchange("alice", r -> new byte[] {0})));
        assertEquals("empty password returned by client", empty.getMessage());
        assertEquals("28P01", empty.sqlState());
        var size = assertThrows(ProtocolException.class, () -> new PasswordAuthentication(roles)
                .authenticate(new FakeExchange("alice", r -> "abc\0def\0".getBytes(StandardCharsets.UTF_8))));
        assertEquals("invalid password packet size", size.getMessage());
        var none = assertThrows(AuthenticationFailedException.class,
                () -> new PasswordAuthentication(roles).authenticate(new FakeExchange("nopass", r -> cstring("x"))));
        assertEquals("User \"nopass\" has no password assigned.", none.logDetail());
    }

    @Test
    void methodsNameThemselvesAsPgHbaDoes() {
        assertEquals(List.of("password", "md5", "scram-sha-256"), List.of(new PasswordAuthentication(roles),
                new Md5Authentication(roles), new ScramAuthentication(roles)).stream().map(AuthenticationMethod::name)
                .toList());
    }

    // ---- the client side ------------------------------------------------------------------------

    private static byte[] cstring(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(b, b.length + 1);
    }

    record Request(int code, byte[] payload) {
    }

    /** An exchange whose client answers each request through a function, as libpq would. */
    static final class FakeExchange implements AuthenticationExchange {
        private final String user;
        private final Function<Request, byte[]> client;
        private final List<Request> sent = new ArrayList<>();
        boolean tls;

        FakeExchange(String user, Function<Request, byte[]> client) {
            this.user = user;
            this.client = client;
        }

        @Override
        public String user() {
            return user;
        }

        @Override
        public String database() {
            return "db";
        }

        @Override
        public String remoteHost() {
            return "127.0.0.1";
        }

        @Override
        public boolean tls() {
            return tls;
        }

        @Override
        public Optional<byte[]> tlsServerEndPoint() {
            return tls ? Optional.of(END_POINT.clone()) : Optional.empty();
        }

        @Override
        public void sendRequest(int code, byte[] payload) {
            sent.add(new Request(code, payload == null ? new byte[0] : payload.clone()));
        }

        @Override
        public byte[] readResponse() throws IOException {
            if (sent.isEmpty()) {
                throw new IOException("client read before any request");
            }
            return client.apply(sent.get(sent.size() - 1));
        }

        List<Integer> codes() {
            return sent.stream().map(Request::code).toList();
        }

        byte[] payload(int i) {
            return sent.get(i).payload();
        }
    }

    /** A SCRAM-SHA-256 client in the style of libpq's fe-auth-scram.c, with knobs for misbehaving. */
    static final class ScramClient implements Function<Request, byte[]> {
        private final String password;
        private final String nonce = ScramSha256.nonce();
        String mechanism;
        String gs2Header;
        byte[] bindTo;
        boolean omitInitialResponse;
        String clientFirstOverride;
        UnaryOperator<String> tamperFinal = UnaryOperator.identity();
        String extension;
        private String clientFirstBare;
        private String authMessage;
        private byte[] salted;

        ScramClient(String password) {
            this.password = password;
        }

        @Override
        public byte[] apply(Request r) {
            return switch (r.code()) {
                case 10 -> initial();
                case 11 -> r.payload().length == 0 ? clientFirst().getBytes(StandardCharsets.UTF_8)
                        : clientFinal(new String(r.payload(), StandardCharsets.UTF_8));
                default -> throw new IllegalStateException("unexpected request " + r.code());
            };
        }

        private String header() {
            if (gs2Header != null) {
                return gs2Header;
            }
            return bindTo != null ? "p=tls-server-end-point,," : "n,,";
        }

        private String clientFirst() {
            if (clientFirstOverride != null) {
                return clientFirstOverride;
            }
            clientFirstBare = "n=,r=" + nonce;
            return header() + clientFirstBare;
        }

        private byte[] initial() {
            String mech = mechanism != null ? mechanism : bindTo != null ? "SCRAM-SHA-256-PLUS" : "SCRAM-SHA-256";
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(cstring(mech));
            if (omitInitialResponse) {
                b.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            } else {
                byte[] first = clientFirst().getBytes(StandardCharsets.UTF_8);
                b.writeBytes(ByteBuffer.allocate(4).putInt(first.length).array());
                b.writeBytes(first);
            }
            return b.toByteArray();
        }

        private byte[] clientFinal(String serverFirst) {
            String[] parts = serverFirst.split(",");
            String combinedNonce = parts[0].substring(2);
            assertTrue(combinedNonce.startsWith(nonce), "server nonce extends ours");
            byte[] salt = Base64.getDecoder().decode(parts[1].substring(2));
            int iterations = Integer.parseInt(parts[2].substring(2));
            byte[] cbindInput = header().getBytes(StandardCharsets.US_ASCII);
            if (bindTo != null) {
                cbindInput = Arrays.copyOf(cbindInput, cbindInput.length + bindTo.length);
                System.arraycopy(bindTo, 0, cbindInput, cbindInput.length - bindTo.length, bindTo.length);
            }
            String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbindInput) + ",r=" + combinedNonce
                    + (extension == null ? "" : "," + extension);
            authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
            salted = ScramSha256.saltedPassword(password, salt, iterations);
            String proof = Base64.getEncoder().encodeToString(ScramSha256.clientProof(salted, authMessage));
            return tamperFinal.apply(withoutProof + ",p=" + proof).getBytes(StandardCharsets.UTF_8);
        }

        void checkServerFinal(byte[] payload) {
            String expected = "v=" + Base64.getEncoder().encodeToString(ScramSha256.serverSignature(salted, authMessage));
            assertEquals(expected, new String(payload, StandardCharsets.UTF_8));
        }
    }
}
