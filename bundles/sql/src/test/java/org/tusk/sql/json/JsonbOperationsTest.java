package org.tusk.sql.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.spi.SqlException;

/**
 * jsonb's operators and editing functions on trees, each expected value as PostgreSQL 15 prints it for the
 * same expression (the regression file jsonb.sql holds the same cases end to end).
 */
class JsonbOperationsTest {

    private static JsonValue j(String text) {
        return Jsonb.parse(text).root();
    }

    /** jsonb_out of a computed tree, as the operators return it. */
    private static String out(JsonValue v) {
        return v == null ? null : Jsonb.of(v).toString();
    }

    private static List<Object> path(String... elements) {
        return Arrays.asList((Object[]) elements);
    }

    @Test
    void containment() {
        assertTrue(JsonbOperations.contains(j("{\"a\":1,\"b\":2}"), j("{\"a\":1}")));
        assertTrue(JsonbOperations.contains(j("[1,2,[3]]"), j("[[3]]")));
        assertTrue(JsonbOperations.contains(j("[1,2]"), j("1")), "an array contains a scalar");
        assertFalse(JsonbOperations.contains(j("1"), j("[1]")), "a scalar contains no array");
        assertTrue(JsonbOperations.contains(j("[1,2]"), j("[2,2,1]")), "duplicates and order do not count");
        assertTrue(JsonbOperations.contains(j("{\"a\":[1,2]}"), j("{\"a\":[2]}")));
        assertFalse(JsonbOperations.contains(j("{\"a\":[1]}"), j("{\"a\":1}")), "nested: no scalar-in-array rule");
        assertFalse(JsonbOperations.contains(j("[[1]]"), j("[1]")));
        assertTrue(JsonbOperations.contains(j("{\"n\":1.0}"), j("{\"n\":1}")), "numbers compare by value");
        assertTrue(JsonbOperations.contains(j("{\"a\":1}"), j("{}")));
    }

    @Test
    void existence() {
        assertTrue(JsonbOperations.exists(j("{\"a\":1,\"b\":2}"), "a"));
        assertTrue(JsonbOperations.exists(j("\"a\""), "a"), "a top-level string scalar");
        assertFalse(JsonbOperations.exists(j("{\"a\":{\"b\":1}}"), "b"), "only the top level");
        assertTrue(JsonbOperations.existsAny(j("[\"a\",\"b\"]"), path("x", "b"), false));
        assertFalse(JsonbOperations.existsAny(j("[\"a\",\"b\"]"), path("a", "c"), true));
    }

    @Test
    void accessByKeyIndexAndPath() {
        JsonValue doc = j("{\"a\":{\"b\":[10,20,30]}}");
        assertEquals("30", out(JsonPaths.element(JsonPaths.field(JsonPaths.field(doc, "a"), "b"), -1)));
        assertEquals("20", out(JsonPaths.path(doc, path("a", "b", "1"))));
        assertEquals("[10, 20, 30]", JsonbOperations.text(JsonPaths.path(doc, path("a", "b"))));
        assertNull(JsonPaths.element(j("[1,2,3]"), 5));
        assertNull(JsonPaths.element(j("{\"a\":1}"), 0));
        assertNull(JsonPaths.field(j("[1]"), "a"));
        assertNull(JsonbOperations.text(JsonPaths.field(j("{\"a\":null}"), "a")), "JSON null is SQL NULL");
        assertEquals("x", JsonbOperations.text(JsonPaths.path(j("\"x\""), path())));
    }

    @Test
    void concatenationAndDeletion() {
        assertEquals("{\"a\": 3, \"b\": 2}", out(JsonbOperations.concat(j("{\"a\":1}"), j("{\"b\":2,\"a\":3}"))));
        assertEquals("[{\"a\": 1}, 2]", out(JsonbOperations.concat(j("{\"a\":1}"), j("[2]"))));
        assertEquals("[1, 2]", out(JsonbOperations.concat(j("1"), j("2"))));
        assertEquals("[\"b\"]", out(JsonbOperations.deleteKey(j("[\"a\",\"b\",\"a\"]"), "a")));
        assertEquals("[1, 2]", out(JsonbOperations.deleteIndex(j("[1,2,3]"), -1)));
        assertEquals("{\"b\": 2}", out(JsonbOperations.deleteKeys(j("{\"a\":1,\"b\":2,\"c\":3}"), path("a", "c"))));
        assertEquals("{\"a\": [1, 2, {}]}", out(JsonPaths.deletePath(j("{\"a\":[1,2,{\"b\":3}]}"), path("a", "2", "b"))));
        assertEquals("cannot delete from scalar",
                assertThrows(SqlException.class, () -> JsonbOperations.deleteKey(j("1"), "a")).getMessage());
        assertEquals("cannot delete from object using integer index",
                assertThrows(SqlException.class, () -> JsonbOperations.deleteIndex(j("{\"a\":1}"), 0)).getMessage());
    }

    @Test
    void setAndInsert() {
        assertEquals("{\"a\": [1, \"x\", 3]}", out(JsonPaths.set(j("{\"a\":[1,2,3]}"), path("a", "1"), j("\"x\""), true)));
        assertEquals("{\"a\": 1, \"b\": 2}", out(JsonPaths.set(j("{\"a\":1}"), path("b"), j("2"), true)));
        assertEquals("{\"a\": 1}", out(JsonPaths.set(j("{\"a\":1}"), path("b"), j("2"), false)));
        assertEquals("[0, 1, 2]", out(JsonPaths.set(j("[1,2]"), path("-5"), j("0"), true)));
        assertEquals("{\"a\": [1, \"x\", 2, 3]}",
                out(JsonPaths.insert(j("{\"a\":[1,2,3]}"), path("a", "1"), j("\"x\""), false)));
        assertEquals("{\"a\": [1, 2, \"x\", 3]}",
                out(JsonPaths.insert(j("{\"a\":[1,2,3]}"), path("a", "1"), j("\"x\""), true)));
        SqlException e = assertThrows(SqlException.class,
                () -> JsonPaths.insert(j("{\"a\":1}"), path("a"), j("2"), false));
        assertEquals("22023 cannot replace existing key", e.sqlState() + " " + e.getMessage());
        assertEquals("path element at position 2 is not an integer: \"x\"", assertThrows(SqlException.class,
                () -> JsonPaths.set(j("{\"a\":[1]}"), path("a", "x"), j("2"), true)).getMessage());
        assertEquals("path element at position 2 is null", assertThrows(SqlException.class,
                () -> JsonPaths.set(j("{\"a\":1}"), path("a", null), j("1"), true)).getMessage());
    }

    @Test
    void stripNullsAndPretty() {
        assertEquals("{\"b\": [null, {}]}", out(JsonbOperations.stripNulls(j("{\"a\":null,\"b\":[null,{\"c\":null}]}"))));
        assertEquals("{\n    \"a\": [\n        1,\n        {\n        }\n    ],\n    \"c\": \"d\"\n}",
                JsonWriter.pretty(j("{\"c\":\"d\",\"a\":[1,{}]}")));
        assertEquals("[\n]", JsonWriter.pretty(j("[]")));
    }
}
