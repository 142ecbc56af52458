package org.tusk.sql.ast;

import java.util.List;

/**
 * A data definition statement (CREATE, DROP, ALTER, TRUNCATE, VACUUM, ANALYZE) as DdlParser reads it;
 * it reaches the session wrapped in {@link Statement.DdlStatement}. Expressions that are stored (a
 * DEFAULT, a CHECK) keep their SQL text beside their parsed form, since the catalogs keep SQL text.
 */
public sealed interface DdlCommand {

    /** The command tag PostgreSQL answers with (CREATE TABLE, DROP INDEX, ...). */
    String tag();

    /** A possibly schema-qualified name; {@code schema} null when not given. */
    record QualifiedName(String schema, String name, int position) {
        @Override
        public String toString() {
            return schema == null ? name : schema + "." + name;
        }
    }

    /** An expression with the SQL text it was written as. */
    record ExprText(Expr expr, String sql, int position) {
    }

    /**
     * A column of CREATE TABLE or ADD COLUMN. {@code notNull} is null when neither NULL nor NOT NULL
     * was written; {@code identity} is 'a' (ALWAYS), 'd' (BY DEFAULT) or '\0'. Column constraints
     * other than NULL/NOT NULL/DEFAULT/identity are turned into table constraints on this column.
     * {@code identityOptions}: the sequence options in GENERATED ... AS IDENTITY (...), or null.
     */
    record ColumnDef(String name, TypeName type, ExprText defaultValue, Boolean notNull, char identity,
            List<TableConstraint> constraints, int position, CreateSequence identityOptions) {
        public ColumnDef(String name, TypeName type, ExprText defaultValue, Boolean notNull, char identity,
                List<TableConstraint> constraints, int position) {
            this(name, type, defaultValue, notNull, identity, constraints, position, null);
        }
    }

    /**
     * A PRIMARY KEY ('p'), UNIQUE ('u'), CHECK ('c') or FOREIGN KEY ('f') constraint.
     *
     * @param name       the name given with CONSTRAINT, or null
     * @param columns    the constrained columns ('p', 'u', 'f'), or the column it was written on
     * @param refColumns the referenced columns of a foreign key; empty for the referenced primary key
     * @param onDelete   'a' no action, 'r' restrict, 'c' cascade, 'n' set null, 'd' set default
     * @param include    a primary key's or unique constraint's INCLUDE columns (in its index, not its key)
     */
    record TableConstraint(String name, char type, List<String> columns, ExprText check, QualifiedName refTable,
            List<String> refColumns, char onDelete, char onUpdate, int position, boolean deferrable,
            boolean initiallyDeferred, List<String> include) {

        /** A constraint without INCLUDE columns. */
        public TableConstraint(String name, char type, List<String> columns, ExprText check, QualifiedName refTable,
                List<String> refColumns, char onDelete, char onUpdate, int position, boolean deferrable,
                boolean initiallyDeferred) {
            this(name, type, columns, check, refTable, refColumns, onDelete, onUpdate, position, deferrable,
                    initiallyDeferred, List.of());
        }

        /** A constraint without DEFERRABLE (NOT DEFERRABLE INITIALLY IMMEDIATE, the default). */
        public TableConstraint(String name, char type, List<String> columns, ExprText check, QualifiedName refTable,
                List<String> refColumns, char onDelete, char onUpdate, int position) {
            this(name, type, columns, check, refTable, refColumns, onDelete, onUpdate, position, false, false);
        }

        /** The same constraint with its DEFERRABLE / INITIALLY attributes. */
        public TableConstraint deferral(boolean deferrable, boolean initiallyDeferred) {
            return new TableConstraint(name, type, columns, check, refTable, refColumns, onDelete, onUpdate, position,
                    deferrable, initiallyDeferred, include);
        }

        /** The same constraint with these INCLUDE columns. */
        public TableConstraint including(List<String> columns) {
            return new TableConstraint(name, type, this.columns, check, refTable, refColumns, onDelete, onUpdate,
                    position, deferrable, initiallyDeferred, List.copyOf(columns));
        }
    }

    record CreateTable(QualifiedName name, boolean ifNotExists, List<ColumnDef> columns,
            List<TableConstraint> constraints, List<String> options, List<LikeClause> likes) implements DdlCommand {

        /** A CREATE TABLE without LIKE. */
        public CreateTable(QualifiedName name, boolean ifNotExists, List<ColumnDef> columns,
                List<TableConstraint> constraints, List<String> options) {
            this(name, ifNotExists, columns, constraints, options, List.of());
        }

        @Override
        public String tag() {
            return "CREATE TABLE";
        }
    }

    /**
     * {@code PARTITION BY {RANGE | LIST | HASH} (column [, ...])}: {@code strategy} is pg_partitioned_table's
     * partstrat ('r', 'l', 'h'); {@code positions} are the columns' positions in the statement.
     */
    record PartitionBy(char strategy, List<String> columns, List<Integer> positions, int position) {
    }

    /**
     * A partition's bound as written (gram.y's PartitionBoundSpec): {@code strategy} 'r' (FROM .. TO),
     * 'l' (IN), 'h' (WITH (MODULUS, REMAINDER)) or 'd' (DEFAULT). A range datum is an expression, or a
     * column reference MINVALUE or MAXVALUE, as in PostgreSQL's grammar.
     */
    record BoundSpec(char strategy, List<Expr> from, List<Expr> to, List<Expr> in, int modulus, int remainder,
            int position) {
    }

    /**
     * CREATE TABLE with PARTITION BY (a partitioned table, {@code by} set) and/or PARTITION OF parent FOR
     * VALUES ... (a partition, {@code parent} and {@code bound} set; its columns come from the parent and
     * {@code table} holds only its own constraints).
     */
    record CreatePartitioned(CreateTable table, PartitionBy by, QualifiedName parent, BoundSpec bound)
            implements DdlCommand {
        @Override
        public String tag() {
            return "CREATE TABLE";
        }
    }

    /** {@code ALTER TABLE parent ATTACH PARTITION name FOR VALUES ...}. */
    record AttachPartition(QualifiedName parent, QualifiedName partition, BoundSpec bound) implements DdlCommand {
        @Override
        public String tag() {
            return "ALTER TABLE";
        }
    }

    /** {@code ALTER TABLE parent DETACH PARTITION name}. */
    record DetachPartition(QualifiedName parent, QualifiedName partition) implements DdlCommand {
        @Override
        public String tag() {
            return "ALTER TABLE";
        }
    }

    /** What DROP drops. */
    enum ObjectKind {
        TABLE("TABLE", "table"), INDEX("INDEX", "index"), VIEW("VIEW", "view"), SEQUENCE("SEQUENCE", "sequence"),
        SCHEMA("SCHEMA", "schema"), DATABASE("DATABASE", "database"),
        MATVIEW("MATERIALIZED VIEW", "materialized view");

        public final String keyword;
        public final String noun;

        ObjectKind(String keyword, String noun) {
            this.keyword = keyword;
            this.noun = noun;
        }
    }

    record Drop(ObjectKind kind, List<QualifiedName> names, boolean ifExists, boolean cascade)
            implements DdlCommand {
        @Override
        public String tag() {
            return "DROP " + kind.keyword;
        }
    }

    /** TRUNCATE names; {@code cascade}: the tables referencing them by foreign key go too. */
    record Truncate(List<QualifiedName> names, boolean cascade) implements DdlCommand {
        @Override
        public String tag() {
            return "TRUNCATE TABLE";
        }
    }

    /**
     * One key of CREATE INDEX; {@code nullsFirst} null when not written. A key is a column ({@code column})
     * or an expression ({@code expression}, {@code column} null): {@code lower(email)} or {@code (a + b)}.
     */
    record IndexKey(String column, ExprText expression, boolean descending, Boolean nullsFirst, int position) {

        /** A key on a plain column. */
        public IndexKey(String column, boolean descending, Boolean nullsFirst, int position) {
            this(column, null, descending, nullsFirst, position);
        }
    }

    /**
     * CREATE INDEX; {@code include} the INCLUDE columns (stored, not searched), {@code where} a partial
     * index's predicate or null.
     */
    record CreateIndex(String name, QualifiedName table, boolean unique, boolean ifNotExists, List<IndexKey> keys,
            List<IndexKey> include, ExprText where) implements DdlCommand {

        /** A whole-table index on keys only. */
        public CreateIndex(String name, QualifiedName table, boolean unique, boolean ifNotExists,
                List<IndexKey> keys) {
            this(name, table, unique, ifNotExists, keys, List.of(), null);
        }

        @Override
        public String tag() {
            return "CREATE INDEX";
        }
    }

    /** One action of ALTER TABLE. */
    sealed interface AlterAction {
    }

    record AddColumn(ColumnDef column, boolean ifNotExists) implements AlterAction {
    }

    record DropColumn(String column, boolean ifExists, boolean cascade, int position) implements AlterAction {
    }

    record AddConstraint(TableConstraint constraint) implements AlterAction {
    }

    /**
     * ALTER [COLUMN] c ADD GENERATED {ALWAYS ('a') | BY DEFAULT ('d')} AS IDENTITY [( options )]; {@code options}
     * may be null, and its name is SEQUENCE NAME's or null.
     */
    record AddIdentity(String column, char identity, CreateSequence options, int position) implements AlterAction {
    }

    /** DROP CONSTRAINT [IF EXISTS] name [RESTRICT | CASCADE] (what pg_dump --clean writes). */
    record DropConstraint(String name, boolean ifExists, boolean cascade) implements AlterAction {
    }

    record RenameTable(String newName) implements AlterAction {
    }

    record RenameColumn(String column, String newName, int position) implements AlterAction {
    }

    /** SET DEFAULT ({@code value} given) or DROP DEFAULT ({@code value} null). */
    record ColumnDefault(String column, ExprText value, int position) implements AlterAction {
    }

    record ColumnNotNull(String column, boolean notNull, int position) implements AlterAction {
    }

    record AlterTable(QualifiedName name, boolean ifExists, List<AlterAction> actions) implements DdlCommand {
        @Override
        public String tag() {
            return "ALTER TABLE";
        }
    }

    /** ALTER VIEW name with column default and option actions. */
    record AlterView(QualifiedName name, boolean ifExists, List<AlterAction> actions) implements DdlCommand {
        @Override
        public String tag() {
            return "ALTER VIEW";
        }
    }

    /** ALTER VIEW ... SET (name = value, ...) ({@code set}, reloptions text) or RESET (name, ...). */
    record ViewOptionsChange(List<String> set, List<String> reset) implements AlterAction {
        public ViewOptionsChange {
            set = List.copyOf(set);
            reset = List.copyOf(reset);
        }
    }

    record CreateSchema(String name, boolean ifNotExists, int position) implements DdlCommand {
        @Override
        public String tag() {
            return "CREATE SCHEMA";
        }
    }

    /**
     * {@code CREATE TABLE [IF NOT EXISTS] name [(columns)] [WITH (options)] AS query [WITH [NO] DATA]} and
     * {@code SELECT ... INTO [TABLE] name FROM ...} (gram.y's CreateAsStmt, and SelectStmt's into_clause that
     * its transformation turns into one): a table with the query's columns (named by {@code columns}, which
     * may name fewer), then, {@code withData}, the query's rows. Its tag is "SELECT n" once rows were
     * stored, "CREATE TABLE AS" otherwise, as PostgreSQL's.
     */
    record CreateTableAs(QualifiedName name, boolean ifNotExists, List<String> columns, Statement query,
            boolean withData, List<String> options) implements DdlCommand {
        @Override
        public String tag() {
            return "CREATE TABLE AS";
        }
    }

    /**
     * {@code CREATE MATERIALIZED VIEW [IF NOT EXISTS] name [(columns)] [WITH (options)] AS query [WITH [NO]
     * DATA]}: CREATE TABLE AS's work ({@code as}) on a relation of kind 'm' that also keeps its query's
     * {@code text}, as a view does, for REFRESH. Tagged "SELECT n" once rows were stored, as PostgreSQL's.
     */
    record CreateMatView(CreateTableAs as, String text) implements DdlCommand {
        @Override
        public String tag() {
            return "CREATE MATERIALIZED VIEW";
        }
    }

    /** {@code ALTER MATERIALIZED VIEW [IF EXISTS] name RENAME TO newName}. */
    record RenameMatView(QualifiedName name, boolean ifExists, String newName) implements DdlCommand {
        @Override
        public String tag() {
            return "ALTER MATERIALIZED VIEW";
        }
    }

    /** {@code REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA]}. */
    record RefreshMatView(QualifiedName name, boolean concurrently, boolean withData) implements DdlCommand {
        @Override
        public String tag() {
            return "REFRESH MATERIALIZED VIEW";
        }
    }

    /**
     * A CREATE TEMP TABLE (or CREATE TEMP TABLE ... AS) with {@code ON COMMIT DELETE ROWS} or {@code ON
     * COMMIT DROP}: what each commit of the session does to the table, kept by the session (PostgreSQL keeps
     * its on-commit list in backend memory too, not in the catalogs).
     */
    record OnCommit(DdlCommand create, char action) implements DdlCommand {
        public static final char PRESERVE_ROWS = 'p';
        public static final char DELETE_ROWS = 'd';
        public static final char DROP = 'D';

        @Override
        public String tag() {
            return create.tag();
        }
    }

    /**
     * CREATE [OR REPLACE] VIEW name [(columns)] [WITH (options)] AS query [WITH [CASCADED | LOCAL] CHECK OPTION];
     * {@code query} is the SELECT's text, {@code options} the reloptions text ("check_option=local").
     */
    record CreateView(QualifiedName name, boolean orReplace, List<String> columns, Statement.Select select,
            String query, List<String> options) implements DdlCommand {
        public CreateView(QualifiedName name, boolean orReplace, List<String> columns, Statement.Select select,
                String query) {
            this(name, orReplace, columns, select, query, List.of());
        }

        @Override
        public String tag() {
            return "CREATE VIEW";
        }
    }

    /**
     * CREATE SEQUENCE with the options Tusk keeps (null when not given): {@code type} the AS type (bigint if
     * null), {@code ownedBy} the OWNED BY names (table and column, or just "none").
     */
    record CreateSequence(QualifiedName name, boolean ifNotExists, Long increment, Long minValue, Long maxValue,
            Long start, Boolean cycle, org.tusk.sql.types.SqlType type, List<String> ownedBy) implements DdlCommand {
        public CreateSequence(QualifiedName name, boolean ifNotExists, Long increment, Long minValue, Long maxValue,
                Long start, Boolean cycle) {
            this(name, ifNotExists, increment, minValue, maxValue, start, cycle, null, null);
        }

        @Override
        public String tag() {
            return "CREATE SEQUENCE";
        }
    }

    /** ALTER SEQUENCE [IF EXISTS] name OWNED BY {table.column | NONE} (pg_dump writes it for serial columns). */
    record AlterSequenceOwnedBy(QualifiedName name, boolean ifExists, List<String> ownedBy) implements DdlCommand {
        @Override
        public String tag() {
            return "ALTER SEQUENCE";
        }
    }

    record CreateDatabase(String name, String template, int position) implements DdlCommand {
        @Override
        public String tag() {
            return "CREATE DATABASE";
        }
    }

    /**
     * VACUUM [ANALYZE] [tables] ({@code vacuum} true) or ANALYZE [VERBOSE] [tables]; {@code columns} has
     * one list per table, empty for all its columns. {@code full}: VACUUM FULL (a rewrite); {@code skipLocked}:
     * a table whose lock is not free at once is skipped with a WARNING. The options that change nothing here
     * were checked by the parser and are not kept.
     */
    record Vacuum(boolean vacuum, boolean analyze, List<QualifiedName> tables, List<List<String>> columns,
            boolean verbose, boolean full, boolean skipLocked) implements DdlCommand {
        public Vacuum(boolean vacuum, boolean analyze, List<QualifiedName> tables) {
            this(vacuum, analyze, tables, tables.stream().map(t -> List.<String>of()).toList(), false, false, false);
        }

        @Override
        public String tag() {
            return vacuum ? "VACUUM" : "ANALYZE";
        }
    }

    /**
     * COMMENT ON kind name IS 'text' | NULL. {@code kind} is TABLE, VIEW, INDEX, SEQUENCE, COLUMN, SCHEMA or
     * CONSTRAINT; for COLUMN {@code name} is the relation and {@code member} the column, for CONSTRAINT
     * {@code member} is the constraint's name and {@code name} its table. {@code text} null removes the comment.
     */
    record Comment(String kind, QualifiedName name, String member, String text, int position) implements DdlCommand {
        @Override
        public String tag() {
            return "COMMENT";
        }
    }

    // ---- functions (CREATE FUNCTION, DROP FUNCTION, DO; run by package func)

    /**
     * An argument of CREATE or DROP FUNCTION: its mode as pg_proc.proargmodes spells it ('i' IN, 'o' OUT, 'b'
     * INOUT, 'v' VARIADIC, 't' a RETURNS TABLE column), its name (null if none), type and default (or null).
     */
    record FunctionArg(char mode, String name, TypeName type, ExprText defaultValue) {
    }

    /**
     * CREATE [OR REPLACE] FUNCTION. {@code returns} is null when no RETURNS clause was written (the OUT
     * arguments decide); {@code strict} and {@code volatility} are null/'\0' when not written.
     */
    record CreateFunction(QualifiedName name, boolean orReplace, List<FunctionArg> args, TypeName returns,
            boolean setOf, String language, char volatility, boolean strict, String body, int bodyPosition,
            int position, RoutineOptions options) implements DdlCommand {
        @Override
        public String tag() {
            return options.kind() == 'p' ? "CREATE PROCEDURE" : "CREATE FUNCTION";
        }
    }

    /** One function of DROP FUNCTION; {@code args} null when no argument list was written. */
    record FunctionSignature(QualifiedName name, List<FunctionArg> args) {
    }

    /** DROP FUNCTION, PROCEDURE or ROUTINE: {@code kind} is 'f', 'p' or 'r'. */
    record DropFunction(List<FunctionSignature> functions, boolean ifExists, boolean cascade, char kind)
            implements DdlCommand {
        @Override
        public String tag() {
            return switch (kind) {
                case 'p' -> "DROP PROCEDURE";
                case 'r' -> "DROP ROUTINE";
                default -> "DROP FUNCTION";
            };
        }
    }

    /** DO [LANGUAGE lang] 'code': an anonymous code block; {@code bodyPosition} where the code starts (or -1). */
    record Do(String language, String body, int bodyPosition, int position) implements DdlCommand {
        @Override
        public String tag() {
            return "DO";
        }
    }

    /** {@code CREATE TYPE name AS (attr type, ...)}: a composite type (its attributes as column definitions). */
    record CreateCompositeType(QualifiedName name, List<ColumnDef> attributes) implements DdlCommand {
        @Override
        public String tag() {
            return "CREATE TYPE";
        }
    }

    /** {@code DROP TYPE [IF EXISTS] name, ... [CASCADE | RESTRICT]}. */
    record DropType(List<QualifiedName> names, boolean ifExists, boolean cascade) implements DdlCommand {
        @Override
        public String tag() {
            return "DROP TYPE";
        }
    }

    // ---- enums (package ddl, EnumCommands)

    /** {@code CREATE TYPE name AS ENUM ('label', ...)}. */
    record CreateEnumType(QualifiedName name, List<String> labels) implements DdlCommand {
        @Override
        public String tag() {
            return "CREATE TYPE";
        }
    }

    /**
     * ALTER TYPE on an enum or any type's name (gram.y's AlterEnumStmt, RenameStmt, AlterObjectSchemaStmt):
     * {@code action} 'A' ADD VALUE [IF NOT EXISTS] {@code label} [BEFORE|AFTER {@code neighbor}] ({@code after}
     * says which), 'V' RENAME VALUE {@code label} TO {@code newName}, 'R' RENAME TO {@code newName}, 'S' SET
     * SCHEMA {@code newName}.
     */
    record AlterEnumType(QualifiedName name, char action, String label, String neighbor, boolean after,
            boolean ifNotExists, String newName) implements DdlCommand {
        @Override
        public String tag() {
            return "ALTER TYPE";
        }
    }

    // ---- domains (package ddl, DomainCommands)

    /** A domain's CHECK constraint: its name (null when not given), condition and NOT VALID. */
    record DomainCheck(String name, ExprText check, boolean notValid) {
    }

    /**
     * {@code CREATE DOMAIN name [AS] type [DEFAULT e] [[CONSTRAINT n] NOT NULL | NULL | CHECK (...)] ...};
     * {@code notNull} is whether NOT NULL was written (the last of NULL and NOT NULL wins).
     */
    record CreateDomain(QualifiedName name, TypeName base, ExprText defaultValue, boolean notNull,
            List<DomainCheck> checks) implements DdlCommand {
        @Override
        public String tag() {
            return "CREATE DOMAIN";
        }
    }

    /** {@code DROP DOMAIN [IF EXISTS] name, ... [CASCADE | RESTRICT]}. */
    record DropDomain(List<QualifiedName> names, boolean ifExists, boolean cascade) implements DdlCommand {
        @Override
        public String tag() {
            return "DROP DOMAIN";
        }
    }

    /**
     * One ALTER DOMAIN action (gram.y's AlterDomainStmt): 'T' SET/DROP DEFAULT ({@code defaultValue} null to
     * drop), 'N' SET NOT NULL, 'O' DROP NOT NULL, 'C' ADD CONSTRAINT ({@code check}), 'X' DROP CONSTRAINT
     * {@code constraint} [IF EXISTS], 'V' VALIDATE CONSTRAINT, 'R' RENAME TO {@code newName}, 'r' RENAME
     * CONSTRAINT {@code constraint} TO {@code newName}.
     */
    record AlterDomain(QualifiedName name, char action, ExprText defaultValue, DomainCheck check, String constraint,
            String newName, boolean ifExists) implements DdlCommand {
        @Override
        public String tag() {
            return "ALTER DOMAIN";
        }
    }

    // ---- procedures, ALTER FUNCTION, ownership (package func and roles)

    /**
     * What CREATE FUNCTION/PROCEDURE says beyond the signature and body: the kind (pg_proc.prokind, 'f' or
     * 'p'), SECURITY DEFINER, COST and ROWS (negative when not written).
     */
    record RoutineOptions(char kind, boolean securityDefiner, float cost, float rows, boolean leakproof, char parallel,
            List<RoutineChange> config) {
    }

    /** CALL name(args): the call as the expression parser read it. */
    record Call(Expr.FuncCall call, int position) implements DdlCommand {
        @Override
        public String tag() {
            return "CALL";
        }
    }

    /**
     * CREATE [OR REPLACE] TRIGGER (gram.y's CreateTrigStmt). {@code timing} is pg_trigger.tgtype's timing
     * bits (2 BEFORE, 0 AFTER, 64 INSTEAD OF), {@code events} its event bits (4 INSERT, 8 DELETE, 16 UPDATE,
     * 32 TRUNCATE); {@code updateColumns} the columns of UPDATE OF (empty if none); {@code when} the WHEN
     * condition or null; {@code args} the arguments as strings, as the trigger function sees them in TG_ARGV.
     */
    record CreateTrigger(String name, boolean orReplace, int timing, int events, List<String> updateColumns,
            QualifiedName table, boolean forEachRow, ExprText when, QualifiedName function, List<String> args,
            int position, ConstraintTrigger constraint, String oldTable, String newTable) implements DdlCommand {

        /** A plain trigger (not CREATE CONSTRAINT TRIGGER), without transition tables. */
        public CreateTrigger(String name, boolean orReplace, int timing, int events, List<String> updateColumns,
                QualifiedName table, boolean forEachRow, ExprText when, QualifiedName function, List<String> args,
                int position) {
            this(name, orReplace, timing, events, updateColumns, table, forEachRow, when, function, args, position,
                    null, null, null);
        }

        @Override
        public String tag() {
            return "CREATE TRIGGER";
        }
    }

    /** What CREATE CONSTRAINT TRIGGER adds: FROM table (null if none), [NOT] DEFERRABLE, INITIALLY ... */
    record ConstraintTrigger(QualifiedName fromTable, boolean deferrable, boolean initiallyDeferred) {
    }

    /** DROP TRIGGER [IF EXISTS] name ON table [CASCADE | RESTRICT]. */
    record DropTrigger(String name, QualifiedName table, boolean ifExists, boolean cascade) implements DdlCommand {
        @Override
        public String tag() {
            return "DROP TRIGGER";
        }
    }

    /**
     * One change of ALTER FUNCTION/PROCEDURE/ROUTINE: {@code action} is "rename", "owner", "schema" (with the new
     * name in {@code value}), "volatility" ('i', 's', 'v' as text), "strict" ("true"/"false"), "security"
     * ("definer"/"invoker"), "cost", "rows" (the number as text), "leakproof" ("true"/"false"), "parallel"
     * ('s', 'r', 'u' as text); and the SET clauses: "set" (the parameter's name in {@code value}, what it is set
     * to in {@code values}), "set-current" (SET name FROM CURRENT), "reset" (RESET name and SET name TO
     * DEFAULT; {@code value} null for RESET ALL).
     */
    record RoutineChange(String action, String value, int position, List<Statement.SetValue> values) {
        public RoutineChange(String action, String value, int position) {
            this(action, value, position, null);
        }
    }

    /** ALTER FUNCTION, PROCEDURE or ROUTINE ({@code kind} 'f', 'p', 'r') name[(args)] change ... */
    record AlterFunction(char kind, FunctionSignature routine, List<RoutineChange> changes) implements DdlCommand {
        @Override
        public String tag() {
            return switch (kind) {
                case 'p' -> "ALTER PROCEDURE";
                case 'r' -> "ALTER ROUTINE";
                default -> "ALTER FUNCTION";
            };
        }
    }

    /**
     * ALTER TABLE t {ENABLE | DISABLE} TRIGGER {name | ALL | USER}: {@code name} null for ALL and USER (Tusk
     * has no internal triggers, so the two are the same).
     */
    record EnableTrigger(QualifiedName table, String name, boolean enable, int position, char state,
            boolean includeSystem) implements DdlCommand {

        /** ENABLE ('O') or DISABLE ('D'). */
        public EnableTrigger(QualifiedName table, String name, boolean enable, int position) {
            this(table, name, enable, position, enable ? 'O' : 'D', false);
        }

        @Override
        public String tag() {
            return "ALTER TABLE";
        }
    }

    /**
     * ALTER {TABLE|VIEW|SEQUENCE|SCHEMA|DATABASE|TYPE} name OWNER TO role; {@code kind} is the object kind as
     * the command tag spells it ("TABLE", ...), {@code owner} the role name (CURRENT_USER etc. resolved by the
     * parser to a marker: "current_user", "session_user" unquoted when {@code special}).
     */
    record AlterOwner(String kind, QualifiedName name, boolean ifExists, String owner, boolean special)
            implements DdlCommand {
        @Override
        public String tag() {
            return "ALTER " + kind;
        }
    }

    /**
     * ALTER DEFAULT PRIVILEGES [FOR ROLE r, ...] [IN SCHEMA s, ...] GRANT/REVOKE privileges ON {TABLES|SEQUENCES|
     * FUNCTIONS|ROUTINES|TYPES|SCHEMAS} TO/FROM grantees: {@code roles} empty for the current user,
     * {@code privileges} null for ALL, {@code objectType} pg_default_acl's defaclobjtype (r, S, f, T, n).
     */
    record AlterDefaultPrivileges(List<RoleCommand.RoleSpec> roles, List<String> schemas, boolean grant,
            boolean grantOption, List<RoleCommand.Privilege> privileges, char objectType,
            List<RoleCommand.RoleSpec> grantees) implements DdlCommand {
        @Override
        public String tag() {
            return "ALTER DEFAULT PRIVILEGES";
        }
    }

    /** REASSIGN OWNED BY old, ... TO new: the roles as written (RoleSpec). */
    record ReassignOwned(List<RoleCommand.RoleSpec> from, RoleCommand.RoleSpec to) implements DdlCommand {
        @Override
        public String tag() {
            return "REASSIGN OWNED";
        }
    }

    /** DROP OWNED BY role, ... [CASCADE | RESTRICT]. */
    record DropOwned(List<RoleCommand.RoleSpec> roles, boolean cascade) implements DdlCommand {
        @Override
        public String tag() {
            return "DROP OWNED";
        }
    }

    /**
     * ALTER TABLE ... ALTER CONSTRAINT name [NOT] DEFERRABLE [INITIALLY DEFERRED | IMMEDIATE] (foreign keys only,
     * as PostgreSQL 15).
     */
    record AlterConstraint(String name, boolean deferrable, boolean initiallyDeferred, int position)
            implements AlterAction {
    }

    /** ALTER TRIGGER name ON table RENAME TO newName. */
    record RenameTrigger(String name, QualifiedName table, String newName) implements DdlCommand {
        @Override
        public String tag() {
            return "ALTER TRIGGER";
        }
    }

    /**
     * CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]; {@code schema} and
     * {@code version} null when not written.
     */
    record CreateExtension(String name, boolean ifNotExists, String schema, String version, boolean cascade,
            int position) implements DdlCommand {
        @Override
        public String tag() {
            return "CREATE EXTENSION";
        }
    }

    /** DROP EXTENSION [IF EXISTS] name, ... [CASCADE | RESTRICT]. */
    record DropExtension(List<String> names, boolean ifExists, boolean cascade) implements DdlCommand {
        @Override
        public String tag() {
            return "DROP EXTENSION";
        }
    }

    /** ALTER EXTENSION name UPDATE [TO version]; {@code version} null for the default version. */
    record AlterExtensionUpdate(String name, String version) implements DdlCommand {
        @Override
        public String tag() {
            return "ALTER EXTENSION";
        }
    }

    /**
     * {@code ALTER TYPE name action, ...} on a composite type's attributes: ADD ATTRIBUTE name type, DROP
     * ATTRIBUTE [IF EXISTS] name, ALTER ATTRIBUTE name [SET DATA] TYPE type, RENAME ATTRIBUTE name TO new.
     */
    record AlterType(QualifiedName name, List<AttributeAction> actions) implements DdlCommand {
        @Override
        public String tag() {
            return "ALTER TYPE";
        }
    }

    /**
     * One action of ALTER TYPE: {@code kind} 'a' add, 'd' drop, 't' change the type, 'r' rename; {@code type} for
     * 'a' and 't', {@code newName} for 'r'.
     */
    record AttributeAction(char kind, String name, TypeName type, String newName, boolean ifExists) {
    }

    /** What REINDEX rebuilds: one index, a table's indexes, or those of a schema, the database, the catalogs. */
    enum ReindexTarget {
        INDEX, TABLE, SCHEMA, DATABASE, SYSTEM
    }

    /**
     * REINDEX [(VERBOSE, CONCURRENTLY, TABLESPACE ts)] {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM} [CONCURRENTLY] name;
     * {@code tablespace} is null without the option.
     */
    record Reindex(ReindexTarget target, QualifiedName name, boolean concurrently, boolean verbose, String tablespace)
            implements DdlCommand {
        @Override
        public String tag() {
            return "REINDEX";
        }
    }

    /** CLUSTER [VERBOSE] [table [USING index]]: {@code table} null re-clusters every table clustered before. */
    record Cluster(QualifiedName table, String index, boolean verbose) implements DdlCommand {
        @Override
        public String tag() {
            return "CLUSTER";
        }
    }

    /** ALTER TABLE ... CLUSTER ON index ({@code index} set) or SET WITHOUT CLUSTER ({@code index} null). */
    record ClusterOn(String index) implements AlterAction {
    }

    /**
     * ALTER [COLUMN] c [SET DATA] TYPE type [COLLATE name] [USING expr]: {@code using} is null when not
     * written (the column itself is converted), {@code collation} when COLLATE was not.
     */
    record AlterColumnType(String column, TypeName type, String collation, ExprText using, int position)
            implements AlterAction {
    }

    /** ALTER [COLUMN] c SET STATISTICS n. */
    record ColumnStatistics(String column, int target, int position) implements AlterAction {
    }

    /** ALTER [COLUMN] c SET STORAGE {PLAIN | EXTERNAL | EXTENDED | MAIN}, the word as written. */
    record ColumnStorage(String column, String storage, int position) implements AlterAction {
    }

    /** ALTER TABLE ... RENAME CONSTRAINT name TO newName. */
    record RenameConstraint(String name, String newName, int position) implements AlterAction {
    }

    /**
     * {@code LIKE source [INCLUDING | EXCLUDING option] ...} in CREATE TABLE: its columns go before the
     * column definition {@code at} (an index into the statement's column list).
     *
     * @param options the INCLUDING options in effect, a set of {@link #DEFAULTS}, ... bits
     */
    record LikeClause(QualifiedName source, int options, int at, int position) {
        public static final int COMMENTS = 1;
        public static final int COMPRESSION = 2;
        public static final int CONSTRAINTS = 4;
        public static final int DEFAULTS = 8;
        public static final int GENERATED = 16;
        public static final int IDENTITY = 32;
        public static final int INDEXES = 64;
        public static final int STATISTICS = 128;
        public static final int STORAGE = 256;
        public static final int ALL = 511;

        public boolean including(int option) {
            return (options & option) != 0;
        }
    }
}
