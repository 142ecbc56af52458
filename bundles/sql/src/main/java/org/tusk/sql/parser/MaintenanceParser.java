package org.tusk.sql.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.QualifiedName;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * The maintenance commands vacuumdb, reindexdb and clusterdb send: VACUUM and ANALYZE with their option
 * lists, REINDEX and CLUSTER. Options are checked here as ExecVacuum, ExecReindex and cluster() check them
 * (their SQLSTATEs, texts and positions); options that change nothing in this storage (FREEZE,
 * DISABLE_PAGE_SKIPPING, INDEX_CLEANUP, TRUNCATE, PROCESS_TOAST, PARALLEL) are accepted after the same
 * checks, because every client sending them expects the command to run.
 */
final class MaintenanceParser {

    private final TokenStream in;
    private final Supplier<QualifiedName> qualifiedName;
    private final Supplier<List<String>> nameList;

    /** {@code qualifiedName} and {@code nameList} read a table name and a parenthesized column list (DdlParser's). */
    MaintenanceParser(TokenStream in, Supplier<QualifiedName> qualifiedName, Supplier<List<String>> nameList) {
        this.in = in;
        this.qualifiedName = qualifiedName;
        this.nameList = nameList;
    }

    /** One entry of a parenthesized utility option list: its name, position and value token (or null). */
    private record Option(String name, int position, Token value, boolean negative) {
    }

    // ---- VACUUM, ANALYZE

    DdlCommand vacuum() {
        in.next();
        boolean analyze = false;
        boolean verbose = false;
        boolean full = false;
        boolean skipLocked = false;
        boolean disablePageSkipping = false;
        boolean processToast = true;
        boolean parallel = false;
        if (in.at(TokenKind.LPAREN)) {
            for (Option o : options()) {
                switch (o.name) {
                    case "analyze", "analyse" -> analyze = bool(o);
                    case "verbose" -> verbose = bool(o);
                    case "full" -> full = bool(o);
                    case "skip_locked" -> skipLocked = bool(o);
                    case "disable_page_skipping" -> disablePageSkipping = bool(o);
                    case "process_toast" -> processToast = bool(o);
                    case "freeze", "truncate" -> bool(o);
                    case "index_cleanup" -> {
                        if (o.value == null || !o.value.text().equalsIgnoreCase("auto")) {
                            bool(o);
                        }
                    }
                    case "parallel" -> {
                        parallelWorkers(o);
                        parallel = true;
                    }
                    default -> throw SqlException.at("42601", "unrecognized VACUUM option \"" + o.name + "\"",
                            o.position);
                }
            }
        } else {
            while (in.atKeyword("full") || in.atKeyword("freeze") || in.atKeyword("verbose")
                    || in.atKeyword("analyze") || in.atKeyword("analyse")) {
                Token option = in.next();
                analyze |= option.text().startsWith("analy");
                verbose |= option.text().equals("verbose");
                full |= option.text().equals("full");
            }
        }
        if (full && parallel) {
            throw new SqlException("0A000", "VACUUM FULL cannot be performed in parallel");
        }
        List<List<String>> columns = new ArrayList<>();
        List<QualifiedName> tables = tableList(columns);
        if (!analyze && columns.stream().anyMatch(c -> !c.isEmpty())) {
            throw new SqlException("0A000", "ANALYZE option must be specified when a column list is provided");
        }
        if (full && disablePageSkipping) {
            throw new SqlException("0A000", "VACUUM option DISABLE_PAGE_SKIPPING cannot be used with FULL");
        }
        if (full && !processToast) {
            throw new SqlException("0A000", "PROCESS_TOAST required with VACUUM FULL");
        }
        return new DdlCommand.Vacuum(true, analyze, tables, columns, verbose, full, skipLocked);
    }

    DdlCommand analyze() {
        in.next();
        boolean verbose = false;
        boolean skipLocked = false;
        if (in.at(TokenKind.LPAREN)) {
            for (Option o : options()) {
                switch (o.name) {
                    case "verbose" -> verbose = bool(o);
                    case "skip_locked" -> skipLocked = bool(o);
                    default -> throw SqlException.at("42601", "unrecognized ANALYZE option \"" + o.name + "\"",
                            o.position);
                }
            }
        } else {
            verbose = in.acceptKeyword("verbose");
        }
        List<List<String>> columns = new ArrayList<>();
        List<QualifiedName> tables = tableList(columns);
        return new DdlCommand.Vacuum(false, true, tables, columns, verbose, false, skipLocked);
    }

    /** The tables of VACUUM or ANALYZE, each with its column list (empty if none) added to {@code columns}. */
    private List<QualifiedName> tableList(List<List<String>> columns) {
        List<QualifiedName> tables = new ArrayList<>();
        if (in.at(TokenKind.IDENT)) {
            do {
                tables.add(qualifiedName.get());
                columns.add(in.at(TokenKind.LPAREN) ? nameList.get() : List.of());
            } while (in.accept(TokenKind.COMMA));
        }
        return tables;
    }

    /** PARALLEL n: 0 to 1024 workers (accepted; this storage vacuums a table with one worker). */
    private static void parallelWorkers(Option o) {
        if (o.value == null) {
            throw SqlException.at("42601", "parallel option requires a value between 0 and 1024", o.position);
        }
        long n;
        try {
            n = o.value.kind() == TokenKind.INTEGER ? Long.parseLong(o.value.text()) : -1;
        } catch (NumberFormatException e) {
            n = Long.MAX_VALUE;
        }
        if (o.value.kind() != TokenKind.INTEGER) {
            throw new SqlException("42601", "parallel requires an integer value");
        }
        if (o.negative || n > 1024) {
            throw SqlException.at("42601", "parallel workers for vacuum must be between 0 and 1024", o.position);
        }
    }

    // ---- REINDEX

    DdlCommand reindex() {
        in.next();
        boolean verbose = false;
        boolean concurrently = false;
        String tablespace = null;
        if (in.at(TokenKind.LPAREN)) {
            for (Option o : options()) {
                switch (o.name) {
                    case "verbose" -> verbose = bool(o);
                    case "concurrently" -> concurrently = bool(o);
                    case "tablespace" -> {
                        if (o.value == null) {
                            throw new SqlException("42601", "tablespace requires a parameter");
                        }
                        tablespace = o.value.text();
                    }
                    default -> throw SqlException.at("42601", "unrecognized REINDEX option \"" + o.name + "\"",
                            o.position);
                }
            }
        }
        Token kind = in.next();
        DdlCommand.ReindexTarget target = switch (kind.kind() == TokenKind.IDENT && !kind.quoted() ? kind.text() : "") {
            case "index" -> DdlCommand.ReindexTarget.INDEX;
            case "table" -> DdlCommand.ReindexTarget.TABLE;
            case "schema" -> DdlCommand.ReindexTarget.SCHEMA;
            case "database" -> DdlCommand.ReindexTarget.DATABASE;
            case "system" -> DdlCommand.ReindexTarget.SYSTEM;
            default -> throw TokenStream.syntaxError(kind);
        };
        if (in.atKeyword("concurrently") && in.peek(1).kind() == TokenKind.IDENT) {
            in.next();
            concurrently = true;
        }
        QualifiedName name = switch (target) {
            case INDEX, TABLE -> qualifiedName.get();
            default -> {
                Token n = in.colId();
                yield new QualifiedName(null, n.text(), n.position());
            }
        };
        return new DdlCommand.Reindex(target, name, concurrently, verbose, tablespace);
    }

    // ---- CLUSTER

    DdlCommand cluster() {
        in.next();
        boolean verbose = false;
        if (in.at(TokenKind.LPAREN)) {
            for (Option o : options()) {
                if (!o.name.equals("verbose")) {
                    throw SqlException.at("42601", "unrecognized CLUSTER option \"" + o.name + "\"", o.position);
                }
                verbose = bool(o);
            }
        } else {
            verbose = in.acceptKeyword("verbose");
        }
        if (!in.at(TokenKind.IDENT)) {
            return new DdlCommand.Cluster(null, null, verbose);
        }
        if (in.peek(1).isKeyword("on")) {
            // The pre-8.3 form CLUSTER index ON table, which gram.y still takes.
            String index = in.colId().text();
            in.next();
            return new DdlCommand.Cluster(qualifiedName.get(), index, verbose);
        }
        QualifiedName table = qualifiedName.get();
        String index = in.acceptKeyword("using") ? in.colId().text() : null;
        return new DdlCommand.Cluster(table, index, verbose);
    }

    // ---- option lists

    /** {@code ( name [value] [, ...] )}, gram.y's utility_option_list; names in lower case. */
    private List<Option> options() {
        in.expect(TokenKind.LPAREN);
        List<Option> options = new ArrayList<>();
        do {
            Token name = in.next();
            if (name.kind() != TokenKind.IDENT) {
                throw TokenStream.syntaxError(name);
            }
            boolean negative = false;
            Token value = null;
            if (in.atOp("-") || in.atOp("+")) {
                negative = in.next().text().equals("-");
                value = in.next();
                if (value.kind() != TokenKind.INTEGER && value.kind() != TokenKind.DECIMAL) {
                    throw TokenStream.syntaxError(value);
                }
            } else if (!in.at(TokenKind.COMMA) && !in.at(TokenKind.RPAREN)) {
                value = in.next();
                if (value.kind() != TokenKind.IDENT && value.kind() != TokenKind.STRING
                        && value.kind() != TokenKind.INTEGER && value.kind() != TokenKind.DECIMAL) {
                    throw TokenStream.syntaxError(value);
                }
            }
            options.add(new Option(name.quoted() ? name.text() : name.text().toLowerCase(Locale.ROOT),
                    name.position(), value, negative));
        } while (in.accept(TokenKind.COMMA));
        in.expect(TokenKind.RPAREN);
        return options;
    }

    /** defGetBoolean: no value is true; true/false/on/off and 1/0. */
    private static boolean bool(Option o) {
        if (o.value == null) {
            return true;
        }
        String v = o.value.text().toLowerCase(Locale.ROOT);
        if (!o.negative) {
            switch (v) {
                case "true", "on", "1" -> {
                    return true;
                }
                case "false", "off", "0" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        throw new SqlException("42601", o.name + " requires a Boolean value");
    }
}
