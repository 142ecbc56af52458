package org.tusk.sql.func;

import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;

/**
 * How triggers reach their functions: by pg_proc OID (pg_trigger.tgfoid), not by name resolution, since a
 * trigger keeps calling the function it was created with whatever search_path says.
 */
public final class TriggerFunctions {

    private TriggerFunctions() {
    }

    /** The user function with this OID, or null. */
    public static FunctionDefinition definition(RelationCache rc, int oid) {
        CatalogRow row = rc.tables().first(CatalogDefinitions.PG_PROC, r -> r.oid("oid") == oid);
        return row == null ? null : FunctionDefinition.of(row, rc);
    }
}
