/**
 * The TCP transport: listens on listen_addresses and port, as PostgreSQL does, and hands each
 * accepted socket to the postmaster with TCP_NODELAY set (small replies must not wait for delayed
 * ACKs).
 */
package org.tusk.transport.tcp;
