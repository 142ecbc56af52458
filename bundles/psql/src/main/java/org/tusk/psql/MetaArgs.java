package org.tusk.psql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a meta-command's arguments as psql's OT_NORMAL scanning does, for the common cases: words
 * separated by whitespace, {@code '...'} with {@code ''} and backslash escapes, {@code "..."} kept as written,
 * {@code `command`} replaced by its output, {@code :var}, {@code :'var'} and {@code :"var"} interpolation.
 */
final class MetaArgs {

    private MetaArgs() {
    }

    /** psql's evaluate_backtick: the command's output through /bin/sh, one trailing newline removed. */
    private static String backtick(String command) {
        try {
            Process p = new ProcessBuilder("/bin/sh", "-c", command)
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static List<String> split(String s, Map<String, String> vars) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            StringBuilder b = new StringBuilder();
            while (i < n && !Character.isWhitespace(s.charAt(i))) {
                char c = s.charAt(i);
                if (c == '\'') {
                    i++;
                    while (i < n) {
                        char d = s.charAt(i);
                        if (d == '\'') {
                            if (i + 1 < n && s.charAt(i + 1) == '\'') {
                                b.append('\'');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        if (d == '\\' && i + 1 < n) {
                            char e = s.charAt(i + 1);
                            b.append(switch (e) {
                                case 'n' -> '\n';
                                case 't' -> '\t';
                                case 'r' -> '\r';
                                case 'b' -> '\b';
                                case 'f' -> '\f';
                                default -> e;
                            });
                            i += 2;
                            continue;
                        }
                        b.append(d);
                        i++;
                    }
                } else if (c == '`') {
                    int end = s.indexOf('`', i + 1);
                    if (end < 0) {
                        end = n;
                    }
                    b.append(backtick(s.substring(i + 1, end)));
                    i = Math.min(n, end + 1);
                } else if (c == '"') {
                    // Double-quoted text stays as written, quotes included (psql's OT_NORMAL).
                    int end = s.indexOf('"', i + 1);
                    end = end < 0 ? n : end + 1;
                    b.append(s, i, end);
                    i = end;
                } else if (c == ':' && i + 1 < n) {
                    int j = i + 1;
                    char q = s.charAt(j) == '\'' || s.charAt(j) == '"' ? s.charAt(j) : 0;
                    if (q != 0) {
                        j++;
                    }
                    int start = j;
                    while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                        j++;
                    }
                    String v = j > start ? vars.get(s.substring(start, j)) : null;
                    boolean closed = q == 0 || (j < n && s.charAt(j) == q);
                    if (v != null && closed) {
                        b.append(q == '\'' ? Quoting.literal(v) : q == '"' ? Quoting.identifier(v) : v);
                        i = q == 0 ? j : j + 1;
                    } else if (q != 0 && closed && j > start) {
                        // :'name' or :"name" of an unset variable stays as written, quotes included (psql).
                        b.append(s, i, j + 1);
                        i = j + 1;
                    } else {
                        b.append(c);
                        i++;
                    }
                } else {
                    b.append(c);
                    i++;
                }
            }
            out.add(b.toString());
        }
    }
}
