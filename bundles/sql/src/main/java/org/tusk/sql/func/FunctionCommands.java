package org.tusk.sql.func;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_DEPEND;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_PROC;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.TypeName;
import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeCatalog;

/**
 * CREATE [OR REPLACE] FUNCTION, DROP FUNCTION and DO (PostgreSQL's functioncmds.c and pg_proc.c): checks
 * the declaration, writes or removes the pg_proc row and its pg_depend row on the schema, and has the
 * language check the body (check_function_bodies). The rows are written in the current transaction, so a
 * rollback undoes them, and the relation cache's change tells every session's function cache.
 */
public final class FunctionCommands {
    private static final UserFunctions LOOKUP = new UserFunctions();
    /** pg_type's void, the result of a procedure without output parameters. */
    static final int VOID_TYPE = 2278;

    private FunctionCommands() {
    }

    public static void create(DdlCommand.CreateFunction c, BackendDatabase db, EvalContext session) {
        RelationCache rc = db.catalog();
        int namespace = namespace(rc, c.name());
        int language = switch (c.language()) {
            case "sql" -> FunctionDefinition.SQL_LANGUAGE;
            case "plpgsql" -> FunctionDefinition.PLPGSQL_LANGUAGE;
            default -> throw new SqlException("42704", "language \"" + c.language() + "\" does not exist");
        };
        List<Integer> inTypes = new ArrayList<>();
        List<Integer> allTypes = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        List<SqlType> outTypes = new ArrayList<>();
        List<Integer> outOids = new ArrayList<>();
        boolean anyNamed = false;
        boolean anyOut = false;
        boolean procedure = c.options().kind() == 'p';
        int variadic = 0;
        for (DdlCommand.FunctionArg a : c.args()) {
            int oid = typeOid(a.type(), rc);
            SqlType t = type(a.type(), rc);
            if (variadic != 0 && (a.mode() != 'o' || procedure)) {
                throw new SqlException("42P13", "VARIADIC parameter must be the last "
                        + (procedure ? "" : "input ") + "parameter");
            }
            if (a.mode() == 'v') {
                if (!t.isArray()) {
                    throw new SqlException("42P13", "VARIADIC parameter must be an array");
                }
                variadic = t.elementType().oid();
            }
            allTypes.add(oid);
            modes.add(String.valueOf(a.mode()));
            names.add(a.name() == null ? "" : a.name());
            anyNamed |= a.name() != null;
            boolean input = a.mode() == 'i' || a.mode() == 'b' || a.mode() == 'v';
            if (input) {
                inTypes.add(oid);
                if (a.defaultValue() != null) {
                    defaults.add(a.defaultValue().sql());
                } else if (!defaults.isEmpty()) {
                    throw new SqlException("42P13", "input parameters after one with a default value must also "
                            + "have defaults");
                }
            } else {
                if (procedure && !defaults.isEmpty()) {
                    throw new SqlException("42P13", "procedure OUT parameters cannot appear after one with a default "
                            + "value");
                }
                if (a.defaultValue() != null) {
                    throw new SqlException("42P13", "only input parameters can have default values");
                }
            }
            if (a.mode() == 'o' || a.mode() == 'b' || a.mode() == 't') {
                anyOut = true;
                outTypes.add(t);
                outOids.add(oid);
            }
        }
        int returnType;
        if (procedure) {
            // Procedures with output parameters always return a record (functioncmds.c).
            returnType = anyOut ? FunctionDefinition.RECORD_TYPE : VOID_TYPE;
        } else if (c.returns() != null) {
            returnType = typeOid(c.returns(), rc);
            if (anyOut) {
                int expected = outTypes.size() == 1 ? outOids.getFirst() : FunctionDefinition.RECORD_TYPE;
                if (returnType != expected) {
                    throw new SqlException("42P13", "function result type must be "
                            + (outTypes.size() == 1 ? outTypes.getFirst().displayName() : "record")
                            + " because of OUT parameters");
                }
            }
        } else if (anyOut) {
            returnType = outTypes.size() == 1 ? outOids.getFirst() : FunctionDefinition.RECORD_TYPE;
        } else {
            throw new SqlException("42P13", "function result type must be specified");
        }
        String name = c.name().name();
        CatalogRow existing = null;
        for (FunctionDefinition d : LOOKUP.definitions(rc, name)) {
            if (d.namespace() == namespace && argOids(rc, d).equals(inTypes)) {
                existing = rc.tables().first(PG_PROC, r -> r.oid("oid") == d.oid());
            }
        }
        CatalogRow row;
        if (existing != null) {
            if (!c.orReplace()) {
                throw new SqlException("42723", "function \"" + name + "\" already exists with same argument types");
            }
            char kind = existing.character("prokind");
            if (kind != c.options().kind()) {
                throw new SqlException(ErrorFields.of("ERROR", "42809", "cannot change routine kind").detail("\""
                        + name + "\" is " + (kind == 'p' ? "a procedure." : "a function.")).build());
            }
            if (existing.oid("prorettype") != returnType || existing.bool("proretset") != c.setOf()) {
                throw new SqlException(ErrorFields.of("ERROR", "42P13", "cannot change return type of existing "
                        + "function").hint("Use DROP FUNCTION " + signature(name, inTypes) + " first.").build());
            }
            row = existing;
        } else {
            row = CatalogRow.create(PG_PROC).set("oid", db.storage().newOid())
                    .set("proacl", org.tusk.sql.roles.DefaultPrivileges.aclFor(rc.tables(), 'f',
                            ownerOid(db, session), namespace));
        }
        boolean complex = anyOut || variadic != 0;
        row.set("proname", name).set("pronamespace", namespace).set("proowner", ownerOid(db, session))
                .set("prolang", language)
                .set("procost", c.options().cost() >= 0 ? c.options().cost() : 100.0f)
                .set("prorows", c.options().rows() >= 0 ? c.options().rows() : c.setOf() ? 1000.0f : 0.0f)
                .set("provariadic", variadic).set("prosupport", 0).set("prokind", c.options().kind())
                .set("prosecdef", c.options().securityDefiner())
                .set("proleakproof", leakproof(c.options().leakproof(), session)).set("proisstrict", c.strict())
                .set("proretset", c.setOf())
                .set("provolatile", c.volatility() == '\0' ? 'v' : c.volatility())
                .set("proparallel", c.options().parallel())
                .set("proconfig", FunctionConfig.apply(null, c.options().config(), session))
                .set("pronargs", (short) inTypes.size()).set("pronargdefaults", (short) defaults.size())
                .set("prorettype", returnType).set("proargtypes", inTypes)
                .set("proallargtypes", complex ? allTypes : null)
                .set("proargmodes", complex ? modes : null)
                .set("proargnames", anyNamed ? names : null)
                .set("proargdefaults", DefaultList.format(defaults))
                .set("prosrc", c.body());
        if (existing != null) {
            rc.tables().update(row);
        } else {
            rc.tables().insert(row);
            rc.tables().insert(CatalogRow.create(PG_DEPEND).set("classid", CatalogOids.PG_PROC)
                    .set("objid", row.oid("oid")).set("objsubid", 0).set("refclassid", CatalogOids.PG_NAMESPACE)
                    .set("refobjid", namespace).set("refobjsubid", 0).set("deptype", 'n'));
        }
        List<Integer> used = new ArrayList<>(allTypes);
        used.add(returnType);
        TypeDependencies.record(rc, row.oid("oid"), used);
        rc.changed();
        FunctionDefinition definition = FunctionDefinition.of(row, rc);
        // check_function_bodies = off (what a dump sets) postpones the body checks to the first call, as the
        // validators do in PostgreSQL: a dump creates functions before the tables their bodies name.
        boolean checkBodies = !"off".equals(session.setting("check_function_bodies"));
        if (language == FunctionDefinition.SQL_LANGUAGE) {
            SqlFunction.validate(definition, session, c.bodyPosition(), checkBodies);
        } else if (checkBodies) {
            org.tusk.sql.plpgsql.PlpgsqlFunction.validate(definition, c.bodyPosition(), session);
        }
    }

    public static void drop(DdlCommand.DropFunction c, BackendDatabase db, ResultSink sink) {
        RelationCache rc = db.catalog();
        for (DdlCommand.FunctionSignature s : c.functions()) {
            FunctionDefinition d = find(rc, s, c.kind(), c.ifExists(), sink);
            if (d == null) {
                continue;
            }
            int oid = d.oid();
            org.tusk.sql.extension.ExtensionCommands.checkNotMember(rc, CatalogOids.PG_PROC, oid,
                    kindWord(d.kind()) + " " + d.signature());
            org.tusk.sql.trigger.TriggerCommands.dropFunctionDependents(rc, oid, d.signature(), c.cascade(), sink);
            rc.tables().deleteWhere(PG_PROC, r -> r.oid("oid") == oid);
            rc.tables().deleteWhere(PG_DEPEND, r -> r.oid("classid") == CatalogOids.PG_PROC && r.oid("objid") == oid);
            rc.changed();
        }
    }

    /** Removes a user function or procedure by OID (DROP OWNED), with its pg_depend rows. */
    public static void dropByOid(RelationCache rc, int oid) {
        rc.tables().deleteWhere(PG_PROC, r -> r.oid("oid") == oid);
        rc.tables().deleteWhere(PG_DEPEND, r -> r.oid("classid") == CatalogOids.PG_PROC && r.oid("objid") == oid);
        rc.changed();
    }

    /**
     * The routine DROP/ALTER FUNCTION, PROCEDURE or ROUTINE names (LookupFuncWithArgs): by name and input
     * argument types, or by name alone when no list was written and the name is unique; null (after a
     * NOTICE) when it does not exist and IF EXISTS was written. A function named as a procedure and the
     * reverse are 42809.
     */
    static FunctionDefinition find(RelationCache rc, DdlCommand.FunctionSignature s, char kind, boolean ifExists,
            ResultSink sink) {
        String word = kindWord(kind);
        List<FunctionDefinition> found = new ArrayList<>();
        Integer schema = s.name().schema() == null ? null : rc.namespaceOid(s.name().schema());
        if (s.name().schema() != null && schema == null) {
            if (ifExists) {
                notice(sink, "schema \"" + s.name().schema() + "\" does not exist, skipping");
                return null;
            }
            throw new SqlException("3F000", "schema \"" + s.name().schema() + "\" does not exist");
        }
        List<Integer> wanted = null;
        List<String> written = new ArrayList<>();
        if (s.args() != null) {
            wanted = new ArrayList<>();
            for (DdlCommand.FunctionArg a : s.args()) {
                if (a.mode() == 'o') {
                    continue;
                }
                wanted.add(typeOid(a.type(), rc));
                written.add(String.join(".", a.type().names()) + (a.type().array() ? "[]" : ""));
            }
        }
        for (FunctionDefinition d : LOOKUP.definitions(rc, s.name().name())) {
            boolean visible = schema != null ? d.namespace() == schema
                    : rc.searchPath().contains(rc.namespaceName(d.namespace()));
            if (visible && (wanted == null || argOids(rc, d).equals(wanted))) {
                found.add(d);
            }
        }
        if (found.isEmpty()) {
            String display = s.name() + "(" + String.join(",", written) + ")";
            if (ifExists) {
                notice(sink, word + " " + display + " does not exist, skipping");
                return null;
            }
            if (wanted == null) {
                throw new SqlException("42883", "could not find a " + word + " named \"" + s.name() + "\"");
            }
            throw new SqlException("42883", word + " " + s.name() + "(" + String.join(", ", wanted.stream()
                    .map(t -> SqlType.byOid(t) == null ? "record" : SqlType.byOid(t).displayName()).toList())
                    + ") does not exist");
        }
        if (found.size() > 1) {
            throw new SqlException(ErrorFields.of("ERROR", "42725", word + " name \"" + s.name()
                    + "\" is not unique").hint("Specify the argument list to select the function unambiguously.")
                    .build());
        }
        checkKind(found.getFirst(), kind);
        return found.getFirst();
    }

    /** DO: runs an anonymous PL/pgSQL block. */
    public static void doBlock(DdlCommand.Do c, EvalContext session) {
        doBlock(c, session, false);
    }

    /**
     * DO; {@code transactionControl}: the block runs in its own transaction (not in a transaction block), so
     * it may COMMIT and ROLLBACK, as a procedure called there may.
     */
    public static void doBlock(DdlCommand.Do c, EvalContext session, boolean transactionControl) {
        if (!c.language().equals("plpgsql")) {
            if (c.language().equals("sql")) {
                throw new SqlException("0A000", "language \"sql\" does not support inline code execution");
            }
            throw new SqlException("42704", "language \"" + c.language() + "\" does not exist");
        }
        TransactionControl.enter(session, transactionControl || TransactionControl.nonAtomic());
        try {
            org.tusk.sql.plpgsql.PlpgsqlFunction.runInline(c.body(), c.bodyPosition(), session);
        } finally {
            TransactionControl.leave(session);
        }
    }

    private static void notice(ResultSink sink, String message) {
        sink.notice(ErrorFields.of("NOTICE", "00000", message).build());
    }

    /** A declared type; PostgreSQL's errors here point at no position. */
    private static SqlType type(TypeName t, RelationCache rc) {
        return SqlType.byOid(typeOid(t, rc)) == null ? SqlType.RECORD : SqlType.byOid(typeOid(t, rc));
    }

    /** The pg_type OID of a declared type: a built-in type or a composite type (a table's, CREATE TYPE's). */
    private static int typeOid(TypeName t, RelationCache rc) {
        try {
            return TypeCatalog.resolve(t).type().oid();
        } catch (SqlException e) {
            if (!t.array()) {
                org.tusk.sql.types.RowType row = org.tusk.sql.catalog.CompositeTypes.lookup(rc, t.names());
                if (row != null) {
                    return row.typeOid();
                }
            }
            throw new SqlException(ErrorFields.of(e.fields().severity(), e.sqlState(), e.fields().message()).build());
        }
    }

    /** The pg_type OIDs of a function's input arguments as its pg_proc row lists them (proargtypes). */
    private static List<Integer> argOids(RelationCache rc, FunctionDefinition d) {
        CatalogRow row = rc.tables().first(PG_PROC, r -> r.oid("oid") == d.oid());
        List<Integer> out = new ArrayList<>();
        if (row != null) {
            for (Object t : row.list("proargtypes")) {
                out.add((int) ((Number) t).longValue());
            }
        }
        return out;
    }

    private static String signature(String name, List<Integer> types) {
        return name + "(" + String.join(",", types.stream().map(t -> SqlType.byOid(t) == null ? "record"
                : SqlType.byOid(t).displayName()).toList()) + ")";
    }

    private static int namespace(RelationCache rc, DdlCommand.QualifiedName name) {
        if (name.schema() != null) {
            Integer ns = rc.namespaceOid(name.schema());
            if (ns == null) {
                throw SqlException.at("3F000", "schema \"" + name.schema() + "\" does not exist", name.position());
            }
            return ns;
        }
        for (String s : rc.explicitSearchPath()) {
            if (!s.equals("pg_catalog")) {
                return rc.namespaceOid(s);
            }
        }
        throw SqlException.at("3F000", "no schema has been selected to create in", name.position());
    }

    private static int ownerOid(BackendDatabase db, EvalContext session) {
        String user = session.currentUser();
        CatalogRow r = db.catalog().tables().first(org.tusk.sql.catalog.CatalogDefinitions.PG_AUTHID,
                a -> a.text("rolname").equals(user));
        return r == null ? CatalogOids.BOOTSTRAP_SUPERUSER_ID : r.oid("oid");
    }

    /** "function", "procedure" or "routine" for messages about a command of that kind. */
    static String kindWord(char kind) {
        return switch (kind) {
            case 'p' -> "procedure";
            case 'r' -> "routine";
            default -> "function";
        };
    }

    /** DROP/ALTER FUNCTION of a procedure and the reverse are 42809 (LookupFuncWithArgs). */
    static void checkKind(FunctionDefinition d, char kind) {
        if (kind == 'f' && d.procedure()) {
            throw new SqlException("42809", d.signature().replace(",", ", ") + " is not a function");
        }
        if (kind == 'p' && !d.procedure()) {
            throw new SqlException("42809", d.signature().replace(",", ", ") + " is not a procedure");
        }
    }

    /** Every user function or procedure called {@code name} in any schema. */
    static List<FunctionDefinition> definitions(RelationCache rc, String name) {
        return LOOKUP.definitions(rc, name);
    }

    /** The role OID of the session's current user (the owner of what it creates). */
    static int currentUserOid(BackendDatabase db, EvalContext session) {
        return ownerOid(db, session);
    }

    /** LEAKPROOF is for superusers only (42501), as CreateFunction and AlterFunction check. */
    static boolean leakproof(boolean leakproof, EvalContext session) {
        if (leakproof && !"on".equals(session.setting("is_superuser"))) {
            throw new SqlException("42501", "only superuser can define a leakproof function");
        }
        return leakproof;
    }
}
