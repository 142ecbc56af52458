/**
 * Parse analysis and evaluation of expressions: operator and function resolution by PostgreSQL's
 * type-conversion rules, the common type of CASE/COALESCE branches, result column naming, and the
 * analyzed expression trees that evaluate with SQL's NULL semantics.
 */
package org.tusk.sql.eval;
