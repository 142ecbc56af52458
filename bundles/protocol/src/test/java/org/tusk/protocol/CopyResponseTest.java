package org.tusk.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** CopyInResponse, CopyOutResponse and CopyBothResponse, both directions, against PostgreSQL 15's bytes. */
class CopyResponseTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static CopyResponse decode(byte[] wire) throws IOException {
        return CopyResponse.decode(new MessageReader(new ByteArrayInputStream(wire)).read());
    }

    @Test
    void copyBothResponseOfStartReplication() throws IOException {
        // PostgreSQL 15's walsender answering START_REPLICATION PHYSICAL 0/1552188 on a replication=database
        // connection (captured from the socket): text format, no columns.
        byte[] wire = hex("57 00000007 00 0000");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MessageWriter(out).copyBothResponse(false, 0).flush();
        assertArrayEquals(wire, out.toByteArray());
        CopyResponse r = decode(wire);
        assertEquals(new CopyResponse('W', false, new short[0]), r);
        assertTrue(r.frontendSends() && r.backendSends());
    }

    @Test
    void copyBothWithColumnsRoundTrips() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MessageWriter(out).copyBothResponse(true, 2).flush();
        assertArrayEquals(hex("57 0000000b 01 0002 0001 0001"), out.toByteArray());
        assertEquals(new CopyResponse('W', true, new short[] {1, 1}), decode(out.toByteArray()));
    }

    @Test
    void copyInAndOutResponsesDecode() throws IOException {
        // COPY t TO STDOUT (format binary) of three columns, and COPY t FROM STDIN of (int, text), as PostgreSQL 15 sent them.
        CopyResponse out = decode(hex("48 0000000d 01 0003 0001 0001 0001"));
        assertEquals(new CopyResponse('H', true, new short[] {1, 1, 1}), out);
        assertFalse(out.frontendSends());
        CopyResponse in = decode(hex("47 0000000b 00 0002 0000 0000"));
        assertEquals(new CopyResponse('G', false, new short[] {0, 0}), in);
        assertFalse(in.backendSends());
    }

    @Test
    void malformedResponsesAreProtocolErrors() {
        assertThrows(ProtocolException.class, () -> decode(hex("57 00000006 00 00"))); // count cut short
        assertThrows(ProtocolException.class, () -> decode(hex("57 00000009 00 0000 0000"))); // trailing bytes
        assertThrows(ProtocolException.class, () -> decode(hex("57 00000007 02 0000"))); // format 2
        assertThrows(ProtocolException.class, () -> decode(hex("57 00000007 00 ffff"))); // negative count
        assertThrows(ProtocolException.class, () -> decode(hex("44 00000007 00 0000"))); // a DataRow
    }
}
