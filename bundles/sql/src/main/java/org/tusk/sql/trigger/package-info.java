/**
 * Triggers (PostgreSQL's commands/trigger.c): CREATE/DROP TRIGGER and ALTER TABLE ENABLE/DISABLE TRIGGER
 * write pg_trigger rows; {@link org.tusk.sql.trigger.TriggerFiring} is what an INSERT, UPDATE, DELETE or COPY
 * FROM asks, once per statement, to run its relation's BEFORE triggers at once and queue its AFTER triggers
 * to the end of the statement. Kept apart from the DML executors so that each of them needs only a few
 * calls, and a statement on a table without triggers pays one cache lookup.
 *
 * <p>{@link org.tusk.sql.trigger.AfterTriggerQueue} is the part of trigger.c's after-trigger queue that outlives
 * a statement: checks of DEFERRABLE constraints and events of deferrable constraint triggers that are deferred
 * when their statement ends, run at COMMIT or by SET CONSTRAINTS ... IMMEDIATE
 * ({@link org.tusk.sql.trigger.SetConstraints}). CREATE CONSTRAINT TRIGGER's pg_constraint row is made by
 * {@link org.tusk.sql.trigger.ConstraintTriggers}.
 */
package org.tusk.sql.trigger;
