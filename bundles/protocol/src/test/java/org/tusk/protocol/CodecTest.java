package org.tusk.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CodecTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void sslRequestBytesMatchLibpq() throws IOException {
        // libpq's SSLRequest as captured from psql 15: 00 00 00 08 04 d2 16 2f
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MessageWriter(out).sslRequest().flush();
        assertArrayEquals(hex("00000008 04d2162f"), out.toByteArray());
        assertInstanceOf(StartupPacket.SslRequest.class,
                StartupPacketReader.read(new ByteArrayInputStream(out.toByteArray())));
    }

    @Test
    void startupMessageRoundTrips() throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", "pgtest");
        params.put("database", "capture");
        params.put("application_name", "psql");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MessageWriter(out).startupMessage(params).flush();
        StartupPacket p = StartupPacketReader.read(new ByteArrayInputStream(out.toByteArray()));
        StartupPacket.Startup s = assertInstanceOf(StartupPacket.Startup.class, p);
        assertEquals(3, s.majorVersion());
        assertEquals(0, s.minorVersion());
        assertEquals(params, s.parameters());
        assertEquals(List.copyOf(params.keySet()), List.copyOf(s.parameters().keySet()), "order is kept");
    }

    @Test
    void cancelRequestCarriesPidAndKey() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MessageWriter(out).cancelRequest(1234, -5).flush();
        assertArrayEquals(hex("00000010 04d2162e 000004d2 fffffffb"), out.toByteArray());
        StartupPacket.CancelRequest c = assertInstanceOf(StartupPacket.CancelRequest.class,
                StartupPacketReader.read(new ByteArrayInputStream(out.toByteArray())));
        assertEquals(1234, c.processId());
        assertEquals(-5, c.secretKey());
    }

    @Test
    void startupLengthLimits() {
        assertThrows(ProtocolException.class, () -> StartupPacketReader.read(new ByteArrayInputStream(hex("00000007"))));
        assertThrows(ProtocolException.class,
                () -> StartupPacketReader.read(new ByteArrayInputStream(hex("00002715"))), "10005 is over the limit");
        assertThrows(StartupPacketReader.IncompletePacketException.class,
                () -> StartupPacketReader.read(new ByteArrayInputStream(hex("0000000c 00030000"))));
        assertThrows(EOFException.class, () -> StartupPacketReader.read(new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void startupWithoutFinalTerminatorIsRejected() {
        // "user\0x\0" with no closing NUL
        byte[] bad = hex("0000000f 00030000 75736572 00 78 00");
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> StartupPacketReader.read(new ByteArrayInputStream(bad)));
        assertEquals("invalid startup packet layout: expected terminator as last byte", e.getMessage());
    }

    @Test
    void versionIsKnownEvenWhenTheRestIsGarbage() throws IOException {
        StartupPacket p = StartupPacketReader.read(new ByteArrayInputStream(hex("00000010 1234abcd ffffffff ffffffff")));
        StartupPacket.Startup s = assertInstanceOf(StartupPacket.Startup.class, p);
        assertEquals(0x1234, s.majorVersion());
        assertEquals(Map.of(), s.parameters());
    }

    @Test
    void backendMessagesHavePostgresLayout() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MessageWriter(out).authenticationOk().parameterStatus("TimeZone", "Etc/UTC").backendKeyData(7, 9)
                .readyForQuery('I').flush();
        assertArrayEquals(hex("52 00000008 00000000"
                + "53 00000015 54696d655a6f6e6500 4574632f55544300"
                + "4b 0000000c 00000007 00000009"
                + "5a 00000005 49"), out.toByteArray());
    }

    @Test
    void rowDescriptionDataRowAndNulls() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MessageWriter(out).rowDescription(List.of(ColumnDescription.computed("two", TypeOids.INT4, (short) 4)))
                .dataRow(new byte[][] {"2".getBytes(), null}).commandComplete("SELECT 1").flush();
        assertArrayEquals(hex("54 0000001c 0001 74776f00 00000000 0000 00000017 0004 ffffffff 0000"
                + "44 0000000f 0002 00000001 32 ffffffff"
                + "43 0000000d 53454c454354203100"), out.toByteArray());
    }

    @Test
    void errorFieldsRoundTripInPostgresOrder() throws IOException {
        ErrorFields f = ErrorFields.of("ERROR", "22012", "division by zero").position(8).hint("h").build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MessageWriter(out).errorResponse(f).flush();
        Message m = new MessageReader(new ByteArrayInputStream(out.toByteArray())).read();
        assertEquals('E', m.typeChar());
        ErrorFields back = ErrorFields.decode(m.reader());
        assertEquals(List.of((byte) 'S', (byte) 'V', (byte) 'C', (byte) 'M', (byte) 'H', (byte) 'P'),
                List.copyOf(back.asMap().keySet()));
        assertEquals("8", back.get(ErrorFields.POSITION));
        assertEquals("division by zero", back.message());
    }

    @Test
    void messageLengthIsCheckedBeforeAllocation() {
        MessageReader r = new MessageReader(new ByteArrayInputStream(hex("51 7fffffff")), 1 << 20);
        assertThrows(ProtocolException.class, r::read);
        assertThrows(ProtocolException.class, new MessageReader(new ByteArrayInputStream(hex("51 00000003")))::read);
    }

    @Test
    void smallMessagesHaveSmallLimitsAndLargeOnesAreNotPreallocated() throws IOException {
        MessageReader r = new MessageReader(new ByteArrayInputStream(hex("53 00100000")), MessageReader::frontendLimit);
        assertThrows(ProtocolException.class, r::read, "a 1 MB Sync is refused before anything is read");
        // A Query claiming 1 GB but carrying 3 bytes ends in EOF without allocating 1 GB.
        MessageReader q = new MessageReader(new ByteArrayInputStream(hex("51 3ffffff0 414243")),
                MessageReader::frontendLimit);
        assertThrows(StartupPacketReader.IncompletePacketException.class, q::read);
        byte[] big = new byte[200_000];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MessageWriter(out).begin('d').bytes(big).end().flush();
        Message m = new MessageReader(new ByteArrayInputStream(out.toByteArray()), MessageReader::frontendLimit).read();
        assertEquals(200_000, m.body().length, "large bodies grow in chunks to their full size");
    }

    @Test
    void randomBodiesNeverEscapeAsUncheckedExceptions() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            byte[] body = new byte[random.nextInt(24)];
            random.nextBytes(body);
            MessageBody b = new MessageBody(body);
            try {
                ErrorFields.decode(b);
            } catch (ProtocolException expected) {
                // the only acceptable failure
            }
            try {
                StartupPacketReader.decode(body.length >= 4 ? body : new byte[] {0, 3, 0, 0});
            } catch (ProtocolException expected) {
                // likewise
            }
        }
    }

    @Test
    void noticeResponseCarriesEveryFieldInPostgresOrder() throws IOException {
        // Set in a scrambled order; PostgreSQL's send_message_to_frontend writes S V C M D H P p q W s t c d
        // n F L R, and an unknown code travels last.
        ErrorFields f = ErrorFields.builder().set(ErrorFields.ROUTINE, "r").set(ErrorFields.LINE, "12")
                .set(ErrorFields.FILE, "f.c").set(ErrorFields.CONSTRAINT, "k").set(ErrorFields.DATA_TYPE, "int4")
                .set(ErrorFields.COLUMN, "a").set(ErrorFields.TABLE, "t").set(ErrorFields.SCHEMA, "public")
                .set(ErrorFields.WHERE, "w").set(ErrorFields.INTERNAL_QUERY, "select 1")
                .set(ErrorFields.INTERNAL_POSITION, "3").set(ErrorFields.POSITION, "8").set((byte) 'Z', "future")
                .hint("h").detail("d").set(ErrorFields.MESSAGE, "m").set(ErrorFields.CODE, "01000")
                .set(ErrorFields.SEVERITY_NONLOCALIZED, "NOTICE").set(ErrorFields.SEVERITY, "HINWEIS").build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MessageWriter(out).noticeResponse(f).flush();
        Message m = new MessageReader(new ByteArrayInputStream(out.toByteArray())).read();
        assertEquals('N', m.typeChar());
        String expected = "SHINWEIS\0VNOTICE\0C01000\0Mm\0Dd\0Hh\0P8\0p3\0qselect 1\0Ww\0spublic\0tt\0ca\0"
                + "dint4\0nk\0Ff.c\0L12\0Rr\0Zfuture\0\0";
        assertEquals(expected, new String(m.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(f.asMap(), ErrorFields.decode(m.reader()).asMap());
    }

    @Test
    void copyAndFunctionCallMessagesHavePostgresLayout() throws IOException {
        // Bytes as PostgreSQL 15 sent them for COPY ... TO STDOUT (format binary) of three columns, and
        // as libpq's PQfn sends a call of int4pl(1, 2) with binary arguments and result.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MessageWriter(out).copyOutResponse(true, 3).copyData(new byte[] {(byte) 0xFF, (byte) 0xFF}).copyDone()
                .functionCallResponse(new byte[] {0, 0, 0, 3}).functionCallResponse(null).flush();
        assertArrayEquals(hex("48 0000000d 01 0003 0001 0001 0001 64 00000006 ffff 63 00000004"
                + "56 0000000c 00000004 00000003 56 00000008 ffffffff"), out.toByteArray());
        out.reset();
        new MessageWriter(out).functionCall(177, new short[] {1}, new byte[][] {{0, 0, 0, 1}, {0, 0, 0, 2}}, (short) 1)
                .copyFail("x").flush();
        assertArrayEquals(hex("46 00000020 000000b1 0001 0001 0002 00000004 00000001 00000004 00000002 0001"
                + "66 00000006 7800"), out.toByteArray());
    }
}
