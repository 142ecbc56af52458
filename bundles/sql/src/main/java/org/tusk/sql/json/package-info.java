/**
 * The json and jsonb types (PostgreSQL's json.c, jsonb.c, jsonapi.c and jsonfuncs.c): parsing with
 * PostgreSQL's error messages, the tree both types are processed as, jsonb's normal form (keys sorted by
 * length then bytes, the last duplicate kept), its btree order and hashing, the output formats, and the
 * operators and functions over both types.
 *
 * <p>It is a package of its own because the types are a world of their own: the rest of the engine only
 * sees a json value as a String (the input text, kept as is, as PostgreSQL keeps it) and a jsonb value as
 * a {@link org.tusk.sql.json.Jsonb}, and reaches the operators and functions through the registration
 * methods of {@link org.tusk.sql.json.JsonFunctions}.
 */
package org.tusk.sql.json;
