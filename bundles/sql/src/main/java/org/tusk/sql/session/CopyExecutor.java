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
import org.tusk.sql.dml.CopyFrom;
import org.tusk.sql.dml.CopySettings;
import org.tusk.sql.dml.CopyTo;
import org.tusk.sql.dml.DmlEnv;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.types.TypeInput;

/**
 * COPY (PostgreSQL's copy.c): {@code COPY (SELECT ...) TO STDOUT} and {@code COPY table [(columns)]
 * {FROM STDIN | TO STDOUT}} in the text, CSV and binary formats with their options, checked as
 * ProcessCopyOptions checks them; the table side is the dml layer's ({@link CopyFrom}, {@link CopyTo}).
 * A missing table fails before CopyInResponse, as in PostgreSQL; files and programs are not served.
 */
final class CopyExecutor {

    private enum Format {
        TEXT, CSV, BINARY
    }

    /** The options after ProcessCopyOptions: defaults filled in per format. */
    private record Options(Format format, char delimiter, String nullString, boolean header, char quote,
            char escape, List<String> forceNotNull, List<String> forceNull, List<String> forceQuote, boolean freeze) {
    }

    private CopyExecutor() {
    }

    /**
     * Runs a COPY. {@code env} is where a table is found and stored (null without storage: every table
     * is missing).
     */
    static void run(Statement.Copy copy, EvalContext ctx, Parameters parameters, DmlEnv env, ResultSink sink) {
        if (copy.relation() != null && env == null) {
            throw new SqlException("42P01", "relation \"" + String.join(".", copy.relation()) + "\" does not exist");
        }
        if (!copy.stdio()) {
            throw SqlException.at("0A000", "COPY to a file or program is not supported yet", copy.position());
        }
        Options options = options(copy.options(), copy.from());
        if (copy.relation() != null) {
            if (copy.from()) {
                CopyFrom.run(copy.relation(), copy.columns(), settings(options), env, sink);
            } else {
                CopyTo.run(copy.relation(), copy.columns(), env, new CopyOut(sink, options, null, null, ctx));
            }
            return;
        }
        SelectExecutor.Plan plan = SelectExecutor.analyze(copy.query(), ctx, parameters);
        List<ColumnDescription> columns = plan.columns();
        int[] types = columns.stream().mapToInt(ColumnDescription::typeOid).toArray();
        SelectExecutor.run(plan, ctx, new CopyOut(sink, options, columns, types, ctx));
    }

    /** FORCE_QUOTE's columns as flags over the output columns; * is every one, an unknown name 42703. */
    private static boolean[] forceQuote(List<String> names, List<ColumnDescription> columns) {
        if (names.isEmpty()) {
            return null;
        }
        boolean[] flags = new boolean[columns.size()];
        if (names.equals(List.of("*"))) {
            Arrays.fill(flags, true);
            return flags;
        }
        for (String n : names) {
            boolean found = false;
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(n)) {
                    flags[i] = true;
                    found = true;
                }
            }
            if (!found) {
                // CopyGetAttnums: a name that is not an output column does not exist for this COPY.
                throw new SqlException("42703", "column \"" + n + "\" does not exist");
            }
        }
        return flags;
    }

    private static CopySettings settings(Options o) {
        return new CopySettings(o.format().name().toLowerCase(Locale.ROOT), o.delimiter(), o.nullString(), o.header(),
                o.quote(), o.escape(), o.forceNotNull(), o.forceNull(), o.freeze());
    }

    /** Turns the SELECT's rows into CopyData; its "SELECT n" becomes CopyDone and "COPY n". */
    private static final class CopyOut extends ForwardingSink {
        private final Options options;
        /** The columns, or null to take them from the RowDescription of the rows (a table's COPY TO). */
        private List<ColumnDescription> columns;
        private int[] types;
        /** {@link #types} with enums as text, for the binary format (null until the first row). */
        private int[] binaryTypes;
        /** The binary header, sent with the first CopyData (a row or the trailer), as copyto.c does. */
        private byte[] pendingHeader;
        /** FORCE_QUOTE per output column, null when no column is forced. */
        private boolean[] forceQuote;

        /** The session, which knows the OIDs of reg* values' names (binary COPY sends OIDs). */
        private final EvalContext ctx;

        CopyOut(ResultSink sink, Options options, List<ColumnDescription> columns, int[] types, EvalContext ctx) {
            super(sink);
            this.ctx = ctx;
            this.options = options;
            this.columns = columns;
            this.types = types;
        }

        @Override
        public void rowDescription(List<ColumnDescription> c) {
            if (columns == null) {
                columns = c;
                types = c.stream().mapToInt(ColumnDescription::typeOid).toArray();
            }
            forceQuote = forceQuote(options.forceQuote(), columns);
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

        /**
         * The session when a column is of a composite type, whose record_send needs the catalog (the shared
         * codec's binaryRow knows the built-in types only); null otherwise.
         */
        private org.tusk.spi.SqlSession composite;

        /** A binary COPY row with every field encoded by the session. */
        private byte[] compositeRow(List<String> texts) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.writeBytes(java.nio.ByteBuffer.allocate(2).putShort((short) texts.size()).array());
            for (int i = 0; i < texts.size(); i++) {
                byte[] bytes = texts.get(i) == null ? null : composite.binaryValue(types[i], texts.get(i));
                out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
                if (bytes != null) {
                    out.writeBytes(bytes);
                }
            }
            return out.toByteArray();
        }

        /**
         * The types whose send functions encode the row: an enum's (enum_send) is its label's text, so an enum
         * column is encoded as text.
         */
        private int[] binaryTypes() {
            if (binaryTypes == null) {
                binaryTypes = types.clone();
                if (ctx.db() != null && ctx.db().catalog() instanceof org.tusk.sql.catalog.RelationCache cache) {
                    org.tusk.sql.catalog.EnumTypes enums = org.tusk.sql.catalog.EnumTypes.of(cache);
                    for (int i = 0; i < binaryTypes.length; i++) {
                        if (org.tusk.protocol.TypeOids.elementType(binaryTypes[i]) == 0
                                && enums.isEnum(binaryTypes[i])) {
                            binaryTypes[i] = org.tusk.protocol.TypeOids.TEXT;
                        }
                    }
                }
            }
            return binaryTypes;
        }

        @Override
        public void dataRow(byte[][] values) {
            if (options.format() == Format.BINARY && composite == null && ctx instanceof org.tusk.spi.SqlSession s
                    && java.util.Arrays.stream(types).anyMatch(t -> !org.tusk.protocol.BinaryFormats.supports(t)
                            && s.binaryFormat(t))) {
                composite = s;
            }
            List<String> texts = new ArrayList<>(values.length);
            for (byte[] v : values) {
                texts.add(v == null ? null : new String(v, StandardCharsets.UTF_8));
            }
            if (options.format() == Format.BINARY) {
                for (int i = 0; i < texts.size(); i++) {
                    if (texts.get(i) != null && org.tusk.protocol.OidFormats.isRegType(types[i])
                            && ctx instanceof org.tusk.spi.SqlSession session) {
                        byte[] oid = session.binaryValue(types[i], texts.get(i));
                        texts.set(i, Integer.toUnsignedString(java.nio.ByteBuffer.wrap(oid).getInt()));
                    }
                }
                byte[] row;
                try {
                    row = composite != null ? compositeRow(texts) : CopyFormats.binaryRow(binaryTypes(), texts);
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
                            options.nullString(), forceQuote)
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

    /** ProcessCopyOptions: each option once, then the per-format defaults and checks. */
    private static Options options(List<Statement.CopyOption> given, boolean from) {
        Statement.CopyOption format = null;
        Statement.CopyOption delimiter = null;
        Statement.CopyOption nullString = null;
        Statement.CopyOption header = null;
        Statement.CopyOption quote = null;
        Statement.CopyOption escape = null;
        Statement.CopyOption forceQuote = null;
        Statement.CopyOption forceNotNull = null;
        Statement.CopyOption forceNull = null;
        Statement.CopyOption freeze = null;
        Statement.CopyOption encoding = null;
        for (Statement.CopyOption o : given) {
            switch (o.name()) {
                case "format" -> format = once(format, o);
                case "delimiter" -> delimiter = once(delimiter, o);
                case "null" -> nullString = once(nullString, o);
                case "header" -> header = once(header, o);
                case "quote" -> quote = once(quote, o);
                case "escape" -> escape = once(escape, o);
                case "force_not_null" -> forceNotNull = once(forceNotNull, o);
                case "force_null" -> forceNull = once(forceNull, o);
                case "freeze" -> freeze = once(freeze, o);
                case "encoding" -> encoding = once(encoding, o);
                case "force_quote" -> forceQuote = once(forceQuote, o);
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
        boolean frozen = freeze != null && (freeze.value() == null || booleanOption(freeze));
        if (encoding != null && !encoding.value().replace("-", "").replace("_", "").equalsIgnoreCase("utf8")) {
            throw SqlException.at("0A000", "COPY encoding \"" + encoding.value() + "\" is not supported yet",
                    encoding.position());
        }
        boolean withHeader = header != null && header(header, from);
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
        if (forceQuote != null && f != Format.CSV) {
            throw new SqlException("0A000", "COPY force quote available only in CSV mode");
        }
        if (forceQuote != null && from) {
            throw new SqlException("0A000", "COPY force quote only available using COPY TO");
        }
        if (forceNotNull != null && f != Format.CSV) {
            throw new SqlException("0A000", "COPY force not null available only in CSV mode");
        }
        if (forceNotNull != null && !from) {
            throw new SqlException("0A000", "COPY force not null only available using COPY FROM");
        }
        if (forceNull != null && f != Format.CSV) {
            throw new SqlException("0A000", "COPY force null available only in CSV mode");
        }
        if (forceNull != null && !from) {
            throw new SqlException("0A000", "COPY force null only available using COPY FROM");
        }
        char delim = delimiter == null ? (f == Format.CSV ? ',' : '\t') : single(delimiter, "delimiter");
        if (delim == '\n' || delim == '\r') {
            throw new SqlException("22023", "COPY delimiter cannot be newline or carriage return");
        }
        char q = quote == null ? '"' : single(quote, "quote");
        char e = escape == null ? q : single(escape, "escape");
        String nul = nullString != null ? nullString.value() : f == Format.CSV ? "" : "\\N";
        List<String> quoted = forceQuote == null || forceQuote.value() == null ? List.of()
                : forceQuote.value().equals("*") ? List.of("*") : List.of(forceQuote.value().split(","));
        return new Options(f, delim, nul, withHeader, q, e, columnList(forceNotNull), columnList(forceNull), quoted,
                frozen);
    }

    private static List<String> columnList(Statement.CopyOption o) {
        if (o == null || o.value() == null) {
            return List.of();
        }
        if (o.value().equals("*")) {
            throw SqlException.at("0A000", "COPY " + o.name() + " * is not supported yet", o.position());
        }
        return List.of(o.value().split(","));
    }

    /** A Boolean option's value (FREEZE): true, false, on, off, 1, 0, ... */
    private static boolean booleanOption(Statement.CopyOption o) {
        try {
            return TypeInput.parseBool(o.value());
        } catch (SqlException e) {
            throw new SqlException("22023", o.name() + " requires a Boolean value");
        }
    }

    /** defGetCopyHeaderChoice: a Boolean, none for true, or "match" (COPY FROM only: read as true here). */
    private static boolean header(Statement.CopyOption o, boolean from) {
        if (o.value() == null) {
            return true;
        }
        if (o.value().equalsIgnoreCase("match")) {
            if (!from) {
                throw new SqlException("0A000", "cannot use \"match\" with HEADER in COPY TO");
            }
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
