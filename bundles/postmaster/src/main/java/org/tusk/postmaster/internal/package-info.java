/**
 * The postmaster: the supervisor of one cluster. It starts every transport, accepts connections from
 * them, gives each an identity (process ID and cancel key), hands it to the configured launcher and
 * keeps the table of running backends. It never reads from a client and never parses SQL.
 */
package org.tusk.postmaster.internal;
