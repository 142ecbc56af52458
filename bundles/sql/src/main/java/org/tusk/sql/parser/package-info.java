/**
 * The parser: a hand-written recursive-descent version of the parts of gram.y this engine accepts,
 * with PostgreSQL's operator precedence and its syntax error messages and positions. Statements that
 * are recognised but not implemented yet become {@code Unsupported} nodes named by their command tag.
 */
package org.tusk.sql.parser;
