package org.tusk.storage.engine;

import org.tusk.storage.access.AccessException;
import org.tusk.storage.lmgr.LockException;
import org.tusk.storage.page.PageException;
import org.tusk.storage.smgr.StorageException;
import org.tusk.storage.xact.TransactionException;

/**
 * Turns the engine's errors into the {@link AccessException}s the SQL layer reports as they are: each
 * subsystem raises its own exception type with PostgreSQL's SQLSTATE, message, detail and hint
 * (lock manager 40P01/55P03/53200/57014, heap 40001/55P03, transactions 3B001/25P01/54000, storage
 * manager 58P01/58030/..., pages 54000), and the access API has one type for all of them. Anything
 * else (a bug, a value of the wrong class) passes through unchanged.
 */
final class AccessErrors {

    /** in_failed_sql_transaction. */
    static final String IN_FAILED_SQL_TRANSACTION = "25P02";
    /** no_active_sql_transaction. */
    static final String NO_ACTIVE_SQL_TRANSACTION = "25P01";

    private AccessErrors() {
    }

    static RuntimeException translate(RuntimeException e) {
        return switch (e) {
            case AccessException a -> a;
            case LockException l -> new AccessException(l.sqlState(), l.getMessage(), l.detail(), l.hint(), l);
            case EngineException x -> new AccessException(x.sqlState(), x.getMessage(), null, x);
            case TransactionException t -> new AccessException(t.sqlState(), t.getMessage(), null, t);
            case StorageException s -> new AccessException(s.sqlState(), s.getMessage(), null, s);
            case PageException p -> new AccessException(p.sqlState(), p.getMessage(), null, p);
            default -> e;
        };
    }

    /** What every command but ROLLBACK (TO SAVEPOINT) gets after an error, until then. */
    static AccessException inFailedTransaction() {
        return new AccessException(IN_FAILED_SQL_TRANSACTION,
                "current transaction is aborted, commands ignored until end of transaction block");
    }

    static AccessException noTransaction() {
        return new AccessException(NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress");
    }
}
