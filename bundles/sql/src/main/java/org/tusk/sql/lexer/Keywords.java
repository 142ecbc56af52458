package org.tusk.sql.lexer;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * PostgreSQL 15's keywords and their categories (what {@code pg_get_keywords()} reports). The category
 * decides where a word may stand as a plain name: reserved words never, column-name words as column
 * labels but not function names, type/function-name words as function names but not column names.
 * Keywords are recognised by the parser, not the lexer, so a keyword is lexed as an identifier.
 */
public final class Keywords {

    /** Keyword categories, from weakest to strongest. */
    public enum Category {
        NONE, UNRESERVED, COL_NAME, TYPE_FUNC_NAME, RESERVED
    }

    private static final String COL_NAME = "between bigint bit boolean char character coalesce dec decimal exists "
            + "extract float greatest grouping inout int integer interval least national nchar none normalize nullif "
            + "numeric out overlay position precision real row setof smallint substring time timestamp treat trim "
            + "values varchar xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi "
            + "xmlroot xmlserialize xmltable";
    private static final String RESERVED = "all analyse analyze and any array as asc asymmetric both case cast check "
            + "collate column constraint create current_catalog current_date current_role current_time "
            + "current_timestamp current_user default deferrable desc distinct do else end except false fetch for "
            + "foreign from grant group having in initially intersect into lateral leading limit localtime "
            + "localtimestamp not null offset on only or order placing primary references returning select "
            + "session_user some symmetric table then to trailing true union unique user using variadic when where "
            + "window with";
    private static final String TYPE_FUNC_NAME = "authorization binary collation concurrently cross current_schema "
            + "freeze full ilike inner is isnull join left like natural notnull outer overlaps right similar "
            + "tablesample verbose";
    /** The unreserved keywords that matter to this parser; any other word is treated as a plain identifier. */
    private static final String UNRESERVED = "abort absolute access action add admin after aggregate also alter "
            + "always asensitive assertion assignment at atomic attach attribute backward before begin breadth by "
            + "cache call called cascade cascaded catalog chain characteristics checkpoint class close cluster "
            + "columns comment comments commit committed compression configuration conflict connection constraints "
            + "content continue conversion copy cost csv cube current cursor cycle data database day deallocate "
            + "declare defaults deferred definer delete delimiter delimiters depends depth detach dictionary disable "
            + "discard document domain double drop each enable encoding encrypted enum escape event exclude "
            + "excluding exclusive execute explain expression extension external family filter finalize first "
            + "following force forward function functions generated global granted groups handler header hold hour "
            + "identity if immediate immutable implicit import include including increment index indexes inherit "
            + "inherits inline input insensitive insert instead invoker isolation key label language large last "
            + "leakproof level listen load local location lock locked logged mapping match matched materialized "
            + "maxvalue merge method minute minvalue mode month move name names new next nfc nfd nfkc nfkd no "
            + "normalized nothing notify nowait nulls object of off oids old operator option options ordinality "
            + "others over overriding owned owner parallel parameter parser partial partition passing password "
            + "plans policy preceding prepare prepared preserve prior privileges procedural procedure procedures "
            + "program publication quote range read reassign recheck recursive ref referencing refresh reindex "
            + "relative release rename repeatable replace replica reset restart restrict return returns revoke role "
            + "rollback rollup routine routines rows rule savepoint schema schemas scroll search second security "
            + "sequence sequences serializable server session set sets share show simple skip snapshot sql stable "
            + "standalone start statement statistics stdin stdout storage stored strict strip subscription support "
            + "sysid system tables tablespace temp template temporary text ties transaction transform trigger "
            + "truncate trusted type types uescape unbounded uncommitted unencrypted unknown unlisten unlogged until "
            + "update vacuum valid validate validator value varying version view views volatile whitespace within "
            + "without work wrapper write xml year yes zone";
    /** Keywords that can be a column label only after AS (all others may follow an expression bare). */
    private static final Set<String> AS_LABEL_ONLY = Set.of("array", "as", "char", "character", "create", "day",
            "except", "fetch", "filter", "for", "from", "grant", "group", "having", "hour", "intersect", "into",
            "isnull", "limit", "minute", "month", "notnull", "offset", "on", "order", "over", "overlaps",
            "precision", "returning", "second", "to", "union", "varying", "where", "window", "with", "within",
            "without", "year");

    private static final Map<String, Category> CATEGORIES = new HashMap<>();

    static {
        register(UNRESERVED, Category.UNRESERVED);
        register(COL_NAME, Category.COL_NAME);
        register(TYPE_FUNC_NAME, Category.TYPE_FUNC_NAME);
        register(RESERVED, Category.RESERVED);
    }

    private Keywords() {
    }

    private static void register(String words, Category category) {
        for (String w : words.split(" ")) {
            CATEGORIES.put(w, category);
        }
    }

    /**
     * PostgreSQL's quote_identifier: a name is printed bare only if it is lower-case letters, digits and
     * underscores, does not start with a digit, and is no keyword other than an unreserved one; otherwise
     * it is double-quoted with inner quotes doubled.
     */
    public static String quoteIdentifier(String name) {
        char first = name.isEmpty() ? 0 : name.charAt(0);
        boolean plain = (first >= 'a' && first <= 'z') || first == '_';
        for (int i = 0; plain && i < name.length(); i++) {
            char ch = name.charAt(i);
            plain = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
        }
        if (plain) {
            Category c = category(name);
            plain = c == Category.NONE || c == Category.UNRESERVED;
        }
        return plain ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The category of a lower-case word; {@link Category#NONE} if it is not a keyword. */
    public static Category category(String word) {
        return CATEGORIES.getOrDefault(word, Category.NONE);
    }

    /** Every keyword in alphabetical order, as pg_get_keywords() lists them. */
    public static java.util.List<String> all() {
        return CATEGORIES.keySet().stream().sorted().toList();
    }

    /** May this unquoted word follow a target expression as a label without AS? */
    public static boolean isBareLabel(String word) {
        return !AS_LABEL_ONLY.contains(word);
    }
}
