package org.tusk.sql.ddl;

import java.util.List;

import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.sql.eval.EvalContext;

/** The SQL functions that answer from the session's search_path as the catalog resolves it. */
public final class SchemaFunctions {

    private SchemaFunctions() {
    }

    /** current_schema(): the first schema of search_path that exists, or null. */
    public static String currentSchema(EvalContext ctx) {
        List<String> path = ((BackendDatabase) ctx.db()).catalog().explicitSearchPath();
        return path.isEmpty() ? null : path.getFirst();
    }

    /** current_schemas(implicit): search_path's existing schemas, with pg_catalog when {@code implicit}. */
    public static List<String> currentSchemas(EvalContext ctx, boolean implicit) {
        if (ctx.db() == null) {
            return implicit ? List.of("pg_catalog", "public") : List.of("public");
        }
        var catalog = ((BackendDatabase) ctx.db()).catalog();
        return implicit ? catalog.searchPath() : catalog.explicitSearchPath();
    }
}
