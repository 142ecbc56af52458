package org.tusk.psql;

import org.tusk.protocol.ErrorFields;

/**
 * Builds the text libpq's {@code pqBuildErrorMessage3} produces at the default verbosity: {@code SEVERITY:
 * message}, the {@code LINE n:} excerpt with its caret when the server gave a position (reportErrorPosition,
 * including its truncation of long lines), then DETAIL, HINT, QUERY and, for errors, CONTEXT.
 */
public final class ErrorFormatter {

    private static final int DISPLAY_SIZE = 60;
    private static final int MIN_RIGHT_CUT = 10;

    private ErrorFormatter() {
    }

    /** psql's VERBOSITY. */
    enum Verbosity { DEFAULT, TERSE, VERBOSE, SQLSTATE }

    /** psql's SHOW_CONTEXT. */
    enum ShowContext { NEVER, ERRORS, ALWAYS }

    /** The message at the default verbosity, CONTEXT for errors only (psql's defaults). */
    public static String format(ErrorFields f, String query, boolean error) {
        return format(f, query, error, Verbosity.DEFAULT, ShowContext.ERRORS);
    }

    /**
     * The message, each line ending with a newline (libpq's pqBuildErrorMessage3).
     *
     * @param query the query text sent, for the position excerpt (may be null)
     * @param error true for an error result, false for a notice (matters for SHOW_CONTEXT errors)
     */
    static String format(ErrorFields f, String query, boolean error, Verbosity verbosity, ShowContext context) {
        StringBuilder b = new StringBuilder();
        String sev = f.get(ErrorFields.SEVERITY);
        if (sev != null) {
            b.append(sev).append(":  ");
        }
        String code = f.get(ErrorFields.CODE);
        if (verbosity == Verbosity.SQLSTATE) {
            if (code != null) {
                b.append(code).append('\n');
                return b.toString();
            }
            verbosity = Verbosity.TERSE;
        }
        if (verbosity == Verbosity.VERBOSE && code != null) {
            b.append(code).append(": ");
        }
        String msg = f.get(ErrorFields.MESSAGE);
        b.append(msg == null ? "missing error text" : msg);
        String pos = f.get(ErrorFields.POSITION);
        String excerptQuery = null;
        int excerptPos = 0;
        if (pos != null) {
            if (verbosity != Verbosity.TERSE && query != null) {
                excerptQuery = query;
                excerptPos = parse(pos);
            } else {
                b.append(" at character ").append(pos);
            }
        } else if (f.get(ErrorFields.INTERNAL_POSITION) != null) {
            String ipos = f.get(ErrorFields.INTERNAL_POSITION);
            if (verbosity != Verbosity.TERSE) {
                excerptQuery = f.get(ErrorFields.INTERNAL_QUERY);
                excerptPos = parse(ipos);
            } else {
                b.append(" at character ").append(ipos);
            }
        }
        b.append('\n');
        if (verbosity != Verbosity.TERSE) {
            if (excerptQuery != null && excerptPos > 0) {
                reportErrorPosition(b, excerptPos, excerptQuery);
            }
            line(b, "DETAIL", f.get(ErrorFields.DETAIL));
            line(b, "HINT", f.get(ErrorFields.HINT));
            line(b, "QUERY", f.get(ErrorFields.INTERNAL_QUERY));
            if (context == ShowContext.ALWAYS || context == ShowContext.ERRORS && error) {
                line(b, "CONTEXT", f.get(ErrorFields.WHERE));
            }
        }
        if (verbosity == Verbosity.VERBOSE) {
            line(b, "SCHEMA NAME", f.get(ErrorFields.SCHEMA));
            line(b, "TABLE NAME", f.get(ErrorFields.TABLE));
            line(b, "COLUMN NAME", f.get(ErrorFields.COLUMN));
            line(b, "DATATYPE NAME", f.get(ErrorFields.DATA_TYPE));
            line(b, "CONSTRAINT NAME", f.get(ErrorFields.CONSTRAINT));
            String file = f.get(ErrorFields.FILE);
            String lineNo = f.get(ErrorFields.LINE);
            String routine = f.get(ErrorFields.ROUTINE);
            if (routine != null || file != null || lineNo != null) {
                b.append("LOCATION:  ");
                if (routine != null && file != null && lineNo != null) {
                    b.append(routine).append(", ").append(file).append(':').append(lineNo);
                } else if (routine != null) {
                    b.append(routine);
                } else if (file != null && lineNo != null) {
                    b.append(file).append(':').append(lineNo);
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        if (value != null) {
            b.append(label).append(":  ").append(value).append('\n');
        }
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** libpq's reportErrorPosition; {@code loc} is 1-based, in characters. */
    static void reportErrorPosition(StringBuilder msg, int loc, String query) {
        loc--;
        if (loc < 0) {
            return;
        }
        int[] cps = query.codePoints().toArray();
        int n = cps.length;
        int[] scridx = new int[n + 1];
        int scroffset = 0;
        int locLine = 1;
        int ibeg = 0;
        int iend = -1;
        int cno;
        for (cno = 0; cno < n; cno++) {
            int ch = cps[cno];
            scridx[cno] = scroffset;
            if (ch == '\t') {
                cps[cno] = ' ';
            } else if (ch == '\r' || ch == '\n') {
                if (cno < loc) {
                    if (ch == '\r' || cno == 0 || cps[cno - 1] != '\r') {
                        locLine++;
                    }
                    ibeg = cno + 1;
                } else {
                    iend = cno;
                    break;
                }
            }
            int w = DisplayWidth.width(cps[cno]);
            if (w <= 0 || cps[cno] < 0x20) {
                w = 1;
            }
            scroffset += w;
        }
        if (iend < 0) {
            iend = cno;
            scridx[iend] = scroffset;
        }
        if (loc > cno) {
            return;
        }
        boolean begTrunc = false;
        boolean endTrunc = false;
        if (scridx[iend] - scridx[ibeg] > DISPLAY_SIZE) {
            if (scridx[ibeg] + DISPLAY_SIZE >= scridx[loc] + MIN_RIGHT_CUT) {
                while (scridx[iend] - scridx[ibeg] > DISPLAY_SIZE) {
                    iend--;
                }
                endTrunc = true;
            } else {
                while (scridx[loc] + MIN_RIGHT_CUT < scridx[iend]) {
                    iend--;
                    endTrunc = true;
                }
                while (scridx[iend] - scridx[ibeg] > DISPLAY_SIZE) {
                    ibeg++;
                    begTrunc = true;
                }
            }
        }
        String prefix = "LINE " + locLine + ": " + (begTrunc ? "..." : "");
        msg.append(prefix);
        msg.append(new String(cps, ibeg, iend - ibeg));
        if (endTrunc) {
            msg.append("...");
        }
        msg.append('\n');
        int caret = prefix.length() + scridx[loc] - scridx[ibeg];
        msg.append(" ".repeat(Math.max(0, caret))).append("^\n");
    }
}
