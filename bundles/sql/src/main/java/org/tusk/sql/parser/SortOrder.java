package org.tusk.sql.parser;

/**
 * gram.y's opt_asc_desc and opt_nulls_order, after an ORDER BY item or an index key: {@code nullsFirst} null
 * when NULLS was not written (the default then follows the direction).
 */
record SortOrder(boolean descending, Boolean nullsFirst) {

    /** Reads [ASC | DESC] [NULLS FIRST | NULLS LAST]. */
    static SortOrder parse(TokenStream in) {
        boolean descending = false;
        if (in.acceptKeyword("desc")) {
            descending = true;
        } else {
            in.acceptKeyword("asc");
        }
        Boolean nullsFirst = null;
        if (in.acceptKeyword("nulls")) {
            if (in.acceptKeyword("first")) {
                nullsFirst = true;
            } else {
                in.expectKeyword("last");
                nullsFirst = false;
            }
        }
        return new SortOrder(descending, nullsFirst);
    }
}
