package org.tusk.sql.ddl;

import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.ObjectKind;
import org.tusk.sql.ast.DdlCommand.QualifiedName;
import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.sql.eval.EvalContext;

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
        DdlContext ctx = new DdlContext(db, session, sink);
        switch (command) {
            case DdlCommand.CreateTable c -> CreateTableCommand.run(ctx, c);
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
            case DdlCommand.CreateSchema c -> SchemaCommands.createSchema(ctx, c);
            case DdlCommand.CreateView c -> SchemaCommands.createView(ctx, c);
            case DdlCommand.CreateSequence c -> Sequences.createCommand(ctx, c);
            case DdlCommand.CreateDatabase c -> {
                refuseInBlock("CREATE DATABASE", inTransactionBlock);
                DatabaseCommands.create(ctx, c);
            }
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
}
