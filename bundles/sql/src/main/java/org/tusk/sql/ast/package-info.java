/**
 * The raw parse tree: statements and expressions as written, before any name or type is resolved
 * (PostgreSQL's raw parse nodes). Immutable records, each with the position errors point at.
 */
package org.tusk.sql.ast;
