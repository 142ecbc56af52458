package org.tusk.backend.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.tusk.protocol.Message;
import org.tusk.protocol.MessageReader;
import org.tusk.protocol.MessageWriter;
import org.tusk.spi.CopyInStream;
import org.tusk.spi.SqlException;

/** COPY FROM STDIN on the wire: CopyInResponse out, the client's CopyData in until CopyDone or CopyFail. */
class WireCopyInTest {

    private static MessageReader client(MessageWriterAction messages) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MessageWriter w = new MessageWriter(bytes);
        messages.write(w);
        w.flush();
        return new MessageReader(new ByteArrayInputStream(bytes.toByteArray()), MessageReader::frontendLimit);
    }

    private interface MessageWriterAction {
        void write(MessageWriter w);
    }

    @Test
    void dataUntilCopyDoneWithFlushAndSyncIgnored() throws IOException {
        ByteArrayOutputStream toClient = new ByteArrayOutputStream();
        MessageReader in = client(w -> w.copyData("1\t2\n".getBytes(StandardCharsets.UTF_8)).flushMessage()
                .copyData("3\t4\n".getBytes(StandardCharsets.UTF_8)).sync().copyDone());
        CopyInStream data = new WireResultSink(new MessageWriter(toClient), in).copyInResponse(false, 2);
        Message response = new MessageReader(new ByteArrayInputStream(toClient.toByteArray())).read();
        assertEquals('G', response.typeChar());
        assertArrayEquals(new byte[] {0, 0, 2, 0, 0, 0, 0}, response.body(), "text format, two text columns");
        assertEquals("1\t2\n", new String(data.next(), StandardCharsets.UTF_8));
        assertEquals("3\t4\n", new String(data.next(), StandardCharsets.UTF_8));
        assertNull(data.next());
        assertNull(data.next(), "stays at the end");
    }

    @Test
    void copyFailAndStrayMessages() throws IOException {
        MessageReader failing = client(w -> w.copyData(new byte[] {1}).copyFail("no more"));
        CopyInStream data = new WireResultSink(new MessageWriter(new ByteArrayOutputStream()), failing)
                .copyInResponse(true, 1);
        data.next();
        SqlException e = assertThrows(SqlException.class, data::next);
        assertEquals("57014", e.sqlState());
        assertEquals("COPY from stdin failed: no more", e.getMessage());

        MessageReader stray = client(w -> w.query("select 1"));
        CopyInStream bad = new WireResultSink(new MessageWriter(new ByteArrayOutputStream()), stray)
                .copyInResponse(false, 1);
        SqlException p = assertThrows(SqlException.class, bad::next);
        assertEquals("08P01", p.sqlState());
        assertEquals("unexpected message type 0x51 during COPY from stdin", p.getMessage());
    }
}
