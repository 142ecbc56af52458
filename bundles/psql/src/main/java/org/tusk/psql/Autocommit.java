package org.tusk.psql;

import java.util.Locale;

/**
 * psql's command_no_begin: the statements before which AUTOCOMMIT off sends no BEGIN, because they control
 * transactions themselves or cannot run inside one.
 */
final class Autocommit {

    private Autocommit() {
    }

    static boolean noBegin(String sql) {
        String[] w = words(sql);
        if (w.length == 0 || w[0].isEmpty()) {
            return true;
        }
        String first = w[0];
        String second = w.length > 1 ? w[1] : "";
        String third = w.length > 2 ? w[2] : "";
        return switch (first) {
            case "begin", "start", "commit", "end", "rollback", "abort", "vacuum", "checkpoint" -> true;
            case "prepare" -> second.equals("transaction");
            case "cluster" -> w.length == 1;
            case "create", "drop" -> second.equals("database") || second.equals("tablespace")
                    || second.equals("index") && third.equals("concurrently")
                    || second.equals("unique") && third.equals("index") && w.length > 3 && w[3].equals("concurrently");
            case "reindex" -> second.equals("database") || second.equals("system")
                    || third.equals("concurrently") || second.equals("(");
            case "alter" -> second.equals("system");
            case "discard" -> second.equals("all");
            default -> false;
        };
    }

    /** The first words, lower-cased, after leading white space and comments. */
    private static String[] words(String sql) {
        String s = sql;
        while (true) {
            s = s.stripLeading();
            if (s.startsWith("--")) {
                int nl = s.indexOf('\n');
                s = nl < 0 ? "" : s.substring(nl + 1);
            } else if (s.startsWith("/*")) {
                int end = s.indexOf("*/");
                s = end < 0 ? "" : s.substring(end + 2);
            } else {
                break;
            }
        }
        return s.toLowerCase(Locale.ROOT).replace(";", " ").replace("(", " ( ").trim().split("\\s+", 5);
    }
}
