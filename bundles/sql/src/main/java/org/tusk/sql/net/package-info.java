/**
 * The network address types inet, cidr, macaddr and macaddr8 (PostgreSQL's network.c, mac.c, mac8.c):
 * their values, text forms, order, operators, functions and casts. Values are stored as bytea whose
 * unsigned byte order is the types' btree order ({@link org.tusk.sql.net.Inet#storageKey()}), so the
 * storage layer and its indexes need no type of their own.
 */
package org.tusk.sql.net;
