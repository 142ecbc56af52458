package org.tusk.sql.lexer;

/** The kinds of token PostgreSQL's scanner (scan.l) hands to its grammar. */
public enum TokenKind {
    /** An identifier or keyword; {@link Token#text()} is folded to lower case unless it was quoted. */
    IDENT,
    /** An integer literal (digits only). */
    INTEGER,
    /** A numeric literal with a decimal point or an exponent. */
    DECIMAL,
    /** A string constant in any of its spellings; {@link Token#text()} is its value. */
    STRING,
    /** B'...' or X'...'; {@link Token#text()} is the digits after 'b' or 'x', as bit_in reads them. */
    BIT_STRING,
    /** A positional parameter such as {@code $1}; {@link Token#text()} holds the number. */
    PARAM,
    /** An operator, including the one-character ones ({@code + - * / % ^ < > =}). */
    OP,
    /** {@code ::} */
    TYPECAST,
    LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, SEMICOLON, DOT, COLON,
    /** End of the query string. */
    EOF
}
