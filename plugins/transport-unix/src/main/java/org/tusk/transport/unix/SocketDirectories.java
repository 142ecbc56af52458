package org.tusk.transport.unix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns PostgreSQL's unix_socket_directories into directories: a comma-separated list where a name
 * may be double-quoted (to hold commas or surrounding blanks; {@code ""} inside quotes is one quote),
 * unquoted names are trimmed, an empty value means no Unix sockets, and an empty unquoted element is
 * a syntax error. Relative names are taken relative to the data directory, where PostgreSQL's
 * postmaster runs.
 */
final class SocketDirectories {

    private SocketDirectories() {
    }

    /** The names as written (quotes removed), in order. */
    static List<String> split(String value) throws IOException {
        List<String> names = new ArrayList<>();
        int n = value.length();
        int i = skipSpace(value, 0);
        if (i == n) {
            return names;
        }
        while (true) {
            String name;
            if (value.charAt(i) == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (true) {
                    int q = value.indexOf('"', i);
                    if (q < 0) {
                        throw invalid(); // mismatched quotes
                    }
                    b.append(value, i, q);
                    if (q + 1 < n && value.charAt(q + 1) == '"') {
                        b.append('"');
                        i = q + 2;
                    } else {
                        i = q + 1;
                        break;
                    }
                }
                name = b.toString();
            } else {
                int start = i;
                while (i < n && value.charAt(i) != ',') {
                    i++;
                }
                name = value.substring(start, i).strip();
                if (name.isEmpty()) {
                    throw invalid();
                }
            }
            i = skipSpace(value, i);
            names.add(name);
            if (i == n) {
                return names;
            }
            if (value.charAt(i) != ',') {
                throw invalid();
            }
            i = skipSpace(value, i + 1);
            if (i == n) {
                throw invalid(); // a trailing comma promises another name
            }
        }
    }

    /** The directories to use, absolute and normalized, without duplicates. */
    static List<Path> resolve(String value, Path dataDirectory) throws IOException {
        Set<Path> result = new LinkedHashSet<>();
        for (String name : split(value)) {
            if (name.startsWith("@")) {
                throw new IOException("abstract Unix-domain sockets (\"" + name
                        + "\" in unix_socket_directories) are not supported");
            }
            result.add(dataDirectory.resolve(name).toAbsolutePath().normalize());
        }
        return new ArrayList<>(result);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static IOException invalid() {
        return new IOException("invalid list syntax in parameter \"unix_socket_directories\"");
    }
}
