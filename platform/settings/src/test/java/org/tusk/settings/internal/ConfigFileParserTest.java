package org.tusk.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileParserTest {

    @TempDir
    Path dir;

    private Map<String, String> parse(String text) throws Exception {
        Path f = dir.resolve("postgresql.conf");
        Files.writeString(f, text);
        return new ConfigFileParser().parse(f).values();
    }

    @Test
    void readsPostgresSyntax() throws Exception {
        Map<String, String> v = parse("""
                # a comment line
                port = 5433              # trailing comment
                listen_addresses='127.0.0.1, ::1'
                shared_buffers 128MB
                TimeZone = 'Europe/Paris'
                log_line_prefix = '%m [%p] it''s \\'quoted\\' #not a comment'
                work_mem = 4MB
                ssl = on
                random_page_cost = 1.1
                search_path = '"$user", public'
                my.custom_setting = 'x'

                """);
        assertEquals("5433", v.get("port"));
        assertEquals("127.0.0.1, ::1", v.get("listen_addresses"));
        assertEquals("128MB", v.get("shared_buffers"));
        assertEquals("Europe/Paris", v.get("timezone"), "names are case-insensitive, stored lower-case");
        assertEquals("%m [%p] it's 'quoted' #not a comment", v.get("log_line_prefix"));
        assertEquals("on", v.get("ssl"));
        assertEquals("1.1", v.get("random_page_cost"));
        assertEquals("\"$user\", public", v.get("search_path"));
        assertEquals("x", v.get("my.custom_setting"));
    }

    @Test
    void laterEntryWins() throws Exception {
        assertEquals("2", parse("port = 1\nport = 2\n").get("port"));
    }

    @Test
    void escapesInQuotedStrings() throws Exception {
        assertEquals("a\tb\nc\101", parse("x = 'a\\tb\\nc\\101'\n").get("x"));
    }

    @Test
    void syntaxErrorsNameFileLineAndToken() throws Exception {
        Path f = dir.resolve("postgresql.conf");
        ConfigFileException e = assertThrows(ConfigFileException.class, () -> parse("port = 1\nport = = 2\n"));
        assertEquals("syntax error in file \"" + f + "\" line 2, near token \"=\"", e.getMessage());
        e = assertThrows(ConfigFileException.class, () -> parse("listen_addresses = *\n"));
        assertEquals("syntax error in file \"" + f + "\" line 1, near token \"*\"", e.getMessage());
        e = assertThrows(ConfigFileException.class, () -> parse("port =\n"));
        assertEquals("syntax error in file \"" + f + "\" line 1, near end of line", e.getMessage());
        e = assertThrows(ConfigFileException.class, () -> parse("x = 'unterminated\n"));
        assertEquals("syntax error in file \"" + f + "\" line 1, near token \"'unterminated\"", e.getMessage());
        e = assertThrows(ConfigFileException.class, () -> parse("port = 1 2\n"));
        assertEquals("syntax error in file \"" + f + "\" line 1, near token \"2\"", e.getMessage());
    }

    @Test
    void includeDirectivesResolveRelativeToTheIncludingFile() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(sub.resolve("b.conf"), "port = 2\nwork_mem = 8MB\n");
        Files.writeString(sub.resolve("a.conf"), "port = 1\n");
        Files.writeString(sub.resolve(".hidden.conf"), "port = 99\n");
        Files.writeString(sub.resolve("ignored.txt"), "port = 98\n");
        Files.writeString(dir.resolve("extra.conf"), "max_connections = 7\n");
        Map<String, String> v = parse("""
                port = 0
                include_dir 'conf.d'
                include = 'extra.conf'
                include_if_exists = 'missing.conf'
                """);
        assertEquals("2", v.get("port"), "include_dir reads files in name order, later wins");
        assertEquals("8MB", v.get("work_mem"));
        assertEquals("7", v.get("max_connections"));
        assertFalse(v.containsKey("include"));
    }

    @Test
    void missingIncludeIsAnError() {
        ConfigFileException e = assertThrows(ConfigFileException.class, () -> parse("include 'nope.conf'\n"));
        assertEquals("could not open configuration file \"" + dir.resolve("nope.conf")
                + "\": No such file or directory", e.getMessage());
    }

    @Test
    void includeLoopIsStopped() throws IOException {
        Files.writeString(dir.resolve("loop.conf"), "include 'loop.conf'\n");
        assertThrows(ConfigFileException.class, () -> parse("include 'loop.conf'\n"));
    }

    @Test
    void overridesComeLastAndDataDirectoryIsAdded() throws Exception {
        Files.writeString(dir.resolve("postgresql.conf"), "port = 1\nwork_mem = 1MB\n");
        Files.writeString(dir.resolve("postgresql.auto.conf"), "work_mem = 2MB\n");
        Map<String, String> v = SettingsPublisher.load(dir, "port=5555\nLog_Connections=on");
        assertEquals("5555", v.get("port"));
        assertEquals("2MB", v.get("work_mem"), "postgresql.auto.conf is read after postgresql.conf");
        assertEquals("on", v.get("log_connections"));
        assertEquals(dir.toAbsolutePath().toString(), v.get("data_directory"));
    }
}
