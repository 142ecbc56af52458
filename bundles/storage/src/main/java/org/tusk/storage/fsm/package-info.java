/**
 * The free space map (PostgreSQL's freespace.c and fsmpage.c, simplified): a fork of each heap that
 * records, one byte per heap page, roughly how much room the page has, so an insert can find space
 * that pruning or VACUUM freed on older pages instead of extending the table for ever. It is a hint:
 * not WAL-logged, never trusted without checking the heap page under its lock. See README.md here.
 */
package org.tusk.storage.fsm;
