package org.tusk.transport.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class SocketDirectoriesTest {

    @Test
    void splitsLikePostgres() throws IOException {
        assertEquals(List.of(), SocketDirectories.split(""));
        assertEquals(List.of(), SocketDirectories.split("   "));
        assertEquals(List.of("/tmp"), SocketDirectories.split("/tmp"));
        assertEquals(List.of("/var/run/postgresql", "/tmp"), SocketDirectories.split(" /var/run/postgresql , /tmp "));
        assertEquals(List.of("/a dir", "/b"), SocketDirectories.split("/a dir,/b"));
        assertEquals(List.of("/with,comma", " padded ", "say \"hi\""),
                SocketDirectories.split("\"/with,comma\", \" padded \",\"say \"\"hi\"\"\""));
    }

    @Test
    void rejectsWhatPostgresRejects() {
        for (String bad : List.of(",", "/a,", "/a,,/b", "\"/unterminated", "\"/a\"x", " , /a")) {
            IOException e = assertThrows(IOException.class, () -> SocketDirectories.split(bad), bad);
            assertEquals("invalid list syntax in parameter \"unix_socket_directories\"", e.getMessage());
        }
    }

    @Test
    void resolvesRelativeNamesAgainstTheDataDirectoryAndDropsDuplicates() throws IOException {
        Path data = Path.of("/srv/data");
        assertEquals(List.of(Path.of("/tmp"), Path.of("/srv/data/sockets"), Path.of("/srv/run")),
                SocketDirectories.resolve("/tmp/, sockets, ../run, /tmp, ./sockets", data));
    }

    @Test
    void abstractNamespaceIsNotSupported() {
        IOException e = assertThrows(IOException.class, () -> SocketDirectories.resolve("@tusk", Path.of("/d")));
        assertEquals("abstract Unix-domain sockets (\"@tusk\" in unix_socket_directories) are not supported",
                e.getMessage());
    }
}
