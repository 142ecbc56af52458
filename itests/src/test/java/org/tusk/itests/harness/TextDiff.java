package org.tusk.itests.harness;

import java.util.ArrayList;
import java.util.List;

/** A line diff (longest common subsequence) for readable failure messages: "  same", "- expected", "+ actual". */
public final class TextDiff {

    private TextDiff() {
    }

    public static String diff(String expected, String actual) {
        List<String> a = lines(expected);
        List<String> b = lines(actual);
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.append("  ").append(a.get(i++)).append('\n');
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.append("- ").append(a.get(i++)).append('\n');
            } else {
                out.append("+ ").append(b.get(j++)).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * A unified diff ({@code diff -u} style, {@code context} lines around each change, {@code @@ -a,b +c,d @@}
     * hunk headers) of two texts, with "⏎" marking line ends as in {@link #diff}. Empty if they are equal.
     */
    public static String unified(String expected, String actual, int context) {
        List<String> full = List.of(diff(expected, actual).split("\n"));
        if (expected.equals(actual) || full.isEmpty()) {
            return "";
        }
        // For each line of the full diff: its number in the expected and actual texts before it (1-based).
        int n = full.size();
        int[] oldLine = new int[n + 1];
        int[] newLine = new int[n + 1];
        oldLine[0] = 1;
        newLine[0] = 1;
        for (int k = 0; k < n; k++) {
            char tag = full.get(k).charAt(0);
            oldLine[k + 1] = oldLine[k] + (tag == '+' ? 0 : 1);
            newLine[k + 1] = newLine[k] + (tag == '-' ? 0 : 1);
        }
        StringBuilder out = new StringBuilder();
        int k = 0;
        while (k < n) {
            if (full.get(k).startsWith("  ")) {
                k++;
                continue;
            }
            int start = Math.max(0, k - context);
            int end = k;
            // Extend the hunk while the next change is within 2 * context unchanged lines.
            while (true) {
                int lastChange = end;
                int j = end + 1;
                while (j < n && full.get(j).startsWith("  ") && j - lastChange <= 2 * context) {
                    j++;
                }
                if (j < n && !full.get(j).startsWith("  ")) {
                    end = j;
                } else {
                    end = Math.min(n - 1, lastChange + context);
                    break;
                }
            }
            int oldCount = oldLine[end + 1] - oldLine[start];
            int newCount = newLine[end + 1] - newLine[start];
            out.append("@@ -").append(oldLine[start]).append(',').append(oldCount)
                    .append(" +").append(newLine[start]).append(',').append(newCount).append(" @@\n");
            for (int i = start; i <= end; i++) {
                String line = full.get(i);
                out.append(line.charAt(0) == ' ' ? " " : line.substring(0, 1)).append(line.substring(2)).append('\n');
            }
            k = end + 1;
        }
        return out.toString();
    }

    /** Lines with visible ends: "⏎" marks a newline, so trailing blanks and a missing final newline show. */
    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < s.length()) {
            int nl = s.indexOf('\n', start);
            if (nl < 0) {
                out.add(s.substring(start) + "  (no newline at end)");
                break;
            }
            out.add(s.substring(start, nl) + "⏎");
            start = nl + 1;
        }
        return out;
    }
}
