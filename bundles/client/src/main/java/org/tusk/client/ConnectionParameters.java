package org.tusk.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.tusk.client.internal.ConnInfoParser;

/**
 * Connection parameters as libpq's keywords ({@code host}, {@code port}, {@code dbname}, {@code user},
 * {@code password}, {@code sslmode}, ...), exactly as given: defaults from the environment and
 * {@code .pgpass} are applied when connecting. Immutable.
 */
public final class ConnectionParameters {

    private final Map<String, String> values;

    private ConnectionParameters(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Parses a libpq connection string: a URI ({@code postgresql://user:pw@host:port,host2/db?k=v}) or
     * keyword/value pairs ({@code host=h port=5432 password='it''s' ...}). Errors carry libpq's messages.
     */
    public static ConnectionParameters parse(String conninfo) throws PgException {
        return new ConnectionParameters(ConnInfoParser.parse(conninfo));
    }

    /** Parameters from a map; every key must be a libpq keyword. */
    public static ConnectionParameters of(Map<String, String> values) throws PgException {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            ConnInfoParser.checkKeyword(e.getKey());
            m.put(e.getKey(), e.getValue());
        }
        return new ConnectionParameters(m);
    }

    /** The empty set: everything from the environment and defaults. */
    public static ConnectionParameters empty() {
        return new ConnectionParameters(Map.of());
    }

    /** A copy with one keyword set ({@code null} removes it). */
    public ConnectionParameters with(String keyword, String value) throws PgException {
        ConnInfoParser.checkKeyword(keyword);
        Map<String, String> m = new LinkedHashMap<>(values);
        if (value == null) {
            m.remove(keyword);
        } else {
            m.put(keyword, value);
        }
        return new ConnectionParameters(m);
    }

    /** The value given for a keyword, or {@code null}. */
    public String get(String keyword) {
        return values.get(keyword);
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** Every keyword libpq (PostgreSQL 15) accepts. */
    public static Set<String> keywords() {
        return ConnInfoParser.KEYWORDS;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(b.isEmpty() ? "" : " ").append(k).append('=')
                .append(k.equals("password") ? "********" : v));
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionParameters p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
