package org.tusk.psql;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.function.UnaryOperator;

/**
 * psql's pager (PageOutput in fe_utils/print.c): when standard input and output are a terminal and
 * {@code \pset pager} is on, a table is piped through PSQL_PAGER, else PAGER, else Debian psql's default
 * {@code pager} ({@code less} where there is none), if it has at least as many lines as the screen and
 * at least pager_min_lines, or is wider than the screen; with {@code \pset pager always} every table is.
 * An empty or blank PSQL_PAGER/PAGER turns the pager off. The line count is psql's estimate (rows, the
 * header, extra lines of multi-line cells, footers with the default one; rows times columns plus one when
 * expanded).
 */
final class Pager {

    private Pager() {
    }

    /** psql's {@code \pset pager}: 0 off, 1 on (for long output), 2 always. */
    static boolean wanted(int setting, int minLines, boolean terminal, int screenRows, int lines, boolean tooWide) {
        if (setting == 0 || !terminal) {
            return false;
        }
        if (tooWide) {
            return true; // psql forces the pager (PageOutput with INT_MAX lines)
        }
        return screenRows < 0 || (lines >= screenRows && lines >= minLines) || setting > 1;
    }

    /** The pager command, or null when PSQL_PAGER or PAGER is set but blank (no pager). */
    static String command(UnaryOperator<String> getenv) {
        String p = getenv.apply("PSQL_PAGER");
        if (p == null) {
            p = getenv.apply("PAGER");
        }
        if (p == null) {
            return java.nio.file.Files.exists(java.nio.file.Path.of("/usr/bin/pager")) ? "pager" : "less";
        }
        return p.isBlank() ? null : p;
    }

    /** psql's line estimate for a table (IsPagerNeeded and print_aligned_text's extra lines). */
    static int lines(PrintTable t, PrintOptions opt) {
        int ncols = t.headers().length;
        int nrows = t.rows().size();
        if (opt.expanded == PrintOptions.Expanded.ON) {
            return (ncols + 1) * nrows + footers(t, opt);
        }
        int extra = 0;
        if (opt.format == PrintOptions.Format.ALIGNED || opt.format == PrintOptions.Format.WRAPPED) {
            int header = 1;
            for (String h : t.headers()) {
                header = Math.max(header, h.split("\n", -1).length);
            }
            extra += header - 1;
            for (String[] row : t.rows()) {
                int most = 1;
                for (String cell : row) {
                    most = Math.max(most, cell.split("\n", -1).length);
                }
                extra += most - 1;
            }
        }
        return nrows + 1 + extra + footers(t, opt);
    }

    /** Footer lines as psql counts them: printQuery adds "(N rows)" as a footer when not expanded. */
    private static int footers(PrintTable t, PrintOptions opt) {
        if (opt.tuplesOnly) {
            return 0;
        }
        if (t.footers() == null) {
            return opt.footer && opt.expanded != PrintOptions.Expanded.ON ? 1 : 0;
        }
        return t.footers().size();
    }

    /** Whether the printed text has a line wider than {@code columns} (0: unknown, never too wide). */
    static boolean tooWide(CharSequence text, int columns) {
        if (columns <= 0) {
            return false;
        }
        for (String line : text.toString().split("\n")) {
            for (DisplayWidth.Line l : DisplayWidth.lines(line)) {
                if (l.width() > columns) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The terminal's size on standard output (ioctl TIOCGWINSZ): {rows, columns}, or {-1, 0} if unknown. */
    @SuppressWarnings("restricted") // ioctl is a C call; the launcher enables native access
    static int[] screenSize() {
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle ioctl = linker.downcallHandle(linker.defaultLookup().findOrThrow("ioctl"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                            ValueLayout.ADDRESS),
                    Linker.Option.firstVariadicArg(2));
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment ws = arena.allocate(8);
                int rc = (int) ioctl.invokeExact(1, 0x5413L, ws); // TIOCGWINSZ on Linux
                if (rc == -1) {
                    return new int[] {-1, 0};
                }
                return new int[] {Short.toUnsignedInt(ws.get(ValueLayout.JAVA_SHORT, 0)),
                        Short.toUnsignedInt(ws.get(ValueLayout.JAVA_SHORT, 2))};
            }
        } catch (Throwable e) {
            return new int[] {-1, 0};
        }
    }
}
