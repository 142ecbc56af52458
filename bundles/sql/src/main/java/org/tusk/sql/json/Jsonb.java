package org.tusk.sql.json;

/**
 * A jsonb value: a tree in normal form. Equality, hashing and order are jsonb's btree operator class
 * (equal numbers are equal whatever their scale: '1.0'::jsonb = '1'), so that sorting, DISTINCT, GROUP
 * BY and hash tables treat these values as PostgreSQL does.
 */
public final class Jsonb implements Comparable<Jsonb> {
    private final JsonValue root;

    private Jsonb(JsonValue root) {
        this.root = root;
    }

    /** A value from a tree (normalized here, so constructed trees may be in any order). */
    public static Jsonb of(JsonValue root) {
        return new Jsonb(JsonObjects.normalize(root));
    }

    /** jsonb_in. */
    public static Jsonb parse(String text) {
        return new Jsonb(JsonParser.parseJsonb(text));
    }

    public JsonValue root() {
        return root;
    }

    @Override
    public int compareTo(Jsonb o) {
        return JsonObjects.compareTopLevel(root, o.root);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Jsonb j && compareTo(j) == 0;
    }

    @Override
    public int hashCode() {
        return JsonObjects.hash(root);
    }

    /** jsonb_out. */
    @Override
    public String toString() {
        return JsonWriter.jsonb(root);
    }
}
