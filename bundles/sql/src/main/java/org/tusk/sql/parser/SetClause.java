package org.tusk.sql.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.Statement.SetValue;
import org.tusk.sql.ast.Statement.ValueKind;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * The pieces of gram.y's SET syntax that the SET statement and the SET/RESET clauses of CREATE and ALTER
 * FUNCTION share (var_name, var_value, FunctionSetResetClause).
 */
final class SetClause {

    private SetClause() {
    }

    /** A parameter name: an identifier, or dotted identifiers for a custom parameter. */
    static String varName(TokenStream in) {
        StringBuilder name = new StringBuilder(in.colId().text());
        while (in.accept(TokenKind.DOT)) {
            Token part = in.peek();
            if (part.kind() != TokenKind.IDENT) {
                throw TokenStream.syntaxError(part);
            }
            name.append('.').append(in.next().text());
        }
        return name.toString();
    }

    /** One SET value: a string, a possibly signed number, or a word (on, off, true, an identifier, ...). */
    static SetValue value(TokenStream in) {
        Token t = in.peek();
        switch (t.kind()) {
            case STRING -> {
                in.next();
                return new SetValue(ValueKind.STRING, t.text());
            }
            case INTEGER, DECIMAL -> {
                in.next();
                return new SetValue(ValueKind.NUMBER, t.text());
            }
            case OP -> {
                if (t.text().equals("+") || t.text().equals("-")) {
                    in.next();
                    Token n = in.peek();
                    if (n.kind() != TokenKind.INTEGER && n.kind() != TokenKind.DECIMAL) {
                        throw TokenStream.syntaxError(n);
                    }
                    in.next();
                    return new SetValue(ValueKind.NUMBER, (t.text().equals("-") ? "-" : "") + n.text());
                }
                throw TokenStream.syntaxError(t);
            }
            case IDENT -> {
                Keywords.Category c = t.quoted() ? Keywords.Category.NONE : Keywords.category(t.text());
                boolean allowed = c != Keywords.Category.RESERVED || t.text().equals("true")
                        || t.text().equals("false") || t.text().equals("on");
                if (!allowed) {
                    throw TokenStream.syntaxError(t);
                }
                in.next();
                return new SetValue(ValueKind.IDENTIFIER, t.text());
            }
            default -> throw TokenStream.syntaxError(t);
        }
    }

    /**
     * A routine's SET or RESET clause, after the SET or RESET keyword {@code word}: SET name {TO|=} value, ...
     * | SET name {TO|=} DEFAULT | SET name FROM CURRENT | RESET name | RESET ALL.
     */
    static DdlCommand.RoutineChange routineSetOrReset(TokenStream in, Token word) {
        if (word.isKeyword("reset")) {
            if (in.acceptKeyword("all")) {
                return new DdlCommand.RoutineChange("reset", null, word.position());
            }
            return new DdlCommand.RoutineChange("reset", varName(in), word.position());
        }
        String name = varName(in);
        if (in.atKeyword("from") && in.peek(1).isKeyword("current")) {
            in.next();
            in.next();
            return new DdlCommand.RoutineChange("set-current", name, word.position());
        }
        if (!in.acceptKeyword("to") && !in.atOp("=")) {
            throw TokenStream.syntaxError(in.peek());
        }
        if (in.atOp("=")) {
            in.next();
        }
        if (in.acceptKeyword("default")) {
            return new DdlCommand.RoutineChange("reset", name, word.position());
        }
        List<SetValue> values = new ArrayList<>();
        do {
            values.add(value(in));
        } while (in.accept(TokenKind.COMMA));
        return new DdlCommand.RoutineChange("set", name, word.position(), List.copyOf(values));
    }
}
