package org.tusk.psql;

/**
 * psql's get_prompt: expands PROMPT1/PROMPT2 ({@code %/ %~ %R %x %# %n %M %m %> %p %%}, {@code %[ %]}
 * dropped, as they only matter to readline).
 */
final class Prompt {

    /** What the escapes refer to. */
    record Context(String db, String user, String host, int port, boolean superuser, char transaction,
            int backendPid, char state, boolean continuation) {
    }

    private Prompt() {
    }

    static String expand(String template, Context c) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char ch = template.charAt(i);
            if (ch != '%' || i + 1 >= template.length()) {
                b.append(ch);
                continue;
            }
            char e = template.charAt(++i);
            switch (e) {
                case '/' -> b.append(c.db());
                case '~' -> b.append(c.db().equals(c.user()) ? "~" : c.db());
                case 'n' -> b.append(c.user());
                case 'M', 'm' -> {
                    if (c.host().startsWith("/")) {
                        b.append("[local]");
                    } else {
                        int dot = c.host().indexOf('.');
                        b.append(e == 'm' && dot >= 0 ? c.host().substring(0, dot)
                                : c.host());
                    }
                }
                case '>' -> b.append(c.port());
                case 'p' -> b.append(c.backendPid());
                case '#' -> b.append(c.superuser() ? '#' : '>');
                case 'R' -> {
                    // PROMPT1 shows '=' for a new statement; PROMPT2 the state of the unfinished one
                    if (c.continuation()) {
                        b.append(c.state() == '=' ? '-' : c.state());
                    } else {
                        b.append('=');
                    }
                }
                case 'x' -> {
                    if (c.transaction() != 0) {
                        b.append(c.transaction());
                    }
                }
                case '[', ']' -> {
                }
                case '%' -> b.append('%');
                default -> b.append('%').append(e);
            }
        }
        return b.toString();
    }
}
