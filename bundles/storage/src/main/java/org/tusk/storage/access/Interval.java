package org.tusk.storage.access;

/**
 * An interval as PostgreSQL stores it: microseconds, days and months kept apart, because a day is not
 * always 24 hours (DST) nor a month 30 days. On disk: time (8 bytes), day (4), month (4).
 */
public record Interval(long microseconds, int days, int months) {

    /**
     * The value compared as PostgreSQL's interval_cmp does: months as 30 days and days as 24 hours,
     * in microseconds (128-bit wide, so it never overflows).
     */
    public java.math.BigInteger comparisonKey() {
        java.math.BigInteger day = java.math.BigInteger.valueOf(86_400_000_000L);
        return java.math.BigInteger.valueOf(microseconds)
                .add(java.math.BigInteger.valueOf(days).multiply(day))
                .add(java.math.BigInteger.valueOf(months).multiply(java.math.BigInteger.valueOf(30)).multiply(day));
    }
}
