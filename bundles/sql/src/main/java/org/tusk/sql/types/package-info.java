/**
 * The built-in types: their catalog facts (OID, length, category, preferred type), the casts between
 * them, input and output functions, and the arithmetic whose results and errors must match PostgreSQL
 * exactly (integer overflow, numeric result scales, shortest float output).
 */
package org.tusk.sql.types;
