package org.tusk.psql;

/** SQL quoting for :'var' and :"var" interpolation, as psql's PQescapeLiteral / PQescapeIdentifier. */
final class Quoting {

    private Quoting() {
    }

    static String literal(String s) {
        boolean backslash = s.indexOf('\\') >= 0;
        StringBuilder b = new StringBuilder();
        if (backslash) {
            b.append(" E");
        }
        b.append('\'');
        for (char c : s.toCharArray()) {
            if (c == '\'' || c == '\\') {
                b.append(c);
            }
            b.append(c);
        }
        return b.append('\'').toString();
    }

    static String identifier(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
