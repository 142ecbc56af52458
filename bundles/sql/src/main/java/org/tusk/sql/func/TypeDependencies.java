package org.tusk.sql.func;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_DEPEND;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_PROC;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.types.SqlType;

/**
 * A function's dependencies on the composite types it takes or returns (pg_depend rows of deptype 'n' from
 * pg_proc to pg_type, as CREATE FUNCTION records them in PostgreSQL): dropping the type, or the table whose
 * row type it is, then names the functions (2BP01) or drops them with CASCADE. Built-in types are pinned and
 * get no rows, as in PostgreSQL.
 */
public final class TypeDependencies {

    /** A function that depends on a type: how PostgreSQL's object description names it, and its OID. */
    public record Dependent(String object, int procOid) {
    }

    private TypeDependencies() {
    }

    /** Records function {@code procOid}'s dependencies on the composite types among {@code typeOids}. */
    static void record(RelationCache rc, int procOid, List<Integer> typeOids) {
        rc.tables().deleteWhere(PG_DEPEND, d -> d.oid("classid") == CatalogOids.PG_PROC && d.oid("objid") == procOid
                && d.oid("refclassid") == CatalogOids.PG_TYPE);
        Set<Integer> composite = new LinkedHashSet<>();
        for (int t : typeOids) {
            if (SqlType.byOid(t) == null) {
                composite.add(t);
            }
        }
        for (int t : composite) {
            rc.tables().insert(CatalogRow.create(PG_DEPEND).set("classid", CatalogOids.PG_PROC)
                    .set("objid", procOid).set("objsubid", 0).set("refclassid", CatalogOids.PG_TYPE)
                    .set("refobjid", t).set("refobjsubid", 0).set("deptype", 'n'));
        }
    }

    /** The functions that depend on type {@code typeOid}, in the order they were created. */
    public static List<Dependent> of(RelationCache rc, int typeOid) {
        List<Dependent> out = new ArrayList<>();
        for (CatalogRow d : rc.tables().rows(PG_DEPEND, d -> d.oid("refclassid") == CatalogOids.PG_TYPE
                && d.oid("refobjid") == typeOid && d.oid("classid") == CatalogOids.PG_PROC)) {
            int proc = d.oid("objid");
            CatalogRow p = rc.tables().first(PG_PROC, r -> r.oid("oid") == proc);
            if (p != null) {
                out.add(new Dependent((p.character("prokind") == 'p' ? "procedure " : "function ")
                        + procedureText(rc, p), proc));
            }
        }
        return out;
    }

    /** Drops a dependent function (DROP ... CASCADE). */
    public static void drop(RelationCache rc, int procOid) {
        FunctionCommands.dropByOid(rc, procOid);
    }

    /** format_procedure: {@code name(type,type)}, composite types by their names. */
    private static String procedureText(RelationCache rc, CatalogRow p) {
        List<String> types = new ArrayList<>();
        for (Object t : p.list("proargtypes")) {
            int oid = (int) ((Number) t).longValue();
            SqlType builtin = SqlType.byOid(oid);
            if (builtin != null) {
                types.add(builtin.displayName());
            } else {
                CatalogRow type = rc.tables().first(org.tusk.sql.catalog.CatalogDefinitions.PG_TYPE,
                        r -> r.oid("oid") == oid);
                types.add(type == null ? "???" : type.text("typname"));
            }
        }
        return p.text("proname") + "(" + String.join(",", types) + ")";
    }
}
