package org.tusk.sql.func;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_DEPEND;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_PROC;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.roles.OwnerChange;
import org.tusk.sql.types.SqlType;

/**
 * ALTER FUNCTION/PROCEDURE/ROUTINE (PostgreSQL's AlterFunction, RenameFunction via ExecRenameStmt,
 * AlterObjectOwner and AlterObjectNamespace for routines): finds the routine as DROP does, checks that the
 * current user owns it (a superuser always may), and rewrites its pg_proc row. A procedure takes only
 * SECURITY and the SET clauses among the attributes, as in PostgreSQL.
 */
public final class AlterFunctionCommand {
    private AlterFunctionCommand() {
    }

    public static void run(DdlCommand.AlterFunction c, BackendDatabase db, EvalContext session) {
        RelationCache rc = db.catalog();
        FunctionDefinition d = FunctionCommands.find(rc, c.routine(), c.kind(), false, null);
        CatalogRow row = rc.tables().first(PG_PROC, r -> r.oid("oid") == d.oid());
        String word = d.procedure() ? "procedure" : "function";
        String objectText = word + " " + d.name();
        CatalogRow updated = new CatalogRow(row.catalog(), row.values().clone(), row.tid());
        for (DdlCommand.RoutineChange change : c.changes()) {
            switch (change.action()) {
                case "owner" -> {
                    boolean special = change.value().startsWith("\0");
                    int owner = OwnerChange.newOwner(session, special ? change.value().substring(1) : change.value(),
                            special);
                    if (owner == row.oid("proowner")) {
                        return;
                    }
                    OwnerChange.check(session, row.oid("proowner"), owner, objectText, d.namespace());
                    updated.set("proowner", owner).set("proacl", OwnerChange.newAcl(row.get("proacl") == null ? null
                            : row.list("proacl"), OwnerChange.roleName(session, row.oid("proowner")),
                            OwnerChange.roleName(session, owner)));
                }
                case "rename" -> {
                    checkOwner(session, row, objectText);
                    String name = change.value();
                    for (FunctionDefinition other : FunctionCommands.definitions(rc, name)) {
                        if (other.namespace() == d.namespace() && other.argTypes().equals(d.argTypes())) {
                            throw new SqlException("42723", "function "
                                    + name + "(" + String.join(", ", d.argTypes().stream().map(SqlType::displayName)
                                            .toList()) + ") already exists in schema \""
                                    + rc.namespaceName(d.namespace()) + "\"");
                        }
                    }
                    updated.set("proname", name);
                }
                case "schema" -> {
                    checkOwner(session, row, objectText);
                    Integer ns = rc.namespaceOid(change.value());
                    if (ns == null) {
                        throw new SqlException("3F000", "schema \"" + change.value() + "\" does not exist");
                    }
                    for (FunctionDefinition other : FunctionCommands.definitions(rc, d.name())) {
                        if (other.namespace() == ns && other.argTypes().equals(d.argTypes()) && other.oid() != d.oid()) {
                            throw new SqlException("42723", "function " + d.signature().replace(",", ", ")
                                    + " already exists in schema \"" + change.value() + "\"");
                        }
                    }
                    updated.set("pronamespace", ns);
                    int oid = d.oid();
                    for (CatalogRow dep : rc.tables().rows(PG_DEPEND, r -> r.oid("classid") == CatalogOids.PG_PROC
                            && r.oid("objid") == oid && r.oid("refclassid") == CatalogOids.PG_NAMESPACE)) {
                        rc.tables().update(new CatalogRow(dep.catalog(), dep.values().clone(), dep.tid())
                                .set("refobjid", ns));
                    }
                }
                case "set", "set-current", "reset" -> {
                    checkOwner(session, row, objectText);
                    updated.set("proconfig", FunctionConfig.apply(updated.get("proconfig") == null ? null
                            : updated.list("proconfig"), java.util.List.of(change), session));
                }
                default -> {
                    if (d.procedure() && !change.action().equals("security")) {
                        throw SqlException.at("42P13", "invalid attribute in procedure definition", change.position());
                    }
                    checkOwner(session, row, objectText);
                    attribute(updated, change, d, session);
                }
            }
        }
        rc.tables().update(updated);
        rc.changed();
    }

    private static void attribute(CatalogRow row, DdlCommand.RoutineChange change, FunctionDefinition d,
            EvalContext session) {
        switch (change.action()) {
            case "volatility" -> row.set("provolatile", change.value().charAt(0));
            case "strict" -> row.set("proisstrict", Boolean.parseBoolean(change.value()));
            case "security" -> row.set("prosecdef", change.value().equals("definer"));
            case "leakproof" -> row.set("proleakproof", FunctionCommands.leakproof(Boolean.parseBoolean(change.value()),
                    session));
            case "parallel" -> row.set("proparallel", change.value().charAt(0));
            case "cost" -> {
                float cost = Float.parseFloat(change.value());
                if (cost <= 0) {
                    throw new SqlException("22023", "COST must be positive");
                }
                row.set("procost", cost);
            }
            case "rows" -> {
                float rows = Float.parseFloat(change.value());
                if (rows <= 0) {
                    throw new SqlException("22023", "ROWS must be positive");
                }
                if (!d.returnsSet()) {
                    throw new SqlException("22023", "ROWS is not applicable when function does not return a set");
                }
                row.set("prorows", rows);
            }
            default -> throw new IllegalStateException(change.action());
        }
    }

    /** pg_proc_ownercheck: "must be owner of function f" (42501) unless a superuser or the owner's member. */
    private static void checkOwner(EvalContext session, CatalogRow row, String objectText) {
        if (session.accessChecks() != null && !session.accessChecks().currentUserHasPrivsOf(row.oid("proowner"))) {
            throw new SqlException(ErrorFields.of("ERROR", "42501", "must be owner of " + objectText).build());
        }
    }
}
