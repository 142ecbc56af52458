package org.tusk.psql;

import java.util.ArrayList;
import java.util.List;

/**
 * Screen widths and line splitting as psql's {@code pg_wcssize} / {@code pg_wcsformat} do them: a value is
 * split at newlines; {@code \r} shows as {@code \r}, a tab expands to the next multiple of 8 columns,
 * other control characters show as {@code \xNN}; East Asian wide characters take two columns and
 * combining marks none.
 */
final class DisplayWidth {

    /** One display line of a cell and its width in screen columns. */
    record Line(String text, int width) {
    }

    private DisplayWidth() {
    }

    static List<Line> lines(String s) {
        List<Line> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                out.add(new Line(b.toString(), w));
                b.setLength(0);
                w = 0;
            } else if (cp == '\r') {
                b.append("\\r");
                w += 2;
            } else if (cp == '\t') {
                do {
                    b.append(' ');
                    w++;
                } while (w % 8 != 0);
            } else if (cp < 0x20 || cp == 0x7f) {
                b.append(String.format("\\x%02X", cp));
                w += 4;
            } else if (cp >= 0x80 && cp < 0xa0) {
                // a non-ASCII control character (ucs_wcwidth -1): psql shows its code point
                b.append(String.format("\\u%04X", cp));
                w += 6;
            } else {
                b.appendCodePoint(cp);
                w += width(cp);
            }
        }
        out.add(new Line(b.toString(), w));
        return out;
    }

    /** The widest line of {@code s}. */
    static int width(String s) {
        int max = 0;
        for (Line l : lines(s)) {
            max = Math.max(max, l.width());
        }
        return max;
    }

    /** ucs_wcwidth for a printable code point: 0, 1 or 2 columns, as PostgreSQL 15 counts them. */
    static int width(int cp) {
        if (cp < 0xa0) {
            return 1;
        }
        if (UnicodeWidths.isZeroWidth(cp)) {
            return 0;
        }
        return UnicodeWidths.isWide(cp) ? 2 : 1;
    }

    static String spaces(int n) {
        return n <= 0 ? "" : " ".repeat(n);
    }
}
