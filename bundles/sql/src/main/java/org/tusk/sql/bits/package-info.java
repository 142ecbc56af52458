/**
 * The bit string types bit(n) and bit varying(n) (PostgreSQL's varbit.c): their values, text forms, length
 * rules, order, operators, functions and casts. Values are stored as bytea in an order-preserving encoding
 * ({@link org.tusk.sql.bits.BitString#storageKey()}), so indexes need no type of their own.
 */
package org.tusk.sql.bits;
