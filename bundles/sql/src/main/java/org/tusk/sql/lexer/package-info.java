/**
 * The lexer: PostgreSQL's scan.l rules for identifiers, keywords, numbers, the string constant forms
 * (standard, E'', U&'', dollar-quoted, with continuation across newlines), operators, parameters and
 * comments, with 1-based character positions on every token.
 */
package org.tusk.sql.lexer;
