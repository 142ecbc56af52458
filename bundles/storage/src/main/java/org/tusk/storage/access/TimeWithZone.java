package org.tusk.storage.access;

/**
 * A stored timetz value as PostgreSQL's TimeTzADT keeps it: the time of day and the zone.
 *
 * @param microseconds microseconds since midnight, 0 .. 86,400,000,000 (24:00:00 is valid)
 * @param zone the zone's offset in seconds WEST of Greenwich (PostgreSQL's sign: '+01' is -3600)
 */
public record TimeWithZone(long microseconds, int zone) {
}
