package org.tusk.sql.ddl;

import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.ObjectKind;
import org.tusk.sql.ast.DdlCommand.QualifiedName;
import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.eval.EvalContext;
import org.tusk.storage.access.RelationLockMode;

/** Runs one DDL command in the session's transaction and answers with its command tag. */
public final class DdlExecutor {

    private DdlExecutor() {
    }

    /**
     * @param inTransactionBlock whether the session is inside BEGIN ... COMMIT or a multi-statement
     *        query string (where VACUUM, CREATE DATABASE and DROP DATABASE are refused with 25001)
     */
    public static void run(DdlCommand command, BackendDatabase db, EvalContext session, ResultSink sink,
            boolean inTransactionBlock) {
        if (changesState(command)) {
            org.tusk.sql.eval.ReadOnlyTransactions.prevent(session, command.tag());
        }
        runInternal(command, db, session, sink, inTransactionBlock);
    }

    /**
     * Runs a command the server itself issues (a temporary table's ON COMMIT action, DISCARD TEMP's drops),
     * which even a read-only transaction allows, as PostgreSQL's on-commit actions and RemoveTempRelations
     * bypass PreventCommandIfReadOnly.
     */
    public static void runInternal(DdlCommand command, BackendDatabase db, EvalContext session, ResultSink sink,
            boolean inTransactionBlock) {
        DdlContext ctx = new DdlContext(db, session, sink);
        if (createsNames(command)) {
            // Relation names are unique per schema through pg_class's unique index in PostgreSQL; the
            // catalogs here have no built indexes, so commands that add or rename relations take turns,
            // and each looks at the names after the previous one committed.
            ctx.lock(CatalogOids.PG_CLASS, RelationLockMode.SHARE_ROW_EXCLUSIVE);
        }
        if (command instanceof DdlCommand.CreateSchema) {
            ctx.lock(CatalogOids.PG_NAMESPACE, RelationLockMode.SHARE_ROW_EXCLUSIVE);
        }
        switch (command) {
            case DdlCommand.CreateTable c -> CreateTableCommand.run(ctx, c);
            case DdlCommand.CreatePartitioned c -> PartitionCommands.create(ctx, c);
            case DdlCommand.AttachPartition c -> PartitionCommands.attach(ctx, c);
            case DdlCommand.DetachPartition c -> PartitionCommands.detach(ctx, c);
            case DdlCommand.OnCommit c -> {
                run(c.create(), db, session, sink, inTransactionBlock);
                TempSchema.registerOnCommit(ctx, c);
                return;
            }
            case DdlCommand.CreateTableAs c -> {
                // Its tag counts the rows it stored.
                sink.commandComplete(CreateTableAsCommand.run(ctx, c));
                return;
            }
            case DdlCommand.CreateMatView c -> {
                sink.commandComplete(MatViewCommand.create(ctx, c));
                return;
            }
            case DdlCommand.RefreshMatView c -> MatViewCommand.refresh(ctx, c);
            case DdlCommand.RenameMatView c -> MatViewCommand.rename(ctx, c);
            case DdlCommand.Drop c when c.kind() == ObjectKind.DATABASE -> {
                refuseInBlock("DROP DATABASE", inTransactionBlock);
                for (QualifiedName n : c.names()) {
                    DatabaseCommands.drop(ctx, n.name(), c.ifExists());
                }
            }
            case DdlCommand.Drop c -> DropCommand.run(ctx, c);
            case DdlCommand.Truncate c -> TruncateCommand.run(ctx, c);
            case DdlCommand.CreateIndex c -> CreateIndexCommand.run(ctx, c);
            case DdlCommand.AlterTable c -> AlterTableCommand.run(ctx, c);
            case DdlCommand.AlterView c -> AlterViewCommand.run(ctx, c);
            case DdlCommand.CreateSchema c -> SchemaCommands.createSchema(ctx, c);
            case DdlCommand.CreateView c -> SchemaCommands.createView(ctx, c);
            case DdlCommand.CreateCompositeType c -> CompositeTypeCommands.create(ctx, c);
            case DdlCommand.DropType c -> CompositeTypeCommands.drop(ctx, c);
            case DdlCommand.AlterType c -> CompositeTypeAlter.run(ctx, c);
            case DdlCommand.CreateDomain c -> DomainCommands.create(ctx, c);
            case DdlCommand.CreateEnumType c -> EnumCommands.create(ctx, c);
            case DdlCommand.AlterEnumType c -> EnumCommands.alter(ctx, c);
            case DdlCommand.DropDomain c -> DomainCommands.drop(ctx, c);
            case DdlCommand.AlterDomain c -> DomainCommands.alter(ctx, c);
            case DdlCommand.CreateSequence c -> Sequences.createCommand(ctx, c);
            case DdlCommand.AlterSequenceOwnedBy c -> Sequences.alterOwnedBy(ctx, c);
            case DdlCommand.Comment c -> CommentCommand.run(ctx, c);
            case DdlCommand.CreateDatabase c -> {
                refuseInBlock("CREATE DATABASE", inTransactionBlock);
                DatabaseCommands.create(ctx, c);
            }
            case DdlCommand.CreateFunction c -> org.tusk.sql.func.FunctionCommands.create(c, db, session);
            case DdlCommand.DropFunction c -> org.tusk.sql.func.FunctionCommands.drop(c, db, sink);
            case DdlCommand.CreateTrigger c -> org.tusk.sql.trigger.TriggerCommands.create(c, db, session);
            case DdlCommand.DropTrigger c -> org.tusk.sql.trigger.TriggerCommands.drop(c, db, session, sink);
            case DdlCommand.EnableTrigger c -> org.tusk.sql.trigger.TriggerCommands.enable(c, db, session);
            case DdlCommand.RenameTrigger c -> org.tusk.sql.trigger.TriggerCommands.rename(c, db, session);
            case DdlCommand.Do c -> org.tusk.sql.func.FunctionCommands.doBlock(c, session, !inTransactionBlock);
            case DdlCommand.Call c -> org.tusk.sql.func.ProcedureCall.run(c, db, session, sink, !inTransactionBlock);
            case DdlCommand.AlterFunction c -> org.tusk.sql.func.AlterFunctionCommand.run(c, db, session);
            case DdlCommand.AlterOwner c -> org.tusk.sql.roles.OwnerCommands.run(c, db, session, sink);
            case DdlCommand.AlterDefaultPrivileges c -> org.tusk.sql.roles.DefaultPrivileges.run(c, db, session);
            case DdlCommand.ReassignOwned c -> org.tusk.sql.roles.OwnerCommands.reassign(c, db, session);
            case DdlCommand.DropOwned c -> DropOwnedCommand.run(ctx, c);
            case DdlCommand.CreateExtension c -> org.tusk.sql.extension.ExtensionCommands.create(c, db, session, sink);
            case DdlCommand.DropExtension c -> org.tusk.sql.extension.ExtensionCommands.drop(c, db, sink);
            case DdlCommand.AlterExtensionUpdate c -> org.tusk.sql.extension.ExtensionCommands.alterUpdate(c, db, sink);
            case DdlCommand.Reindex c -> ReindexCommand.run(ctx, c, inTransactionBlock);
            case DdlCommand.Cluster c -> ClusterCommand.run(ctx, c, inTransactionBlock);
            case DdlCommand.Vacuum c -> {
                if (c.vacuum()) {
                    refuseInBlock("VACUUM", inTransactionBlock);
                }
                SchemaCommands.vacuum(ctx, c);
            }
        }
        sink.commandComplete(command.tag());
    }

    private static void refuseInBlock(String what, boolean inTransactionBlock) {
        if (inTransactionBlock) {
            throw new SqlException("25001", what + " cannot run inside a transaction block");
        }
    }

    /**
     * Whether a read-only transaction must refuse the command (PostgreSQL's ClassifyUtilityCommandAsReadOnly):
     * everything but VACUUM and ANALYZE, which change no data a query sees, and DO and CALL, whose statements
     * are checked one by one.
     */
    private static boolean changesState(DdlCommand command) {
        return !(command instanceof DdlCommand.Vacuum || command instanceof DdlCommand.Do
                || command instanceof DdlCommand.Call);
    }

    /** Whether a command may add a relation name to a schema (or change one). */
    private static boolean createsNames(DdlCommand command) {
        return switch (command) {
            case DdlCommand.CreateTable c -> true;
            case DdlCommand.CreatePartitioned c -> true;
            case DdlCommand.CreateTableAs c -> true;
            case DdlCommand.CreateMatView c -> true;
            case DdlCommand.RenameMatView c -> true;
            case DdlCommand.CreateIndex c -> true;
            case DdlCommand.CreateView c -> true;
            case DdlCommand.CreateCompositeType c -> true;
            case DdlCommand.CreateDomain c -> true;
            case DdlCommand.CreateEnumType c -> true;
            case DdlCommand.CreateSequence c -> true;
            case DdlCommand.AlterTable c -> c.actions().stream().anyMatch(a -> a instanceof DdlCommand.AddConstraint
                    || a instanceof DdlCommand.AddColumn || a instanceof DdlCommand.RenameTable);
            default -> false;
        };
    }
}
