package org.tusk.sql.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.ColumnDef;
import org.tusk.sql.ast.DdlCommand.ExprText;
import org.tusk.sql.ast.DdlCommand.QualifiedName;
import org.tusk.sql.ast.DdlCommand.TableConstraint;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * gram.y's data definition rules that Tusk runs: CREATE/DROP TABLE, INDEX, VIEW, SEQUENCE, SCHEMA,
 * DATABASE, ALTER TABLE, TRUNCATE, VACUUM and ANALYZE. Returns null for a statement it does not
 * handle (CREATE FUNCTION, ...), which the caller reports as not supported yet.
 */
final class DdlParser {
    private final TokenStream in;
    private final ExprParser exprs;
    private final String sql;
    private final Supplier<Statement> select;

    DdlParser(TokenStream in, ExprParser exprs, String sql, Supplier<Statement> select) {
        this.in = in;
        this.exprs = exprs;
        this.sql = sql;
        this.select = select;
    }

    /** Parses the statement starting at the next token, or returns null (nothing consumed) if it is not one of ours. */
    Statement parse() {
        Token first = in.peek();
        DdlCommand command = switch (first.text()) {
            case "create" -> create();
            case "drop" -> drop();
            case "alter" -> FunctionParser.atRoutineKind(in.peek(1)) ? new FunctionParser(in, exprs, sql).alter()
                    : OwnerParser.atAlterOwner(in) ? OwnerParser.alterOwner(in)
                    : DefaultPrivilegesParser.at(in) ? DefaultPrivilegesParser.parse(in)
                    : in.peek(1).isKeyword("trigger") ? new TriggerParser(in, exprs, sql).alterRename()
                    : ExtensionParser.atExtension(in) ? ExtensionParser.alter(in)
                    : in.peek(1).isKeyword("table") ? alterTable()
                    : in.peek(1).isKeyword("view") ? alterView()
                    : in.peek(1).isKeyword("materialized") && in.peek(2).isKeyword("view") ? alterMatView()
                    : in.peek(1).isKeyword("type") ? alterType()
                    : in.peek(1).isKeyword("domain") ? domains().alter()
                    : in.peek(1).isKeyword("sequence") ? alterSequence() : null;
            case "call" -> new FunctionParser(in, exprs, sql).call();
            case "reassign" -> OwnerParser.reassignOwned(in);
            case "truncate" -> truncate();
            case "refresh" -> in.peek(1).isKeyword("materialized") ? refreshMatView() : null;
            case "vacuum" -> new MaintenanceParser(in, this::qualifiedName, this::nameList).vacuum();
            case "analyze", "analyse" -> new MaintenanceParser(in, this::qualifiedName, this::nameList).analyze();
            case "reindex" -> new MaintenanceParser(in, this::qualifiedName, this::nameList).reindex();
            case "cluster" -> new MaintenanceParser(in, this::qualifiedName, this::nameList).cluster();
            case "comment" -> CommentParser.parse(in, this::qualifiedName);
            case "do" -> new FunctionParser(in, exprs, sql).doBlock();
            default -> null;
        };
        return command == null ? null : new Statement.DdlStatement(command, first.position());
    }

    // ---- CREATE

    private DdlCommand create() {
        if (FunctionParser.atCreateFunction(in)) {
            return new FunctionParser(in, exprs, sql).create();
        }
        if (TriggerParser.atCreateTrigger(in)) {
            return new TriggerParser(in, exprs, sql).create();
        }
        if (ExtensionParser.atExtension(in)) {
            return ExtensionParser.create(in);
        }
        DdlCommand temporary = createTemporary();
        if (temporary != null) {
            return temporary;
        }
        if (in.peek(1).isKeyword("unlogged") && (in.peek(2).isKeyword("table") || in.peek(2).isKeyword("sequence"))) {
            // UNLOGGED is accepted and the relation is logged like any other: it survives a crash, which
            // PostgreSQL's unlogged relations do not (they are emptied); only the speed of writing differs.
            in.next();
            in.next();
            return in.next().isKeyword("table") ? createTable(false) : createSequence(false);
        }
        Token t1 = in.peek(1);
        Token t2 = in.peek(2);
        if (t1.isKeyword("domain")) {
            return domains().create();
        }
        if (t1.isKeyword("table")) {
            in.next();
            in.next();
            return createTable(false);
        }
        if (t1.isKeyword("materialized") && t2.isKeyword("view")) {
            in.next();
            in.next();
            in.next();
            return createMatView();
        }
        if (t1.isKeyword("index") || t1.isKeyword("unique") && t2.isKeyword("index")) {
            in.next();
            return createIndex();
        }
        if (t1.isKeyword("schema")) {
            in.next();
            in.next();
            boolean ifNotExists = ifNotExists();
            Token name = name();
            if (in.acceptKeyword("authorization")) {
                name();
            }
            return new DdlCommand.CreateSchema(name.text(), ifNotExists, name.position());
        }
        if (t1.isKeyword("view") || t1.isKeyword("or") && t2.isKeyword("replace") && in.peek(3).isKeyword("view")) {
            in.next();
            boolean orReplace = in.acceptKeyword("or");
            if (orReplace) {
                in.expectKeyword("replace");
            }
            in.expectKeyword("view");
            return createView(orReplace, false);
        }
        if (t1.isKeyword("sequence")) {
            in.next();
            in.next();
            return createSequence(false);
        }
        if (t1.isKeyword("database")) {
            in.next();
            in.next();
            return createDatabase();
        }
        if (t1.isKeyword("type")) {
            in.next();
            in.next();
            return createType();
        }
        return null;
    }

    /** CREATE TYPE name AS (attr type, ...); the other forms (ENUM, RANGE, base types) are not there yet. */
    private DdlCommand createType() {
        QualifiedName name = qualifiedName();
        if (in.atKeyword("as") && in.peek(1).isKeyword("enum")) {
            in.next();
            in.next();
            in.expect(TokenKind.LPAREN);
            List<String> labels = new ArrayList<>();
            if (!in.at(TokenKind.RPAREN)) {
                do {
                    labels.add(string());
                } while (in.accept(TokenKind.COMMA));
            }
            in.expect(TokenKind.RPAREN);
            return new DdlCommand.CreateEnumType(name, labels);
        }
        if (!in.atKeyword("as") || in.peek(1).kind() != TokenKind.LPAREN) {
            Token t = in.atKeyword("as") ? in.peek(1) : in.peek();
            throw SqlException.at("0A000", "CREATE TYPE other than CREATE TYPE ... AS (...) is not supported yet",
                    t.position());
        }
        in.next();
        in.expect(TokenKind.LPAREN);
        List<ColumnDef> attributes = new ArrayList<>();
        if (!in.at(TokenKind.RPAREN)) {
            do {
                Token attr = name();
                attributes.add(new ColumnDef(attr.text(), exprs.parseTypeName(), null, null, '\0', List.of(),
                        attr.position()));
            } while (in.accept(TokenKind.COMMA));
        }
        in.expect(TokenKind.RPAREN);
        return new DdlCommand.CreateCompositeType(name, attributes);
    }

    /** DROP TYPE [IF EXISTS] name, ... [CASCADE | RESTRICT]. */
    private DdlCommand dropType() {
        in.next();
        in.next();
        boolean ifExists = acceptIfExists();
        List<QualifiedName> names = new ArrayList<>();
        do {
            names.add(qualifiedName());
        } while (in.accept(TokenKind.COMMA));
        boolean cascade = in.acceptKeyword("cascade");
        if (!cascade) {
            in.acceptKeyword("restrict");
        }
        return new DdlCommand.DropType(names, ifExists, cascade);
    }

    /**
     * {@code CREATE [GLOBAL | LOCAL] {TEMPORARY | TEMP} {TABLE | SEQUENCE} ...} and {@code CREATE [OR REPLACE]
     * {TEMPORARY | TEMP} VIEW ...}: the object goes to the backend's temporary schema, as if its name were
     * written {@code pg_temp.name} (which is what PostgreSQL's RangeVarGetCreationNamespace makes of it).
     * Null if the statement is not one of these. GLOBAL is accepted and means the same, with PostgreSQL's
     * deprecation warning left out.
     */
    private DdlCommand createTemporary() {
        int k = 1;
        boolean orReplace = in.peek(1).isKeyword("or") && in.peek(2).isKeyword("replace");
        if (orReplace) {
            k = 3;
        } else if (in.peek(1).isKeyword("global") || in.peek(1).isKeyword("local")) {
            k = 2;
        }
        if (!in.peek(k).isKeyword("temp") && !in.peek(k).isKeyword("temporary")) {
            return null;
        }
        Token kind = in.peek(k + 1);
        if (!kind.isKeyword("view") && (orReplace || !kind.isKeyword("table") && !kind.isKeyword("sequence"))) {
            return null;
        }
        for (int i = 0; i <= k + 1; i++) {
            in.next();
        }
        return kind.isKeyword("table") ? createTable(true) : kind.isKeyword("view") ? createView(orReplace, true)
                : createSequence(true);
    }

    /** The name of the object a CREATE makes: for a temporary one, in schema pg_temp (the one written must be). */
    private QualifiedName createdName(boolean temporary) {
        QualifiedName name = qualifiedName();
        if (!temporary) {
            return name;
        }
        if (name.schema() != null && !name.schema().equals(org.tusk.sql.catalog.RelationCache.TEMP_ALIAS)) {
            throw SqlException.at("42P16", "cannot create temporary relation in non-temporary schema",
                    name.position());
        }
        return new QualifiedName(org.tusk.sql.catalog.RelationCache.TEMP_ALIAS, name.name(), name.position());
    }

    /**
     * {@code ON COMMIT {PRESERVE ROWS | DELETE ROWS | DROP}} after CREATE TABLE: {@code command} as is, or
     * wrapped with what each commit does to the table. Only temporary tables take it (42P16).
     */
    private DdlCommand onCommit(DdlCommand command, boolean temporary) {
        if (!in.atKeyword("on") || !in.peek(1).isKeyword("commit")) {
            return command;
        }
        in.next();
        in.next();
        char action;
        if (in.acceptKeyword("drop")) {
            action = DdlCommand.OnCommit.DROP;
        } else if (in.acceptKeyword("delete")) {
            in.expectKeyword("rows");
            action = DdlCommand.OnCommit.DELETE_ROWS;
        } else {
            in.expectKeyword("preserve");
            in.expectKeyword("rows");
            action = DdlCommand.OnCommit.PRESERVE_ROWS;
        }
        if (!temporary) {
            throw new SqlException("42P16", "ON COMMIT can only be used on temporary tables");
        }
        return action == DdlCommand.OnCommit.PRESERVE_ROWS ? command : new DdlCommand.OnCommit(command, action);
    }

    private DdlCommand createTable(boolean temporary) {
        boolean ifNotExists = ifNotExists();
        QualifiedName name = createdName(temporary);
        if (in.atKeyword("partition") && in.peek(1).isKeyword("of")) {
            return onCommit(partitionOf(name, ifNotExists), temporary);
        }
        if (atCreateTableAs()) {
            return createTableAs(name, ifNotExists, temporary);
        }
        in.expect(TokenKind.LPAREN);
        List<ColumnDef> columns = new ArrayList<>();
        List<TableConstraint> constraints = new ArrayList<>();
        List<DdlCommand.LikeClause> likes = new ArrayList<>();
        if (!in.at(TokenKind.RPAREN)) {
            do {
                if (atTableConstraint()) {
                    constraints.add(tableConstraint());
                } else if (in.atKeyword("like")) {
                    likes.add(like(columns.size()));
                } else {
                    columns.add(columnDef());
                }
            } while (in.accept(TokenKind.COMMA));
        }
        in.expect(TokenKind.RPAREN);
        if (in.atKeyword("inherits")) {
            throw SqlException.at("0A000", "CREATE TABLE ... INHERITS is not supported yet", in.peek().position());
        }
        PartitionParser partitions = new PartitionParser(in, exprs);
        DdlCommand.PartitionBy by = partitions.atPartitionBy() ? partitions.partitionBy() : null;
        DdlCommand.CreateTable table = new DdlCommand.CreateTable(name, ifNotExists, columns, constraints,
                tableOptions(), likes);
        return onCommit(by == null ? table : new DdlCommand.CreatePartitioned(table, by, null, null), temporary);
    }

    /** {@code [WITH (options) | WITHOUT OIDS]} after CREATE TABLE's definition. */
    private List<String> tableOptions() {
        if (in.acceptKeyword("with")) {
            return storageOptions();
        }
        if (in.acceptKeyword("without")) {
            in.expectKeyword("oids");
        }
        return new ArrayList<>();
    }

    /**
     * The rest of {@code CREATE TABLE name PARTITION OF parent [( constraints )] bound [PARTITION BY ...]}:
     * the columns come from the parent; only table constraints may be written here.
     */
    private DdlCommand partitionOf(QualifiedName name, boolean ifNotExists) {
        in.next();
        in.next();
        QualifiedName parent = qualifiedName();
        List<TableConstraint> constraints = new ArrayList<>();
        if (in.accept(TokenKind.LPAREN)) {
            do {
                if (!atTableConstraint()) {
                    throw SqlException.at("0A000", "column options of a partition are not supported yet",
                            in.peek().position());
                }
                constraints.add(tableConstraint());
            } while (in.accept(TokenKind.COMMA));
            in.expect(TokenKind.RPAREN);
        }
        PartitionParser partitions = new PartitionParser(in, exprs);
        DdlCommand.BoundSpec bound = partitions.bound();
        DdlCommand.PartitionBy by = partitions.atPartitionBy() ? partitions.partitionBy() : null;
        DdlCommand.CreateTable table = new DdlCommand.CreateTable(name, ifNotExists, List.of(), constraints,
                tableOptions(), List.of());
        return new DdlCommand.CreatePartitioned(table, by, parent, bound);
    }

    /**
     * Whether CREATE TABLE's name is followed by CREATE TABLE AS's clauses rather than column definitions:
     * AS or WITH at once, or a list of bare column names followed by them.
     */
    private boolean atCreateTableAs() {
        if (in.atKeyword("as") || in.atKeyword("with") || in.atKeyword("on") && in.peek(1).isKeyword("commit")) {
            return true;
        }
        if (!in.at(TokenKind.LPAREN)) {
            return false;
        }
        int i = 1;
        while (in.peek(i).kind() == TokenKind.IDENT) {
            Token after = in.peek(i + 1);
            if (after.kind() == TokenKind.RPAREN) {
                return in.peek(i + 2).isKeyword("as") || in.peek(i + 2).isKeyword("with")
                        || in.peek(i + 2).isKeyword("on");
            }
            if (after.kind() != TokenKind.COMMA) {
                return false;
            }
            i += 2;
        }
        return false;
    }

    /** The rest of CREATE TABLE name [(columns)] [WITH (options)] AS query [WITH [NO] DATA]. */
    private DdlCommand createTableAs(QualifiedName name, boolean ifNotExists, boolean temporary) {
        List<String> columns = in.at(TokenKind.LPAREN) ? nameList() : List.of();
        List<String> options = in.acceptKeyword("with") ? storageOptions() : List.of();
        DdlCommand onCommit = onCommit(null, temporary);
        in.expectKeyword("as");
        if (in.atKeyword("execute")) {
            throw SqlException.at("0A000", "CREATE TABLE AS EXECUTE is not supported yet", in.peek().position());
        }
        Statement query = select.get();
        if (!(query instanceof Statement.Select)) {
            throw TokenStream.syntaxError(in.peek());
        }
        boolean withData = withData();
        DdlCommand command = new DdlCommand.CreateTableAs(name, ifNotExists, columns, query, withData, options);
        return onCommit instanceof DdlCommand.OnCommit o ? new DdlCommand.OnCommit(command, o.action()) : command;
    }

    /** The rest of CREATE MATERIALIZED VIEW: CREATE TABLE AS's clauses, with the query's text kept. */
    private DdlCommand createMatView() {
        boolean ifNotExists = ifNotExists();
        QualifiedName name = qualifiedName();
        List<String> columns = in.at(TokenKind.LPAREN) ? nameList() : List.of();
        List<String> options = in.acceptKeyword("with") ? storageOptions() : List.of();
        in.expectKeyword("as");
        int start = in.peek().position();
        Statement query = select.get();
        if (!(query instanceof Statement.Select)) {
            throw TokenStream.syntaxError(in.peek());
        }
        String text = text(start, in.peek().position());
        boolean withData = withData();
        return new DdlCommand.CreateMatView(new DdlCommand.CreateTableAs(name, ifNotExists, columns, query, withData,
                options), text);
    }

    /** {@code [WITH [NO] DATA]}: whether rows are to be stored (the default). */
    private boolean withData() {
        if (!in.acceptKeyword("with")) {
            return true;
        }
        boolean withData = !in.acceptKeyword("no");
        in.expectKeyword("data");
        return withData;
    }

    /** {@code ALTER MATERIALIZED VIEW [IF EXISTS] name RENAME TO new}; its other forms are not there yet. */
    private DdlCommand alterMatView() {
        in.next();
        in.next();
        in.next();
        boolean ifExists = acceptIfExists();
        QualifiedName name = qualifiedName();
        if (!in.atKeyword("rename") || !in.peek(1).isKeyword("to")) {
            throw SqlException.at("0A000", "ALTER MATERIALIZED VIEW ... " + in.peek().text().toUpperCase()
                    + " is not supported yet", in.peek().position());
        }
        in.next();
        in.next();
        return new DdlCommand.RenameMatView(name, ifExists, name().text());
    }

    /** {@code REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA]}. */
    private DdlCommand refreshMatView() {
        in.next();
        in.next();
        in.expectKeyword("view");
        boolean concurrently = in.acceptKeyword("concurrently");
        QualifiedName name = qualifiedName();
        return new DdlCommand.RefreshMatView(name, concurrently, withData());
    }

    /** {@code LIKE name {INCLUDING | EXCLUDING} {COMMENTS | ... | ALL} ...} (gram.y's TableLikeClause). */
    private DdlCommand.LikeClause like(int at) {
        in.next();
        QualifiedName source = qualifiedName();
        int options = 0;
        while (in.atKeyword("including") || in.atKeyword("excluding")) {
            boolean including = in.next().text().equals("including");
            Token option = in.peek();
            int bit = switch (option.kind() == TokenKind.IDENT && !option.quoted() ? option.text() : "") {
                case "comments" -> DdlCommand.LikeClause.COMMENTS;
                case "compression" -> DdlCommand.LikeClause.COMPRESSION;
                case "constraints" -> DdlCommand.LikeClause.CONSTRAINTS;
                case "defaults" -> DdlCommand.LikeClause.DEFAULTS;
                case "generated" -> DdlCommand.LikeClause.GENERATED;
                case "identity" -> DdlCommand.LikeClause.IDENTITY;
                case "indexes" -> DdlCommand.LikeClause.INDEXES;
                case "statistics" -> DdlCommand.LikeClause.STATISTICS;
                case "storage" -> DdlCommand.LikeClause.STORAGE;
                case "all" -> DdlCommand.LikeClause.ALL;
                default -> throw TokenStream.syntaxError(option);
            };
            in.next();
            options = including ? options | bit : options & ~bit;
        }
        return new DdlCommand.LikeClause(source, options, at, source.position());
    }

    /** {@code (name = value, ...)} as reloptions text ("fillfactor=100"). */
    private List<String> storageOptions() {
        List<String> options = new ArrayList<>();
        in.expect(TokenKind.LPAREN);
        do {
            String name = name().text();
            String value = "true";
            if (in.atOp("=")) {
                in.next();
                Token v = in.next();
                value = v.text();
            }
            options.add(name + "=" + value);
        } while (in.accept(TokenKind.COMMA));
        in.expect(TokenKind.RPAREN);
        return options;
    }

    private boolean atTableConstraint() {
        return in.atKeyword("constraint") || in.atKeyword("primary") || in.atKeyword("unique")
                || in.atKeyword("check") || in.atKeyword("foreign") || in.atKeyword("exclude");
    }

    private ColumnDef columnDef() {
        Token name = name();
        var type = in.atKeyword("serial") || in.atKeyword("bigserial") || in.atKeyword("smallserial")
                || in.atKeyword("serial4") || in.atKeyword("serial8") || in.atKeyword("serial2")
                ? new org.tusk.sql.ast.TypeName(List.of(in.peek().text()), List.of(), false, in.next().position())
                : exprs.parseTypeName();
        ExprText defaultValue = null;
        Boolean notNull = null;
        char identity = '\0';
        DdlCommand.CreateSequence identityOptions = null;
        List<TableConstraint> constraints = new ArrayList<>();
        // The size of constraints just after a key constraint was added (what DEFERRABLE may follow), else -1.
        int lastKeyCount = -1;
        while (true) {
            String constraintName = null;
            int position = in.peek().position();
            if (in.acceptKeyword("constraint")) {
                constraintName = name().text();
            }
            if (atConstraintAttribute()) {
                Token attr = in.peek();
                TableConstraint last = constraints.isEmpty() || constraintName != null ? null : constraints.getLast();
                boolean[] spec = constraintAttributes(last == null ? false : last.deferrable(),
                        last == null ? false : last.initiallyDeferred());
                if (last == null || last.type() == 'c' || constraints.size() != lastKeyCount) {
                    throw SqlException.at("42601", "misplaced " + (attr.isKeyword("initially")
                            ? "INITIALLY " + (spec[1] ? "DEFERRED" : "IMMEDIATE") : attr.isKeyword("not")
                            ? "NOT DEFERRABLE" : "DEFERRABLE") + " clause", attr.position());
                }
                constraints.set(constraints.size() - 1, last.deferral(spec[0], spec[1]));
                continue;
            }
            lastKeyCount = -1;
            if (in.atKeyword("not") && in.peek(1).isKeyword("null")) {
                in.next();
                in.next();
                notNull = true;
            } else if (in.acceptKeyword("null")) {
                notNull = false;
            } else if (in.acceptKeyword("default")) {
                defaultValue = exprText();
            } else if (in.atKeyword("primary")) {
                in.next();
                in.expectKeyword("key");
                constraints.add(new TableConstraint(constraintName, 'p', List.of(name.text()), null, null, List.of(),
                        'a', 'a', position));
                lastKeyCount = constraints.size();
            } else if (in.acceptKeyword("unique")) {
                constraints.add(new TableConstraint(constraintName, 'u', List.of(name.text()), null, null, List.of(),
                        'a', 'a', position));
                lastKeyCount = constraints.size();
            } else if (in.acceptKeyword("check")) {
                in.expect(TokenKind.LPAREN);
                ExprText check = exprText();
                in.expect(TokenKind.RPAREN);
                constraints.add(new TableConstraint(constraintName, 'c', List.of(name.text()), check, null,
                        List.of(), 'a', 'a', position));
            } else if (in.acceptKeyword("references")) {
                constraints.add(references(constraintName, List.of(name.text()), position));
                lastKeyCount = constraints.size();
            } else if (in.acceptKeyword("generated")) {
                if (in.acceptKeyword("always")) {
                    identity = 'a';
                } else {
                    in.expectKeyword("by");
                    in.expectKeyword("default");
                    identity = 'd';
                }
                identityOptions = identityTail();
            } else if (in.atKeyword("collate")) {
                throw SqlException.at("0A000", "COLLATE is not supported yet", in.peek().position());
            } else if (constraintName != null) {
                throw TokenStream.syntaxError(in.peek());
            } else {
                break;
            }
        }
        return new ColumnDef(name.text(), type, defaultValue, notNull, identity, constraints, name.position(),
                identityOptions);
    }

    private TableConstraint tableConstraint() {
        TableConstraint k = tableConstraintBody();
        if (!atConstraintAttribute()) {
            return k;
        }
        Token attr = in.peek();
        boolean[] spec = constraintAttributes(false, false);
        if (k.type() == 'c' && (spec[0] || spec[1])) {
            throw new SqlException("0A000", "CHECK constraints cannot be marked " + (spec[0]
                    && !attr.isKeyword("initially") ? "DEFERRABLE" : "INITIALLY DEFERRED"));
        }
        return k.deferral(spec[0], spec[1]);
    }

    private boolean atConstraintAttribute() {
        return atConstraintAttribute(in);
    }

    static boolean atConstraintAttribute(TokenStream in) {
        return in.atKeyword("deferrable") || in.atKeyword("initially")
                || in.atKeyword("not") && in.peek(1).isKeyword("deferrable");
    }

    /**
     * [NOT] DEFERRABLE and INITIALLY {DEFERRED | IMMEDIATE} in any order (gram.y's ConstraintAttributeSpec);
     * returns {deferrable, initially deferred}. INITIALLY DEFERRED implies DEFERRABLE.
     */
    boolean[] constraintAttributes(boolean deferrable, boolean initiallyDeferred) {
        return constraintAttributes(in, deferrable, initiallyDeferred);
    }

    /** {@link #constraintAttributes(boolean, boolean)} on any token stream (CREATE CONSTRAINT TRIGGER's too). */
    static boolean[] constraintAttributes(TokenStream in, boolean deferrable, boolean initiallyDeferred) {
        Boolean saidDeferrable = null;
        Boolean saidDeferred = null;
        while (atConstraintAttribute(in)) {
            Token t = in.peek();
            if (in.acceptKeyword("initially")) {
                boolean deferred = in.acceptKeyword("deferred");
                if (!deferred) {
                    in.expectKeyword("immediate");
                }
                if (saidDeferred != null) {
                    throw SqlException.at("42601", "multiple INITIALLY IMMEDIATE/DEFERRED clauses not allowed",
                            t.position());
                }
                saidDeferred = deferred;
            } else {
                boolean not = in.acceptKeyword("not");
                in.expectKeyword("deferrable");
                if (saidDeferrable != null) {
                    throw SqlException.at("42601", "multiple DEFERRABLE/NOT DEFERRABLE clauses not allowed",
                            t.position());
                }
                saidDeferrable = !not;
            }
            if (Boolean.FALSE.equals(saidDeferrable) && Boolean.TRUE.equals(saidDeferred)) {
                throw SqlException.at("42601", "constraint declared INITIALLY DEFERRED must be DEFERRABLE",
                        t.position());
            }
        }
        boolean d = saidDeferrable != null ? saidDeferrable : deferrable;
        boolean i = saidDeferred != null ? saidDeferred : initiallyDeferred;
        return new boolean[] {d || i, i};
    }

    private TableConstraint tableConstraintBody() {
        int position = in.peek().position();
        String name = null;
        if (in.acceptKeyword("constraint")) {
            name = name().text();
        }
        if (in.atKeyword("primary")) {
            in.next();
            in.expectKeyword("key");
            return new TableConstraint(name, 'p', nameList(), null, null, List.of(), 'a', 'a', position)
                    .including(in.acceptKeyword("include") ? nameList() : List.of());
        }
        if (in.acceptKeyword("unique")) {
            return new TableConstraint(name, 'u', nameList(), null, null, List.of(), 'a', 'a', position)
                    .including(in.acceptKeyword("include") ? nameList() : List.of());
        }
        if (in.acceptKeyword("check")) {
            in.expect(TokenKind.LPAREN);
            ExprText check = exprText();
            in.expect(TokenKind.RPAREN);
            return new TableConstraint(name, 'c', List.of(), check, null, List.of(), 'a', 'a', position);
        }
        if (in.acceptKeyword("foreign")) {
            in.expectKeyword("key");
            List<String> columns = nameList();
            in.expectKeyword("references");
            return references(name, columns, position);
        }
        if (in.atKeyword("exclude")) {
            throw SqlException.at("0A000", "EXCLUDE constraints are not supported yet", in.peek().position());
        }
        throw TokenStream.syntaxError(in.peek());
    }

    /** After REFERENCES: the table, its columns and the ON DELETE/ON UPDATE actions. */
    private TableConstraint references(String name, List<String> columns, int position) {
        QualifiedName table = qualifiedName();
        List<String> refColumns = in.at(TokenKind.LPAREN) ? nameList() : List.of();
        if (in.acceptKeyword("match")) {
            if (!in.acceptKeyword("simple")) {
                throw SqlException.at("0A000", "MATCH " + in.peek().text().toUpperCase() + " is not supported yet",
                        in.peek().position());
            }
        }
        char onDelete = 'a';
        char onUpdate = 'a';
        while (in.atKeyword("on")) {
            in.next();
            boolean delete = in.acceptKeyword("delete");
            if (!delete) {
                in.expectKeyword("update");
            }
            char action = referentialAction();
            if (delete) {
                onDelete = action;
            } else {
                onUpdate = action;
            }
        }
        return new TableConstraint(name, 'f', columns, null, table, refColumns, onDelete, onUpdate, position);
    }

    private char referentialAction() {
        if (in.acceptKeyword("cascade")) {
            return 'c';
        }
        if (in.acceptKeyword("restrict")) {
            return 'r';
        }
        if (in.acceptKeyword("no")) {
            in.expectKeyword("action");
            return 'a';
        }
        in.expectKeyword("set");
        if (in.acceptKeyword("null")) {
            return 'n';
        }
        in.expectKeyword("default");
        return 'd';
    }

    private DdlCommand createIndex() {
        boolean unique = in.acceptKeyword("unique");
        in.expectKeyword("index");
        if (in.atKeyword("concurrently")) {
            in.next();
        }
        boolean ifNotExists = ifNotExists();
        String name = null;
        if (!in.atKeyword("on")) {
            name = name().text();
        }
        in.expectKeyword("on");
        in.acceptKeyword("only");
        QualifiedName table = qualifiedName();
        if (in.acceptKeyword("using")) {
            Token method = name();
            if (!method.text().equals("btree")) {
                throw SqlException.at("0A000", "access method \"" + method.text() + "\" is not supported yet",
                        method.position());
            }
        }
        in.expect(TokenKind.LPAREN);
        List<DdlCommand.IndexKey> keys = new ArrayList<>();
        do {
            keys.add(indexKey());
        } while (in.accept(TokenKind.COMMA));
        in.expect(TokenKind.RPAREN);
        List<DdlCommand.IndexKey> include = new ArrayList<>();
        if (in.acceptKeyword("include")) {
            in.expect(TokenKind.LPAREN);
            do {
                Token column = name();
                include.add(new DdlCommand.IndexKey(column.text(), false, null, column.position()));
            } while (in.accept(TokenKind.COMMA));
            in.expect(TokenKind.RPAREN);
        }
        if (in.acceptKeyword("with")) {
            storageOptions();
        }
        ExprText where = in.acceptKeyword("where") ? exprText() : null;
        return new DdlCommand.CreateIndex(name, table, unique, ifNotExists, keys, include, where);
    }

    /**
     * gram.y's index_elem: a column, a function call ({@code lower(email)}), or any expression in
     * parentheses ({@code (a + b)}), then ASC/DESC and NULLS FIRST/LAST.
     */
    private DdlCommand.IndexKey indexKey() {
        int position = in.peek().position();
        String column = null;
        ExprText expression = null;
        if (in.accept(TokenKind.LPAREN)) {
            expression = exprText();
            in.expect(TokenKind.RPAREN);
        } else if (in.peek(1).kind() == TokenKind.LPAREN || in.peek(1).kind() == TokenKind.DOT) {
            expression = exprText();
        } else {
            column = name().text();
        }
        SortOrder order = SortOrder.parse(in);
        return new DdlCommand.IndexKey(column, expression, order.descending(), order.nullsFirst(), position);
    }

    private DdlCommand createView(boolean orReplace, boolean temporary) {
        QualifiedName name = createdName(temporary);
        List<String> columns = in.at(TokenKind.LPAREN) ? nameList() : List.of();
        List<String> options = in.acceptKeyword("with") ? storageOptions() : new ArrayList<>();
        in.expectKeyword("as");
        int start = in.peek().position();
        Statement query = select.get();
        if (!(query instanceof Statement.Select s)) {
            throw TokenStream.syntaxError(in.peek());
        }
        String text = text(start, in.peek().position());
        // WITH [CASCADED | LOCAL] CHECK OPTION: gram.y turns it into the check_option reloption.
        if (in.atKeyword("with") && (in.peek(1).isKeyword("check") || in.peek(1).isKeyword("cascaded")
                || in.peek(1).isKeyword("local"))) {
            in.next();
            String kind = in.acceptKeyword("local") ? "local" : "cascaded";
            in.acceptKeyword("cascaded");
            in.expectKeyword("check");
            in.expectKeyword("option");
            options.add("check_option=" + kind);
        }
        return new DdlCommand.CreateView(name, orReplace, columns, s, text, options);
    }

    private DdlCommand createSequence(boolean temporary) {
        boolean ifNotExists = ifNotExists();
        return sequenceOptions(createdName(temporary), ifNotExists, false);
    }

    /**
     * CREATE SEQUENCE's options, or (for {@code identity}) those of an identity column's parenthesized list,
     * where SEQUENCE NAME names the sequence (null in the result's name otherwise).
     */
    private DdlCommand.CreateSequence sequenceOptions(QualifiedName name, boolean ifNotExists, boolean identity) {
        Long increment = null;
        Long min = null;
        Long max = null;
        Long start = null;
        Boolean cycle = null;
        org.tusk.sql.types.SqlType type = null;
        List<String> ownedBy = null;
        while (true) {
            if (in.acceptKeyword("increment")) {
                in.acceptKeyword("by");
                increment = signedLong();
            } else if (in.acceptKeyword("minvalue")) {
                min = signedLong();
            } else if (in.acceptKeyword("maxvalue")) {
                max = signedLong();
            } else if (in.atKeyword("no") && (in.peek(1).isKeyword("minvalue") || in.peek(1).isKeyword("maxvalue")
                    || in.peek(1).isKeyword("cycle"))) {
                in.next();
                if (in.acceptKeyword("cycle")) {
                    cycle = false;
                } else {
                    in.next();
                }
            } else if (in.acceptKeyword("start")) {
                in.acceptKeyword("with");
                start = signedLong();
            } else if (in.acceptKeyword("cache")) {
                signedLong();
            } else if (in.acceptKeyword("cycle")) {
                cycle = true;
            } else if (in.acceptKeyword("as")) {
                type = sequenceType();
            } else if (in.atKeyword("owned")) {
                ownedBy = ownedBy();
            } else if (identity && in.atKeyword("sequence") && in.peek(1).isKeyword("name")) {
                in.next();
                in.next();
                name = qualifiedName();
            } else {
                break;
            }
        }
        return new DdlCommand.CreateSequence(name, ifNotExists, increment, min, max, start, cycle, type, ownedBy);
    }

    /** After GENERATED {ALWAYS | BY DEFAULT}: AS IDENTITY [( sequence options )], the options or null. */
    private DdlCommand.CreateSequence identityTail() {
        in.expectKeyword("as");
        in.expectKeyword("identity");
        if (!in.accept(TokenKind.LPAREN)) {
            return null;
        }
        DdlCommand.CreateSequence options = sequenceOptions(null, false, true);
        in.expect(TokenKind.RPAREN);
        return options;
    }

    /** A sequence's AS type: smallint, integer or bigint (sequence.c's init_params). */
    private org.tusk.sql.types.SqlType sequenceType() {
        org.tusk.sql.ast.TypeName written = exprs.parseTypeName();
        org.tusk.sql.types.SqlType t = org.tusk.sql.types.TypeCatalog.resolve(written).type();
        if (t != org.tusk.sql.types.SqlType.INT2 && t != org.tusk.sql.types.SqlType.INT4
                && t != org.tusk.sql.types.SqlType.INT8) {
            throw new SqlException("22023", "sequence type must be smallint, integer, or bigint");
        }
        return t;
    }

    /** OWNED BY any_name: the dotted names as written (checked when the command runs). */
    private List<String> ownedBy() {
        in.expectKeyword("owned");
        in.expectKeyword("by");
        List<String> names = new ArrayList<>();
        names.add(in.colId().text());
        while (in.accept(TokenKind.DOT)) {
            names.add(in.colId().text());
        }
        return names;
    }

    /** ALTER SEQUENCE [IF EXISTS] name OWNED BY ...; the other ALTER SEQUENCE options are not there yet. */
    private DdlCommand alterSequence() {
        in.next();
        in.next();
        boolean ifExists = ifExists();
        QualifiedName name = qualifiedName();
        if (!in.atKeyword("owned")) {
            throw SqlException.at("0A000", "ALTER SEQUENCE ... " + in.peek().text().toUpperCase()
                    + " is not supported yet", in.peek().position());
        }
        return new DdlCommand.AlterSequenceOwnedBy(name, ifExists, ownedBy());
    }

    private long signedLong() {
        boolean negative = false;
        if (in.atOp("-")) {
            in.next();
            negative = true;
        } else if (in.atOp("+")) {
            in.next();
        }
        Token t = in.expect(TokenKind.INTEGER);
        try {
            long v = Long.parseLong(t.text());
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            throw SqlException.at("22003", "value \"" + t.text() + "\" is out of range for type bigint", t.position());
        }
    }

    private DdlCommand createDatabase() {
        Token name = name();
        String template = null;
        in.acceptKeyword("with");
        while (in.peek().kind() == TokenKind.IDENT) {
            Token option = in.next();
            if (in.atOp("=")) {
                in.next();
            }
            Token value = in.next();
            if (option.isKeyword("template")) {
                template = value.text();
            }
        }
        return new DdlCommand.CreateDatabase(name.text(), template, name.position());
    }

    // ---- DROP, TRUNCATE

    private DdlCommand drop() {
        Token t1 = in.peek(1);
        if (FunctionParser.atRoutineKind(t1)) {
            return new FunctionParser(in, exprs, sql).drop();
        }
        if (t1.isKeyword("owned")) {
            return OwnerParser.dropOwned(in);
        }
        if (t1.isKeyword("type")) {
            return dropType();
        }
        if (t1.isKeyword("domain")) {
            return domains().drop();
        }
        if (t1.isKeyword("trigger")) {
            return new TriggerParser(in, exprs, sql).drop();
        }
        if (t1.isKeyword("extension")) {
            return ExtensionParser.drop(in);
        }
        DdlCommand.ObjectKind kind = switch (t1.kind() == TokenKind.IDENT && !t1.quoted() ? t1.text() : "") {
            case "table" -> DdlCommand.ObjectKind.TABLE;
            case "index" -> DdlCommand.ObjectKind.INDEX;
            case "view" -> DdlCommand.ObjectKind.VIEW;
            case "sequence" -> DdlCommand.ObjectKind.SEQUENCE;
            case "schema" -> DdlCommand.ObjectKind.SCHEMA;
            case "database" -> DdlCommand.ObjectKind.DATABASE;
            case "materialized" -> in.peek(2).isKeyword("view") ? DdlCommand.ObjectKind.MATVIEW : null;
            default -> null;
        };
        if (kind == null) {
            return null;
        }
        in.next();
        in.next();
        if (kind == DdlCommand.ObjectKind.MATVIEW) {
            in.next();
        }
        if (kind == DdlCommand.ObjectKind.INDEX && in.atKeyword("concurrently")) {
            in.next();
        }
        boolean ifExists = acceptIfExists();
        List<QualifiedName> names = new ArrayList<>();
        do {
            names.add(kind == DdlCommand.ObjectKind.SCHEMA || kind == DdlCommand.ObjectKind.DATABASE
                    ? new QualifiedName(null, name().text(), in.peek().position()) : qualifiedName());
        } while (in.accept(TokenKind.COMMA));
        boolean cascade = cascade();
        if (kind == DdlCommand.ObjectKind.DATABASE && in.at(TokenKind.LPAREN)) {
            throw SqlException.at("0A000", "DROP DATABASE options are not supported yet", in.peek().position());
        }
        return new DdlCommand.Drop(kind, names, ifExists, cascade);
    }

    private boolean cascade() {
        if (in.acceptKeyword("cascade")) {
            return true;
        }
        in.acceptKeyword("restrict");
        return false;
    }

    private DdlCommand truncate() {
        in.next();
        in.acceptKeyword("table");
        List<QualifiedName> names = new ArrayList<>();
        do {
            in.acceptKeyword("only");
            names.add(qualifiedName());
        } while (in.accept(TokenKind.COMMA));
        if (in.acceptKeyword("restart") || in.acceptKeyword("continue")) {
            in.expectKeyword("identity");
        }
        return new DdlCommand.Truncate(names, cascade());
    }

    // ---- ALTER TABLE

    private DdlCommand alterTable() {
        in.next();
        in.next();
        boolean ifExists = acceptIfExists();
        in.acceptKeyword("only");
        QualifiedName name = qualifiedName();
        if ((in.atKeyword("enable") || in.atKeyword("disable")) && in.peek(1).isKeyword("trigger")
                || in.atKeyword("enable") && (in.peek(1).isKeyword("replica") || in.peek(1).isKeyword("always"))
                        && in.peek(2).isKeyword("trigger")) {
            return new TriggerParser(in, exprs, sql).enable(name);
        }
        if (in.atKeyword("attach") && in.peek(1).isKeyword("partition")) {
            in.next();
            in.next();
            QualifiedName partition = qualifiedName();
            return new DdlCommand.AttachPartition(name, partition, new PartitionParser(in, exprs).bound());
        }
        if (in.atKeyword("detach") && in.peek(1).isKeyword("partition")) {
            in.next();
            in.next();
            QualifiedName partition = qualifiedName();
            if (in.atKeyword("concurrently") || in.atKeyword("finalize")) {
                throw SqlException.at("0A000", "DETACH PARTITION " + in.peek().text().toUpperCase()
                        + " is not supported yet", in.peek().position());
            }
            return new DdlCommand.DetachPartition(name, partition);
        }
        List<DdlCommand.AlterAction> actions = new ArrayList<>();
        if (in.acceptKeyword("rename")) {
            if (in.acceptKeyword("to")) {
                actions.add(new DdlCommand.RenameTable(name().text()));
            } else {
                if (in.acceptKeyword("constraint")) {
                    Token constraint = name();
                    in.expectKeyword("to");
                    actions.add(new DdlCommand.RenameConstraint(constraint.text(), name().text(),
                            constraint.position()));
                    return new DdlCommand.AlterTable(name, ifExists, actions);
                }
                in.acceptKeyword("column");
                Token column = name();
                in.expectKeyword("to");
                actions.add(new DdlCommand.RenameColumn(column.text(), name().text(), column.position()));
            }
            return new DdlCommand.AlterTable(name, ifExists, actions);
        }
        do {
            actions.add(alterAction());
        } while (in.accept(TokenKind.COMMA));
        return new DdlCommand.AlterTable(name, ifExists, actions);
    }

    /** {@code IF EXISTS} (after DROP, ALTER TABLE, ALTER VIEW), if it is there. */
    private boolean acceptIfExists() {
        if (!in.atKeyword("if")) {
            return false;
        }
        in.next();
        in.expectKeyword("exists");
        return true;
    }

    /**
     * ALTER VIEW [IF EXISTS] name { ALTER [COLUMN] c { SET DEFAULT expr | DROP DEFAULT } | SET (options) |
     * RESET (names) } (RENAME and OWNER TO are parsed elsewhere or not at all).
     */
    private DdlCommand alterView() {
        in.next();
        in.next();
        boolean ifExists = acceptIfExists();
        QualifiedName name = qualifiedName();
        List<DdlCommand.AlterAction> actions = new ArrayList<>();
        do {
            Token t = in.peek();
            if (in.atKeyword("alter")) {
                DdlCommand.AlterAction a = alterAction();
                if (!(a instanceof DdlCommand.ColumnDefault)) {
                    throw SqlException.at("42601", "syntax error at or near \"" + t.text() + "\"", t.position());
                }
                actions.add(a);
            } else if (in.acceptKeyword("set")) {
                actions.add(new DdlCommand.ViewOptionsChange(storageOptions(), List.of()));
            } else if (in.acceptKeyword("reset")) {
                actions.add(new DdlCommand.ViewOptionsChange(List.of(), nameList()));
            } else {
                throw SqlException.at("0A000", "ALTER VIEW ... " + t.text().toUpperCase() + " is not supported yet",
                        t.position());
            }
        } while (in.accept(TokenKind.COMMA));
        return new DdlCommand.AlterView(name, ifExists, actions);
    }

    private DdlCommand.AlterAction alterAction() {
        Token t = in.peek();
        if (in.atKeyword("cluster") && in.peek(1).isKeyword("on")) {
            in.next();
            in.next();
            return new DdlCommand.ClusterOn(name().text());
        }
        if (in.atKeyword("set") && in.peek(1).isKeyword("without") && in.peek(2).isKeyword("cluster")) {
            in.next();
            in.next();
            in.next();
            return new DdlCommand.ClusterOn(null);
        }
        if (in.acceptKeyword("add")) {
            if (atTableConstraint()) {
                return new DdlCommand.AddConstraint(tableConstraint());
            }
            in.acceptKeyword("column");
            boolean ifNotExists = ifNotExists();
            return new DdlCommand.AddColumn(columnDef(), ifNotExists);
        }
        if (in.acceptKeyword("drop")) {
            if (in.acceptKeyword("constraint")) {
                boolean ifExists = ifExists();
                String constraint = name().text();
                return new DdlCommand.DropConstraint(constraint, ifExists, cascade());
            }
            in.acceptKeyword("column");
            boolean ifExists = ifExists();
            Token column = name();
            return new DdlCommand.DropColumn(column.text(), ifExists, cascade(), column.position());
        }
        if (in.atKeyword("alter") && in.peek(1).isKeyword("constraint")) {
            in.next();
            in.next();
            Token constraint = name();
            boolean[] spec = constraintAttributes(false, false);
            return new DdlCommand.AlterConstraint(constraint.text(), spec[0], spec[1], constraint.position());
        }
        if (in.acceptKeyword("alter")) {
            in.acceptKeyword("column");
            Token column = name();
            if (in.atKeyword("type") || in.atKeyword("set") && in.peek(1).isKeyword("data")) {
                return alterColumnType(column);
            }
            if (in.atKeyword("set") && in.peek(1).isKeyword("statistics")) {
                in.next();
                in.next();
                return new DdlCommand.ColumnStatistics(column.text(), signedInteger(), column.position());
            }
            if (in.atKeyword("set") && in.peek(1).isKeyword("storage")) {
                in.next();
                in.next();
                return new DdlCommand.ColumnStorage(column.text(), name().text(), column.position());
            }
            if (in.acceptKeyword("set")) {
                if (in.acceptKeyword("default")) {
                    return new DdlCommand.ColumnDefault(column.text(), exprText(), column.position());
                }
                in.expectKeyword("not");
                in.expectKeyword("null");
                return new DdlCommand.ColumnNotNull(column.text(), true, column.position());
            }
            if (in.atKeyword("add") && in.peek(1).isKeyword("generated")) {
                // What pg_dump writes for an identity column, after CREATE TABLE.
                in.next();
                in.next();
                char identity = 'a';
                if (!in.acceptKeyword("always")) {
                    in.expectKeyword("by");
                    in.expectKeyword("default");
                    identity = 'd';
                }
                return new DdlCommand.AddIdentity(column.text(), identity, identityTail(), column.position());
            }
            if (in.acceptKeyword("drop")) {
                if (in.acceptKeyword("default")) {
                    return new DdlCommand.ColumnDefault(column.text(), null, column.position());
                }
                in.expectKeyword("not");
                in.expectKeyword("null");
                return new DdlCommand.ColumnNotNull(column.text(), false, column.position());
            }
            throw SqlException.at("0A000", "ALTER COLUMN " + in.peek().text().toUpperCase() + " is not supported yet",
                    in.peek().position());
        }
        if (in.atKeyword("rename")) {
            throw TokenStream.syntaxError(t); // RENAME is a statement of its own, never one of several actions
        }
        throw SqlException.at("0A000", "ALTER TABLE ... " + t.text().toUpperCase() + " is not supported yet",
                t.position());
    }

    /** {@code [SET DATA] TYPE type [COLLATE name] [USING expr]} after ALTER [COLUMN] c. */
    private DdlCommand.AlterAction alterColumnType(Token column) {
        if (in.acceptKeyword("set")) {
            in.expectKeyword("data");
        }
        in.expectKeyword("type");
        org.tusk.sql.ast.TypeName type = exprs.parseTypeName();
        String collation = null;
        if (in.atKeyword("collate")) {
            // Only the collations that compare as this engine does are accepted (CollateClause).
            collation = in.peek(in.peek(2).kind() == TokenKind.DOT ? 3 : 1).text();
            CollateClause.parse(in, null);
        }
        ExprText using = in.acceptKeyword("using") ? exprText() : null;
        return new DdlCommand.AlterColumnType(column.text(), type, collation, using, column.position());
    }

    /** An integer constant with an optional sign (gram.y's SignedIconst). */
    private int signedInteger() {
        boolean negative = false;
        if (in.atOp("-") || in.atOp("+")) {
            negative = in.next().text().equals("-");
        }
        Token t = in.peek();
        if (t.kind() != TokenKind.INTEGER) {
            throw TokenStream.syntaxError(t);
        }
        in.next();
        int value = Integer.parseInt(t.text());
        return negative ? -value : value;
    }

    // ---- pieces

    /** An optional IF EXISTS. */
    private boolean ifExists() {
        if (in.atKeyword("if") && in.peek(1).isKeyword("exists")) {
            in.next();
            in.next();
            return true;
        }
        return false;
    }

    private boolean ifNotExists() {
        if (in.atKeyword("if") && in.peek(1).isKeyword("not")) {
            in.next();
            in.next();
            in.expectKeyword("exists");
            return true;
        }
        return false;
    }

    /** A name that may be a non-reserved keyword (ColId). */
    private Token name() {
        Token t = in.peek();
        if (t.kind() != TokenKind.IDENT) {
            throw TokenStream.syntaxError(t);
        }
        if (!t.quoted() && Keywords.category(t.text()) == Keywords.Category.RESERVED) {
            throw TokenStream.syntaxError(t);
        }
        return in.next();
    }

    private QualifiedName qualifiedName() {
        Token first = name();
        if (in.at(TokenKind.DOT)) {
            in.next();
            Token second = name();
            if (in.at(TokenKind.DOT)) {
                throw SqlException.at("0A000", "cross-database references are not implemented: "
                        + first.text() + "." + second.text() + "." + in.peek(1).text(), first.position());
            }
            return new QualifiedName(first.text(), second.text(), first.position());
        }
        return new QualifiedName(null, first.text(), first.position());
    }

    private List<String> nameList() {
        in.expect(TokenKind.LPAREN);
        List<String> names = new ArrayList<>();
        do {
            names.add(name().text());
        } while (in.accept(TokenKind.COMMA));
        in.expect(TokenKind.RPAREN);
        return names;
    }

    /** A string constant (an enum label). */
    private String string() {
        Token t = in.peek();
        if (t.kind() != TokenKind.STRING) {
            throw TokenStream.syntaxError(t);
        }
        return in.next().text();
    }

    private DomainParser domains() {
        return new DomainParser(in, exprs, this::exprText, this::qualifiedName);
    }

    /** An expression and the text it was written as. */
    private ExprText exprText() {
        int start = in.peek().position();
        Expr e = exprs.parseExpr();
        return new ExprText(e, text(start, in.peek().position()), start);
    }

    /** The query text between two 1-based character positions, trimmed. */
    private String text(int from, int to) {
        int begin = sql.offsetByCodePoints(0, from - 1);
        int end = sql.offsetByCodePoints(0, Math.min(to - 1, sql.codePointCount(0, sql.length())));
        return sql.substring(begin, end).strip();
    }

    /** {@code ALTER TYPE name {ADD|DROP|ALTER|RENAME} ATTRIBUTE ...} (the attribute forms of gram.y's AlterTypeStmt). */
    private DdlCommand alterType() {
        in.next();
        in.next();
        QualifiedName name = qualifiedName();
        List<DdlCommand.AttributeAction> actions = new ArrayList<>();
        if (in.atKeyword("add") && in.peek(1).isKeyword("value")) {
            in.next();
            in.next();
            boolean ifNotExists = ifNotExists();
            String label = string();
            boolean after = in.atKeyword("after");
            String neighbor = null;
            if (in.acceptKeyword("before") || in.acceptKeyword("after")) {
                neighbor = string();
            }
            return new DdlCommand.AlterEnumType(name, 'A', label, neighbor, after, ifNotExists, null);
        }
        if (in.atKeyword("rename") && in.peek(1).isKeyword("value")) {
            in.next();
            in.next();
            String label = string();
            in.expectKeyword("to");
            return new DdlCommand.AlterEnumType(name, 'V', label, null, false, false, string());
        }
        if (in.atKeyword("rename") && in.peek(1).isKeyword("to")) {
            in.next();
            in.next();
            return new DdlCommand.AlterEnumType(name, 'R', null, null, false, false, name().text());
        }
        if (in.atKeyword("set") && in.peek(1).isKeyword("schema")) {
            in.next();
            in.next();
            return new DdlCommand.AlterEnumType(name, 'S', null, null, false, false, name().text());
        }
        if (in.acceptKeyword("rename")) {
            in.expectKeyword("attribute");
            String from = name().text();
            in.expectKeyword("to");
            actions.add(new DdlCommand.AttributeAction('r', from, null, name().text(), false));
            in.acceptKeyword("cascade");
            in.acceptKeyword("restrict");
            return new DdlCommand.AlterType(name, actions);
        }
        do {
            if (in.acceptKeyword("add")) {
                in.expectKeyword("attribute");
                String attribute = name().text();
                actions.add(new DdlCommand.AttributeAction('a', attribute, exprs.parseTypeName(), null, false));
            } else if (in.acceptKeyword("drop")) {
                in.expectKeyword("attribute");
                boolean ifExists = false;
                if (in.acceptKeyword("if")) {
                    in.expectKeyword("exists");
                    ifExists = true;
                }
                actions.add(new DdlCommand.AttributeAction('d', name().text(), null, null, ifExists));
            } else if (in.acceptKeyword("alter")) {
                in.expectKeyword("attribute");
                String attribute = name().text();
                if (in.acceptKeyword("set")) {
                    in.expectKeyword("data");
                }
                in.expectKeyword("type");
                actions.add(new DdlCommand.AttributeAction('t', attribute, exprs.parseTypeName(), null, false));
            } else {
                throw TokenStream.syntaxError(in.peek());
            }
            in.acceptKeyword("cascade");
            in.acceptKeyword("restrict");
        } while (in.accept(TokenKind.COMMA));
        return new DdlCommand.AlterType(name, actions);
    }
}
