/**
 * The "thread" backend launcher: runs each backend on a platform thread of its own: PostgreSQL's process per connection, with a thread standing in for the process. Costs a full stack per session, blocks nothing else.
 */
package org.tusk.launcher.thread;
