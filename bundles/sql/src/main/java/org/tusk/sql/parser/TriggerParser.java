package org.tusk.sql.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.ExprText;
import org.tusk.sql.ast.DdlCommand.QualifiedName;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * gram.y's CreateTrigStmt, DropTrigStmt and ALTER TABLE's ENABLE/DISABLE TRIGGER: the timing, the events
 * joined by OR (UPDATE with an optional OF column list), FOR [EACH] ROW | STATEMENT, WHEN (condition), and
 * EXECUTE FUNCTION | PROCEDURE name(arguments), whose arguments are kept as the strings the trigger
 * function will see in TG_ARGV (numbers and names as written, string literals without their quotes).
 */
final class TriggerParser {
    static final int BEFORE = 2;
    static final int INSTEAD = 64;
    static final int INSERT = 4;
    static final int DELETE = 8;
    static final int UPDATE = 16;
    static final int TRUNCATE = 32;

    private final TokenStream in;
    private final ExprParser exprs;
    private final String sql;

    TriggerParser(TokenStream in, ExprParser exprs, String sql) {
        this.in = in;
        this.exprs = exprs;
        this.sql = sql;
    }

    /** Whether the tokens after CREATE are [OR REPLACE] [CONSTRAINT] TRIGGER. */
    static boolean atCreateTrigger(TokenStream in) {
        return in.peek(1).isKeyword("trigger")
                || in.peek(1).isKeyword("or") && in.peek(2).isKeyword("replace") && in.peek(3).isKeyword("trigger")
                || in.peek(1).isKeyword("constraint") && in.peek(2).isKeyword("trigger")
                || in.peek(1).isKeyword("or") && in.peek(2).isKeyword("replace") && in.peek(3).isKeyword("constraint")
                        && in.peek(4).isKeyword("trigger");
    }

    /** CREATE ... TRIGGER, positioned at CREATE. */
    DdlCommand create() {
        int position = in.next().position();
        boolean orReplace = false;
        if (in.acceptKeyword("or")) {
            in.expectKeyword("replace");
            orReplace = true;
        }
        boolean constraint = in.acceptKeyword("constraint");
        in.expectKeyword("trigger");
        String name = in.colId().text();
        int timing;
        if (constraint) {
            // gram.y: a constraint trigger is AFTER ... FOR EACH ROW
            in.expectKeyword("after");
            timing = 0;
        } else if (in.acceptKeyword("before")) {
            timing = BEFORE;
        } else if (in.acceptKeyword("after")) {
            timing = 0;
        } else if (in.atKeyword("instead")) {
            in.next();
            in.expectKeyword("of");
            timing = INSTEAD;
        } else {
            throw TokenStream.syntaxError(in.peek());
        }
        int events = 0;
        List<String> columns = new ArrayList<>();
        do {
            Token e = in.next();
            int event = switch (e.kind() == TokenKind.IDENT && !e.quoted() ? e.text() : "") {
                case "insert" -> INSERT;
                case "delete" -> DELETE;
                case "update" -> UPDATE;
                case "truncate" -> TRUNCATE;
                default -> throw TokenStream.syntaxError(e);
            };
            if (event == UPDATE && in.acceptKeyword("of")) {
                do {
                    columns.add(in.colId().text());
                } while (in.accept(TokenKind.COMMA));
            }
            // bison reads the token after UPDATE (to see whether OF follows), not after INSERT or DELETE
            Token last = event == UPDATE ? in.peek() : e;
            if ((events & event) != 0) {
                // gram.y's TriggerEvents: parser_yyerror, at the last token the parser read
                throw SqlException.at("42601", "duplicate trigger events specified at or near \"" + last.raw()
                        + "\"", last.position());
            }
            events |= event;
        } while (in.acceptKeyword("or"));
        in.expectKeyword("on");
        QualifiedName table = qualifiedName();
        String oldTable = null;
        String newTable = null;
        if (in.acceptKeyword("referencing")) {
            // gram.y's TriggerReferencing: {OLD | NEW} {TABLE | ROW} [AS] name, repeated
            do {
                Token which = in.next();
                boolean isNew = which.isKeyword("new");
                if (!isNew && !which.isKeyword("old")) {
                    throw TokenStream.syntaxError(which);
                }
                if (in.acceptKeyword("row")) {
                    throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "0A000",
                            "ROW variable naming in the REFERENCING clause is not supported")
                            .hint("Use OLD TABLE or NEW TABLE for naming transition tables.").build());
                }
                in.expectKeyword("table");
                in.acceptKeyword("as");
                String n = in.colId().text();
                if (isNew) {
                    if (newTable != null) {
                        throw new SqlException("42P17", "NEW TABLE cannot be specified multiple times");
                    }
                    newTable = n;
                } else {
                    if (oldTable != null) {
                        throw new SqlException("42P17", "OLD TABLE cannot be specified multiple times");
                    }
                    oldTable = n;
                }
            } while (in.atKeyword("old") || in.atKeyword("new"));
        }
        DdlCommand.ConstraintTrigger constraintTrigger = null;
        if (constraint) {
            QualifiedName from = null;
            if (in.acceptKeyword("from")) {
                from = qualifiedName();
            }
            boolean[] spec = DdlParser.constraintAttributes(in, false, false);
            constraintTrigger = new DdlCommand.ConstraintTrigger(from, spec[0], spec[1]);
            in.expectKeyword("for");
            in.expectKeyword("each");
            in.expectKeyword("row");
        }
        boolean row = constraint;
        if (!constraint && in.acceptKeyword("for")) {
            in.acceptKeyword("each");
            if (in.acceptKeyword("row")) {
                row = true;
            } else {
                in.expectKeyword("statement");
            }
        }
        ExprText when = null;
        if (in.acceptKeyword("when")) {
            in.expect(TokenKind.LPAREN);
            int start = in.peek().position();
            Expr e = exprs.parseExpr();
            when = new ExprText(e, text(start, in.peek().position()), start);
            in.expect(TokenKind.RPAREN);
        }
        in.expectKeyword("execute");
        if (!in.acceptKeyword("function")) {
            in.expectKeyword("procedure");
        }
        QualifiedName function = qualifiedName();
        in.expect(TokenKind.LPAREN);
        List<String> args = new ArrayList<>();
        if (!in.at(TokenKind.RPAREN)) {
            do {
                Token a = in.next();
                switch (a.kind()) {
                    // gram.y's TriggerFuncArg: Iconst, FCONST, Sconst or ColLabel (no sign)
                    case INTEGER, DECIMAL, STRING, IDENT -> args.add(a.text());
                    default -> throw TokenStream.syntaxError(a);
                }
            } while (in.accept(TokenKind.COMMA));
        }
        in.expect(TokenKind.RPAREN);
        return new DdlCommand.CreateTrigger(name, orReplace, timing, events, columns, table, row, when, function,
                args, position, constraintTrigger, oldTable, newTable);
    }

    /** ALTER TRIGGER name ON table RENAME TO new, positioned at ALTER. */
    DdlCommand alterRename() {
        in.next();
        in.expectKeyword("trigger");
        String name = in.colId().text();
        in.expectKeyword("on");
        QualifiedName table = qualifiedName();
        if (in.atKeyword("no") || in.atKeyword("depends")) {
            throw SqlException.at("0A000", "ALTER TRIGGER ... DEPENDS ON EXTENSION is not supported yet",
                    in.peek().position());
        }
        in.expectKeyword("rename");
        in.expectKeyword("to");
        return new DdlCommand.RenameTrigger(name, table, in.colId().text());
    }

    /** DROP TRIGGER, positioned at DROP. */
    DdlCommand drop() {
        in.next();
        in.expectKeyword("trigger");
        boolean ifExists = false;
        if (in.atKeyword("if") && in.peek(1).isKeyword("exists")) {
            in.next();
            in.next();
            ifExists = true;
        }
        String name = in.colId().text();
        in.expectKeyword("on");
        QualifiedName table = qualifiedName();
        boolean cascade = in.acceptKeyword("cascade");
        if (!cascade) {
            in.acceptKeyword("restrict");
        }
        return new DdlCommand.DropTrigger(name, table, ifExists, cascade);
    }

    /** The rest of ALTER TABLE name, at ENABLE or DISABLE followed by TRIGGER. */
    DdlCommand enable(QualifiedName table) {
        Token t = in.next();
        boolean enable = t.text().equals("enable");
        // tgenabled: 'O' ENABLE, 'D' DISABLE, 'R' ENABLE REPLICA, 'A' ENABLE ALWAYS
        char state = !enable ? 'D' : in.acceptKeyword("replica") ? 'R' : in.acceptKeyword("always") ? 'A' : 'O';
        in.expectKeyword("trigger");
        String name = null;
        boolean all = in.acceptKeyword("all");
        if (!all && !in.acceptKeyword("user")) {
            name = in.colId().text();
        }
        return new DdlCommand.EnableTrigger(table, name, enable, t.position(), state, all);
    }

    private QualifiedName qualifiedName() {
        Token first = in.colId();
        if (in.accept(TokenKind.DOT)) {
            Token second = in.colId();
            return new QualifiedName(first.text(), second.text(), first.position());
        }
        return new QualifiedName(null, first.text(), first.position());
    }

    private String text(int from, int to) {
        int begin = sql.offsetByCodePoints(0, from - 1);
        int end = sql.offsetByCodePoints(0, Math.min(to - 1, sql.codePointCount(0, sql.length())));
        return sql.substring(begin, end).strip();
    }
}
