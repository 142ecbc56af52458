package org.tusk.client.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.function.Consumer;

/**
 * libpq's passwordFromFile: {@code hostname:port:database:username:password} lines, {@code *} matching
 * anything in the first four fields, {@code \:} and {@code \\} escapes, {@code #} comments. A file that is
 * not a plain file, or that group or others may access, is ignored with a warning, as libpq does.
 */
public final class PgPass {

    private PgPass() {
    }

    /**
     * The password for this host (a Unix socket directory is looked up as {@code localhost}), port,
     * database and user, or {@code null}.
     */
    public static String lookup(Path file, String host, String port, String dbname, String user,
            Consumer<String> warnings) {
        if (user == null || user.isEmpty()) {
            return null;
        }
        if (host == null || host.isEmpty() || host.startsWith("/")) {
            host = "localhost";
        }
        if (!Files.exists(file)) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            warnings.accept("WARNING: password file \"" + file + "\" is not a plain file");
            return null;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            for (PosixFilePermission p : perms) {
                if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                    warnings.accept("WARNING: password file \"" + file
                            + "\" has group or world access; permissions should be u=rw (0600) or less");
                    return null;
                }
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: libpq does not check on Windows either
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                int[] pos = {0};
                if (matches(line, pos, host) && matches(line, pos, port) && matches(line, pos, dbname)
                        && matches(line, pos, user)) {
                    StringBuilder pw = new StringBuilder();
                    for (int i = pos[0]; i < line.length() && line.charAt(i) != ':'; i++) {
                        char c = line.charAt(i);
                        if (c == '\\' && i + 1 < line.length()) {
                            c = line.charAt(++i);
                        }
                        pw.append(c);
                    }
                    return pw.toString();
                }
            }
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** libpq's pwdfMatchesString: matches one field at {@code pos[0]} and advances past its ':'. */
    private static boolean matches(String line, int[] pos, String token) {
        int i = pos[0];
        if (i + 1 < line.length() && line.charAt(i) == '*' && line.charAt(i + 1) == ':') {
            pos[0] = i + 2;
            return true;
        }
        int t = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                c = line.charAt(++i);
            } else if (c == ':' && t == token.length()) {
                pos[0] = i + 1;
                return true;
            }
            if (t >= token.length() || token.charAt(t) != c) {
                return false;
            }
            t++;
            i++;
        }
        return false;
    }
}
