package org.tusk.sql.dml;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tusk.protocol.BinaryFormats;
import org.tusk.protocol.ErrorFields;
import org.tusk.spi.CopyInStream;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.schema.Column;
import org.tusk.sql.trigger.TriggerFiring;
import org.tusk.sql.trigger.TriggerType;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.Casts;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeInput;
import org.tusk.storage.access.RelationLockMode;
import org.tusk.storage.access.TupleId;

/**
 * COPY table [(columns)] FROM STDIN (PostgreSQL's copyfrom.c and copyfromparse.c): sends
 * CopyInResponse, reads the client's rows in the text, CSV or binary format, converts each field with
 * its column type's input function and typmod, fills the other columns with their defaults (analyzed
 * once), and stores the rows through {@link TableWriter} with the same constraint checks as INSERT. An
 * error names where it happened in PostgreSQL's CONTEXT form ({@code COPY t, line 3, column a: "x"}).
 */
public final class CopyFrom {
    private static final byte[] BINARY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private final DmlEnv env;
    private final Relation relation;
    private final CopySettings settings;
    /** The row positions of the copied columns, in data order. */
    private final int[] targets;
    private final boolean[] forceNotNull;
    private final boolean[] forceNull;
    /** Per table column: its default, or null (NULL); copied columns are overwritten. */
    private final Expression[] defaults;
    private long line;
    /** The current line's text for error context, or null: then {@link #lineBytes} holds it (text format). */
    private String lineText;
    private byte[] lineBytes;
    private int lineFrom;
    private int lineTo;
    /**
     * Per copied field of the current row: the value the text format's byte path already converted
     * (an integer written as plain digits), else null. See {@link #textRowFromBytes}.
     */
    private final Object[] converted;
    /** MAX_BUFFERED_TUPLES: rows stored with one bulk insert. */
    private static final int BATCH_ROWS = 1000;
    /** Checked rows (storage values) not stored yet, and the line each came from. */
    private final List<Object[]> batch = new ArrayList<>();
    private final long[] batchLines = new long[BATCH_ROWS];
    private String currentColumn;
    private String currentValue;
    /** Delimiter and NULL string are ASCII: the text format's fields can be cut out of the bytes. */
    private final boolean asciiSeparators;
    /**
     * Per copied field of a character type: the text of the last row's field and the value it gave.
     * Loads often repeat a field's text from row to row (pgbench's empty filler, padded to
     * character(84) for each of a million rows); the same text gives the same value, and a String
     * can be shared by any number of rows. See {@link #sameAsLast}.
     */
    private final String[] lastText;
    private final Object[] lastValue;

    private CopyFrom(DmlEnv env, Relation relation, CopySettings settings, int[] targets, boolean[] forceNotNull,
            boolean[] forceNull, Expression[] defaults) {
        this.env = env;
        this.relation = relation;
        this.settings = settings;
        this.targets = targets;
        this.forceNotNull = forceNotNull;
        this.forceNull = forceNull;
        this.defaults = defaults;
        this.converted = new Object[targets.length];
        this.asciiSeparators = settings.delimiter() < 0x80 && isAscii(settings.nullString());
        this.lastText = new String[targets.length];
        this.lastValue = new Object[targets.length];
    }

    /**
     * Runs COPY FROM STDIN into the table named {@code names} ({@code columns} empty for all of them).
     *
     * @return the number of rows stored
     */
    public static long run(List<String> names, List<String> columns, CopySettings settings, DmlEnv env,
            ResultSink sink) {
        Relation r = TargetTable.find(new Statement.RangeVar(names, null, -1), env.catalog());
        if (r.kind() == 'v') {
            throw new SqlException("42809", "cannot copy to view \"" + r.name() + "\"");
        }
        if (r.kind() == 'S') {
            throw new SqlException("42809", "cannot copy to sequence \"" + r.name() + "\"");
        }
        org.tusk.sql.eval.ReadOnlyTransactions.preventUnlessTemporary(env.ctx(), "COPY FROM", r.namespaceOid());
        env.storage().lockRelation(env.catalog().databaseOid(), r.oid(), RelationLockMode.ROW_EXCLUSIVE, false);
        int[] targets = CopyTo.columnPositions(r, columns);
        org.tusk.sql.roles.Privileges.checkCopy(env.ctx(), r, org.tusk.sql.roles.Acl.INSERT, targets);
        boolean[] notNull = forced(r, targets, settings.forceNotNull(), "FORCE_NOT_NULL");
        boolean[] forceNull = forced(r, targets, settings.forceNull(), "FORCE_NULL");
        Analyzer analyzer = new Analyzer(env.ctx(), env.parameters());
        Expression[] defaults = new Expression[r.columns().size()];
        boolean[] copied = new boolean[defaults.length];
        for (int t : targets) {
            copied[t] = true;
        }
        for (int i = 0; i < defaults.length; i++) {
            if (!copied[i]) {
                defaults[i] = InsertPlan.defaultExpression(r.columns().get(i), analyzer);
            }
        }
        CopyFrom copy = new CopyFrom(env, r, settings, targets, notNull, forceNull, defaults);
        CopyInStream in = sink.copyInResponse(settings.binary(), targets.length);
        long n = copy.load(new CopyInput(in));
        env.storage().commandCounterIncrement(); // the rows become visible to the transaction's next command
        sink.commandComplete("COPY " + n);
        return n;
    }

    private static boolean[] forced(Relation r, int[] targets, List<String> names, String option) {
        boolean[] out = new boolean[targets.length];
        for (String name : names) {
            int col = -1;
            for (int k = 0; k < targets.length; k++) {
                if (r.columns().get(targets[k]).name().equals(name)) {
                    col = k;
                }
            }
            if (col < 0) {
                if (r.column(name) == null) {
                    throw new SqlException("42703", "column \"" + name + "\" of relation \"" + r.name()
                            + "\" does not exist");
                }
                throw new SqlException("42P10", option + " column \"" + name + "\" not referenced by COPY");
            }
            out[col] = true;
        }
        return out;
    }

    private long load(CopyInput in) {
        TableWriter writer = new TableWriter(env, relation);
        EvalContext ctx = env.ctx();
        long count = 0;
        batch.clear();
        TriggerFiring triggers = TriggerFiring.of(ctx, relation, TriggerType.INSERT, null);
        try {
            if (settings.freeze()) {
                CopyFreeze.check(writer.table, ctx);
            }
            if (triggers != null) {
                triggers.beforeStatement();
            }
            if (settings.binary()) {
                binaryHeader(in);
            } else if (settings.header()) {
                line++;
                if (in.readLine() == null) {
                    return 0;
                }
            }
            while (true) {
                if ((count & 1023) == 0) {
                    ctx.checkForInterrupts();
                }
                String[] fields = settings.binary() ? binaryRow(in)
                        : settings.csv() ? textRow(in) : textRowFromBytes(in);
                if (fields == null) {
                    break;
                }
                Object[] row = new Object[defaults.length];
                for (int i = 0; i < defaults.length; i++) {
                    if (defaults[i] != null) {
                        row[i] = defaults[i].eval(ctx);
                    }
                }
                for (int k = 0; k < targets.length; k++) {
                    if (converted[k] != null) {
                        row[targets[k]] = converted[k];
                        if (writer.checks().hasDomain(targets[k])) {
                            currentColumn = relation.columns().get(targets[k]).name();
                            currentValue = String.valueOf(converted[k]); // a plain integer, as it was written
                            writer.checks().checkDomain(targets[k], converted[k], ctx);
                        }
                        converted[k] = null;
                        continue;
                    }
                    Column c = relation.columns().get(targets[k]);
                    String text = fields[k];
                    if (text != null) {
                        if (sameAsLast(k, c, text)) {
                            row[targets[k]] = lastValue[k];
                            continue;
                        }
                        currentColumn = c.name();
                        currentValue = text;
                        Object value = c.rowType() != null ? org.tusk.sql.eval.RowValues.input(text, c.rowType(),
                                c.type() == org.tusk.sql.types.SqlType.RECORD_ARRAY, ctx)
                                : org.tusk.sql.types.EnumLabels.isEnum(c.type())
                                ? Casts.convert(text, SqlType.TEXT, c.type(), c.typmod(), false, ctx)
                                : Casts.applyTypmod(TypeInput.parse(c.type(), text, ctx), c.type(), c.typmod(), false);
                        row[targets[k]] = value;
                        writer.checks().checkDomain(targets[k], value, ctx);
                        if (isCharacterType(c.type())) {
                            lastText[k] = text;
                            lastValue[k] = value;
                        }
                    } else if (writer.checks().hasDomain(targets[k])) {
                        currentColumn = c.name();
                        currentValue = null;
                        writer.checks().checkDomain(targets[k], null, ctx);
                    }
                }
                currentColumn = null;
                if (triggers != null && (row = triggers.beforeRow(null, row)) == null) {
                    continue;
                }
                batch.add(writer.checkedForStorage(row));
                batchLines[batch.size() - 1] = line;
                if (triggers != null) {
                    triggers.afterRow(null, row);
                }
                // a BEFORE ROW trigger may read the table: it must see the rows before its own (no batching)
                if (batch.size() == BATCH_ROWS || triggers != null && triggers.hasBeforeRow()) {
                    flush(writer);
                }
                count++;
            }
            currentColumn = null;
            flush(writer);
            lineText = null;
            lineBytes = null;
            line = 0; // foreign keys are checked after the copy, as AFTER triggers: no line to name
            writer.endOfStatement();
            if (triggers != null) {
                triggers.afterStatement();
            }
        } catch (SqlException e) {
            throw withContext(e);
        } catch (IllegalArgumentException e) {
            // A binary value the type's receive function refuses.
            throw withContext(new SqlException("22P03", "incorrect binary data format"));
        }
        return count;
    }

    /**
     * Stores the batch of checked rows with one bulk insert, then indexes them in order; while a row is
     * indexed, {@link #line} is its line, so that a unique violation names it (PostgreSQL names the
     * line only, as it does when it flushes its buffered rows).
     */
    private void flush(TableWriter writer) {
        if (batch.isEmpty()) {
            return;
        }
        if (settings.freeze()) {
            writer.counts.tuplesInserted(batch.size());
        }
        List<TupleId> tids = settings.freeze() ? writer.table.insertAllFrozen(batch) : writer.storeAll(batch);
        long readUpTo = line;
        String text = lineText;
        byte[] bytes = lineBytes;
        lineText = null;
        lineBytes = null;
        for (int i = 0; i < tids.size(); i++) {
            line = batchLines[i];
            writer.indexStored(batch.get(i), tids.get(i));
        }
        line = readUpTo;
        lineText = text;
        lineBytes = bytes;
        batch.clear();
    }

    /** Adds PostgreSQL's CopyFromErrorCallback context to an error. */
    private SqlException withContext(SqlException e) {
        if (e.sqlState().equals("57014") || line == 0) {
            return e; // CopyFail or cancel: PostgreSQL reports no line either
        }
        if (lineText == null && lineBytes != null) {
            lineText = new String(lineBytes, lineFrom, lineTo - lineFrom, StandardCharsets.UTF_8);
        }
        String where;
        if (currentColumn != null) {
            where = "COPY " + relation.name() + ", line " + line + ", column " + currentColumn + ": "
                    + (currentValue == null ? "null input" : "\"" + limit(currentValue) + "\"");
        } else if (lineText != null && !e.sqlState().equals("23505")) {
            // A unique violation is found when PostgreSQL flushes its batch of rows, where it no longer
            // has the line's text: it names the line only.
            where = "COPY " + relation.name() + ", line " + line + ": \"" + limit(lineText) + "\"";
        } else {
            where = "COPY " + relation.name() + ", line " + line;
        }
        return new SqlException(e.fields().toBuilder().set(ErrorFields.WHERE, where).build());
    }

    /** limit_printout_length: at most 100 bytes, then "...". */
    private static String limit(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= 100) {
            return s;
        }
        int n = 100;
        while (n > 0 && (b[n] & 0xC0) == 0x80) {
            n--;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8) + "...";
    }

    private static SqlException badData(String message) {
        return new SqlException("22P04", message);
    }

    // ---- text and CSV

    /** The fields of the next row (null for NULL), or null at the end of the data. */
    private String[] textRow(CopyInput in) {
        String text = in.readLine();
        if (text == null) {
            return null;
        }
        line++;
        lineText = text;
        lineBytes = null;
        if (text.equals("\\.")) {
            in.drain();
            return null;
        }
        List<String> fields = settings.csv() ? csvFields(text, in) : textFields(text);
        if (fields.size() > targets.length) {
            throw badData("extra data after last expected column");
        }
        if (fields.size() < targets.length) {
            throw badData("missing data for column \"" + relation.columns().get(targets[fields.size()]).name() + "\"");
        }
        return fields.toArray(String[]::new);
    }

    /**
     * {@link #textRow} for the text format, cutting the fields out of the line's bytes: a String per
     * field and none for the line, and an integer column's plain digits converted without a String at
     * all (into {@link #converted}). A line with a backslash, or a delimiter or NULL string that is not
     * plain ASCII, goes the String way (escapes are resolved there). The delimiter being ASCII, a field
     * boundary never falls inside a UTF-8 sequence, so each field decodes as it did within its line.
     */
    private String[] textRowFromBytes(CopyInput in) {
        if (!in.nextLine()) {
            return null;
        }
        byte[] b = in.lineBytes;
        int from = in.lineStart;
        int to = in.lineEnd;
        line++;
        lineText = null;
        lineBytes = b;
        lineFrom = from;
        lineTo = to;
        if (to - from == 2 && b[from] == '\\' && b[from + 1] == '.') {
            in.drain();
            return null;
        }
        char delim = settings.delimiter();
        String nullString = settings.nullString();
        if (!asciiSeparators) {
            return textRowFromString(b, from, to);
        }
        String[] out = new String[targets.length];
        if (targets.length == 0 && from == to) {
            return out;
        }
        int nullLength = nullString.length();
        int k = 0;
        int start = from;
        while (true) {
            int end = indexOf(b, start, to, (byte) delim);
            int stop = end < 0 ? to : end;
            if (k >= targets.length) {
                checkFieldCount(k + 1);
            }
            if (stop - start == nullLength && sameAscii(b, start, nullString)) {
                out[k] = null;
            } else if (indexOf(b, start, stop, (byte) '\\') >= 0) {
                // An escape (perhaps of the delimiter itself): the whole line goes the String way.
                Arrays.fill(converted, null);
                return textRowFromString(b, from, to);
            } else {
                Object value = plainInteger(relation.columns().get(targets[k]).type(), b, start, stop);
                if (value != null) {
                    converted[k] = value;
                    out[k] = "";
                } else if (stop == start) {
                    out[k] = ""; // an empty field (pgbench's filler): no decoding, no new String
                } else {
                    out[k] = new String(b, start, stop - start, StandardCharsets.UTF_8);
                }
            }
            k++;
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        if (k < targets.length) {
            Arrays.fill(converted, null);
            checkFieldCount(k);
        }
        return out;
    }

    /** The line's fields by {@link #textFields}, from its text. */
    private String[] textRowFromString(byte[] b, int from, int to) {
        String text = new String(b, from, to - from, StandardCharsets.UTF_8);
        lineText = text;
        List<String> fields = textFields(text);
        checkFieldCount(fields.size());
        return fields.toArray(String[]::new);
    }

    private void checkFieldCount(int n) {
        if (n > targets.length) {
            Arrays.fill(converted, null);
            throw badData("extra data after last expected column");
        }
        if (n < targets.length) {
            throw badData("missing data for column \"" + relation.columns().get(targets[n]).name() + "\"");
        }
    }

    /**
     * The value of an int2, int4 or int8 field written as an optional minus sign and at most 4, 9 or 18
     * digits (what pgbench and most dumps send), which int2in/int4in/int8in accept as it is and which
     * cannot overflow; null for any other field, left to the type's input function.
     */
    static Object plainInteger(SqlType type, byte[] b, int from, int to) {
        int maxDigits = switch (type) {
            case INT2 -> 4;
            case INT4 -> 9;
            case INT8 -> 18;
            default -> 0;
        };
        boolean negative = to > from && b[from] == '-';
        int i = negative ? from + 1 : from;
        if (maxDigits == 0 || i == to || to - i > maxDigits) {
            return null;
        }
        long v = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            v = v * 10 + d;
        }
        if (negative) {
            v = -v;
        }
        return switch (type) {
            case INT2 -> (short) v;
            case INT4 -> (int) v;
            default -> v;
        };
    }

    /**
     * Whether field {@code k}'s text is the one the last row gave for it, so that its value can be
     * taken again: only for text, varchar and character, whose input (and length check or padding)
     * depends on nothing but the text and the column's typmod; the value's input function never ran
     * otherwise, so an error still names the row and field where it first occurs.
     */
    private boolean sameAsLast(int k, Column c, String text) {
        return lastText[k] != null && isCharacterType(c.type()) && lastText[k].equals(text);
    }

    private static boolean isCharacterType(SqlType type) {
        return type == SqlType.TEXT || type == SqlType.VARCHAR || type == SqlType.BPCHAR;
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b} from {@code at} holds the ASCII string {@code s}. */
    private static boolean sameAscii(byte[] b, int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** CopyReadAttributesText: the NULL string is compared with a field's raw text, then escapes are resolved. */
    private List<String> textFields(String text) {
        List<String> out = new ArrayList<>(targets.length);
        if (targets.length == 0 && text.isEmpty()) {
            return out;
        }
        char delim = settings.delimiter();
        String nullString = settings.nullString();
        int n = text.length();
        int start = 0;
        while (true) {
            int i = start;
            while (i < n && text.charAt(i) != delim && text.charAt(i) != '\\') {
                i++;
            }
            if (i < n && text.charAt(i) == '\\') {
                i = escapedField(text, start, out);
            } else if (i - start == nullString.length() && text.startsWith(nullString, start)) {
                out.add(null);
            } else {
                out.add(text.substring(start, i)); // no escape in it: the field is its raw text
            }
            if (i == n) {
                return out;
            }
            start = i + 1;
        }
    }

    /**
     * A field from {@code start} that has a backslash: its value with the escapes resolved (or null if its
     * raw text is the NULL string) added to {@code out}; returns where it ends (its delimiter or the end).
     */
    private int escapedField(String text, int start, List<String> out) {
        char delim = settings.delimiter();
        StringBuilder b = new StringBuilder();
        int i = start;
        int n = text.length();
        while (true) {
            if (i == n || text.charAt(i) == delim) {
                String raw = text.substring(start, i);
                out.add(raw.equals(settings.nullString()) ? null : b.toString());
                return i;
            }
            char c = text.charAt(i++);
            if (c != '\\' || i == n) {
                b.append(c);
                continue;
            }
            c = text.charAt(i++);
            switch (c) {
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'v' -> b.append((char) 0x0B);
                case 'x' -> {
                    int v = 0;
                    int digits = 0;
                    while (digits < 2 && i < n && Character.digit(text.charAt(i), 16) >= 0) {
                        v = v * 16 + Character.digit(text.charAt(i++), 16);
                        digits++;
                    }
                    if (digits == 0) {
                        b.append('x');
                    } else {
                        b.append((char) v);
                    }
                }
                default -> {
                    if (c >= '0' && c <= '7') {
                        int v = c - '0';
                        for (int d = 0; d < 2 && i < n && text.charAt(i) >= '0' && text.charAt(i) <= '7'; d++) {
                            v = v * 8 + (text.charAt(i++) - '0');
                        }
                        b.append((char) (v & 0xFF));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
    }

    /** CopyReadAttributesCSV, reading further lines while a quoted field continues. */
    private List<String> csvFields(String first, CopyInput in) {
        List<String> out = new ArrayList<>(targets.length);
        char delim = settings.delimiter();
        char quote = settings.quote();
        char escape = settings.escape();
        String text = first;
        StringBuilder b = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        boolean inQuotes = false;
        int fieldStart = 0;
        while (true) {
            if (i == text.length()) {
                if (inQuotes) {
                    String next = in.readLine();
                    if (next == null) {
                        throw badData("unterminated CSV quoted field");
                    }
                    line++;
                    text = text + "\n" + next; // the newline is part of the quoted value
                    lineText = text;
                    continue;
                }
                addCsv(out, b, quoted, text.substring(fieldStart, i));
                return out;
            }
            char c = text.charAt(i++);
            if (inQuotes) {
                if (c == escape && i < text.length() && (text.charAt(i) == quote || text.charAt(i) == escape)
                        && !(escape == quote && text.charAt(i) != quote)) {
                    b.append(text.charAt(i++));
                } else if (c == quote) {
                    inQuotes = false;
                } else {
                    b.append(c);
                }
            } else if (c == delim) {
                addCsv(out, b, quoted, text.substring(fieldStart, i - 1));
                b.setLength(0);
                quoted = false;
                fieldStart = i;
            } else if (c == quote) {
                inQuotes = true;
                quoted = true;
            } else {
                b.append(c);
            }
        }
    }

    private void addCsv(List<String> out, StringBuilder b, boolean quoted, String raw) {
        int k = out.size();
        boolean isNullText = (quoted ? b.toString() : raw).equals(settings.nullString());
        boolean isNull = !quoted ? isNullText : isNullText && k < forceNull.length && forceNull[k];
        if (!quoted && isNull && k < forceNotNull.length && forceNotNull[k]) {
            isNull = false;
        }
        out.add(isNull ? null : b.toString());
    }

    // ---- binary

    private void binaryHeader(CopyInput in) {
        byte[] sig = in.read(BINARY_SIGNATURE.length);
        if (sig == null || !Arrays.equals(sig, BINARY_SIGNATURE)) {
            throw badData("COPY file signature not recognized");
        }
        byte[] flags = in.read(4);
        if (flags == null || flags.length < 4) {
            throw badData("invalid COPY file header (missing flags)");
        }
        if ((ByteBuffer.wrap(flags).getInt() & (1 << 16)) != 0) {
            throw badData("COPY file signature not recognized"); // OIDs are not supported since PostgreSQL 12
        }
        byte[] ext = in.read(4);
        if (ext == null || ext.length < 4) {
            throw badData("invalid COPY file header (missing length)");
        }
        int extLength = ByteBuffer.wrap(ext).getInt();
        if (extLength < 0 || (extLength > 0 && (in.read(extLength) == null))) {
            throw badData("invalid COPY file header (wrong length)");
        }
    }

    private String[] binaryRow(CopyInput in) {
        byte[] countBytes = in.read(2);
        if (countBytes == null) {
            return null; // no trailer: PostgreSQL accepts the end of data here too
        }
        line++;
        if (countBytes.length < 2) {
            throw badData("unexpected EOF in COPY data");
        }
        short count = ByteBuffer.wrap(countBytes).getShort();
        if (count == -1) {
            in.drain();
            return null;
        }
        if (count != targets.length) {
            throw badData("row field count is " + count + ", expected " + targets.length);
        }
        String[] out = new String[count];
        for (int k = 0; k < count; k++) {
            Column c = relation.columns().get(targets[k]);
            currentColumn = c.name();
            currentValue = null;
            byte[] lenBytes = in.read(4);
            if (lenBytes == null || lenBytes.length < 4) {
                throw badData("unexpected EOF in COPY data");
            }
            int len = ByteBuffer.wrap(lenBytes).getInt();
            if (len == -1) {
                continue;
            }
            if (len < -1) {
                throw badData("invalid field size");
            }
            byte[] value = len == 0 ? new byte[0] : in.read(len);
            if (value == null || value.length < len) {
                throw badData("unexpected EOF in COPY data");
            }
            // A composite column's record_recv needs the catalog: the session's codec has it; enum_recv
            // reads the label's text.
            out[k] = c.rowType() != null && env.ctx() instanceof org.tusk.spi.SqlSession session
                    ? session.binaryParameterText(c.typeOid(), value)
                    : BinaryFormats.toText(c.type() == SqlType.ENUM ? SqlType.TEXT.oid() : c.type().oid(), value);
        }
        currentColumn = null;
        return out;
    }
}
