package org.tusk.psql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a meta-command's arguments as psql's OT_NORMAL scanning does, for the common cases: words
 * separated by whitespace, {@code '...'} with {@code ''} and backslash escapes, {@code :var}, {@code :'var'}
 * and {@code :"var"} interpolation.
 */
final class MetaArgs {

    private MetaArgs() {
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
                    if (v != null && (q == 0 || (j < n && s.charAt(j) == q))) {
                        b.append(q == '\'' ? Quoting.literal(v) : q == '"' ? Quoting.identifier(v) : v);
                        i = q == 0 ? j : j + 1;
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
