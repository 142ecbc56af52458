package org.tusk.storage.access;

/**
 * The type of a stored column by PostgreSQL's type OID, and the Java class of its values:
 *
 * <table>
 * <caption>Values by type</caption>
 * <tr><th>type (OID)</th><th>Java value</th></tr>
 * <tr><td>bool (16)</td><td>Boolean</td></tr>
 * <tr><td>int2 (21), int4 (23), int8 (20)</td><td>Short, Integer, Long</td></tr>
 * <tr><td>oid (26)</td><td>Long, 0 to 4294967295</td></tr>
 * <tr><td>float4 (700), float8 (701)</td><td>Float, Double</td></tr>
 * <tr><td>numeric (1700)</td><td>BigDecimal, or {@link NumericSpecial} for NaN and the infinities</td></tr>
 * <tr><td>text (25), varchar (1043), bpchar (1042), name (19)</td><td>String</td></tr>
 * <tr><td>bytea (17)</td><td>byte[]</td></tr>
 * <tr><td>date (1082)</td><td>LocalDate</td></tr>
 * <tr><td>time (1083)</td><td>Long, microseconds since midnight (24:00:00 is valid)</td></tr>
 * <tr><td>timestamp (1114), timestamptz (1184)</td><td>LocalDateTime, Instant</td></tr>
 * <tr><td>interval (1186)</td><td>{@link Interval}</td></tr>
 * <tr><td>uuid (2950)</td><td>UUID</td></tr>
 * <tr><td>timetz (1266)</td><td>{@link TimeWithZone}</td></tr>
 * <tr><td>arrays of the above (their array OIDs, e.g. 1007 for int4[])</td><td>List (one dimension, lower bound 1;
 * elements may be null), {@link StoredArray} for any other shape</td></tr>
 * </table>
 *
 * @param typeOid the column's type OID (an array type's OID for an array column)
 * @param notNull whether the storage may assume the column is never null (it is checked by the SQL layer)
 */
public record ColumnType(String name, int typeOid, boolean notNull) {
}
