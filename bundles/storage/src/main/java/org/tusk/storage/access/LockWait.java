package org.tusk.storage.access;

/**
 * What a row lock does when another running transaction holds the row (PostgreSQL's LockWaitPolicy):
 * wait for it ({@code FOR UPDATE}), fail at once with 55P03 ({@code NOWAIT}), or pass the row over
 * ({@code SKIP LOCKED}, which job queues use so that each worker takes rows nobody else has taken).
 */
public enum LockWait {
    BLOCK, ERROR, SKIP
}
