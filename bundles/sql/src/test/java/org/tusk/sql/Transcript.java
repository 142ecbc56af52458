package org.tusk.sql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.ErrorFields;
import org.tusk.spi.BackendSignals;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SessionInfo;
import org.tusk.spi.SqlException;
import org.tusk.spi.SqlSession;
import org.tusk.sql.engine.TuskSqlEngine;

/**
 * Runs queries on a session and records what the client would receive, one line per message, in the
 * same compact form as the transcripts recorded from a real PostgreSQL 15 (see {@code cases.txt}):
 * <pre>
 * T name:typeoid:typlen:typmod,...   RowDescription
 * D value|value                      DataRow (\N for null)
 * C tag                              CommandComplete
 * I                                  EmptyQueryResponse
 * N severity code message            NoticeResponse
 * E severity code message @position [H hint] [D detail]
 * S name=value                       ParameterStatus
 * Z status                           ReadyForQuery
 * H format columns                   CopyOutResponse (format 1 binary, 0 text/CSV)
 * d hex                              CopyData
 * c                                  CopyDone
 * </pre>
 */
class Transcript implements ResultSink {
    final List<String> lines = new ArrayList<>();
    final SqlSession session;
    final BackendSignals signals = new BackendSignals();

    Transcript() {
        this(Map.of(), Map.of());
    }

    Transcript(Map<String, String> startup, Map<String, String> server) {
        Map<String, String> params = new HashMap<>(startup);
        session = new TuskSqlEngine().openSession(new SessionInfo("postgres", "postgres", params, server, signals));
    }

    /** A transcript of a session {@code engine} opens for {@code user} on {@code database}. */
    Transcript(org.tusk.spi.SqlEngine engine, String database, String user) {
        session = engine.openSession(new SessionInfo(user, database, Map.of(), Map.of(), signals));
    }

    /** As above, with the client's startup parameters (as a startup packet gives them, "options" included). */
    Transcript(org.tusk.spi.SqlEngine engine, String database, String user, Map<String, String> startup) {
        session = engine.openSession(new SessionInfo(user, database, startup, Map.of(), signals));
    }

    /** As above, with a process ID, so that the session shows in the status area (pg_stat_activity). */
    Transcript(org.tusk.spi.SqlEngine engine, String database, String user, int processId) {
        session = engine.openSession(new SessionInfo(user, database, Map.of(), Map.of(), signals, processId));
    }

    /** A transcript of a session {@code engine} opens for user postgres on {@code database}. */
    Transcript(org.tusk.spi.SqlEngine engine, String database) {
        session = engine.openSession(new SessionInfo("postgres", database, Map.of(), Map.of(), signals));
    }

    /**
     * The data rows of {@code sql} in a fresh session, "|" between columns and ";" between rows, or its
     * error line ("E ...") if it failed.
     */
    static String rows(String sql) {
        return new Transcript().rowsOf(sql);
    }

    /** The data rows ("D ...") and the error line ("E ...") of {@code sql} in this transcript's session. */
    List<String> dataLines(String sql) {
        return run(sql).stream().filter(l -> l.startsWith("D ") || l.startsWith("E ")).toList();
    }

    /** Like {@link #rows(String)}, in this transcript's session. */
    String rowsOf(String sql) {
        List<String> out = run(sql);
        for (String l : out) {
            if (l.startsWith("E ")) {
                return l;
            }
        }
        return out.stream().filter(l -> l.startsWith("D")).map(l -> l.length() > 2 ? l.substring(2) : "")
                .collect(java.util.stream.Collectors.joining(";"));
    }

    /**
     * The data rows and command tags (but SELECT's) of {@code sql}, ";" between them, "|" between columns; or its
     * error line ("E ...") if it failed: what a DML statement with RETURNING answers, in one string.
     */
    String rowsAndTags(String sql) {
        List<String> out = run(sql);
        for (String l : out) {
            if (l.startsWith("E ")) {
                return l;
            }
        }
        return out.stream().filter(l -> l.startsWith("D") || l.startsWith("C ") && !l.startsWith("C SELECT"))
                .map(l -> l.length() > 2 ? l.substring(2) : "").collect(java.util.stream.Collectors.joining(";"));
    }

    /** Runs one query string and returns the lines it produced, ending with Z. */
    List<String> run(String sql) {
        lines.clear();
        try {
            session.executeSimpleQuery(sql, this);
        } catch (SqlException e) {
            lines.add(error(e.fields()));
        }
        lines.add("Z " + session.transactionStatus());
        return List.copyOf(lines);
    }

    static String error(ErrorFields f) {
        StringBuilder b = new StringBuilder("E " + f.severity() + " " + f.sqlState() + " " + f.message());
        String pos = f.get(ErrorFields.POSITION);
        b.append(" @").append(pos == null ? "-" : pos);
        if (f.get(ErrorFields.HINT) != null) {
            b.append(" H ").append(f.get(ErrorFields.HINT));
        }
        if (f.get(ErrorFields.DETAIL) != null) {
            b.append(" D ").append(f.get(ErrorFields.DETAIL));
        }
        return b.toString();
    }

    @Override
    public void rowDescription(List<ColumnDescription> columns) {
        List<String> parts = new ArrayList<>();
        for (ColumnDescription c : columns) {
            parts.add(c.name() + ":" + c.typeOid() + ":" + c.typeSize() + ":" + c.typeModifier());
        }
        lines.add(("T " + String.join(",", parts)).strip());
    }

    @Override
    public void dataRow(byte[][] values) {
        List<String> parts = new ArrayList<>();
        for (byte[] v : values) {
            parts.add(v == null ? "\\N" : new String(v, StandardCharsets.UTF_8));
        }
        lines.add(("D " + String.join("|", parts)).strip());
    }

    @Override
    public void commandComplete(String tag) {
        lines.add("C " + tag);
    }

    @Override
    public void emptyQuery() {
        lines.add("I");
    }

    @Override
    public void notice(ErrorFields notice) {
        lines.add("N " + notice.severity() + " " + notice.sqlState() + " " + notice.message());
    }

    @Override
    public void parameterStatus(String name, String value) {
        lines.add("S " + name + "=" + value);
    }

    @Override
    public void copyOutResponse(boolean binary, int columns) {
        lines.add("H " + (binary ? 1 : 0) + " " + columns);
    }

    @Override
    public void copyData(byte[] data) {
        lines.add("d " + java.util.HexFormat.of().formatHex(data));
    }

    @Override
    public void copyDone() {
        lines.add("c");
    }

    /** The CopyData payloads the next COPY FROM STDIN reads (then CopyDone), as a client would send them. */
    final java.util.Deque<byte[]> copyIn = new java.util.ArrayDeque<>();

    @Override
    public org.tusk.spi.CopyInStream copyInResponse(boolean binary, int columns) {
        lines.add("G " + (binary ? 1 : 0) + " " + columns);
        return copyIn::poll;
    }

    /**
     * The data rows of {@code sql} run in a new session of {@code engine} as postgres, each row's fields as
     * the transcript prints them; an error fails the test with the statement and the error.
     */
    static List<String> dataRows(org.tusk.spi.SqlEngine engine, String sql) {
        Transcript t = new Transcript(engine, "postgres");
        try {
            List<String> lines = t.run(sql);
            for (String l : lines) {
                if (l.startsWith("E ")) {
                    throw new AssertionError(sql + " -> " + l);
                }
            }
            return lines.stream().filter(l -> l.startsWith("D")).map(l -> l.length() > 2 ? l.substring(2) : "")
                    .toList();
        } finally {
            t.session.close();
        }
    }
}
