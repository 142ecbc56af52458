/**
 * The session: runs query strings statement by statement inside implicit or explicit transactions,
 * tracks the transaction block state ReadyForQuery reports, and executes SELECT, SHOW, SET, RESET and
 * transaction control.
 */
package org.tusk.sql.session;
