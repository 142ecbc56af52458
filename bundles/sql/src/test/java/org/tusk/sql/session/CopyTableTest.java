package org.tusk.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tusk.sql.dml.TestDb.col;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.protocol.ErrorFields;
import org.tusk.spi.CopyInStream;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.dml.TestDb;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.types.SqlType;

/** COPY table FROM STDIN / TO STDOUT through the session's COPY executor, over the dml test database. */
class CopyTableTest {
    private TestDb db;

    @BeforeEach
    void table() {
        db = new TestDb();
        db.table("t", List.of(col(1, "a", SqlType.INT4, -1, true, null), col(2, "b", SqlType.TEXT),
                col(3, "c", SqlType.NUMERIC), col(4, "d", SqlType.INT4, -1, false, "7"),
                col(5, "e", SqlType.BPCHAR, 3 + 4, false, null)),
                List.of(new TestDb.Idx("t_pkey", true, true, List.of(1))), List.of(), List.of());
    }

    /** What the client saw: CopyInResponse format, the CopyData sent, the tag. */
    private static final class Client extends TestDb.Result {
        final Deque<byte[]> input = new ArrayDeque<>();
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        Boolean copyInBinary;
        int copyInColumns;
        String failWith;

        @Override
        public CopyInStream copyInResponse(boolean binary, int columns) {
            copyInBinary = binary;
            copyInColumns = columns;
            return () -> {
                if (input.isEmpty() && failWith != null) {
                    throw new SqlException("57014", "COPY from stdin failed: " + failWith);
                }
                return input.poll();
            };
        }

        @Override
        public void copyOutResponse(boolean binary, int columns) {
        }

        @Override
        public void copyData(byte[] data) {
            output.writeBytes(data);
        }

        @Override
        public void copyDone() {
        }
    }

    private Client copy(String sql, String... chunks) {
        Client c = new Client();
        for (String chunk : chunks) {
            c.input.add(chunk.getBytes(StandardCharsets.UTF_8));
        }
        return copy(sql, c);
    }

    private Client copy(String sql, Client c) {
        Statement.Copy s = (Statement.Copy) Parser.parse(sql, true).getFirst();
        CopyExecutor.run(s, TestDb.CTX, Parameters.none(), db.env(Parameters.none()), c);
        return c;
    }

    private SqlException fails(String sql, String... chunks) {
        return assertThrows(SqlException.class, () -> copy(sql, chunks));
    }

    @Test
    void textFormatWithEscapesNullsAndRowsSplitAcrossMessages() {
        Client c = copy("copy t (a, b, c) from stdin", "1\tx\\ty\t1.50\n2\t\\N\t", "\\N\n3\t\\101\\x42\\\\\t-3\n");
        assertEquals(false, c.copyInBinary);
        assertEquals(3, c.copyInColumns);
        assertEquals("COPY 3", c.tag());
        assertEquals(List.of("1|x\ty|1.50|7|null", "2|null|null|7|null", "3|AB\\|-3|7|null"), db.rows("t"));
    }

    @Test
    void endOfDataMarkerAndCrLf() {
        assertEquals("COPY 1", copy("copy t (a) from stdin", "5\r\n\\.\nignored\n").tag());
        assertEquals(List.of("5|null|null|7|null"), db.rows("t"));
    }

    @Test
    void textLinesSplitAnywhereAcrossMessagesAndTheNullStringAgainstRawText() {
        // A line in three messages, a CR LF whose halves are in two messages, a last line without newline.
        Client c = copy("copy t (a, b, e) from stdin (delimiter '|', null 'NA')", "1|x", "y|ab\r", "\n2|NA|N",
                "A\n3|\\NA|\\x4e\\x41\n4|NAN|NA");
        assertEquals("COPY 4", c.tag());
        // 'NA' is NULL only as the raw text of a field: escaped, or part of a longer field, it is data.
        assertEquals(List.of("1|xy|null|7|ab ", "2|null|null|7|null", "3|NA|null|7|NA ", "4|NAN|null|7|null"),
                db.rows("t"));
    }

    @Test
    void csvWithHeaderQuotesAndForceNotNull() {
        Client c = copy("copy t (a, b, e) from stdin with (format csv, header true, force_not_null (b))",
                "a,b,e\n1,\"x,\"\"y\"\"\nz\",ab\n2,,\"\"\n");
        assertEquals("COPY 2", c.tag());
        assertEquals(List.of("1|x,\"y\"\nz|null|7|ab ", "2||null|7|   "), db.rows("t"));
        assertEquals("COPY 1", copy("copy t from stdin csv delimiter ';' null 'NULL'", "3;NULL;NULL;4;NULL\n").tag());
        assertEquals("3|null|null|4|null", db.rows("t").getLast());
    }

    @Test
    void roundTripsInTheThreeFormats() {
        copy("copy t from stdin", "1\ta\\tb\t1.25\t\\N\txy\n2\t\\N\t-0.5\t3\t\n");
        List<String> before = db.rows("t");
        for (String format : new String[] {"text", "csv", "binary"}) {
            Client out = copy("copy t to stdout (format " + format + ")");
            assertEquals("COPY 2", out.tag());
            db = new TestDb();
            table();
            Client in = new Client();
            in.input.add(out.output.toByteArray());
            assertEquals("COPY 2", copy("copy t from stdin (format " + format + ")", in).tag(), format);
            assertEquals(format.equals("binary"), in.copyInBinary);
            assertEquals(before, db.rows("t"), format);
        }
    }

    @Test
    void integersWrittenAsPlainDigitsAndOtherwise() {
        // Plain digits are converted from the line's bytes; a sign, spaces or ten digits go through int4in.
        Client c = copy("copy t (a, d) from stdin", "-0\t007\n-2147483648\t 12 \n+5\t-999999999\n6\t\\N\n");
        assertEquals("COPY 4", c.tag());
        assertEquals(List.of("0|null|null|7|null", "-2147483648|null|null|12|null", "5|null|null|-999999999|null",
                "6|null|null|null|null"), db.rows("t"));
        SqlException e = fails("copy t (a) from stdin", "8\n2147483648\n");
        assertEquals("22003", e.sqlState());
        assertEquals("COPY t, line 2, column a: \"2147483648\"", e.fields().get(ErrorFields.WHERE));
        e = fails("copy t (a, d) from stdin", "9\t1\t\n");
        assertEquals("extra data after last expected column", e.fields().get(ErrorFields.MESSAGE));
        assertEquals("COPY t, line 1: \"9\t1\t\"", e.fields().get(ErrorFields.WHERE));
    }

    @Test
    void repeatedAndEmptyCharacterFields() {
        // The same text in a field row after row gives the same value (character(3) padded each time),
        // an empty field is an empty string, not NULL, and a text that fails still fails on its line.
        Client c = copy("copy t (a, b, e) from stdin", "1\t\tab\n2\t\tab\n3\tx\t\n4\tx\tab \n");
        assertEquals("COPY 4", c.tag());
        assertEquals(List.of("1||null|7|ab ", "2||null|7|ab ", "3|x|null|7|   ", "4|x|null|7|ab "), db.rows("t"));
        SqlException e = fails("copy t (a, e) from stdin", "5\tab\n6\tab\n7\tabcd\n8\tabcd\n");
        assertEquals("22001", e.sqlState());
        assertEquals("COPY t, line 3, column e: \"abcd\"", e.fields().get(ErrorFields.WHERE));
    }

    @Test
    void aBackslashBeforeTheDelimiterKeepsItInTheField() {
        Client c = copy("copy t (a, b) from stdin", "1\ta\\\tb\n2\tc\n");
        assertEquals("COPY 2", c.tag());
        assertEquals(List.of("1|a\tb|null|7|null", "2|c|null|7|null"), db.rows("t"));
    }

    @Test
    void badDataNamesTheLineAndColumn() {
        SqlException e = fails("copy t (a, b) from stdin", "1\tx\n2\ty\nzz\tw\n");
        assertEquals("22P02", e.sqlState());
        assertEquals("invalid input syntax for type integer: \"zz\"", e.fields().get(ErrorFields.MESSAGE));
        assertEquals("COPY t, line 3, column a: \"zz\"", e.fields().get(ErrorFields.WHERE));

        e = fails("copy t (a, b) from stdin", "1\tx\textra\n");
        assertEquals("22P04", e.sqlState());
        assertEquals("extra data after last expected column", e.fields().get(ErrorFields.MESSAGE));
        assertEquals("COPY t, line 1: \"1\tx\textra\"", e.fields().get(ErrorFields.WHERE));

        e = fails("copy t (a, b) from stdin", "1\n");
        assertEquals("22P04", e.sqlState());
        assertEquals("missing data for column \"b\"", e.fields().get(ErrorFields.MESSAGE));

        e = fails("copy t (b) from stdin", "x\n");
        assertEquals("23502", e.sqlState());
        assertEquals("COPY t, line 1: \"x\"", e.fields().get(ErrorFields.WHERE));

        copy("copy t (a) from stdin", "10\n");
        e = fails("copy t (a) from stdin", "11\n10\n");
        assertEquals("23505", e.sqlState());
        assertEquals("Key (a)=(10) already exists.", e.fields().get(ErrorFields.DETAIL));
        assertEquals("COPY t, line 2", e.fields().get(ErrorFields.WHERE), "PostgreSQL names no text at a batch flush");
    }

    @Test
    void copyFailAndOptionErrors() {
        Client c = new Client();
        c.input.add("1\n".getBytes(StandardCharsets.UTF_8));
        c.failWith = "canceled by user";
        SqlException e = assertThrows(SqlException.class, () -> copy("copy t (a) from stdin", c));
        assertEquals("57014", e.sqlState());
        assertEquals("COPY from stdin failed: canceled by user", e.fields().get(ErrorFields.MESSAGE));
        assertEquals("42703", fails("copy t (zz) from stdin").sqlState());
        assertEquals("column \"zz\" of relation \"t\" does not exist",
                fails("copy t from stdin (format csv, force_not_null (zz))").getMessage());
        assertEquals("42P01", fails("copy nosuch from stdin").sqlState());
        assertEquals("0A000", fails("copy t from stdin (force_not_null (a))").sqlState());
        assertEquals("42P10", fails("copy t (b) from stdin (format csv, force_not_null (a))").sqlState());
        // The table was not created or truncated in this subtransaction: no FREEZE (PostgreSQL's 55000).
        assertEquals("55000", fails("copy t from stdin with (freeze on)").sqlState());
        assertEquals("COPY 0", copy("copy t from stdin with (freeze off)").tag());
        assertEquals("COPY 0", copy("copy t from stdin with csv header").tag());
    }
}
