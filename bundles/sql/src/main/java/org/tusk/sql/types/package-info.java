/**
 * The built-in types: their catalog facts (OID, length, category, preferred type), the casts between
 * them, input and output functions, and the arithmetic whose results and errors must match PostgreSQL
 * exactly (integer overflow, numeric result scales and NaN/Infinity rules in {@link
 * org.tusk.sql.types.Numeric}, shortest float output, glibc's cbrt through {@link
 * org.tusk.sql.types.NativeMath}), and the to_char/to_number templates of formatting.c for dates
 * ({@link org.tusk.sql.types.DateFormatting}) and numbers ({@link org.tusk.sql.types.NumberFormatting}).
 */
package org.tusk.sql.types;
