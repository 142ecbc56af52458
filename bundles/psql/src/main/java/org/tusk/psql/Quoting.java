package org.tusk.psql;

/** SQL quoting for :'var' and :"var" interpolation, as psql's PQescapeLiteral / PQescapeIdentifier. */
final class Quoting {

    private Quoting() {
    }

    static String literal(String s) {
        boolean backslash = s.indexOf('\\') >= 0;
        StringBuilder b = new StringBuilder();
        if (backslash) {
            b.append(" E");
        }
        b.append('\'');
        for (char c : s.toCharArray()) {
            if (c == '\'' || c == '\\') {
                b.append(c);
            }
            b.append(c);
        }
        return b.append('\'').toString();
    }

    static String identifier(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /**
     * pg_dump's fmtId (fe_utils/string_utils.c): the name as is when it is a lower-case identifier that is
     * no keyword outside the unreserved category, else double-quoted.
     */
    static String fmtId(String s) {
        if (s.matches("[a-z_][a-z0-9_$]*") && !QUOTED_KEYWORDS.contains(s)) {
            return s;
        }
        return identifier(s);
    }

    /** PostgreSQL 15's reserved, type/function-name and column-name keywords (kwlist.h): fmtId quotes them. */
    private static final java.util.Set<String> QUOTED_KEYWORDS = java.util.Set.of(("all analyse analyze and any array as asc "
            + "asymmetric both case cast check collate column constraint create current_catalog current_date "
            + "current_role current_time current_timestamp current_user default deferrable desc distinct do else end "
            + "except false fetch for foreign from grant group having in initially intersect into lateral leading "
            + "limit localtime localtimestamp not null offset on only or order placing primary references returning "
            + "select session_user some symmetric table then to trailing true union unique user using variadic when "
            + "where window with authorization binary collation concurrently cross current_schema freeze full ilike "
            + "inner is isnull join left like natural notnull outer overlaps right similar tablesample verbose "
            + "between bigint bit boolean char character coalesce dec decimal exists extract float greatest grouping "
            + "inout int integer interval least national nchar none normalize nullif numeric out overlay position "
            + "precision real row setof smallint substring time timestamp treat trim values varchar xmlattributes "
            + "xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable")
            .split(" "));
}
