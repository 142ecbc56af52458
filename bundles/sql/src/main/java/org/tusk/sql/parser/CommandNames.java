package org.tusk.sql.parser;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.sql.lexer.Token;

/**
 * Names statements this engine cannot run yet the way PostgreSQL's command tags name them ("CREATE
 * TABLE", "DROP INDEX", "INSERT", ...), so that the "not supported yet" error says which one it was.
 */
final class CommandNames {
    /** Words between CREATE and the object kind that do not change the tag. */
    private static final Set<String> CREATE_MODIFIERS = Set.of("or", "replace", "temp", "temporary", "local",
            "global", "unlogged", "unique", "trusted", "procedural", "default", "constraint", "recursive");
    /** Object kinds named by two or three words. */
    private static final List<List<String>> MULTI_WORD_OBJECTS = List.of(List.of("materialized", "view"),
            List.of("foreign", "table"), List.of("foreign", "data", "wrapper"), List.of("event", "trigger"),
            List.of("access", "method"), List.of("user", "mapping"), List.of("operator", "class"),
            List.of("operator", "family"), List.of("text", "search", "configuration"),
            List.of("text", "search", "dictionary"), List.of("text", "search", "parser"),
            List.of("text", "search", "template"), List.of("default", "privileges"), List.of("large", "object"));
    /** Statements whose tag is more than their first word. */
    private static final Map<String, String> SINGLE = Map.ofEntries(Map.entry("truncate", "TRUNCATE TABLE"),
            Map.entry("lock", "LOCK TABLE"), Map.entry("declare", "DECLARE CURSOR"),
            Map.entry("close", "CLOSE CURSOR"), Map.entry("analyse", "ANALYZE"), Map.entry("with", "WITH"),
            Map.entry("values", "VALUES"), Map.entry("table", "TABLE"));
    private static final Set<String> KNOWN = Set.of("create", "drop", "alter", "insert", "update", "delete", "merge",
            "copy", "explain", "truncate", "grant", "revoke", "analyze", "analyse", "vacuum", "prepare", "execute",
            "deallocate", "listen", "notify", "unlisten", "lock", "do", "call", "declare", "fetch", "move", "close",
            "discard", "checkpoint", "cluster", "reindex", "comment", "security", "refresh", "reassign", "import",
            "savepoint", "release", "load", "with", "values", "table");

    private CommandNames() {
    }

    /** True if {@code first} starts a statement this engine knows but does not run yet. */
    static boolean isKnown(Token first) {
        return !first.quoted() && KNOWN.contains(first.text());
    }

    /**
     * The tag for a statement whose words (lower case, identifiers only, in order) are {@code words}.
     */
    static String name(List<String> words) {
        String first = words.getFirst();
        if (SINGLE.containsKey(first)) {
            return SINGLE.get(first);
        }
        switch (first) {
            case "create", "drop", "alter" -> {
                int i = 1;
                if (first.equals("create")) {
                    while (i < words.size() && CREATE_MODIFIERS.contains(words.get(i))
                            && !startsMultiWord(words, i)) {
                        i++;
                    }
                }
                for (List<String> object : MULTI_WORD_OBJECTS) {
                    if (matches(words, i, object)) {
                        return (first + " " + String.join(" ", object)).toUpperCase();
                    }
                }
                return i < words.size() ? (first + " " + words.get(i)).toUpperCase() : first.toUpperCase();
            }
            case "security" -> {
                return "SECURITY LABEL";
            }
            case "prepare" -> {
                // PREPARE name AS ... runs; what reaches here is two-phase commit's PREPARE TRANSACTION.
                return "PREPARE TRANSACTION";
            }
            case "refresh" -> {
                return "REFRESH MATERIALIZED VIEW";
            }
            case "reassign" -> {
                return "REASSIGN OWNED";
            }
            case "import" -> {
                return "IMPORT FOREIGN SCHEMA";
            }
            case "discard" -> {
                return words.size() > 1 ? "DISCARD " + words.get(1).toUpperCase() : "DISCARD";
            }
            default -> {
                return first.toUpperCase();
            }
        }
    }

    private static boolean startsMultiWord(List<String> words, int i) {
        for (List<String> object : MULTI_WORD_OBJECTS) {
            if (matches(words, i, object)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<String> words, int from, List<String> object) {
        if (from + object.size() > words.size()) {
            return false;
        }
        return words.subList(from, from + object.size()).equals(object);
    }
}
