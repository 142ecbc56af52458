package org.tusk.sql.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.QualifiedName;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * gram.y's CommentStmt for the objects Tusk keeps comments on: {@code COMMENT ON TABLE | VIEW | INDEX |
 * SEQUENCE | MATERIALIZED VIEW | SCHEMA | DATABASE | EXTENSION name IS text}, {@code COMMENT ON COLUMN rel.col IS text} and
 * {@code COMMENT ON CONSTRAINT name ON table IS text}. The comment is a string constant or NULL. Other
 * object kinds are recognized and refused with 0A000.
 */
final class CommentParser {

    private CommentParser() {
    }

    static DdlCommand parse(TokenStream in, Supplier<QualifiedName> qualifiedName) {
        Token comment = in.next();
        in.expectKeyword("on");
        Token kindToken = in.peek();
        String kind = in.next().text();
        if (kind.equals("materialized")) {
            in.expectKeyword("view");
            kind = "view";
        }
        QualifiedName name;
        String member = null;
        switch (kind) {
            case "table", "view", "index", "sequence" -> name = qualifiedName.get();
            case "schema", "database", "extension" -> {
                Token n = in.colId();
                name = new QualifiedName(null, n.text(), n.position());
            }
            case "column" -> {
                // rel.col or schema.rel.col: the last name is the column.
                List<Token> parts = new ArrayList<>();
                parts.add(in.colId());
                while (in.accept(TokenKind.DOT)) {
                    parts.add(in.colId());
                }
                if (parts.size() < 2) {
                    throw new SqlException("42601", "column name must be qualified");
                }
                if (parts.size() > 3) {
                    throw SqlException.at("42601", "improper qualified name (too many dotted names): "
                            + String.join(".", parts.stream().map(Token::text).toList()), parts.getFirst().position());
                }
                Token first = parts.getFirst();
                name = parts.size() == 3 ? new QualifiedName(first.text(), parts.get(1).text(), first.position())
                        : new QualifiedName(null, first.text(), first.position());
                member = parts.getLast().text();
            }
            case "large" -> {
                // LARGE OBJECT oid: the OID is kept as written, in the name.
                in.expectKeyword("object");
                Token oid = in.expect(TokenKind.INTEGER);
                name = new QualifiedName(null, oid.text(), oid.position());
                kind = "large object";
            }
            case "constraint" -> {
                member = in.colId().text();
                in.expectKeyword("on");
                in.acceptKeyword("domain");
                name = qualifiedName.get();
            }
            default -> throw SqlException.at("0A000", "COMMENT ON " + kind.toUpperCase(java.util.Locale.ROOT)
                    + " is not supported yet", kindToken.position());
        }
        in.expectKeyword("is");
        String text;
        if (in.acceptKeyword("null")) {
            text = null;
        } else {
            text = in.expect(TokenKind.STRING).text();
        }
        return new DdlCommand.Comment(kind, name, member, text, comment.position());
    }
}
