package org.tusk.sql.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.CopyFormats;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.types.TypeInput;

/**
 * COPY (PostgreSQL's copy.c and copyto.c without tables): {@code COPY (SELECT ...) TO STDOUT} in the
 * text, CSV and binary formats with their options, checked as ProcessCopyOptions checks them. A table
 * named in COPY does not exist yet, so COPY FROM STDIN fails before CopyInResponse, as PostgreSQL's
 * does for a missing relation; files and programs are not served.
 */
final class CopyExecutor {

    private enum Format {
        TEXT, CSV, BINARY
    }

    /** The options after ProcessCopyOptions: defaults filled in per format. */
    private record Options(Format format, char delimiter, String nullString, boolean header, char quote,
            char escape) {
    }

    private CopyExecutor() {
    }

    static void run(Statement.Copy copy, EvalContext ctx, Parameters parameters, ResultSink sink) {
        if (copy.relation() != null) {
            throw new SqlException("42P01", "relation \"" + String.join(".", copy.relation()) + "\" does not exist");
        }
        if (!copy.stdio()) {
            throw SqlException.at("0A000", "COPY to a file or program is not supported yet", copy.position());
        }
        Options options = options(copy.options());
        SelectExecutor.Plan plan = SelectExecutor.analyze(copy.query(), ctx, parameters);
        List<ColumnDescription> columns = plan.columns();
        int[] types = columns.stream().mapToInt(ColumnDescription::typeOid).toArray();
        SelectExecutor.run(plan, ctx, new CopyOut(sink, options, columns, types));
    }

    /** Turns the SELECT's rows into CopyData; its "SELECT n" becomes CopyDone and "COPY n". */
    private static final class CopyOut extends ForwardingSink {
        private final Options options;
        private final List<ColumnDescription> columns;
        private final int[] types;
        /** The binary header, sent with the first CopyData (a row or the trailer), as copyto.c does. */
        private byte[] pendingHeader;

        CopyOut(ResultSink sink, Options options, List<ColumnDescription> columns, int[] types) {
            super(sink);
            this.options = options;
            this.columns = columns;
            this.types = types;
        }

        @Override
        public void rowDescription(List<ColumnDescription> c) {
            sink.copyOutResponse(options.format() == Format.BINARY, columns.size());
            if (options.format() == Format.BINARY) {
                pendingHeader = CopyFormats.binaryHeader();
            } else if (options.header()) {
                List<String> names = new ArrayList<>();
                for (ColumnDescription d : columns) {
                    names.add(d.name());
                }
                sink.copyData(line(names));
            }
        }

        @Override
        public void dataRow(byte[][] values) {
            List<String> texts = new ArrayList<>(values.length);
            for (byte[] v : values) {
                texts.add(v == null ? null : new String(v, StandardCharsets.UTF_8));
            }
            if (options.format() == Format.BINARY) {
                byte[] row;
                try {
                    row = CopyFormats.binaryRow(types, texts);
                } catch (IllegalArgumentException e) {
                    throw new SqlException("42883", e.getMessage());
                }
                send(row);
            } else {
                sink.copyData(line(texts));
            }
        }

        private byte[] line(List<String> values) {
            return options.format() == Format.CSV
                    ? CopyFormats.csvRow(values, options.delimiter(), options.quote(), options.escape(),
                            options.nullString())
                    : CopyFormats.textRow(values, options.delimiter(), options.nullString());
        }

        private void send(byte[] data) {
            if (pendingHeader != null) {
                byte[] both = Arrays.copyOf(pendingHeader, pendingHeader.length + data.length);
                System.arraycopy(data, 0, both, pendingHeader.length, data.length);
                pendingHeader = null;
                data = both;
            }
            sink.copyData(data);
        }

        @Override
        public void commandComplete(String tag) {
            if (options.format() == Format.BINARY) {
                send(CopyFormats.binaryTrailer());
            }
            sink.copyDone();
            sink.commandComplete("COPY " + tag.substring(tag.lastIndexOf(' ') + 1));
        }
    }

    /** ProcessCopyOptions for COPY TO: each option once, then the per-format defaults and checks. */
    private static Options options(List<Statement.CopyOption> given) {
        Statement.CopyOption format = null;
        Statement.CopyOption delimiter = null;
        Statement.CopyOption nullString = null;
        Statement.CopyOption header = null;
        Statement.CopyOption quote = null;
        Statement.CopyOption escape = null;
        for (Statement.CopyOption o : given) {
            switch (o.name()) {
                case "format" -> format = once(format, o);
                case "delimiter" -> delimiter = once(delimiter, o);
                case "null" -> nullString = once(nullString, o);
                case "header" -> header = once(header, o);
                case "quote" -> quote = once(quote, o);
                case "escape" -> escape = once(escape, o);
                case "force_quote", "force_not_null", "force_null", "encoding", "freeze" -> throw SqlException.at(
                        "0A000", "COPY option \"" + o.name() + "\" is not supported yet", o.position());
                default -> throw SqlException.at("42601", "option \"" + o.name() + "\" not recognized", o.position());
            }
        }
        Format f = Format.TEXT;
        if (format != null) {
            String name = format.value() == null ? "" : format.value().toLowerCase(Locale.ROOT);
            f = switch (name) {
                case "text" -> Format.TEXT;
                case "csv" -> Format.CSV;
                case "binary" -> Format.BINARY;
                default -> throw SqlException.at("22023", "COPY format \"" + format.value() + "\" not recognized",
                        format.position());
            };
        }
        boolean withHeader = header != null && header(header);
        if (f == Format.BINARY) {
            if (delimiter != null) {
                throw new SqlException("42601", "cannot specify DELIMITER in BINARY mode");
            }
            if (nullString != null) {
                throw new SqlException("42601", "cannot specify NULL in BINARY mode");
            }
            if (header != null) {
                throw new SqlException("0A000", "cannot specify HEADER in BINARY mode");
            }
        }
        if (f != Format.CSV && quote != null) {
            throw new SqlException("0A000", "COPY quote available only in CSV mode");
        }
        if (f != Format.CSV && escape != null) {
            throw new SqlException("0A000", "COPY escape available only in CSV mode");
        }
        char delim = delimiter == null ? (f == Format.CSV ? ',' : '\t') : single(delimiter, "delimiter");
        if (delim == '\n' || delim == '\r') {
            throw new SqlException("22023", "COPY delimiter cannot be newline or carriage return");
        }
        char q = quote == null ? '"' : single(quote, "quote");
        char e = escape == null ? q : single(escape, "escape");
        String nul = nullString != null ? nullString.value() : f == Format.CSV ? "" : "\\N";
        return new Options(f, delim, nul, withHeader, q, e);
    }

    /** defGetCopyHeaderChoice for COPY TO: a Boolean, or none for true ("match" is for COPY FROM). */
    private static boolean header(Statement.CopyOption o) {
        if (o.value() == null) {
            return true;
        }
        try {
            return TypeInput.parseBool(o.value());
        } catch (SqlException e) {
            throw new SqlException("42601", "header requires a Boolean value or \"match\"");
        }
    }

    private static Statement.CopyOption once(Statement.CopyOption previous, Statement.CopyOption o) {
        if (previous != null) {
            throw SqlException.at("42601", "conflicting or redundant options", o.position());
        }
        return o;
    }

    private static char single(Statement.CopyOption o, String what) {
        String v = o.value();
        if (v == null || v.length() != 1 || v.charAt(0) > 0x7F) {
            throw new SqlException("0A000", "COPY " + what + " must be a single one-byte character");
        }
        return v.charAt(0);
    }
}
