package org.tusk.sql.lexer;

/**
 * One token of a query string.
 *
 * @param kind what it is
 * @param text the value: a folded identifier, a string constant's content, an operator, a number's digits
 * @param raw the token as written in the query, used by "syntax error at or near" messages
 * @param position 1-based character offset of its first character, as PostgreSQL reports positions
 * @param quoted true for a "quoted" identifier, which is never a keyword
 */
public record Token(TokenKind kind, String text, String raw, int position, boolean quoted) {

    /** True if this is the unquoted keyword {@code word} (given in lower case). */
    public boolean isKeyword(String word) {
        return kind == TokenKind.IDENT && !quoted && text.equals(word);
    }

    /** True if this is the operator {@code op}. */
    public boolean isOp(String op) {
        return kind == TokenKind.OP && text.equals(op);
    }

    /** An unquoted identifier that is a keyword of the given category or stronger. */
    public boolean isKeywordToken() {
        return kind == TokenKind.IDENT && !quoted && Keywords.category(text) != Keywords.Category.NONE;
    }
}
