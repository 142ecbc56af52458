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

    static int width(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || cp == 0x200B) {
            return 0;
        }
        if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
                || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0xFE30 && cp <= 0xFE6F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F)
                || (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD)) {
            return 2;
        }
        return 1;
    }

    static String spaces(int n) {
        return n <= 0 ? "" : " ".repeat(n);
    }
}
